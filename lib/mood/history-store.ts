/** Mood history in the extension's IndexedDB (its own table in the one database, lib/browser/database.ts). */
import type { EntityTable } from 'dexie';
import { isHistoryEntry, type HistoryEntry } from './history';

/** The table the history keeps, in the database that holds it. */
export interface HistoryTables {
  history: EntityTable<HistoryEntry, 'id'>;
}

export class HistoryStore {
  constructor(readonly db: HistoryTables) {}

  async add(entry: HistoryEntry): Promise<void> {
    if (!isHistoryEntry(entry)) throw new Error('not a history entry');
    const { id: _ignored, ...row } = entry;
    await this.db.history.add(row);
  }

  /**
   * Puts `entry` in place of the reading made at `replacedAt` (a correction replaces the reading it corrects),
   * in one transaction; with no reading at that time, it is simply added.
   */
  async replace(replacedAt: number, entry: HistoryEntry): Promise<void> {
    if (!isHistoryEntry(entry)) throw new Error('not a history entry');
    const { id: _ignored, ...row } = entry;
    const table = this.db.history;
    await table.db.transaction('rw', table, async () => {
      await table.where('at').equals(replacedAt).delete();
      await table.add(row);
    });
  }

  /** Every reading kept, oldest first (rows that do not check out are skipped). */
  async all(): Promise<HistoryEntry[]> {
    return (await this.db.history.orderBy('at').toArray()).filter(isHistoryEntry);
  }

  async count(): Promise<number> {
    return this.db.history.count();
  }

  async clear(): Promise<void> {
    await this.db.history.clear();
  }
}
