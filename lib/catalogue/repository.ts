/**
 * The catalogue's IndexedDB store (Dexie): films, the latest vote per film, and a little metadata.
 * Every write runs in one transaction that also raises `revision`, so a cache can tell by one read
 * whether anything changed. Bad input throws before anything is written.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { HistoryEntry } from '../mood/history';
import type { Feedback, Film } from './types';
import { assertFeedbackList, assertFilms, cleanFeedback, cleanFilm, feedbackProblem } from './validate';

export const DATABASE_NAME = 'moodreel';

type MetaKey = 'builtinVersion' | 'revision';
interface MetaRow {
  key: MetaKey;
  value: number;
}

export class MoodReelDatabase extends Dexie {
  films!: EntityTable<Film, 'id'>;
  feedback!: EntityTable<Feedback, 'filmId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  /** Mood history (only while the user has it on): one row per reading, never an image. */
  history!: EntityTable<HistoryEntry, 'id'>;

  constructor(name: string = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    // Schema history: add a version below with what changed; never edit one that has shipped.
    this.version(1).stores({
      films: 'id, source',
      feedback: 'filmId',
      meta: 'key',
    });
    this.version(2).stores({ history: '++id, at' });
  }
}

/** The user's own data: imported films and every vote (the built-in catalogue is not part of it). */
export interface CatalogueState {
  films: Film[];
  feedback: Feedback[];
}

export interface SeedOutcome {
  /**
   * 'seeded': there was no built-in catalogue; 'updated': an older one was replaced; 'unchanged': this
   * version is already there; 'kept-newer': a newer version is there and stays.
   */
  action: 'seeded' | 'updated' | 'unchanged' | 'kept-newer';
  /** The version stored now. */
  version: number;
  previousVersion: number | null;
  /** Built-in films written (0 unless seeded or updated). */
  films: number;
}

export interface RepositoryOptions {
  /** An open or unopened database to use (tests pass one built on fake-indexeddb). */
  db?: MoodReelDatabase;
  /** Database name when `db` is not given (default "moodreel"). */
  name?: string;
  /** Dexie options when `db` is not given, e.g. `{ indexedDB, IDBKeyRange }` from fake-indexeddb. */
  dexie?: DexieOptions;
}

export class CatalogueRepository {
  readonly db: MoodReelDatabase;

  constructor(options: RepositoryOptions = {}) {
    this.db = options.db ?? new MoodReelDatabase(options.name, options.dexie);
  }

  /** Raises the revision; call inside a write transaction that includes `meta`. */
  private async bumpRevision(): Promise<void> {
    const row = await this.db.meta.get('revision');
    await this.db.meta.put({ key: 'revision', value: (row?.value ?? 0) + 1 });
  }

  /**
   * Stores the built-in catalogue when there is none or when `version` is newer than the stored one:
   * the built-in films are replaced in one transaction; imported films and feedback are left alone.
   */
  async seedBuiltin(films: readonly Film[], version: number): Promise<SeedOutcome> {
    if (!Number.isInteger(version) || version <= 0) throw new Error('the catalogue version must be a positive integer');
    assertFilms(films, 'builtin');
    const { films: table, meta } = this.db;
    return this.db.transaction('rw', table, meta, async (): Promise<SeedOutcome> => {
      const previousVersion = (await meta.get('builtinVersion'))?.value ?? null;
      if (previousVersion !== null && previousVersion >= version) {
        const action = previousVersion === version ? 'unchanged' : 'kept-newer';
        return { action, version: previousVersion, previousVersion, films: 0 };
      }
      await table.where('source').equals('builtin').delete();
      await table.bulkPut(films.map(cleanFilm));
      await meta.put({ key: 'builtinVersion', value: version });
      await this.bumpRevision();
      return { action: previousVersion === null ? 'seeded' : 'updated', version, previousVersion, films: films.length };
    });
  }

  /** The stored built-in catalogue's version, or null when none is stored. */
  async builtinVersion(): Promise<number | null> {
    return (await this.db.meta.get('builtinVersion'))?.value ?? null;
  }

  /** Every film, built-in and imported, in id order. */
  async allFilms(): Promise<Film[]> {
    return this.db.films.toArray();
  }

  async importedFilms(): Promise<Film[]> {
    return this.db.films.where('source').equals('imported').toArray();
  }

  async counts(): Promise<{ builtin: number; imported: number }> {
    const { films } = this.db;
    return this.db.transaction('r', films, async () => ({
      builtin: await films.where('source').equals('builtin').count(),
      imported: await films.where('source').equals('imported').count(),
    }));
  }

  /**
   * Adds imported films (an import preview's `films`) all together or not at all: an invalid film, or
   * an id already stored, throws and leaves the store as it was. Returns how many were added.
   */
  async commitImport(films: readonly Film[]): Promise<number> {
    assertFilms(films, 'imported');
    if (films.length === 0) return 0;
    const { films: table, meta } = this.db;
    try {
      await this.db.transaction('rw', table, meta, async () => {
        await table.bulkAdd(films.map(cleanFilm));
        await this.bumpRevision();
      });
    } catch (error) {
      throw new Error(`The import was not saved, nothing was added: ${describe(error)}`);
    }
    return films.length;
  }

  /** Deletes every imported film and the votes on them; built-in films stay. Returns how many films went. */
  async removeImported(): Promise<number> {
    const { films, feedback, meta } = this.db;
    return this.db.transaction('rw', films, feedback, meta, async () => {
      const ids = (await films.where('source').equals('imported').primaryKeys()) as string[];
      if (ids.length === 0) return 0;
      await films.bulkDelete(ids);
      await feedback.bulkDelete(ids);
      await this.bumpRevision();
      return ids.length;
    });
  }

  /** Every vote, in film id order. */
  async listFeedback(): Promise<Feedback[]> {
    return this.db.feedback.toArray();
  }

  /** Stores the latest vote on a film, replacing an earlier one. */
  async setFeedback(feedback: Feedback): Promise<void> {
    const problem = feedbackProblem(feedback);
    if (problem) throw new Error(problem);
    const { feedback: table, meta } = this.db;
    await this.db.transaction('rw', table, meta, async () => {
      await table.put(cleanFeedback(feedback));
      await this.bumpRevision();
    });
  }

  /** Takes back the vote on a film; false when there was none. */
  async clearFeedback(filmId: string): Promise<boolean> {
    if (typeof filmId !== 'string') return false;
    const { feedback, meta } = this.db;
    return this.db.transaction('rw', feedback, meta, async () => {
      if (!(await feedback.get(filmId))) return false;
      await feedback.delete(filmId);
      await this.bumpRevision();
      return true;
    });
  }

  /** Forgets every vote; returns how many there were. */
  async resetFeedback(): Promise<number> {
    const { feedback, meta } = this.db;
    return this.db.transaction('rw', feedback, meta, async () => {
      const count = await feedback.count();
      if (count === 0) return 0;
      await feedback.clear();
      await this.bumpRevision();
      return count;
    });
  }

  /** Rises with every change to what is stored (never goes back, not even on eraseAll); 0 for a new store. */
  async revision(): Promise<number> {
    return (await this.db.meta.get('revision'))?.value ?? 0;
  }

  /** The user's data for an export: imported films and all feedback. */
  async exportState(): Promise<CatalogueState> {
    const { films, feedback } = this.db;
    return this.db.transaction('r', films, feedback, async () => ({
      films: await films.where('source').equals('imported').toArray(),
      feedback: await feedback.toArray(),
    }));
  }

  /**
   * Brings back an export's films and feedback in one transaction. 'replace' (default) first removes the
   * imported films and all feedback, so the store ends as the export was; 'merge' adds to what is there,
   * the export winning where an id is in both. Invalid input throws before anything changes.
   */
  async restoreState(state: CatalogueState, mode: 'replace' | 'merge' = 'replace'): Promise<{ films: number; feedback: number }> {
    if (typeof state !== 'object' || state === null) throw new Error('expected { films, feedback }');
    assertFilms(state.films, 'imported');
    assertFeedbackList(state.feedback);
    const { films, feedback, meta } = this.db;
    await this.db.transaction('rw', films, feedback, meta, async () => {
      if (mode === 'replace') {
        await films.where('source').equals('imported').delete();
        await feedback.clear();
      }
      await films.bulkPut(state.films.map(cleanFilm));
      await feedback.bulkPut(state.feedback.map(cleanFeedback));
      await this.bumpRevision();
    });
    return { films: state.films.length, feedback: state.feedback.length };
  }

  /**
   * "Erase everything": every film, vote and the built-in version go; the revision stays and rises, so
   * caches notice. `seedBuiltin` stores the built-in catalogue again afterwards.
   */
  async eraseAll(): Promise<void> {
    const { films, feedback, meta, history } = this.db;
    await this.db.transaction('rw', [films, feedback, meta, history], async () => {
      await films.clear();
      await feedback.clear();
      await history.clear();
      await meta.where('key').notEqual('revision').delete();
      await this.bumpRevision();
    });
  }

  close(): void {
    this.db.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof Dexie.BulkError) {
    const first = Object.values(error.failuresByPos)[0];
    if (first?.name === 'ConstraintError') return 'a film with the same id is already stored';
    return first?.message ?? error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
