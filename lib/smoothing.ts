/**
 * Combines the model's per-frame answers into one reading. One frame is noisy (blink, motion blur,
 * mid-word mouth); a second of frames, weighted by how sure the detector was that it saw a face, is not.
 */
import { EMOTIONS } from './emotions';

/** What one frame contributed: the model's probabilities (null when no face was found) and its weight. */
export interface FrameProbabilities {
  probabilities: readonly number[] | null;
  /** Usually the face detection score in [0,1]; frames without one count with weight 1. */
  weight?: number;
}

export interface CombineOptions {
  /** Frames whose weight (detection score) is below this are ignored (a doubtful face is worse than none). */
  minScore?: number;
}

const K = EMOTIONS.length;

/** True when `p` is a usable probability vector; throws on a wrong length, which is a wiring bug. */
function usable(p: readonly number[]): boolean {
  if (p.length !== K) throw new Error(`expected ${K} probabilities, got ${p.length}`);
  let sum = 0;
  for (const v of p) {
    if (!Number.isFinite(v) || v < 0) return false;
    sum += v;
  }
  return sum > 0;
}

/** Scales a non-negative vector to sum to 1 (a new array). */
export function normalize(p: readonly number[]): number[] {
  const sum = p.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || !Number.isFinite(sum)) throw new Error('cannot normalise a vector that sums to 0');
  return p.map((v) => v / sum);
}

/** Index of the largest value (the first on ties). */
function argmax(p: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/** The frames that count, each with its weight. */
function weighted(frames: readonly FrameProbabilities[], minScore: number): { p: readonly number[]; w: number }[] {
  const out: { p: readonly number[]; w: number }[] = [];
  for (const f of frames) {
    if (!f.probabilities || !usable(f.probabilities)) continue;
    const w = f.weight === undefined ? 1 : f.weight;
    if (!Number.isFinite(w) || w <= 0 || w < minScore) continue;
    out.push({ p: normalize(f.probabilities), w });
  }
  return out;
}

/**
 * Mean of the frames' probabilities weighted by detection score, renormalised to sum to 1;
 * frames without a face (or with unusable numbers) are skipped. Null when no frame counts.
 */
export function combineFrames(frames: readonly FrameProbabilities[], opts: CombineOptions = {}): number[] | null {
  const items = weighted(frames, opts.minScore ?? 0);
  if (items.length === 0) return null;
  const acc = new Array<number>(K).fill(0);
  for (const { p, w } of items) for (let i = 0; i < K; i++) acc[i]! += w * p[i]!;
  return normalize(acc);
}

/**
 * One step of an exponential moving average over distributions, for a live display:
 * `alpha` is the weight of the new frame (0..1]. A null `next` (no face) keeps the previous value.
 */
export function emaUpdate(prev: readonly number[] | null, next: readonly number[] | null, alpha = 0.3): number[] | null {
  if (!(alpha > 0 && alpha <= 1)) throw new Error('alpha must be in (0, 1]');
  if (!next || !usable(next)) return prev ? [...prev] : null;
  const n = normalize(next);
  if (!prev) return n;
  return normalize(prev.map((v, i) => (1 - alpha) * v + alpha * n[i]!));
}

export interface StabilityOptions {
  /** At least this many face frames. */
  minFrames?: number;
  /** At least this (score-weighted) share of frames must have the combined top emotion as their own top. */
  minAgreement?: number;
  minScore?: number;
}

export interface Stability {
  stable: boolean;
  /** Face frames that counted. */
  frames: number;
  /** Weighted share of frames whose top emotion is the combined top emotion (0 when none). */
  agreement: number;
}

/** Whether the frames agree enough for the combined reading to be shown as a result rather than a guess. */
export function readingStability(frames: readonly FrameProbabilities[], opts: StabilityOptions = {}): Stability {
  const minFrames = opts.minFrames ?? 3;
  const minAgreement = opts.minAgreement ?? 0.6;
  const items = weighted(frames, opts.minScore ?? 0);
  const combined = combineFrames(frames, { minScore: opts.minScore ?? 0 });
  if (!combined) return { stable: false, frames: 0, agreement: 0 };
  const top = argmax(combined);
  let agree = 0;
  let total = 0;
  for (const { p, w } of items) {
    total += w;
    if (argmax(p) === top) agree += w;
  }
  const agreement = agree / total;
  return { stable: items.length >= minFrames && agreement >= minAgreement, frames: items.length, agreement };
}
