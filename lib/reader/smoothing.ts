/**
 * Combines the model's per-frame answers into one reading. One frame is noisy (blink, motion blur,
 * mid-word mouth); a second of frames, weighted by how sure the detector was that it saw a face, is not.
 */
import { EMOTIONS } from '../mood/emotions';

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
