/**
 * Test and bench helpers for the sites (never bundled: only *.test.ts and bench.ts import it): a fake
 * background with a tiny catalogue, and fixture markup loaded into the document. No Node API here, so the
 * bench runs in a browser page as well.
 */
import type { Genre } from '../../lib/catalogue/types';
import type { Emotion } from '../../lib/mood/emotions';
import type { FilmPick } from '../../lib/picks/types';
import { badgeDrawing } from '../../lib/sites/text';
import type { BadgeDrawing, PicksMood, RowServices, SiteServices, SiteState, TitleQuery } from '../../lib/sites/types';

export interface FakeFilm {
  id: string;
  title: string;
  year: number;
  genres: Genre[];
}

/** A few MovieLens films (ids, titles, years, genres as in ml-latest-small) the fixtures show. */
export const FAKE_CATALOGUE: FakeFilm[] = [
  { id: '1', title: 'Toy Story', year: 1995, genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] },
  { id: '6', title: 'Heat', year: 1995, genres: ['Action', 'Crime', 'Thriller'] },
  { id: '103372', title: 'The Heat', year: 2013, genres: ['Action', 'Comedy', 'Crime'] },
  { id: '344', title: 'Ace Ventura: Pet Detective', year: 1994, genres: ['Comedy'] },
  { id: '356', title: 'Forrest Gump', year: 1994, genres: ['Comedy', 'Drama', 'Romance', 'War'] },
  { id: '318', title: 'The Shawshank Redemption', year: 1994, genres: ['Crime', 'Drama'] },
  { id: '1258', title: 'The Shining', year: 1980, genres: ['Horror'] },
  { id: '1997', title: 'The Exorcist', year: 1973, genres: ['Horror', 'Mystery'] },
  { id: '364', title: 'The Lion King', year: 1994, genres: ['Adventure', 'Animation', 'Children', 'Drama', 'Musical'] },
  { id: '5669', title: 'Bowling for Columbine', year: 2002, genres: ['Documentary'] },
  { id: '1036', title: 'Die Hard', year: 1988, genres: ['Action', 'Crime', 'Thriller'] },
  { id: '54503', title: 'Superbad', year: 2007, genres: ['Comedy'] },
  { id: '109374', title: 'The Grand Budapest Hotel', year: 2014, genres: ['Comedy', 'Drama'] },
  { id: '8533', title: 'The Notebook', year: 2004, genres: ['Drama', 'Romance'] },
  { id: '166461', title: 'Moana', year: 2016, genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] },
  { id: '177765', title: 'Coco', year: 2017, genres: ['Adventure', 'Animation', 'Children'] },
  {
    id: '106696',
    title: 'Frozen',
    year: 2013,
    genres: ['Adventure', 'Animation', 'Comedy', 'Fantasy', 'Musical', 'Romance'],
  },
  { id: '75395', title: 'Frozen', year: 2010, genres: ['Drama', 'Horror', 'Thriller'] },
];

/** The genres that fit each emotion in this fake (the real table is the ranking's). */
const FAKE_FITS: Partial<Record<Emotion, Genre[]>> = {
  happy: ['Comedy', 'Children'],
  sad: ['Drama'],
  fear: ['Horror'],
  angry: ['Action'],
  surprise: ['Documentary'],
};

export const mood = (emotion: Emotion, faces = 1): PicksMood => ({ emotion, at: Date.now(), faces });

/**
 * The fake's match: exact title (case-insensitive), the year when given; series never match; ambiguity: none.
 * It answers as the background does: how to draw the badge of a film that fits, null otherwise.
 */
function fakeMatch(query: TitleQuery, current: PicksMood | null, catalogue = FAKE_CATALOGUE): BadgeDrawing | null {
  if (query.kind === 'series' || !current) return null;
  const candidates = catalogue.filter(
    (film) =>
      film.title.toLowerCase() === query.title.toLowerCase() && (query.year == null || film.year === query.year),
  );
  if (candidates.length !== 1) return null;
  const film = candidates[0]!;
  const genre = FAKE_FITS[current.emotion]?.find((g) => film.genres.includes(g));
  if (!genre) return null;
  return badgeDrawing(
    { emotion: current.emotion, genre, reason: `${genre} · fits your ${current.emotion} mood` },
    film,
  );
}

export interface FakeBackground extends SiteServices {
  /** The mood it answers for (null: no fresh reading). */
  mood: PicksMood | null;
  /** Every match-titles request, in order. */
  matchRequests: TitleQuery[][];
  /** Make the next answers fail (the extension was reloaded, say). */
  failing: boolean;
  /** What `siteState` answers (every site alike). */
  state: SiteState;
  /** Change the state and say "redraw" to every watcher, as the background does when storage changes. */
  change(update: Partial<SiteState>): void;
  /** A new reading (null: none, or gone stale): the counter moves and every watcher hears "redraw". */
  newMood(next: PicksMood | null): void;
}

export function fakePick(id: string, title: string, extra: Partial<FilmPick> = {}): FilmPick {
  return {
    id,
    title,
    year: 1995,
    genres: ['Comedy'],
    rating: 4,
    source: 'builtin',
    reason: 'Comedy · fits your happy mood',
    ...extra,
  };
}

export function fakeBackground(initial: { mood?: PicksMood | null } = {}): FakeBackground {
  const watchers = new Set<() => void>();
  const background: FakeBackground = {
    mood: initial.mood ?? null,
    matchRequests: [],
    failing: false,
    state: { enabled: true, rowHidden: false, rowOn: true, moodKey: 0 },
    change(update) {
      background.state = { ...background.state, ...update };
      for (const changed of [...watchers]) changed();
    },
    newMood(next) {
      background.mood = next;
      background.change({ moodKey: background.state.moodKey + 1 });
    },
    async siteState() {
      if (background.failing) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ...background.state };
    },
    watchChanges(changed) {
      watchers.add(changed);
      return () => watchers.delete(changed);
    },
    async matchTitles(titles) {
      background.matchRequests.push(titles);
      if (background.failing) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { results: titles.map((query) => fakeMatch(query, background.mood)) };
    },
  };
  return background;
}

/** What the row's frame is answered, played by a test: picks for `mood`, or films many people love without one. */
export interface FakeRowBackground extends RowServices {
  mood: PicksMood | null;
  picks: FilmPick[];
  loved: FilmPick[];
  pickRequests: number;
  hides: number;
  failing: boolean;
  /** Pings the frame, as the background does when the reading, the strategy or the freshness changes. */
  change(): void;
}

export function fakeRowBackground(initial: { mood?: PicksMood | null; picks?: FilmPick[]; loved?: FilmPick[] } = {}) {
  const watchers = new Set<() => void>();
  const background: FakeRowBackground = {
    mood: initial.mood ?? null,
    picks: initial.picks ?? [],
    loved: initial.loved ?? [],
    pickRequests: 0,
    hides: 0,
    failing: false,
    change: () => [...watchers].forEach((changed) => changed()),
    async getPicks() {
      background.pickRequests++;
      if (background.failing) throw new Error('Could not establish connection. Receiving end does not exist.');
      const picks = background.mood ? background.picks : background.loved;
      return { mood: background.mood, strategy: 'match', picks, hasMore: false };
    },
    async hide() {
      background.hides++;
    },
    watchChanges(changed) {
      watchers.add(changed);
      return () => watchers.delete(changed);
    },
  };
  return background;
}

/** Put a fixture page's markup (not its scripts: tests drive the page themselves) into the document. */
export function loadPage(html: string): void {
  const withoutScripts = html.replace(/<script[\s\S]*?<\/script>/gi, '');
  const inner = withoutScripts.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
  document.documentElement.innerHTML = inner;
}

/**
 * The closed shadow roots MoodReel's code attaches from now on, for unit tests only. In a browser this is
 * exactly the trick a page script cannot play on a content script: the page's `attachShadow` is its own
 * world's, and the content script calls the isolated world's. In happy-dom there is one world.
 */
export function recordShadowRoots(): { rootOf(host: Element | null | undefined): ShadowRoot | null; restore(): void } {
  const roots = new WeakMap<Element, ShadowRoot>();
  const original = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(this: Element, init: ShadowRootInit) {
    const root = original.call(this, init);
    roots.set(this, root);
    return root;
  };
  return {
    rootOf: (host) => (host ? (roots.get(host) ?? null) : null),
    restore: () => {
      Element.prototype.attachShadow = original;
    },
  };
}

/**
 * An event as the user's own input makes it (`isTrusted`). happy-dom lets a test say so; a real page cannot
 * (`isTrusted` is an own, unforgeable property there), which is what the code under test relies on.
 */
export function userEvent<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
