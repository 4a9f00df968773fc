/** Corrections in the extension's IndexedDB (their own table in the one database, lib/browser/database.ts). */
import type { EntityTable } from 'dexie';
import { isCorrection, type Correction } from './corrections';

/** The table the corrections keep, keyed by the corrected reading's time. */
export interface CorrectionTables {
  corrections: EntityTable<Correction, 'readAt'>;
}

export class CorrectionStore {
  constructor(readonly db: CorrectionTables) {}

  /** Keeps a correction; one for the same reading replaces it. */
  async put(correction: Correction): Promise<void> {
    if (!isCorrection(correction)) throw new Error('not a correction');
    await this.db.corrections.put(correction);
  }

  /** Forgets the correction of the reading made at `readAt` (the user chose what had been read after all). */
  async remove(readAt: number): Promise<void> {
    await this.db.corrections.delete(readAt);
  }

  /** Forgets these (folded into the resting face, so they are not counted twice). */
  async removeMany(readAts: readonly number[]): Promise<void> {
    await this.db.corrections.bulkDelete([...readAts]);
  }

  /** Every correction kept, oldest first (rows that do not check out are skipped). */
  async all(): Promise<Correction[]> {
    return (await this.db.corrections.orderBy('at').toArray()).filter(isCorrection);
  }

  async clear(): Promise<void> {
    await this.db.corrections.clear();
  }
}
