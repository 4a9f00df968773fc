/**
 * For lib/catalogue's tests and bench, which may not import lib/browser: an in-memory (fake-indexeddb)
 * database with the catalogue's tables as lib/browser/database.ts declares them. database.test.ts checks
 * that the two agree.
 */
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { CatalogueDatabase } from '../../lib/catalogue/repository';

const CATALOGUE_TEST_STORES = { shelves: 'id, source', feedback: 'filmId', meta: 'key', unmatched: 'key' };

export function testCatalogueDatabase(name = 'moodreel', indexedDB: IDBFactory = new IDBFactory()): CatalogueDatabase {
  const db = new Dexie(name, { indexedDB, IDBKeyRange }) as CatalogueDatabase;
  db.version(1).stores(CATALOGUE_TEST_STORES);
  return db;
}
