import type { ReadingLength } from '../mood/types';

/**
 * When a camera reading has seen enough. Pure: the offscreen loop feeds it what happened so far.
 * A reading spans about a second of face frames so one blink or grimace does not decide the mood.
 */
export interface ReadingPlan {
  /** Stop once this many frames had a face... */
  maxFaceFrames: number;
  /** ...or once this many had a face and this long has passed since the first one. */
  minFaceFrames: number;
  spanMs: number;
  /** Give up with "no face" after this long without any face. */
  noFaceTimeoutMs: number;
  /** Hard stop, whatever happened. */
  maxMs: number;
}

export const DEFAULT_PLAN: ReadingPlan = {
  maxFaceFrames: 8,
  minFaceFrames: 3,
  spanMs: 900,
  noFaceTimeoutMs: 2500,
  maxMs: 4000,
};

export const READING_PLANS: Record<ReadingLength, ReadingPlan> = {
  quick: { ...DEFAULT_PLAN, maxFaceFrames: 5, minFaceFrames: 3, spanMs: 450 },
  normal: DEFAULT_PLAN,
  steady: { ...DEFAULT_PLAN, maxFaceFrames: 24, minFaceFrames: 8, spanMs: 1800, maxMs: 5000 },
};

export interface ReadingProgress {
  /** Milliseconds since the first frame arrived. */
  elapsedMs: number;
  faceFrames: number;
  /** Milliseconds since the first frame with a face, or null. */
  sinceFirstFaceMs: number | null;
}

export type PlanDecision = 'continue' | 'done' | 'no-face';

export function nextStep(progress: ReadingProgress, plan: ReadingPlan = DEFAULT_PLAN): PlanDecision {
  const { elapsedMs, faceFrames, sinceFirstFaceMs } = progress;
  if (faceFrames >= plan.maxFaceFrames) return 'done';
  if (faceFrames >= plan.minFaceFrames && (sinceFirstFaceMs ?? 0) >= plan.spanMs) return 'done';
  if (faceFrames === 0 && elapsedMs >= plan.noFaceTimeoutMs) return 'no-face';
  if (elapsedMs >= plan.maxMs) return faceFrames > 0 ? 'done' : 'no-face';
  return 'continue';
}
