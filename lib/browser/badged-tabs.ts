/**
 * Which films the background said fit, for which tab: what the popup lists under "Badged on this page", each
 * with "Not this film". The background learns it from the `match-titles` messages themselves (the browser
 * says which tab and document sent each one), so the page is never asked and never involved.
 *
 * Per tab: the document that asked last (a reload or another page starts the list again), and for each title
 * its film and the site-state counter (`moodKey`) it was answered under: the popup lists only what was
 * answered under the current counter, since the tab asks everything again whenever the counter moves.
 * Kept in session storage (closed to content scripts) as well, so a service worker that stopped and started
 * again still knows; bounded per tab and in tabs.
 */
import type { CheckedItem } from './checked-item';
import { defineCheckedItem } from './checked-item';

/** A film badged on a tab, as the popup lists it. */
export interface BadgedFilm {
  /** The title as the tile showed it: what "Not this film" turns down. */
  title: string;
  filmId: string;
  /** The film it was matched to: "Get Smart (2008)". */
  name: string;
  genres: string[];
}

interface TabRecord {
  tabId: number;
  documentId: string | null;
  /** By the title's lower-case form; the latest answer last (Map order). */
  films: Map<string, { film: BadgedFilm; moodKey: number }>;
}

const MAX_TABS = 40;
const MAX_FILMS_PER_TAB = 300;

interface StoredTab {
  tabId: number;
  documentId: string | null;
  films: { film: BadgedFilm; moodKey: number }[];
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** The stored record, checked (anything unusable reads as nothing). */
export function parseBadgedTabs(stored: unknown): StoredTab[] | undefined {
  if (!Array.isArray(stored) || stored.length > MAX_TABS) return undefined;
  const tabs: StoredTab[] = [];
  for (const tab of stored as unknown[]) {
    const { tabId, documentId, films } = (tab ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(tabId) || !(documentId === null || isString(documentId)) || !Array.isArray(films))
      return undefined;
    const clean: StoredTab['films'] = [];
    for (const entry of films.slice(0, MAX_FILMS_PER_TAB) as unknown[]) {
      const { film, moodKey } = (entry ?? {}) as { film?: Record<string, unknown>; moodKey?: unknown };
      if (!film || typeof moodKey !== 'number') return undefined;
      const { title, filmId, name, genres } = film;
      if (!isString(title) || !isString(filmId) || !isString(name) || !Array.isArray(genres) || !genres.every(isString))
        return undefined;
      clean.push({ film: { title, filmId, name, genres: [...genres] }, moodKey });
    }
    tabs.push({ tabId: tabId as number, documentId, films: clean });
  }
  return tabs;
}

export class BadgedTabs {
  private tabs = new Map<number, TabRecord>();
  private loaded: Promise<void> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: CheckedItem<StoredTab[]> | null = defineCheckedItem<StoredTab[]>(
      'session:badgedOnTabs',
      [],
      parseBadgedTabs,
    ),
  ) {}

  /**
   * The answer to one `match-titles` message from a tab: `answered[i]` is the film the i-th title was badged
   * as, or null (no badge: whatever that title was badged as before is no longer).
   */
  async record(
    tab: { tabId: number; documentId?: string | null },
    moodKey: number,
    titles: readonly string[],
    answered: readonly (BadgedFilm | null)[],
  ): Promise<void> {
    await this.load();
    const documentId = tab.documentId ?? null;
    let record = this.tabs.get(tab.tabId);
    if (!record || (documentId !== null && record.documentId !== documentId)) {
      record = { tabId: tab.tabId, documentId, films: new Map() };
    }
    // Most recently used last, so the oldest tab is the one let go.
    this.tabs.delete(tab.tabId);
    this.tabs.set(tab.tabId, record);
    titles.forEach((title, i) => {
      const key = title.toLowerCase();
      const film = answered[i];
      record.films.delete(key);
      if (film) record.films.set(key, { film, moodKey });
    });
    for (const key of record.films.keys()) {
      if (record.films.size <= MAX_FILMS_PER_TAB) break;
      record.films.delete(key);
    }
    for (const tabId of this.tabs.keys()) {
      if (this.tabs.size <= MAX_TABS) break;
      this.tabs.delete(tabId);
    }
    await this.save();
  }

  /** The films badged on a tab under the current counter, in the order the tab asked for them. */
  async list(tabId: number, moodKey: number): Promise<BadgedFilm[]> {
    await this.load();
    const record = this.tabs.get(tabId);
    if (!record) return [];
    return [...record.films.values()].filter((entry) => entry.moodKey === moodKey).map((entry) => entry.film);
  }

  /** A title turned down: no tab lists it any more (until a tab is answered for it again). */
  async drop(title: string): Promise<void> {
    await this.load();
    for (const record of this.tabs.values()) record.films.delete(title.toLowerCase());
    await this.save();
  }

  /** A tab closed. */
  async forgetTab(tabId: number): Promise<void> {
    await this.load();
    if (this.tabs.delete(tabId)) await this.save();
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const stored = (await this.store?.getValue().catch(() => [])) ?? [];
      const known = this.tabs;
      this.tabs = new Map(
        stored.map((tab) => [
          tab.tabId,
          {
            tabId: tab.tabId,
            documentId: tab.documentId,
            films: new Map(tab.films.map((entry) => [entry.film.title.toLowerCase(), entry])),
          },
        ]),
      );
      // Anything recorded while loading wins over the stored copy.
      for (const [tabId, record] of known) this.tabs.set(tabId, record);
    })();
    return this.loaded;
  }

  private save(): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const snapshot: StoredTab[] = [...this.tabs.values()].map((record) => ({
      tabId: record.tabId,
      documentId: record.documentId,
      films: [...record.films.values()],
    }));
    // Writes in order, each the whole (small) record; a failed write is not the caller's problem.
    this.saving = this.saving.then(() => store.setValue(snapshot)).catch(() => undefined);
    return this.saving;
  }
}
