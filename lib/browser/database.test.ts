import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type Dexie from 'dexie';
import { film } from '../catalogue/test-catalogue';
import { testCatalogueDatabase } from '../catalogue/test-database';
import type { HistoryEntry } from '../mood/history';
import type { HistoryStore } from '../mood/history-store';
import { eraseDatabase, openStores, type Stores } from './database';

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function stores(indexedDB = new IDBFactory()): Stores {
  const result = openStores('moodreel', { indexedDB, IDBKeyRange });
  opened.push(result.db);
  return result;
}

const imported = film({ id: 'imp-1', title: 'My Own Film', year: 2001, genres: ['Drama'], rating: 4 });
const reading: HistoryEntry = {
  at: 1,
  emotion: 'happy',
  probabilities: [0, 0, 0, 1, 0, 0, 0],
  faces: 1,
  source: 'camera',
};

/** What the database holds, table by table. */
async function contents({ catalogue, history }: Stores) {
  return {
    films: (await catalogue.importedFilms()).length,
    votes: (await catalogue.listFeedback()).length,
    notThisFilm: (await catalogue.listUnmatched()).length,
    history: await history.count(),
  };
}

async function fill(s: Stores): Promise<void> {
  await s.catalogue.commitImport([imported]);
  await s.catalogue.setFeedback({ filmId: 'imp-1', vote: 'up', emotion: 'happy', at: 1 });
  await s.catalogue.markNotThisFilm('Heat', null, 1);
  await s.history.add(reading);
}

describe('the extension database', () => {
  it('is named moodreel, holds the catalogue and the history side by side, and keeps them across reopening', async () => {
    const indexedDB = new IDBFactory();
    const first = stores(indexedDB);
    expect(first.db.name).toBe('moodreel');
    await fill(first);
    first.db.close();
    expect(await contents(stores(indexedDB))).toEqual({ films: 1, votes: 1, notThisFilm: 1, history: 1 });
  });

  it('erases films, votes, "not this film" titles and history together, and the catalogue\'s revision still rises', async () => {
    const s = stores();
    await fill(s);
    const revision = await s.catalogue.revision();
    await eraseDatabase(s);
    expect(await contents(s)).toEqual({ films: 0, votes: 0, notThisFilm: 0, history: 0 });
    expect(await s.catalogue.revision()).toBeGreaterThan(revision);
  });

  it('erases all or nothing: when the history cannot be cleared, the films and votes stay too', async () => {
    const s = stores();
    await fill(s);
    const failingHistory = { clear: () => Promise.reject(new Error('disk full')) } as unknown as HistoryStore;
    await expect(eraseDatabase({ ...s, history: failingHistory })).rejects.toThrow('disk full');
    expect(await contents(s)).toEqual({ films: 1, votes: 1, notThisFilm: 1, history: 1 });
  });

  it("declares the catalogue's tables as lib/catalogue's tests build them", async () => {
    const schema = (db: Dexie) =>
      Object.fromEntries(
        db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]),
      );
    const real = stores().db;
    const forTests = testCatalogueDatabase();
    opened.push(forTests);
    await Promise.all([real.open(), forTests.open()]);
    const realSchema = schema(real);
    expect(realSchema).toMatchObject(schema(forTests));
    expect(Object.keys(realSchema).sort()).toEqual(['feedback', 'history', 'meta', 'shelves', 'unmatched']);
  });
});
