/**
 * The catalogue's IndexedDB store (Dexie): films, the latest vote per film, and a little metadata.
 * Every write runs in one transaction that also raises `revision`, so a cache can tell by one read
 * whether anything changed. Bad input throws before anything is written.
 *
 * Films are kept on "shelves" of up to SHELF_SIZE films, one IndexedDB record each, not one record per
 * film: Chromium writes 100,000 small records in 16–20 s on a 2-core machine but 100 records holding the
 * same films in under half a second, and reads them back five times faster. Nothing needs a film by id
 * from the database itself: the background keeps the films in memory, indexed.
 */
import Dexie, { type EntityTable } from 'dexie';
import { normalizeTitle } from './titles';
import type { Feedback, Film, FilmSource, UnmatchedTitle } from './types';
import { assertFeedbackList, assertFilms, cleanFeedback, cleanFilm, feedbackProblem } from './validate';

/** Films per shelf (one IndexedDB record). */
export const SHELF_SIZE = 1000;

/** Up to SHELF_SIZE films of one source, stored as one record. */
export interface FilmShelf {
  /** "builtin-0003", "imported-<batch>-0012". */
  id: string;
  source: FilmSource;
  films: Film[];
}

type MetaKey = 'builtinVersion' | 'revision' | 'filmsRevision';
export interface MetaRow {
  key: MetaKey;
  value: number;
}

/** The tables the catalogue keeps, in the database that holds them (lib/browser/database.ts declares its schema). */
export interface CatalogueTables {
  shelves: EntityTable<FilmShelf, 'id'>;
  feedback: EntityTable<Feedback, 'filmId'>;
  meta: EntityTable<MetaRow, 'key'>;
  /** Titles the user said are not the film a badge named ("not this film"), by match key. */
  unmatched: EntityTable<UnmatchedTitle, 'key'>;
}

/** A Dexie database holding at least the catalogue's tables. */
export type CatalogueDatabase = Dexie & CatalogueTables;

/** Films in id order (the order every read returns). */
function byId(films: Film[]): Film[] {
  return films.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `films` cut into shelves named `${prefix}-0000`, `${prefix}-0001`, … */
function shelve(films: readonly Film[], source: FilmSource, prefix: string): FilmShelf[] {
  const shelves: FilmShelf[] = [];
  for (let start = 0; start < films.length; start += SHELF_SIZE) {
    const n = String(shelves.length).padStart(4, '0');
    shelves.push({ id: `${prefix}-${n}`, source, films: films.slice(start, start + SHELF_SIZE).map(cleanFilm) });
  }
  return shelves;
}

/** A prefix no earlier import used (imports add shelves next to the ones already there). */
const importBatch = () => `imported-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** The user's own data: imported films and every vote (the built-in catalogue is not part of it). */
export interface CatalogueState {
  films: Film[];
  feedback: Feedback[];
  /** Titles marked "not this film" (older exports have none). */
  unmatched?: UnmatchedTitle[];
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

export class CatalogueRepository {
  constructor(readonly db: CatalogueDatabase) {}

  /** Raises the revision; call inside a write transaction that includes `meta`. */
  private async bumpRevision(films = false): Promise<void> {
    const row = await this.db.meta.get('revision');
    await this.db.meta.put({ key: 'revision', value: (row?.value ?? 0) + 1 });
    // The films' own revision: a vote leaves the films (and the title index built from them) as they were.
    if (films) {
      const filmsRow = await this.db.meta.get('filmsRevision');
      await this.db.meta.put({ key: 'filmsRevision', value: (filmsRow?.value ?? 0) + 1 });
    }
  }

  /** Raised by every write that changes the films (seeding, imports, restore, erase); votes leave it. */
  async filmsRevision(): Promise<number> {
    return (await this.db.meta.get('filmsRevision'))?.value ?? 0;
  }

  /**
   * Stores the built-in catalogue when there is none or when `version` is newer than the stored one:
   * the built-in films are replaced in one transaction; imported films and feedback are left alone.
   */
  async seedBuiltin(films: readonly Film[], version: number): Promise<SeedOutcome> {
    if (!Number.isInteger(version) || version <= 0) throw new Error('the catalogue version must be a positive integer');
    assertFilms(films, 'builtin');
    const { shelves, meta } = this.db;
    return this.db.transaction('rw', shelves, meta, async (): Promise<SeedOutcome> => {
      const previousVersion = (await meta.get('builtinVersion'))?.value ?? null;
      if (previousVersion !== null && previousVersion >= version) {
        const action = previousVersion === version ? 'unchanged' : 'kept-newer';
        return { action, version: previousVersion, previousVersion, films: 0 };
      }
      await shelves.where('source').equals('builtin').delete();
      await shelves.bulkPut(shelve(films, 'builtin', 'builtin'));
      await meta.put({ key: 'builtinVersion', value: version });
      await this.bumpRevision(true);
      return { action: previousVersion === null ? 'seeded' : 'updated', version, previousVersion, films: films.length };
    });
  }

  /** The stored built-in catalogue's version, or null when none is stored. */
  async builtinVersion(): Promise<number | null> {
    return (await this.db.meta.get('builtinVersion'))?.value ?? null;
  }

  /** Every film, built-in and imported, in id order. */
  async allFilms(): Promise<Film[]> {
    return byId((await this.db.shelves.toArray()).flatMap((shelf) => shelf.films));
  }

  async importedFilms(): Promise<Film[]> {
    return byId((await this.db.shelves.where('source').equals('imported').toArray()).flatMap((shelf) => shelf.films));
  }

  /** Films by source; an imported line that rates a built-in film (`sameAs`) adds a rating, not a film. */
  async counts(): Promise<{ builtin: number; imported: number }> {
    const counts = { builtin: 0, imported: 0 };
    await this.db.shelves.each((shelf) => {
      counts[shelf.source] += shelf.films.reduce((sum, film) => sum + (film.sameAs === undefined ? 1 : 0), 0);
    });
    return counts;
  }

  /**
   * Adds imported films (an import preview's `films`) all together or not at all: an invalid film, or
   * an id already stored, throws and leaves the store as it was. Returns how many were added.
   */
  async commitImport(films: readonly Film[]): Promise<number> {
    assertFilms(films, 'imported');
    if (films.length === 0) return 0;
    const { shelves, meta } = this.db;
    try {
      await this.db.transaction('rw', shelves, meta, async () => {
        const stored = new Set<string>();
        await shelves
          .where('source')
          .equals('imported')
          .each((shelf) => shelf.films.forEach((f) => stored.add(f.id)));
        if (films.some((f) => stored.has(f.id))) throw new Error('a film with the same id is already stored');
        await shelves.bulkAdd(shelve(films, 'imported', importBatch()));
        await this.bumpRevision(true);
      });
    } catch (error) {
      throw new Error(`The import was not saved, nothing was added: ${describe(error)}`, { cause: error });
    }
    return films.length;
  }

  /** Deletes every imported film and the votes on them; built-in films stay. Returns how many films went. */
  async removeImported(): Promise<number> {
    const { shelves, feedback, meta } = this.db;
    return this.db.transaction('rw', shelves, feedback, meta, async () => {
      const imported = shelves.where('source').equals('imported');
      const ids: string[] = [];
      await imported.each((shelf) => shelf.films.forEach((f) => ids.push(f.id)));
      if (ids.length === 0) return 0;
      await imported.delete();
      await feedback.bulkDelete(ids);
      await this.bumpRevision(true);
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

  /** The user's data for an export: imported films, all feedback and the titles marked "not this film". */
  async exportState(): Promise<CatalogueState> {
    const { shelves, feedback, unmatched } = this.db;
    return this.db.transaction('r', shelves, feedback, unmatched, async () => ({
      films: byId((await shelves.where('source').equals('imported').toArray()).flatMap((shelf) => shelf.films)),
      feedback: await feedback.toArray(),
      unmatched: await unmatched.orderBy('key').toArray(),
    }));
  }

  /**
   * "Not this film": a page's title is never matched again on this device. `filmId` is the film it was
   * matched to (shown on the options page, so the user knows what to undo). Returns the stored row.
   */
  async markNotThisFilm(title: string, filmId: string | null, at: number): Promise<UnmatchedTitle> {
    const row = unmatchedRow({ title, filmId, at });
    if (!row) throw new Error('expected a title of 1 to 200 characters');
    const { unmatched, meta } = this.db;
    await this.db.transaction('rw', unmatched, meta, async () => {
      await unmatched.put(row);
      await this.bumpRevision();
    });
    return row;
  }

  /** Every title marked "not this film", newest first. */
  async listUnmatched(): Promise<UnmatchedTitle[]> {
    return (await this.db.unmatched.toArray()).sort((a, b) => b.at - a.at);
  }

  /** Undo "not this film" for one title (by its key); true when it was there. */
  async undoNotThisFilm(key: string): Promise<boolean> {
    const { unmatched, meta } = this.db;
    return this.db.transaction('rw', unmatched, meta, async () => {
      if (!(await unmatched.get(key))) return false;
      await unmatched.delete(key);
      await this.bumpRevision();
      return true;
    });
  }

  /**
   * Brings back an export's films and feedback in one transaction. 'replace' (default) first removes the
   * imported films and all feedback, so the store ends as the export was; 'merge' adds to what is there,
   * the export winning where an id is in both. Invalid input throws before anything changes.
   */
  async restoreState(
    state: CatalogueState,
    mode: 'replace' | 'merge' = 'replace',
  ): Promise<{ films: number; feedback: number }> {
    if (typeof state !== 'object' || state === null) throw new Error('expected { films, feedback }');
    assertFilms(state.films, 'imported');
    assertFeedbackList(state.feedback);
    const unmatchedRows = (state.unmatched ?? []).map((row) => unmatchedRow(row));
    if (unmatchedRows.some((row) => row === null))
      throw new Error('"not this film" titles must be titles of 1 to 200 characters');
    const { shelves, feedback, meta, unmatched } = this.db;
    await this.db.transaction('rw', [shelves, feedback, meta, unmatched], async () => {
      const imported = shelves.where('source').equals('imported');
      // Merging rewrites the imported shelves with the export winning where an id is in both.
      const kept = new Map<string, Film>();
      if (mode === 'merge') await imported.each((shelf) => shelf.films.forEach((f) => kept.set(f.id, f)));
      for (const film of state.films) kept.set(film.id, film);
      await imported.delete();
      if (mode === 'replace') await feedback.clear();
      await shelves.bulkPut(shelve(byId([...kept.values()]), 'imported', importBatch()));
      await feedback.bulkPut(state.feedback.map(cleanFeedback));
      if (mode === 'replace') await unmatched.clear();
      await unmatched.bulkPut(unmatchedRows as UnmatchedTitle[]);
      await this.bumpRevision(true);
    });
    return { films: state.films.length, feedback: state.feedback.length };
  }

  /**
   * "Erase everything": every film, vote, "not this film" title and the built-in version go; the revision
   * stays and rises, so caches notice. `seedBuiltin` stores the built-in catalogue again afterwards.
   */
  async eraseAll(): Promise<void> {
    const { shelves, feedback, meta, unmatched } = this.db;
    await this.db.transaction('rw', [shelves, feedback, meta, unmatched], async () => {
      await shelves.clear();
      await feedback.clear();
      await unmatched.clear();
      await meta.where('key').noneOf(['revision', 'filmsRevision']).delete();
      await this.bumpRevision(true);
    });
  }

  close(): void {
    this.db.close();
  }
}

/** A "not this film" row from untrusted input (a message, an import), or null when it is not one. */
export function unmatchedRow(
  value: { title?: unknown; filmId?: unknown; at?: unknown } | null | undefined,
): UnmatchedTitle | null {
  if (typeof value !== 'object' || value === null) return null;
  const title = typeof value.title === 'string' ? value.title.replace(/\s+/gu, ' ').trim() : '';
  if (title === '' || title.length > 200) return null;
  const key = normalizeTitle(title);
  if (key === '') return null;
  const filmId = typeof value.filmId === 'string' && value.filmId.length <= 100 ? value.filmId : null;
  const at = typeof value.at === 'number' && Number.isFinite(value.at) && value.at >= 0 ? value.at : Date.now();
  return { key, title, filmId, at };
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
