/** Mood history in the extension's IndexedDB (same database as the catalogue, its own table). */
import { MoodReelDatabase } from '../catalogue/repository';
import { isHistoryEntry, type HistoryEntry } from './history';

export class HistoryStore {
  constructor(readonly db: MoodReelDatabase = new MoodReelDatabase()) {}

  async add(entry: HistoryEntry): Promise<void> {
    if (!isHistoryEntry(entry)) throw new Error('not a history entry');
    const { id: _ignored, ...row } = entry;
    await this.db.history.add(row);
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
