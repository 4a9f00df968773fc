/**
 * Matching a streaming page's titles to catalogue films: exact match keys only (no prefix or fuzzy match),
 * a year to tell remakes apart, and no answer rather than a wrong one.
 */
import type { Film } from './types';
import { normalizeTitle } from './titles';

/** A year within this many years of a film's year fits it (release dates differ by country). */
export const YEAR_TOLERANCE = 1;

/**
 * Without a year, the most-rated of several same-titled films wins only with at least this many times
 * the ratings of the next one (and of one rating, so films nobody rated never dominate).
 */
export const DOMINANCE_RATIO = 5;

export interface TitleIndex {
  /** How many distinct keys (titles and aliases) the index holds. */
  readonly size: number;
  /** The one film `title` names, or null when none or when the title is ambiguous; see `matchTitle`. */
  match(title: string, year?: number | null, kind?: 'movie' | 'series' | null): Film | null;
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
    match: (title, year, kind) => matchTitle(index, title, year, kind),
    candidates: (key) => byKey.get(key) ?? [],
  };
  return index;
}

/** A year in brackets at the end of a page's title: "Heat (1995)". */
const QUERY_YEAR = /\s*[([]\s*(\d{4})\s*[)\]]\s*$/u;

/** A trailing " (…)" or " […]" a page adds: "Coco (Dubbed)", "The Office [U.S.]". */
const QUERY_SUFFIX = /\s+[([][^()[\]]*[)\]]\s*$/u;

/**
 * The film a page's title names, or null.
 * - `kind` 'series' never matches: the catalogue holds films.
 * - The title's key (see `normalizeTitle`) must equal a film's title or alias key exactly. When it names
 *   nothing, a trailing " (…)" suffix is dropped and the rest tried ("Coco (Dubbed)" → "Coco").
 *   A trailing "(1995)" is read as the year when `year` is not given.
 * - One film under the key: it matches, unless a known year is more than a year off its own.
 * - Several films: a known year keeps those within ±1 year (the exact year first); without a year the
 *   most-rated wins only when it has ≥ DOMINANCE_RATIO× the ratings of the next. Anything else: null.
 */
export function matchTitle(
  index: TitleIndex,
  title: string,
  year?: number | null,
  kind?: 'movie' | 'series' | null,
): Film | null {
  if (kind === 'series' || typeof title !== 'string') return null;
  let text = title.trim();
  let knownYear = typeof year === 'number' && Number.isInteger(year) ? year : null;
  const yearFound = QUERY_YEAR.exec(text);
  if (yearFound && yearFound.index > 0) {
    knownYear ??= Number(yearFound[1]);
    text = text.slice(0, yearFound.index);
  }
  for (;;) {
    const candidates = index.candidates(normalizeTitle(text));
    if (candidates.length > 0) return pick(candidates, knownYear);
    const shorter = text.replace(QUERY_SUFFIX, '');
    if (shorter === text || shorter.trim() === '') return null;
    text = shorter;
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
