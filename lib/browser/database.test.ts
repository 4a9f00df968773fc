import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { film } from '../../tests/support/test-catalogue';
import { testCatalogueDatabase } from '../../tests/support/test-database';
import type { Correction } from '../mood/corrections';
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

const correction: Correction = {
  readAt: 1,
  at: 2,
  read: 'sad',
  readProbabilities: [0, 0, 0, 0, 0.6, 0, 0.4],
  modelProbabilities: [0, 0, 0, 0, 0.6, 0, 0.4],
  chosen: 'neutral',
  source: 'camera',
  faces: 1,
};

/** What the database holds, table by table. */
async function contents({ catalogue, history, corrections }: Stores) {
  return {
    films: (await catalogue.importedFilms()).length,
    votes: (await catalogue.listFeedback()).length,
    notThisFilm: (await catalogue.listUnmatched()).length,
    history: await history.count(),
    corrections: (await corrections.all()).length,
  };
}

async function fill(s: Stores): Promise<void> {
  await s.catalogue.commitImport([imported]);
  await s.catalogue.setFeedback({ filmId: 'imp-1', vote: 'up', emotion: 'happy', at: 1 });
  await s.catalogue.markNotThisFilm('Heat', null, 1);
  await s.history.add(reading);
  await s.corrections.put(correction);
}

describe('the extension database', () => {
  it('is named moodreel, holds the catalogue and the history side by side, and keeps them across reopening', async () => {
    const indexedDB = new IDBFactory();
    const first = stores(indexedDB);
    expect(first.db.name).toBe('moodreel');
    await fill(first);
    first.db.close();
    expect(await contents(stores(indexedDB))).toEqual({
      films: 1,
      votes: 1,
      notThisFilm: 1,
      history: 1,
      corrections: 1,
    });
  });

  it('erases films, votes, "not this film" titles, history and corrections together, and the catalogue\'s revision still rises', async () => {
    const s = stores();
    await fill(s);
    const revision = await s.catalogue.revision();
    await eraseDatabase(s);
    expect(await contents(s)).toEqual({ films: 0, votes: 0, notThisFilm: 0, history: 0, corrections: 0 });
    expect(await s.catalogue.revision()).toBeGreaterThan(revision);
  });

  it('erases all or nothing: when the history cannot be cleared, the films and votes stay too', async () => {
    const s = stores();
    await fill(s);
    const failingHistory = { clear: () => Promise.reject(new Error('disk full')) } as unknown as HistoryStore;
    await expect(eraseDatabase({ ...s, history: failingHistory })).rejects.toThrow('disk full');
    expect(await contents(s)).toEqual({ films: 1, votes: 1, notThisFilm: 1, history: 1, corrections: 1 });
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
    expect(Object.keys(realSchema).sort()).toEqual([
      'corrections',
      'feedback',
      'history',
      'meta',
      'shelves',
      'unmatched',
    ]);
  });

  it('opens a version 2 database (before corrections) with its history kept, and adds the corrections table', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('moodreel', { indexedDB, IDBKeyRange });
    old.version(1).stores({ shelves: 'id, source', feedback: 'filmId', meta: 'key', history: '++id, at' });
    old.version(2).stores({ unmatched: 'key' });
    await old.table('history').add(reading);
    old.close();
    const s = stores(indexedDB);
    expect(await s.history.count()).toBe(1);
    await s.corrections.put(correction);
    expect(await s.corrections.all()).toEqual([correction]);
  });

  it('puts a corrected reading in place of the one it corrects in the history', async () => {
    const s = stores();
    await s.history.add(reading);
    await s.history.add({ ...reading, at: 5 });
    await s.history.replace(1, {
      ...reading,
      at: 9,
      emotion: 'sad',
      probabilities: [0, 0, 0, 0, 1, 0, 0],
      source: 'chosen',
    });
    expect((await s.history.all()).map((e) => [e.at, e.emotion, e.source])).toEqual([
      [5, 'happy', 'camera'],
      [9, 'sad', 'chosen'],
    ]);
  });

  it('keeps one correction per reading: a second choice replaces the first, and they can be forgotten', async () => {
    const s = stores();
    await s.corrections.put(correction);
    await s.corrections.put({ ...correction, at: 3, chosen: 'happy' });
    await s.corrections.put({ ...correction, readAt: 4, at: 5 });
    expect((await s.corrections.all()).map((c) => [c.readAt, c.chosen])).toEqual([
      [1, 'happy'],
      [4, 'neutral'],
    ]);
    await s.corrections.remove(1);
    expect((await s.corrections.all()).map((c) => c.readAt)).toEqual([4]);
    await s.corrections.removeMany([4]);
    expect(await s.corrections.all()).toEqual([]);
    await expect(s.corrections.put({ ...correction, read: 'bored' as never })).rejects.toThrow(/not a correction/);
  });
});
