/**
 * Browser glue for the catalogue in the background service worker: seeds the built-in films into the
 * extension's IndexedDB (on install and update, and whenever they are missing), and keeps the films, a title
 * index and the feedback in memory, reloaded only when the repository's revision says something changed
 * (an import or an erase on the options page writes to the same database).
 */
import { browser } from 'wxt/browser';
import { BUILTIN_CATALOGUE_PATH, decodeBuiltinCatalogue } from '../catalogue/builtin';
import { buildTitleIndex, type TitleIndex } from '../catalogue/match';
import type { CatalogueRepository, SeedOutcome } from '../catalogue/repository';
import type { Feedback, Film } from '../catalogue/types';
import { withUserRatings } from '../catalogue/user-ratings';

/** What the picks and the title matching read, consistent with one revision of the database. */
export interface CatalogueSnapshot {
  revision: number;
  films: readonly Film[];
  byId: ReadonlyMap<string, Film>;
  index: TitleIndex;
  feedback: readonly Feedback[];
  /** Keys of the titles marked "not this film": never matched. */
  unmatched: ReadonlySet<string>;
}

export interface CatalogueServiceOptions {
  /** The catalogue's repository on the extension's database (lib/browser/database.ts opens it). */
  repository: CatalogueRepository;
  /** The built-in catalogue file's text (default: fetched from the extension itself). */
  loadBuiltin?: () => Promise<string>;
}

export interface CatalogueService {
  readonly repository: CatalogueRepository;
  /** Seeds the built-in catalogue if absent or older than the shipped one. */
  seed(): Promise<SeedOutcome>;
  /** Seeds only when no built-in catalogue is stored (a first start, or after "erase everything"). */
  ensureSeeded(): Promise<void>;
  /** The current films, index and feedback (cached; one revision read when nothing changed). */
  snapshot(): Promise<CatalogueSnapshot>;
}

async function fetchBuiltin(): Promise<string> {
  const response = await fetch(browser.runtime.getURL(BUILTIN_CATALOGUE_PATH as '/'));
  if (!response.ok) throw new Error(`the built-in catalogue is missing (${response.status})`);
  return response.text();
}

/**
 * The title index, built on its first use: the popup's picks never need it, and building it over 88,000
 * films takes about a second in a service worker that has just woken up.
 */
function lazyTitleIndex(films: readonly Film[]): TitleIndex {
  let built: TitleIndex | null = null;
  const index = () => (built ??= buildTitleIndex(films));
  return {
    get size() {
      return index().size;
    },
    match: (title, year, kind, context) => index().match(title, year, kind, context),
    candidates: (key) => index().candidates(key),
  };
}

export function createCatalogueService(options: CatalogueServiceOptions): CatalogueService {
  const repository = options.repository;
  const loadBuiltin = options.loadBuiltin ?? fetchBuiltin;
  let seeding: Promise<SeedOutcome> | null = null;
  let cached: CatalogueSnapshot | null = null;
  let loading: Promise<CatalogueSnapshot> | null = null;

  function seed(): Promise<SeedOutcome> {
    // One seeding at a time: install, a first picks request and a first match batch can all ask at once.
    seeding ??= (async () => {
      const builtin = decodeBuiltinCatalogue(await loadBuiltin());
      return repository.seedBuiltin(builtin.films, builtin.version);
    })().finally(() => {
      seeding = null;
    });
    return seeding;
  }

  async function ensureSeeded(): Promise<void> {
    if ((await repository.builtinVersion()) === null) await seed();
  }

  /** The films, by id and indexed by title, for one films revision (kept across votes: 88,000 films take ~1 s to read and index). */
  let filmsCache: {
    filmsRevision: number;
    films: readonly Film[];
    byId: ReadonlyMap<string, Film>;
    index: TitleIndex;
  } | null = null;

  async function load(): Promise<CatalogueSnapshot> {
    // "Erase everything" empties the database: the built-in films come back before anything is read.
    await ensureSeeded();
    const [revision, filmsRevision] = await Promise.all([repository.revision(), repository.filmsRevision()]);
    if (filmsCache?.filmsRevision !== filmsRevision) {
      // The user's ratings of built-in films (imported lines naming them) fold into those films.
      const films = withUserRatings(await repository.allFilms());
      filmsCache = { filmsRevision, films, byId: new Map(films.map((f) => [f.id, f])), index: lazyTitleIndex(films) };
    }
    const [feedback, unmatched] = await Promise.all([repository.listFeedback(), repository.listUnmatched()]);
    const { films, byId, index } = filmsCache;
    return { revision, films, byId, index, feedback, unmatched: new Set(unmatched.map((row) => row.key)) };
  }

  return {
    repository,
    seed,
    ensureSeeded,
    async snapshot() {
      // Every write (import, vote, erase) raises the revision in its own transaction: one read says all.
      if (cached && (await repository.revision()) === cached.revision) return cached;
      loading ??= load()
        .then((snapshot) => {
          cached = snapshot;
          return snapshot;
        })
        .finally(() => {
          loading = null;
        });
      return loading;
    },
  };
}
