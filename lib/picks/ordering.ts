/**
 * The one pipeline behind single and group picks (and the broadly loved films shown without a reading): score
 * every film, keep the best few hundred, order them in tiers (good, fitting and new first), diversify each tier,
 * bring the user's own best-rated fitting films onto the first two pages, slice a page. Computing the whole
 * ordering and slicing it keeps pages consistent: "More picks" never repeats a film and never skips one.
 */
import type { Film } from '../catalogue/types';
import { diversifiedOrder, type Candidate } from './diversify';
import { filmIndex, franchisesAt, type FilmIndex } from './film-index';
import { TopK } from './top-k';
import type { PickKind } from './types';

/**
 * How many of the best-scored films are diversified (MMR costs O(pool²)): 60 pages of five, far more than
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
  kind: PickKind;
  /** See TIERS: the lower, the earlier. */
  tier: number;
}

/** A film's final score: its fit times its quality; a negative fit is divided instead (the better, the less bad). */
function withQuality(fit: number, quality: number): number {
  return fit > 0 ? fit * quality : fit / quality;
}

/** How a query scores films. */
export interface Scoring {
  /** The film's score as a fit (before quality), or NaN when it does not fit. */
  fit(index: FilmIndex, position: number): number;
  /** At least the film's fit score if it fits, and cheaper to compute (a second, per-film bound; optional). */
  roughFit?(index: FilmIndex, position: number): number;
  /**
   * Per genre set (slot in index.masks): the most any film of that set can score as a fit, whatever its tone, or
   * NaN when none can. Lets the loop skip most films of a large catalogue without scoring them.
   */
  bound: Float64Array;
  /** A film that does not fit as a filler: its score and (through `kind`) whether it fits a lesser emotion or is loved. */
  fill?(index: FilmIndex, position: number, kind: { value: 'next' | 'loved' }): number;
  /** Per genre set: the most a film of the set can score as a filler (NaN: never one). */
  fillBound?: Float64Array;
}

/**
 * The tiers, earliest first: fresh good fits (clearing the quality floor, rated at least as well as the average
 * film, or the user's own); fresh good films of a lesser emotion of the reading; fresh broadly loved films; fresh
 * fits rated below average; fits fewer than 20 people rated; fits nobody rated; films seen a while ago (then
 * those under the floor); films shown for the recent readings. A tier's worst film still ranks above the next
 * tier's best.
 */
const TIER = { good: 0, next: 1, loved: 2, fair: 3, underFloor: 4, unrated: 5, seen: 6, seenUnder: 7, recent: 8 };
const TIER_STEP = 1e6;

/** A filler's key is at most this (its score is small): once the pool's entry is above it, no filler can enter. */
const FILL_KEY_MAX = -TIER.next * TIER_STEP + 1000;

/** The kinds a pool item carries in its two low bits. */
const KIND_CODES: readonly PickKind[] = ['fit', 'next', 'loved'];

/** How many of the user's own films rated ≥ 4 (that fit) reach the first pages, and where at the latest. */
const YOURS_PLACES = [1, 6];

/**
 * The best candidate films (at most CANDIDATE_POOL) in the order the picks show them: the tiers above, each
 * diversified. Seen films come after fresh ones so that repeated readings walk down the list and never cycle
 * back to the first page.
 */
function orderedCandidates(
  scene: PicksScene,
  scoring: Scoring,
  limit = Infinity,
): { ordered: ScoredFilm[]; total: number } {
  const { films, hidden, recent } = scene;
  const seen = scene.seen ?? new Set<string>();
  const index = filmIndex(films);
  // Pool items are position × 4 + the kind's code (KIND_CODES), so nothing is allocated per film.
  const byId = (a: number, b: number) => compareIds(films[a >> 2]!.id, films[b >> 2]!.id);
  const pool = new TopK<number>(CANDIDATE_POOL, byId);
  const yours = new TopK<number>(YOURS_PLACES.length, byId);
  const fillKind: { value: 'next' | 'loved' } = { value: 'loved' };
  const checkIds = hidden.size > 0 || recent.size > 0 || seen.size > 0;
  const { bound, fillBound } = scoring;
  const roughFit = scoring.roughFit;
  const { maskSlot, quality, good, floor, userLoved } = index;
  const tiers = index.fitTier;
  const step = TIER_STEP;
  let entry = -Infinity;
  for (let position = 0; position < films.length; position++) {
    // Skip films that could not enter the pool whatever their tone (most of 100,000 once the pool fills).
    if ((position & 255) === 0) entry = pool.threshold();
    const slot = maskSlot[position]!;
    const most = bound[slot]!;
    const mine = userLoved[position] === 1;
    // A filler must be good; none can enter once the pool holds enough fits.
    const fillMost =
      fillBound && entry < FILL_KEY_MAX && floor[position] === 0 && good[position] === 1 ? fillBound[slot]! : NaN;
    if (Number.isNaN(most) && Number.isNaN(fillMost) && !mine) continue;
    const q = quality[position]!;
    const tierOfFit = tiers[position]!;
    let fitCeiling = Number.isNaN(most) ? -Infinity : withQuality(most, q) - tierOfFit * step;
    const fillCeiling = Number.isNaN(fillMost) ? -Infinity : withQuality(fillMost, q) - TIER.next * step;
    if (fitCeiling < entry && fillCeiling < entry && !mine) continue;
    // Then this film's own bound (its tone known), before the full fit.
    if (roughFit && fitCeiling >= entry) fitCeiling = withQuality(roughFit(index, position), q) - tierOfFit * step;
    if (fitCeiling < entry && fillCeiling < entry && !mine) continue;
    let kind: PickKind = 'fit';
    // (A film that cannot enter as a fit is still scored when it might as a filler: a film that fits is no filler.)
    let score = scoring.fit(index, position);
    let tier: number;
    if (!Number.isNaN(score)) {
      tier = tierOfFit;
    } else {
      if (!scoring.fill || fillCeiling < entry) continue;
      score = scoring.fill(index, position, fillKind);
      if (Number.isNaN(score)) continue;
      kind = fillKind.value;
      tier = kind === 'next' ? TIER.next : TIER.loved;
    }
    const scored = withQuality(score, q);
    const key = scored - tier * TIER_STEP;
    const mayBeYours = kind === 'fit' && userLoved[position] === 1;
    const item = position * 4 + KIND_CODES.indexOf(kind);
    // Only a film that could enter the pool is looked up by id: a few thousand of 100,000.
    if (!pool.wouldKeep(item, key) && !mayBeYours) continue;
    let finalKey = key;
    if (checkIds) {
      const id = films[position]!.id;
      if (hidden.has(id)) continue;
      if (recent.has(id)) finalKey = scored - TIER.recent * TIER_STEP;
      else if (seen.has(id)) finalKey = scored - (floor[position] === 0 ? TIER.seen : TIER.seenUnder) * TIER_STEP;
    }
    // Among the user's own films, their own rating says which are best.
    if (mayBeYours && finalKey === key) yours.offer(item, withQuality(score, index.userQuality[position]!));
    pool.offer(item, finalKey);
  }
  const candidates: ScoredFilm[] = [];
  const chosenYours = new Set(yours.best().map(({ item }) => item));
  const toCandidate = (item: number, key: number): ScoredFilm => {
    const position = item >> 2;
    const tier = Math.max(0, Math.round(-key / TIER_STEP));
    return {
      film: films[position]!,
      score: key + tier * TIER_STEP,
      tier,
      kind: chosenYours.has(item) ? 'yours' : KIND_CODES[item & 3]!,
      mask: index.masks[index.maskSlot[position]!]!,
      franchises: franchisesAt(index, films, position),
    };
  };
  const inPool = new Set<number>();
  for (const { item, score: key } of pool.best()) {
    inPool.add(item);
    if (!chosenYours.has(item)) candidates.push(toCandidate(item, key));
  }
  const ordered: ScoredFilm[] = [];
  // A sequel of a film the user saw in the picks lately waits like a second film of one series on one page.
  const placed = new Set(candidates.filter(({ tier }) => tier >= TIER.seen).flatMap(({ franchises }) => franchises));
  const yoursFirst = yours.best().map(({ item, score }) => toCandidate(item, score));
  for (let tier = 0; tier <= TIER.recent && ordered.length < limit; tier++) {
    const members = candidates.filter((candidate) => candidate.tier === tier);
    if (members.length === 0) continue;
    const before =
      tier <= TIER.unrated ? new Set([...placed, ...yoursFirst.flatMap((c) => c.franchises)]) : new Set<string>();
    ordered.push(...diversifiedOrder(members, before, [1], limit - ordered.length));
  }
  // The user's own best-rated fitting films: on the first two pages (a page of five), never pushed off by variety.
  yoursFirst.forEach((candidate, i) => ordered.splice(Math.min(YOURS_PLACES[i]!, ordered.length), 0, candidate));
  const total = inPool.size + [...chosenYours].filter((item) => !inPool.has(item)).length;
  return { ordered, total };
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
