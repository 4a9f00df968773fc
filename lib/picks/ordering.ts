/**
 * The one pipeline behind single and group picks: score every film, keep the best few hundred, diversify them
 * into one ordering, slice a page. Computing the whole ordering and slicing it keeps pages consistent: "More
 * picks" never repeats a film and never skips one.
 */
import type { Film } from '../catalogue/types';
import { diversifiedOrder, type Candidate } from './diversify';
import { filmIndex, franchisesAt } from './film-index';
import { TopK } from './top-k';

/**
 * How many of the best-scored films are diversified (MMR costs O(pool²)): 60 pages of five, far more than anyone
 * asks for, while MMR stays around a millisecond.
 */
export const CANDIDATE_POOL = 300;

export const DEFAULT_PAGE_SIZE = 5;

/** What every picks query shares, single or group. */
export interface PicksScene {
  /** The catalogue; keep passing the same array (its index is cached per array, see film-index.ts). */
  films: readonly Film[];
  /** Films the user gave a 👎: never shown. */
  hidden: ReadonlySet<string>;
  /**
   * Films shown for the previous readings (the last three): shown again only after every other fitting film (of
   * the best CANDIDATE_POOL). Pages of the current reading must not be added until the next reading, or its own
   * pages would shift.
   */
  recent: ReadonlySet<string>;
  /** 0 for the first page. */
  page?: number;
  /** Films per page (default 5). */
  pageSize?: number;
}

export interface ScoredFilm extends Candidate {
  film: Film;
}

/**
 * A film's final score: its relevance times its quality. A negative relevance (only groups have candidates
 * with one) is divided instead, so a better film is still the less bad one.
 */
export function withQuality(relevance: number, quality: number): number {
  return relevance > 0 ? relevance * quality : relevance / quality;
}

/**
 * The best candidate films (`relevanceOf` gives a number for their genre set; at most CANDIDATE_POOL), in the
 * order the picks show them: fresh films diversified, then the films shown for recent readings.
 */
export function orderedCandidates(
  scene: PicksScene,
  relevanceOf: (mask: number) => number | null,
): ScoredFilm[] {
  const { films, hidden, recent } = scene;
  const index = filmIndex(films);
  // Relevance depends on the genre set only: score each distinct set once (NaN: not a candidate).
  const relevanceBySlot = Float64Array.from(index.masks, (mask) => relevanceOf(mask) ?? NaN);
  const byId = (a: number, b: number) => compareIds(films[a]!.id, films[b]!.id);
  const pool = new TopK<number>(CANDIDATE_POOL, byId);
  for (let position = 0; position < films.length; position++) {
    const relevance = relevanceBySlot[index.maskSlot[position]!]!;
    if (Number.isNaN(relevance)) continue;
    const score = withQuality(relevance, index.quality[position]!);
    // Only a film that would enter the pool is looked up by id: a few thousand of 100,000.
    if (!pool.wouldKeep(position, score) || (hidden.size > 0 && hidden.has(films[position]!.id))) continue;
    pool.offer(position, score);
  }
  const candidates = pool.best().map(({ item: position, score }): ScoredFilm => ({
    film: films[position]!,
    score,
    mask: index.masks[index.maskSlot[position]!]!,
    franchises: franchisesAt(index, films, position),
  }));
  const freshCandidates = candidates.filter(({ film }) => !recent.has(film.id));
  const recentCandidates = candidates.filter(({ film }) => recent.has(film.id));
  // A sequel of a film the user just saw in the picks waits like a second film of one series on one page.
  const recentFranchises = new Set(recentCandidates.flatMap(({ franchises }) => franchises));
  return [...diversifiedOrder(freshCandidates, recentFranchises), ...diversifiedOrder(recentCandidates)];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One page of an ordering and whether another follows. */
export function pageOf<T>(ordered: readonly T[], page = 0, pageSize = DEFAULT_PAGE_SIZE): { items: T[]; hasMore: boolean } {
  const size = Math.max(1, Math.floor(Number.isFinite(pageSize) ? pageSize : DEFAULT_PAGE_SIZE));
  const index = Math.max(0, Math.floor(Number.isFinite(page) ? page : 0));
  const start = index * size;
  return { items: ordered.slice(start, start + size), hasMore: start + size < ordered.length };
}
