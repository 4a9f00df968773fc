/**
 * Variety: one ordering of the top candidates by maximal marginal relevance (Carbonell & Goldstein 1998) over
 * genre sets, within a band of the best score (variety never beats a much better film), blended over the
 * reading's emotions by weight, with at most one film per franchise until every franchise has had its turn.
 */
import { genreSimilarity } from './genre-mask';

/**
 * MMR's trade-off: each next film maximises λ·relevance − (1 − λ)·(its highest genre similarity to the films
 * already chosen), relevance relative to the best film still waiting.
 */
const MMR_LAMBDA = 0.7;

/**
 * Only films scoring at least this share of the best film still waiting (in their lane) may be chosen for
 * variety's sake: a film 20 % better is never passed over for a different genre mix.
 */
const VARIETY_BAND = 0.85;

export interface Candidate {
  score: number;
  /** Genre bit mask (genre-mask.ts). */
  mask: number;
  /** Franchise keys (franchise.ts); films sharing any are one series. */
  franchises: readonly string[];
  /** Which of the reading's blended emotions the film is picked for (0 when only one). */
  lane?: number;
}

/** For each candidate, the other candidates that share a franchise key with it. */
function seriesMates(candidates: readonly Candidate[]): number[][] {
  const byKey = new Map<string, number[]>();
  candidates.forEach(({ franchises }, i) => {
    for (const key of franchises) {
      const members = byKey.get(key);
      if (members) members.push(i);
      else byKey.set(key, [i]);
    }
  });
  return candidates.map(({ franchises }, i) => {
    const mates = new Set<number>();
    for (const key of franchises) for (const j of byKey.get(key)!) if (j !== i) mates.add(j);
    return [...mates];
  });
}

/** The lower edge of the band under the best score `top` (scores may be negative for groups). */
function bandFloor(top: number): number {
  return top - (1 - VARIETY_BAND) * Math.abs(top);
}

/**
 * The candidates in the order the picks show them. Lanes (the reading's emotions) take turns by their shares
 * (Sainte-Laguë: a 60/40 reading gives three films and two per five); within its lane the next film is the MMR
 * choice among films of the band under the lane's best waiting film. A film whose franchise already has a film
 * placed (or is in `placedFranchises`) waits until every film of a less-placed franchise in its lane is placed.
 * Greedy, so the first `limit` films are the same whatever comes after: only as many as a page needs are ordered.
 */
export function diversifiedOrder<T extends Candidate>(
  candidates: readonly T[],
  placedFranchises: ReadonlySet<string> = new Set(),
  laneShares: readonly number[] = [1],
  limit = Infinity,
): T[] {
  const count = candidates.length;
  const lanes = laneShares.length;
  const laneOf = Int32Array.from(candidates, ({ lane }) => Math.min(lanes - 1, Math.max(0, lane ?? 0)));
  const waiting = new Int32Array(lanes);
  for (let i = 0; i < count; i++) waiting[laneOf[i]!]! += 1;
  const placedInLane = new Int32Array(lanes);
  const mates = seriesMates(candidates);
  const placed = new Uint8Array(count);
  const turn = Uint32Array.from(candidates, ({ franchises }) =>
    franchises.some((key) => placedFranchises.has(key)) ? 1 : 0,
  );
  const nearest = new Float64Array(count);
  const ordered: T[] = [];

  const members: number[][] = Array.from({ length: lanes }, () => []);
  for (let i = 0; i < count; i++) members[laneOf[i]!]!.push(i);

  while (ordered.length < Math.min(count, limit)) {
    let lane = -1;
    let laneValue = -Infinity;
    for (let l = 0; l < lanes; l++) {
      if (waiting[l] === 0) continue;
      const value = laneShares[l]! / (2 * placedInLane[l]! + 1);
      if (value > laneValue) {
        lane = l;
        laneValue = value;
      }
    }
    const inLane = members[lane]!;
    let earliestTurn = Infinity;
    let top = -Infinity;
    for (const i of inLane) {
      if (placed[i]) continue;
      const score = candidates[i]!.score;
      if (turn[i]! < earliestTurn) {
        earliestTurn = turn[i]!;
        top = score;
      } else if (turn[i] === earliestTurn && score > top) top = score;
    }
    const floor = bandFloor(top);
    const scale = Math.abs(top) || 1;
    let best = -1;
    let bestValue = -Infinity;
    for (const i of inLane) {
      if (placed[i] || turn[i] !== earliestTurn) continue;
      const score = candidates[i]!.score;
      if (score < floor) continue;
      const value = MMR_LAMBDA * (score / scale) - (1 - MMR_LAMBDA) * nearest[i]!;
      if (value > bestValue) {
        best = i;
        bestValue = value;
      }
    }
    const chosen = candidates[best]!;
    placed[best] = 1;
    waiting[lane]! -= 1;
    placedInLane[lane]! += 1;
    ordered.push(chosen);
    for (const mate of mates[best]!) turn[mate]! += 1;
    for (let i = 0; i < count; i++) {
      if (placed[i]) continue;
      const similarity = genreSimilarity(chosen.mask, candidates[i]!.mask);
      if (similarity > nearest[i]!) nearest[i] = similarity;
    }
  }
  return ordered;
}
