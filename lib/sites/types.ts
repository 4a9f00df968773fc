/** The streaming-site half's types: what an adapter declares about a site, and what a tile reads as. */
import type { Emotion } from '../mood/emotions';
import type { FilmPick, Strategy } from '../picks/types';
import type { SiteId } from './adapters';

/**
 * Where a piece of text is on a tile: an attribute of the tile (or of its first descendant matching `at`),
 * the text of a descendant, or, where data cannot say it, a small function.
 */
export type ValueSource =
  { attr: string; at?: string } | { text: string } | { read: (tile: Element) => string | null | undefined };

/** A source of the kind and the patterns that decide it, tried in order: movie, series, other. */
export interface KindSource {
  from: ValueSource;
  movie?: RegExp;
  series?: RegExp;
  other?: RegExp;
}

/** One kind of tile on a site. */
export interface TileRule {
  /** The tile element: what is read and badged. */
  selector: string;
  /** Its title, in order of preference (first non-empty wins). */
  title: ValueSource[];
  /** Text holding its year, in order of preference (the first year-looking number is taken). */
  year?: ValueSource[];
  kind?: KindSource[];
  /** Where the badge goes inside the tile, in order of preference (the tile itself when none is there). */
  badgeAt?: string[];
}

/**
 * What a row's heading says about its tiles ("US TV Comedies": series; "Romantic Comedy Movies": films;
 * "New on Netflix": new), as the site words it in the languages it is seen in. A heading that says both
 * films and series ("Movies & TV Shows Dubbed in Telugu") says neither.
 */
export interface RowEvidence {
  /** The row around a tile (its closest match). */
  row: string;
  /** The row's heading inside it, in order of preference. */
  heading: string[];
  series: RegExp;
  movie: RegExp;
  /** New, or the service's own: an old film of that name is not what it shows. */
  recent: RegExp;
}

interface PageKinds {
  /** The kinds the page states, by title id (its inline scripts' text; empty when it states none). */
  read(doc: Document): ReadonlyMap<string, 'movie' | 'series'>;
  /** The id a tile links to, or null. */
  tileId(tile: Element): string | null;
}

/** Everything MoodReel knows about one streaming site, declared as data as far as possible. */
export interface SiteAdapter<Id extends string = string> {
  /** The id its on/off setting and its messages use ("netflix"); its key in ADAPTERS. */
  id: Id;
  /** As the user knows it: "Netflix". */
  name: string;
  /** The site's host name ("www.netflix.com"), for links from the extension's own pages. */
  host: string;
  /** Where its content script runs (the manifest's `matches`): the site's pages and nothing else. */
  matches: string[];
  /** Paths of the home pages (the query is ignored: Netflix opens a title as /browse?jbv=…), where the row and the badges go. */
  homePaths: RegExp[];
  /** Paths where the site lists titles besides home (search, My List, genres, a title's "More like this"): badges only, no row. */
  listPaths?: RegExp[];
  /**
   * What the page's own data says about its titles' kinds (Netflix's inline app state: `"type":"show"`), by the
   * id a tile links to. Read from the page's text only, never run.
   */
  pageKinds?: PageKinds;
  /** What row headings say about their tiles (optional: a site may say it on the tiles themselves). */
  rowEvidence?: RowEvidence;
  /** The rows, in order of preference: our row goes just before the first row of the first selector found. */
  rows: string[];
  /** The tiles, in order of preference: an element takes the first rule whose selector it matches. */
  tiles: TileRule[];
  /** Attributes whose change means a tile now shows another title (the page recycles tile elements). */
  titleAttributes: string[];
  /** The site's own search for a title, as a path on the current origin (so it keeps the scheme). */
  searchPath(title: string): string;
  /** What each selector relies on, with the date and source (shown nowhere; kept beside the data). */
  sources: string[];
}

/** A tile as read from the page: text only. */
export interface TileText {
  title: string;
  year: number | null;
  kind: 'movie' | 'series' | null;
  /** Its row says it is new or the service's own. */
  recent?: boolean;
  /** Its row says it holds films and series. */
  seriesToo?: boolean;
}

/**
 * What the content script asks of the background (injected, so tests and the bench need no extension). The
 * row's picks are not among them: the row's frame asks for those itself (components/site-row/RowFrame.tsx).
 */
export interface SiteServices {
  /** How to draw each tile's badge (null: no badge), one message per batch; nothing about the mood itself. */
  matchTitles(titles: TitleQuery[]): Promise<MatchAnswer>;
  /** The site's settings, hide flag and the opaque counter of what the badges depend on. */
  siteState(site: SiteId): Promise<SiteState>;
  /** Calls `redraw` whenever `siteState` may answer otherwise; returns the function that stops. */
  watchChanges(redraw: () => void): () => void;
}

/** What the row's frame asks of the background (injected, so tests need no extension). */
export interface RowServices {
  getPicks(request: PicksRequest): Promise<PicksResponse>;
  /** "Hide on this site for now". */
  hide(): Promise<void>;
  /** Calls `changed` whenever the picks may answer otherwise (a reading, strategy, staleness); returns the stop. */
  watchChanges(changed: () => void): () => void;
}

// ------------------------------------------------- what the background answers (lib/browser/messages.ts carries it)

/** What the picks are for: the fresh reading's top emotion (null when there is no fresh reading). */
export interface PicksMood {
  emotion: Emotion;
  /** The reading's time (epoch ms), so a view knows when it is out of date. */
  at: number;
  /** People read (1 for a single reading). */
  faces: number;
}

export interface PicksRequest {
  /** 0 for the first page; "More picks" asks for the next. */
  page?: number;
  pageSize?: number;
  /** Defaults to the saved strategy. */
  strategy?: Strategy;
}

export interface PicksResponse {
  mood: PicksMood | null;
  strategy: Strategy;
  picks: FilmPick[];
  hasMore: boolean;
}

/** A tile's title as a streaming page shows it. */
export interface TitleQuery {
  title: string;
  year?: number | null;
  kind?: 'movie' | 'series' | null;
  /** Its row says it is new or the service's own ("New on Netflix", "Only on Netflix"). */
  recent?: boolean;
  /** Its row says it holds films and series both ("Movies & TV Shows …"). */
  seriesToo?: boolean;
}

/**
 * How to draw the badge of a tile that fits the mood: words only, to be drawn as they are. The content script
 * learns which tiles fit and what to draw on them, never the reading itself (its emotion, time or numbers).
 */
export interface BadgeDrawing {
  /** What the badge shows: "😄 Comedy". */
  label: string;
  /** What it shows while the user's own pointer or focus is on the tile: the film it means, "😄 Get Smart". */
  film: string;
  /** The film's year, " (2008)" ("" when unknown): kept whole when a long title gives way. */
  year: string;
  /** Its accessible name, naming the film: "Fits your happy mood: Get Smart (2008), Action · Comedy". */
  name: string;
}

/** `match-titles`' answer: one drawing (or null: no badge) per title asked, in order. */
export interface MatchAnswer {
  results: (BadgeDrawing | null)[];
}

/**
 * What a streaming site's content script needs to know. It cannot read extension storage (trusted contexts
 * only), so the background tells it; nothing here is shown to, or put within reach of, the page.
 */
export interface SiteState {
  /** The user has this site turned on. */
  enabled: boolean;
  /** "Hide on this site for now" was pressed on this site (until the browser restarts). */
  rowHidden: boolean;
  /** The user's "Show the row on home pages" for this site. */
  rowOn: boolean;
  /**
   * An opaque counter, raised whenever the badges would be drawn otherwise (a new reading, strategy or weights,
   * the reading going stale, a title turned down or taken back): the page's badges are then asked again.
   */
  moodKey: number;
}
