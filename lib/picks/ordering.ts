/**
 * The one pipeline behind single and group picks: score every film, keep the best few hundred per emotion the
 * reading blends, order them in tiers (good and new first), diversify each tier, slice a page. Computing the
 * whole ordering and slicing it keeps pages consistent: "More picks" never repeats a film and never skips one.
 */
import type { Film } from '../catalogue/types';
import { diversifiedOrder, type Candidate } from './diversify';
import { filmIndex, franchisesAt, type FilmIndex } from './film-index';
import { TopK } from './top-k';

/**
 * How many of the best-scored films each lane diversifies (MMR costs O(pool²)): 60 pages of five, far more than
 * anyone asks for, while MMR stays around a millisecond.
 */
const CANDIDATE_POOL = 300;

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
  /**
   * Films shown for readings before those (the 4th to 8th last): they come after every film not shown lately, so
   * repeated readings of one mood walk further down the list instead of cycling back.
   */
  seen?: ReadonlySet<string>;
  /** 0 for the first page. */
  page?: number;
  /** Films per page (default 5). */
  pageSize?: number;
}

export interface ScoredFilm extends Candidate {
  film: Film;
  /**
   * 0 fresh and clearing the quality floor, 1 fresh and rated but under the floor, 2 fresh and rated by nobody,
   * 3 seen a while ago (4: and under the floor), 5 shown for a recent reading.
   */
  tier: number;
}

/**
 * A film's final score: its fit times its quality. A negative fit (only groups have candidates with one) is
 * divided instead, so a better film is still the less bad one.
 */
function withQuality(fit: number, quality: number): number {
  return fit > 0 ? fit * quality : fit / quality;
}

/** How a query scores films: per film (by position in the index) a fit, or NaN when it is no candidate. */
export interface Scoring {
  /** The share of the picks each lane gets (one lane per blended emotion; groups have one). */
  laneShares: readonly number[];
  /** The film's fit (before quality) and, through `lane`, which lane it belongs to. */
  fit(index: FilmIndex, position: number, lane: { value: number }): number;
  /**
   * Per genre set (slot in index.masks): the most any film of that set can fit, whatever its tone, or NaN when
   * none can. Lets the loop skip most films of a large catalogue without scoring them.
   */
  bound: Float64Array;
}

/** Tiers apart: a tier's worst film still ranks above the next tier's best. */
const TIER_STEP = 1e6;

/**
 * The best candidate films (at most CANDIDATE_POOL per lane) in the order the picks show them: fresh films that
 * clear the quality floor, then fresh films under it (only when no rated film is left that fits and was not shown
 * lately: neutral's few documentaries; films a few people rated before films nobody rated), then films seen a
 * while ago, then films shown for the recent readings;
 * each tier diversified and blended over the lanes. Seen films come after fresh ones so that repeated readings
 * walk down the list and never cycle back to the first page.
 */
function orderedCandidates(
  scene: PicksScene,
  scoring: Scoring,
  limit = Infinity,
): { ordered: ScoredFilm[]; total: number } {
  const { films, hidden, recent } = scene;
  const seen = scene.seen ?? new Set<string>();
  const index = filmIndex(films);
  const byId = (a: number, b: number) => compareIds(films[a]!.id, films[b]!.id);
  const lanes = scoring.laneShares.length;
  const pools = Array.from({ length: lanes }, () => new TopK<number>(CANDIDATE_POOL, byId));
  const lane = { value: 0 };
  const checkIds = hidden.size > 0 || recent.size > 0 || seen.size > 0;
  const bound = scoring.bound;
  const maskSlot = index.maskSlot;
  const quality = index.quality;
  const floor = index.floor;
  let entry = -Infinity;
  for (let position = 0; position < films.length; position++) {
    const most = bound[maskSlot[position]!]!;
    if (Number.isNaN(most)) continue;
    // Skip films that could not enter any lane's pool whatever their tone (most of 100,000 once pools fill).
    if ((position & 255) === 0) entry = Math.min(...pools.map((pool) => pool.threshold()));
    const ceiling = withQuality(most, quality[position]!) - floor[position]! * TIER_STEP;
    if (ceiling < entry) continue;
    const fit = scoring.fit(index, position, lane);
    if (Number.isNaN(fit)) continue;
    const pool = pools[lane.value]!;
    const score = withQuality(fit, index.quality[position]!);
    const best = score - floor[position]! * TIER_STEP;
    // Only a film that could enter the pool is looked up by id: a few thousand of 100,000.
    if (!pool.wouldKeep(position, best)) continue;
    let key = best;
    if (checkIds) {
      const id = films[position]!.id;
      if (hidden.has(id)) continue;
      if (recent.has(id)) key = score - 5 * TIER_STEP;
      else if (seen.has(id)) key = score - (floor[position] === 0 ? 3 : 4) * TIER_STEP;
    }
    pool.offer(position, key);
  }
  const candidates: ScoredFilm[] = [];
  pools.forEach((pool, l) => {
    for (const { item: position, score: key } of pool.best()) {
      const tier = Math.max(0, Math.round(-key / TIER_STEP));
      candidates.push({
        film: films[position]!,
        score: key + tier * TIER_STEP,
        tier,
        lane: l,
        mask: index.masks[index.maskSlot[position]!]!,
        franchises: franchisesAt(index, films, position),
      });
    }
  });
  const ordered: ScoredFilm[] = [];
  // A sequel of a film the user saw in the picks lately waits like a second film of one series on one page.
  const placed = new Set(candidates.filter(({ tier }) => tier >= 3).flatMap(({ franchises }) => franchises));
  for (let tier = 0; tier <= 5 && ordered.length < limit; tier++) {
    const members = candidates.filter((candidate) => candidate.tier === tier);
    if (members.length === 0) continue;
    ordered.push(
      ...diversifiedOrder(members, tier <= 2 ? placed : new Set(), scoring.laneShares, limit - ordered.length),
    );
  }
  return { ordered, total: candidates.length };
}

/** One page of the candidates' ordering (only as much of it as the page needs is computed). */
export function pageOfCandidates(scene: PicksScene, scoring: Scoring): { items: ScoredFilm[]; hasMore: boolean } {
  const size = Math.max(1, Math.floor(Number.isFinite(scene.pageSize) ? scene.pageSize! : DEFAULT_PAGE_SIZE));
  const index = Math.max(0, Math.floor(Number.isFinite(scene.page) ? scene.page! : 0));
  const { ordered, total } = orderedCandidates(scene, scoring, (index + 1) * size);
  return { items: ordered.slice(index * size, (index + 1) * size), hasMore: (index + 1) * size < total };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
