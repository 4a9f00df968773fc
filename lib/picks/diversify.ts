/**
 * Diversity: one ordering of the top candidates by maximal marginal relevance (Carbonell & Goldstein 1998) over
 * genre sets, with at most one film per franchise until every franchise has had its turn.
 */
import { genreSimilarity } from './genre-mask';

/**
 * MMR's trade-off: each next film maximises λ·relevance − (1 − λ)·(its highest genre similarity to the films
 * already chosen). 0.7 keeps the best-fitting films in front while a fifth film of the same genre mix loses to a
 * slightly weaker film of another mix.
 */
export const MMR_LAMBDA = 0.7;

export interface Candidate {
  score: number;
  /** Genre bit mask (genre-mask.ts). */
  mask: number;
  /** Franchise keys (franchise.ts); films sharing any are one series. */
  franchises: readonly string[];
}

/** Scores scaled to [0, 1] (by the best when none is negative), so λ weighs like against like. */
function normalised(candidates: readonly Candidate[]): Float64Array {
  let max = -Infinity;
  let min = Infinity;
  for (const { score } of candidates) {
    if (score > max) max = score;
    if (score < min) min = score;
  }
  return Float64Array.from(candidates, ({ score }) => {
    if (min >= 0) return max > 0 ? score / max : 0;
    return max > min ? (score - min) / (max - min) : 0;
  });
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

/**
 * The candidates (best-scored first) in MMR order. A film whose franchise already has a film placed (or is in
 * `placedFranchises`) waits until every film of a less-placed franchise is placed: first one film per series,
 * then second films, and so on. One pass, O(n²) whatever the series.
 */
export function diversifiedOrder<T extends Candidate>(
  candidates: readonly T[],
  placedFranchises: ReadonlySet<string> = new Set(),
): T[] {
  const count = candidates.length;
  const relevance = normalised(candidates);
  const mates = seriesMates(candidates);
  const placed = new Uint8Array(count);
  // How many films of the candidate's series come before it: films wait their series' turn.
  const turn = Uint32Array.from(candidates, ({ franchises }) =>
    franchises.some((key) => placedFranchises.has(key)) ? 1 : 0,
  );
  const nearest = new Float64Array(count);
  const ordered: T[] = [];

  while (ordered.length < count) {
    let earliestTurn = Infinity;
    for (let i = 0; i < count; i++) if (!placed[i] && turn[i]! < earliestTurn) earliestTurn = turn[i]!;
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < count; i++) {
      if (placed[i] || turn[i] !== earliestTurn) continue;
      const value = MMR_LAMBDA * relevance[i]! - (1 - MMR_LAMBDA) * nearest[i]!;
      if (value > bestValue) {
        best = i;
        bestValue = value;
      }
    }
    const chosen = candidates[best]!;
    placed[best] = 1;
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
