/**
 * Matching a streaming page's titles to catalogue films: exact match keys only (no prefix or fuzzy match),
 * a year to tell remakes apart, and no answer rather than a wrong one.
 */
import type { Film } from './types';
import { normalizeTitle, parsePageTitle } from './titles';

/** A year within this many years of a film's year fits it (release dates differ by country). */
const YEAR_TOLERANCE = 1;

/**
 * Without a year, the most-rated of several same-titled films wins only with at least this many times
 * the ratings of the next one (and of one rating, so films nobody rated never dominate).
 */
export const DOMINANCE_RATIO = 5;

/**
 * Without a year or a page that says "film", one candidate is trusted when it has at least this many MovieLens
 * ratings (about the ten most-rated films of their year in latest-small: a film that many people watch is the
 * one a service carries). Lower, and the series that took a well-known film's name get its badge: Lost in Space
 * (1998) has 29, Parenthood (1989) 15, The Lincoln Lawyer (2011) 10…
 */
const POPULAR_RATINGS = 30;
/** …or this many for films of 2014–2018, which had only a few years of latest-small's ratings (Coco: 13). */
const POPULAR_RECENT_RATINGS = 10;
const RECENT_RATINGS_FROM = 2014;

function isPopular(film: Film): boolean {
  const needed = film.year !== null && film.year >= RECENT_RATINGS_FROM ? POPULAR_RECENT_RATINGS : POPULAR_RATINGS;
  return film.ratingCount >= needed;
}
/**
 * …or when it is newer than this: the title list's last five years (2019–2023), too recent for a streaming
 * series or a new film to have taken the name since. Older unrated films are the namesakes that fool a matcher
 * (Outlander 2008 vs the series, Office Romance 1977 vs the 2026 film).
 */
const RECENT_FILM_YEAR = 2019;
/** Films with a year before this have ratings in latest-small when people watch them; newer ones never do. */
const RATINGS_ERA_END = 2018;
/**
 * A row that says "new" or "only on Netflix" holds this year's and last years' releases: an older film of
 * that name is a namesake (Apex 2021 in a 2026 "Only on Netflix" row is the 2026 film).
 */
const RECENT_ROW_MAX_AGE = 3;

/** What the page says about a title besides its name. */
export interface MatchContext {
  year?: number | null;
  /** The tile's or its row's kind: a series never matches; 'movie' lets a year-less title match its one film. */
  kind?: 'movie' | 'series' | null;
  /** The row says the title is new or the service's own ("New on Netflix", "Only on Netflix", "Nuove uscite"). */
  recent?: boolean;
  /** The row says it holds series too ("Movies & TV Shows …"): only a popular film or a year is proof. */
  seriesToo?: boolean;
  /** The current year (default: the clock's), for `recent`. */
  now?: number;
}

export interface TitleIndex {
  /** How many distinct keys (titles and aliases) the index holds. */
  readonly size: number;
  /** The one film `title` names, or null when none or when the title is ambiguous; see `matchTitle`. */
  match(title: string, year?: number | null, kind?: 'movie' | 'series' | null, context?: MatchContext): Film | null;
  /** Every film filed under `key` (a `normalizeTitle` result), for inspection and tests. */
  candidates(key: string): readonly Film[];
}

/** Files every film under its title's key and under each alias's key. */
export function buildTitleIndex(films: readonly Film[]): TitleIndex {
  const byKey = new Map<string, Film[]>();
  for (const film of films) {
    for (const name of [film.title, ...film.aliases]) {
      const key = normalizeTitle(name);
      if (key === '') continue;
      const list = byKey.get(key);
      if (!list) byKey.set(key, [film]);
      else if (!list.includes(film)) list.push(film);
    }
  }
  const index: TitleIndex = {
    size: byKey.size,
    match: (title, year, kind, context) => matchTitle(index, title, year, kind, context),
    candidates: (key) => byKey.get(key) ?? [],
  };
  return index;
}

/** A tile's title with what the page says about it (the `match-titles` message's TitleQuery). */
export interface PageTitle {
  title: string;
  year?: number | null;
  kind?: 'movie' | 'series' | null;
  recent?: boolean;
  seriesToo?: boolean;
}

/**
 * The film a page's tile shows, or null: `matchTitle` with the page's evidence, and never a title the user
 * said is not the film it was matched to (`rejected` holds `normalizeTitle` keys).
 */
export function matchPageTitle(
  index: TitleIndex,
  query: PageTitle,
  options: { rejected?: ReadonlySet<string>; now?: number } = {},
): Film | null {
  if (typeof query?.title !== 'string') return null;
  if (options.rejected?.size && options.rejected.has(normalizeTitle(query.title))) return null;
  return index.match(query.title, query.year ?? null, query.kind ?? null, {
    recent: query.recent === true,
    seriesToo: query.seriesToo === true,
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
}

/**
 * The film a page's title names, or null.
 * - `kind` 'series' never matches: the catalogue holds films.
 * - The title's key (see `normalizeTitle`) must equal a film's title or alias key exactly. When it names
 *   nothing, a trailing " (…)" suffix is dropped and the rest tried ("Coco (Dubbed)" → "Coco").
 *   A trailing "(1995)" is read as the year when `year` is not given.
 * - With a year: the films within ±1 year (the exact year first); several left: the most-rated wins only
 *   with ≥ DOMINANCE_RATIO× the ratings of the next.
 * - Without a year, no year is proof (see `pickWithoutYear`): a row that says "new" drops films older than
 *   RECENT_ROW_MAX_AGE years; a film newer than the ratings (2019 on) beside the most-rated one makes the
 *   title ambiguous; and unless the page says "film", the one film left must be popular, recent or have a
 *   distinctive title. Anything else: null.
 */
export function matchTitle(
  index: TitleIndex,
  title: string,
  year?: number | null,
  kind?: 'movie' | 'series' | null,
  context: MatchContext = {},
): Film | null {
  if (kind === 'series' || typeof title !== 'string') return null;
  let text = title.trim();
  let knownYear = typeof year === 'number' && Number.isInteger(year) ? year : null;
  const evidence = kind ?? context.kind ?? null;
  if (evidence === 'series') return null;
  const shown = parsePageTitle(text);
  if (shown.year !== null) {
    knownYear ??= shown.year;
    text = shown.title;
  }
  for (;;) {
    const candidates = index.candidates(normalizeTitle(text));
    if (candidates.length > 0) {
      return knownYear !== null ? pick(candidates, knownYear) : pickWithoutYear(candidates, text, evidence, context);
    }
    // Nothing of that name: drop a trailing " (…)" the page added and try the rest ("Coco (Dubbed)" → "Coco").
    const shorter = parsePageTitle(text);
    if (!shorter.cut) return null;
    text = shorter.title;
  }
}

function pick(candidates: readonly Film[], year: number | null): Film | null {
  if (year === null) return dominant(candidates);
  const fitting = candidates.filter((film) => film.year !== null && Math.abs(film.year - year) <= YEAR_TOLERANCE);
  if (fitting.length === 0) {
    // A film whose year nobody knows does not contradict the page's year; it fits if it is the only one.
    const undated = candidates.filter((film) => film.year === null);
    return undated.length === 1 ? undated[0]! : null;
  }
  if (fitting.length === 1) return fitting[0]!;
  const exact = fitting.filter((film) => film.year === year);
  if (exact.length === 1) return exact[0]!;
  return dominant(exact.length > 1 ? exact : fitting);
}

/** A title that two works rarely share: a subtitle after a colon, a sequel number, or four words or more. */
function isDistinctiveTitle(title: string): boolean {
  const words = normalizeTitle(title).split(' ').filter(Boolean);
  if (words.length >= 4) return true;
  if (/\S:\s*\S/u.test(title)) return true;
  return words.length >= 2 && /^(\d{1,2}|ii|iii|iv|v|vi)$/u.test(words[words.length - 1]!);
}

function pickWithoutYear(
  candidates: readonly Film[],
  title: string,
  kind: 'movie' | 'series' | null,
  context: MatchContext,
): Film | null {
  let films = candidates;
  if (context.recent) {
    const floor = (context.now ?? new Date().getFullYear()) - RECENT_ROW_MAX_AGE;
    films = films.filter((film) => film.year === null || film.year >= floor);
  }
  if (films.length === 0) return null;
  const best = dominant(films);
  if (!best) return null;
  // Ratings cannot tell a rated film from an unrated one that came out after the ratings were collected.
  if (
    films.some((film) => film !== best && film.ratingCount === 0 && (film.year === null || film.year > RATINGS_ERA_END))
  )
    return null;
  if (kind === 'movie') return best;
  if (isPopular(best)) return best;
  // A namesake, even one a "new" row ruled out, leaves the title ambiguous without a year or a "film" row.
  if (candidates.length > 1 || context.seriesToo) return null;
  // A one-word name ("Unbelievable", "Kingdom", "Halston") is too often a series' as well.
  if (best.year !== null && best.year >= RECENT_FILM_YEAR && normalizeTitle(title).includes(' ')) return best;
  return isDistinctiveTitle(title) ? best : null;
}

function dominant(candidates: readonly Film[]): Film | null {
  if (candidates.length === 1) return candidates[0]!;
  let first: Film | null = null;
  let secondCount = 0;
  for (const film of candidates) {
    if (!first || film.ratingCount > first.ratingCount) {
      if (first) secondCount = first.ratingCount;
      first = film;
    } else if (film.ratingCount > secondCount) {
      secondCount = film.ratingCount;
    }
  }
  if (!first) return null;
  return first.ratingCount >= DOMINANCE_RATIO * Math.max(secondCount, 1) ? first : null;
}
