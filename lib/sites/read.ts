/**
 * Reading a streaming page: finding its tiles and reading each one's title, year and kind as plain text.
 * Everything here only reads the DOM (getAttribute, textContent, querySelector); nothing is ever parsed as HTML.
 */
import { parsePageTitle } from '../catalogue/titles';
import type { KindSource, RowEvidence, SiteAdapter, TileText, TileRule, ValueSource } from './types';

/** Longer than any real title: such text is a description, not a title. */
const MAX_TITLE_LENGTH = 150;
/** Bidirectional isolates and marks that sites wrap titles in; invisible, they would spoil a comparison. */
const INVISIBLE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad]/g;
const YEAR = /\b(1[89]\d\d|20[0-4]\d)\b/;

/** Whitespace collapsed, invisible marks gone, trimmed. */
export function normaliseText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** The first year-looking number in a text (1800–2049), or null. */
export function parseYear(text: string | null | undefined): number | null {
  const found = text ? YEAR.exec(text) : null;
  return found ? Number(found[1]) : null;
}

/**
 * A page's title split from a trailing " (…)": "The Lion King (1994)" gives the year, "Wednesday (Season 2)"
 * says series, "Spirited Away (English Dub)" is just cut. A title that is only a parenthesis stays as it is.
 * The parsing is the catalogue's own (`parsePageTitle`); a year outside 1800–2049 is no year.
 */
export function splitTitle(raw: string): { title: string; year: number | null; series: boolean } {
  const { title, year, series } = parsePageTitle(normaliseText(raw));
  return { title, year: parseYear(year === null ? null : String(year)), series };
}

/** The text a source points at on a tile, or null. */
function readValue(tile: Element, source: ValueSource): string | null {
  if ('read' in source) return source.read(tile) ?? null;
  if ('text' in source) {
    const element = tile.matches(source.text) ? tile : tile.querySelector(source.text);
    return element?.textContent ?? null;
  }
  const element = source.at ? tile.querySelector(source.at) : tile;
  return element?.getAttribute(source.attr) ?? null;
}

/** The first non-empty (after normalising) value of the sources, or null. */
function firstValue(tile: Element, sources: readonly ValueSource[] | undefined): string | null {
  for (const source of sources ?? []) {
    const value = readValue(tile, source);
    if (value && normaliseText(value)) return value;
  }
  return null;
}

function readKind(tile: Element, sources: readonly KindSource[] | undefined): 'movie' | 'series' | 'other' | null {
  for (const source of sources ?? []) {
    const value = readValue(tile, source.from);
    if (!value) continue;
    if (source.movie?.test(value)) return 'movie';
    if (source.series?.test(value)) return 'series';
    if (source.other?.test(value)) return 'other';
  }
  return null;
}

/**
 * A tile's title, year and kind, or null when it has no usable title or is neither a film nor a series
 * (a live event, a channel): such a tile is left alone.
 */
export function readTileText(tile: Element, rule: TileRule): TileText | null {
  const raw = firstValue(tile, rule.title);
  if (!raw) return null;
  const split = splitTitle(raw);
  if (!split.title || split.title.length > MAX_TITLE_LENGTH) return null;
  const kind = readKind(tile, rule.kind);
  if (kind === 'other') return null;
  const yearText = firstValue(tile, rule.year);
  return {
    title: split.title,
    year: (yearText ? parseYear(yearText) : null) ?? split.year,
    kind: kind ?? (split.series ? 'series' : null),
  };
}

/** What a row's heading says: its kind (null when it says neither or both) and whether it says "new". */
interface RowText {
  kind: 'movie' | 'series' | null;
  recent: boolean;
  /** The heading says films and series both. */
  seriesToo: boolean;
  heading: string;
}

const NO_ROW: RowText = { kind: null, recent: false, seriesToo: false, heading: '' };
/** Headings read once per row element (a pass over 1,000 tiles reads a few dozen rows). */
const rowCache = new WeakMap<Element, RowText>();

/** The heading of the row around `tile`, and what it says. */
function readRow(tile: Element, evidence: RowEvidence | undefined): RowText {
  const row = evidence ? tile.closest(evidence.row) : null;
  if (!evidence || !row) return NO_ROW;
  const cached = rowCache.get(row);
  if (cached) return cached;
  let heading = '';
  for (const selector of evidence.heading) {
    const text = row.querySelector(selector)?.textContent;
    if (text && normaliseText(text)) {
      heading = normaliseText(text).slice(0, 200);
      break;
    }
  }
  const series = evidence.series.test(heading);
  const movie = evidence.movie.test(heading);
  const rowText: RowText = {
    kind: series === movie ? null : series ? 'series' : 'movie',
    recent: evidence.recent.test(heading),
    seriesToo: series && movie,
    heading,
  };
  // A heading still loading is read again next time.
  if (heading) rowCache.set(row, rowText);
  return rowText;
}

/** The page's stated kinds, read again only when its scripts change (they rarely do after load). */
const pageKindCache = new WeakMap<Document, { scripts: number; kinds: ReadonlyMap<string, 'movie' | 'series'> }>();

function pageKindsOf(adapter: SiteAdapter, doc: Document): ReadonlyMap<string, 'movie' | 'series'> {
  if (!adapter.pageKinds) return new Map();
  const scripts = doc.scripts.length;
  const cached = pageKindCache.get(doc);
  if (cached && cached.scripts === scripts) return cached.kinds;
  let kinds: ReadonlyMap<string, 'movie' | 'series'>;
  try {
    kinds = adapter.pageKinds.read(doc);
  } catch {
    kinds = new Map();
  }
  pageKindCache.set(doc, { scripts, kinds });
  return kinds;
}

/** The key under which the page remembers a title seen as a series. */
const seriesKey = (title: string) => title.toLowerCase();

/** A tile as read: the rule it follows and its text (null: unreadable, or neither a film nor a series). */
export interface ReadTile {
  tile: Element;
  rule: TileRule | undefined;
  tileText: TileText | null;
}

/**
 * Reads tiles one at a time (a pass reads them in slices), with what its row says and one page-wide rule:
 * a title seen as a series anywhere on the page (a TV row, a season suffix) is a series on every tile of
 * the page. `seriesTitles` carries that across passes (the caller keeps it for the page's life); `settle`
 * applies it to tiles read before the series was seen.
 */
export class TileReader {
  private stated: ReadonlyMap<string, 'movie' | 'series'> | null = null;

  constructor(
    private readonly adapter: SiteAdapter,
    private readonly seriesTitles: Set<string> = new Set(),
  ) {}

  read(tile: Element): ReadTile {
    const adapter = this.adapter;
    const rule = ruleFor(adapter, tile);
    const own = rule ? readTileText(tile, rule) : null;
    if (!own) return { tile, rule, tileText: null };
    this.stated ??= adapter.pageKinds ? pageKindsOf(adapter, tile.ownerDocument) : new Map();
    const row = readRow(tile, adapter.rowEvidence);
    // The tile's own words first, then what the page's data says of its id, then its row.
    const id = this.stated.size ? adapter.pageKinds!.tileId(tile) : null;
    const tileText: TileText = { ...own, kind: own.kind ?? (id ? this.stated.get(id) : undefined) ?? row.kind };
    if (row.recent) tileText.recent = true;
    if (row.seriesToo && tileText.kind === null) tileText.seriesToo = true;
    if (tileText.kind === 'series') this.seriesTitles.add(seriesKey(tileText.title));
    return { tile, rule, tileText };
  }

  /** The page-wide series rule, for a tile read earlier in the pass. */
  settle(entry: ReadTile): ReadTile {
    if (entry.tileText && entry.tileText.kind !== 'series' && this.seriesTitles.has(seriesKey(entry.tileText.title)))
      entry.tileText = { ...entry.tileText, kind: 'series' };
    return entry;
  }
}

/** Every tile's text at once (see TileReader). Unreadable tiles read as null. */
export function readTiles(
  adapter: SiteAdapter,
  tiles: Iterable<Element>,
  seriesTitles: Set<string> = new Set(),
): ReadTile[] {
  const reader = new TileReader(adapter, seriesTitles);
  const read = [...tiles].map((tile) => reader.read(tile));
  return read.map((entry) => reader.settle(entry));
}

/** One selector matching every tile of the adapter. */
function tileSelector(adapter: SiteAdapter): string {
  return adapter.tiles.map((rule) => rule.selector).join(', ');
}

/** The rule a tile element follows (the first that matches), or undefined. */
export function ruleFor(adapter: SiteAdapter, element: Element): TileRule | undefined {
  return adapter.tiles.find((rule) => element.matches(rule.selector));
}

/**
 * The tiles in or at `roots`, each once, outermost only (a card inside a card is the same title), one at a
 * time (a pass takes them in slices: a page may hold 100,000). `roots` may be inside a tile (an image whose
 * alt changed): the tile around it counts.
 */
export function* tilesIn(adapter: SiteAdapter, roots: Iterable<Element | Document>): Generator<Element> {
  const selector = tileSelector(adapter);
  const found = new Set<Element>();
  for (const root of roots) {
    if (root instanceof Element) {
      const around = root.closest(selector);
      if (around) {
        let outer = around;
        for (let up = around.parentElement?.closest(selector); up; up = up.parentElement?.closest(selector)) outer = up;
        if (!found.has(outer)) {
          found.add(outer);
          yield outer;
        }
      }
    }
    for (const element of root.querySelectorAll(selector)) {
      if (found.has(element) || !isOutermostTile(element, selector)) continue;
      found.add(element);
      yield element;
    }
  }
}

/** The tiles in or at `roots`, all at once (see tilesIn). */
export function findTiles(adapter: SiteAdapter, roots: Iterable<Element | Document>): Set<Element> {
  return new Set(tilesIn(adapter, roots));
}

/**
 * A tile inside another tile is not a tile of its own: the outer one is read (Prime's article holds links,
 * Netflix's old container holds the link card).
 */
function isOutermostTile(element: Element, selector: string): boolean {
  return !element.parentElement?.closest(selector);
}

/** Where the badge goes on a tile: the first `badgeAt` found inside it, else the tile. */
export function badgeAnchor(tile: Element, rule: TileRule): Element {
  for (const selector of rule.badgeAt ?? []) {
    const element = tile.querySelector(selector);
    if (element) return element;
  }
  return tile;
}

/** The first row of the page (our row goes just before it), by the adapter's preference, or null. */
export function findFirstRow(adapter: SiteAdapter, root: ParentNode = document): Element | null {
  for (const selector of adapter.rows) {
    const row = root.querySelector(selector);
    if (row) return row;
  }
  return null;
}

/** Whether a URL is one of the pages where the adapter's site lists titles to badge (home included). */
export function isListingPage(adapter: SiteAdapter, url: URL): boolean {
  return isHomePage(adapter, url) || (adapter.listPaths ?? []).some((pattern) => pattern.test(url.pathname));
}

/** Whether a URL is one of the adapter's home pages. */
export function isHomePage(adapter: SiteAdapter, url: URL): boolean {
  return adapter.homePaths.some((pattern) => pattern.test(url.pathname));
}

/** The cache key of a tile's text: what the background's answer depends on. */
export function tileTextKey(tileText: TileText): string {
  return `${tileText.title.toLowerCase()}\u0000${tileText.year ?? ''}\u0000${tileText.kind ?? ''}\u0000${tileText.recent ? 'new' : ''}${tileText.seriesToo ? '+tv' : ''}`;
}
