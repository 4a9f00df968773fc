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
   * Films shown for the previous readings (the last three): shown again only after every other fitting film.
   * Pages of the current reading must not be added until the next reading, or its own pages would shift.
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
 * Every candidate film (`relevanceOf` gives a number for its genre set), in the order the picks show them:
 * fresh films diversified, then the films shown for recent readings, each part best first.
 */
export function orderedCandidates(
  scene: PicksScene,
  relevanceOf: (mask: number) => number | null,
): ScoredFilm[] {
  const { films, hidden, recent } = scene;
  const index = filmIndex(films);
  // Relevance depends on the genre set only: score each distinct set once (NaN: not a candidate).
  const relevanceBySlot = Float64Array.from(index.masks, (mask) => relevanceOf(mask) ?? NaN);
  const fresh = new TopK<number>(CANDIDATE_POOL);
  const recentPositions: { position: number; score: number }[] = [];
  for (let position = 0; position < films.length; position++) {
    const relevance = relevanceBySlot[index.maskSlot[position]!]!;
    if (Number.isNaN(relevance)) continue;
    const id = films[position]!.id;
    if (hidden.size > 0 && hidden.has(id)) continue;
    const score = withQuality(relevance, index.quality[position]!);
    if (recent.size > 0 && recent.has(id)) recentPositions.push({ position, score });
    else fresh.offer(position, score, id);
  }
  const candidate = (position: number, score: number): ScoredFilm => ({
    film: films[position]!,
    score,
    mask: index.masks[index.maskSlot[position]!]!,
    franchises: franchisesAt(index, films, position),
  });
  const freshCandidates = fresh.best().map(({ item, score }) => candidate(item, score));
  const recentCandidates = recentPositions
    .map(({ position, score }) => candidate(position, score))
    .sort((a, b) => b.score - a.score || (a.film.id < b.film.id ? -1 : a.film.id > b.film.id ? 1 : 0))
    .slice(0, CANDIDATE_POOL);
  // A sequel of a film the user just saw in the picks waits like a second film of one series on one page.
  const recentFranchises = new Set(recentCandidates.flatMap(({ franchises }) => franchises));
  return [...diversifiedOrder(freshCandidates, recentFranchises), ...diversifiedOrder(recentCandidates)];
}

/** One page of an ordering and whether another follows. */
export function pageOf<T>(ordered: readonly T[], page = 0, pageSize = DEFAULT_PAGE_SIZE): { items: T[]; hasMore: boolean } {
  const size = Math.max(1, Math.floor(Number.isFinite(pageSize) ? pageSize : DEFAULT_PAGE_SIZE));
  const index = Math.max(0, Math.floor(Number.isFinite(page) ? page : 0));
  const start = index * size;
  return { items: ordered.slice(start, start + size), hasMore: start + size < ordered.length };
}
