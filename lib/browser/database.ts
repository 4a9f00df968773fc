/**
 * The extension's one IndexedDB database (Dexie), opened only by the background and the extension's own
 * pages: its schema and every version of it live here. Each part of the data has its repository, which is
 * handed this database and sees only the tables it uses (lib/catalogue, lib/mood know nothing of Dexie's
 * schema or of each other).
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { CatalogueRepository, type CatalogueTables, type FilmShelf, type MetaRow } from '../catalogue/repository';
import type { Feedback, UnmatchedTitle } from '../catalogue/types';
import type { Correction } from '../mood/corrections';
import { CorrectionStore, type CorrectionTables } from '../mood/correction-store';
import type { HistoryEntry } from '../mood/history';
import { HistoryStore, type HistoryTables } from '../mood/history-store';

const DATABASE_NAME = 'moodreel';

class MoodReelDatabase extends Dexie implements CatalogueTables, HistoryTables, CorrectionTables {
  shelves!: EntityTable<FilmShelf, 'id'>;
  feedback!: EntityTable<Feedback, 'filmId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  /** Mood history (only while the user has it on): one row per reading, never an image. */
  history!: EntityTable<HistoryEntry, 'id'>;
  /** Titles the user said are not the film a badge named ("not this film"), by match key. */
  unmatched!: EntityTable<UnmatchedTitle, 'key'>;
  /** Corrections of readings (only while mood history is on): what was read, what the user said; never an image. */
  corrections!: EntityTable<Correction, 'readAt'>;

  constructor(name: string = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    // Schema history: add a version below with what changed; never edit one that has shipped.
    this.version(1).stores({
      shelves: 'id, source',
      feedback: 'filmId',
      meta: 'key',
      history: '++id, at',
    });
    this.version(2).stores({ unmatched: 'key' });
    this.version(3).stores({ corrections: 'readAt, at' });
  }
}

/** The database and a repository for each part of it. */
export interface Stores {
  db: MoodReelDatabase;
  catalogue: CatalogueRepository;
  history: HistoryStore;
  corrections: CorrectionStore;
}

/** Opens the database (lazily: Dexie opens it on first use) with its repositories. Tests pass fake-indexeddb. */
export function openStores(name: string = DATABASE_NAME, options?: DexieOptions): Stores {
  const db = new MoodReelDatabase(name, options);
  return {
    db,
    catalogue: new CatalogueRepository(db),
    history: new HistoryStore(db),
    corrections: new CorrectionStore(db),
  };
}

/**
 * "Erase everything"'s database step: films, votes, "not this film" titles, mood history and corrections, in
 * one transaction (all of it or nothing); the catalogue's revision still rises so caches notice.
 */
export async function eraseDatabase({ db, catalogue, history, corrections }: Stores): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await catalogue.eraseAll();
    await history.clear();
    await corrections.clear();
  });
}
