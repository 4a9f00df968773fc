/**
 * The resting-face calibration: a reading of the user's relaxed face (the reference, seven numbers, never an
 * image), and the correction that makes later readings relative to it.
 *
 * The correction is a prior (label-shift) correction, faded by distance:
 * 1. Full correction: each probability is multiplied by NEUTRAL_TARGET / reference and the result renormalised.
 *    The reference itself then reads exactly NEUTRAL_TARGET (a clearly neutral reading); a face that shows an
 *    emotion more than the resting face does gains it, one that shows it less loses it.
 * 2. Faded by distance: the result is blended with the reading as read, the full correction weighing
 *    (1 − d)², d the total variation distance between the reading and the reference (half the summed absolute
 *    differences, from 0 to 1). A reading like the resting face is corrected fully; a clear expression, far
 *    from it, is left nearly as read, so a resting face that reads 70 % sad cannot turn a 90 % happy reading
 *    into anything else. The square (rather than 1 − d) was chosen by calibration.test.ts: with 1 − d an
 *    85 % angry frown read neutral for a resting face at 60 % angry; a cube starts to leave readings close to
 *    the resting face uncorrected.
 * A reference probability other than neutral is floored at 1 % before dividing, so an emotion the resting face
 * never showed cannot take over a reading through a near-zero divisor (neutral is only kept off zero: taking over
 * a reading like the resting face is its job).
 */
import { EMOTIONS } from './emotions';

/** The stored reference: the relaxed face's reading. */
export interface RestingFace {
  /** Seven probabilities in EMOTIONS order, summing to 1: what the relaxed face read. */
  probabilities: number[];
  /** Epoch milliseconds of the last calibration or fold. */
  at: number;
  /** How many readings it averages: 1 after a calibration, more after corrections are folded in. */
  samples: number;
}

/** What the resting face is made to read: a clearly neutral reading. */
export const NEUTRAL_TARGET: readonly number[] = EMOTIONS.map((e) => (e === 'neutral' ? 0.76 : 0.04));

/** No reference probability but neutral's is taken as lower than this (see the header). */
const REFERENCE_FLOOR = 0.01;
const NEUTRAL_FLOOR = 1e-6;
const NEUTRAL = EMOTIONS.indexOf('neutral');

/** The power of (1 − distance) that weighs the full correction (chosen by calibration.test.ts). */
const FADE_POWER = 2;

const K = EMOTIONS.length;

function normalised(values: readonly number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || !Number.isFinite(sum)) throw new Error('cannot normalise a vector that sums to 0');
  return values.map((v) => v / sum);
}

/** Seven finite, non-negative numbers that add up to 1 (within rounding). */
export function isDistribution(value: unknown): value is number[] {
  if (!Array.isArray(value) || value.length !== K) return false;
  if (!value.every((p) => typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 1)) return false;
  return Math.abs((value as number[]).reduce((a, b) => a + b, 0) - 1) < 1e-3;
}

/** What the correction divides by: the reference, each part floored (see the header). */
function divisors(reference: readonly number[]): number[] {
  if (reference.length !== K) throw new Error(`expected ${K} probabilities, got ${reference.length}`);
  return reference.map((r, i) => Math.max(r, i === NEUTRAL ? NEUTRAL_FLOOR : REFERENCE_FLOOR));
}

/** Half the summed absolute differences: 0 for the same distribution, 1 for two with nothing in common. */
export function totalVariation(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < K; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / 2;
}

export interface CorrectionOptions {
  /** The power of (1 − distance); FADE_POWER unless a test compares others (0: the full correction always). */
  fadePower?: number;
}

/** A reading's probabilities corrected relative to the resting face `reference` (see the header). */
export function correctForRestingFace(
  probabilities: readonly number[],
  reference: readonly number[],
  { fadePower = FADE_POWER }: CorrectionOptions = {},
): number[] {
  const read = normalised(probabilities);
  const rest = normalised(reference);
  const divisor = divisors(rest);
  const full = normalised(read.map((p, i) => (p * NEUTRAL_TARGET[i]!) / divisor[i]!));
  const weight = (1 - totalVariation(read, rest)) ** fadePower;
  return read.map((p, i) => weight * full[i]! + (1 - weight) * p);
}

/**
 * The resting face with more relaxed readings folded in (corrections to neutral): the mean of everything it
 * has seen, each calibration and each folded reading counting once.
 */
export function foldIntoRestingFace(
  current: RestingFace | null,
  readings: readonly (readonly number[])[],
  at: number,
): RestingFace | null {
  const usable = readings.filter(isDistribution);
  if (usable.length === 0) return current;
  const samples = (current?.samples ?? 0) + usable.length;
  const sum = new Array<number>(K).fill(0);
  if (current) current.probabilities.forEach((p, i) => (sum[i]! += p * current.samples));
  for (const reading of usable) reading.forEach((p, i) => (sum[i]! += p));
  return { probabilities: sum.map((s) => s / samples), at, samples };
}

/** A stored resting face, checked: a clean copy, or undefined when anything is off. */
export function parseRestingFace(stored: unknown): RestingFace | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { probabilities, at, samples } = stored as Record<string, unknown>;
  if (!isDistribution(probabilities)) return undefined;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return undefined;
  if (typeof samples !== 'number' || !Number.isInteger(samples) || samples < 1 || samples > 1_000_000) return undefined;
  return { probabilities: [...probabilities], at, samples };
}
