/**
 * Readings in words: a mixed one ("mostly neutral, a bit happy"), what a top emotion under 50 % does not say
 * alone; and any reading's larger parts ("60 % neutral, 25 % sad").
 */
import { EMOTIONS, MOOD_WORD, type Emotion } from './emotions';

/** A reading whose top emotion is under this is mixed. */
const MIXED_BELOW = 0.5;
/** Another emotion is named beside the top one from this share on. */
const NAMED_FROM = 0.15;
/** Two emotions this close are a tie: "between sad and neutral", not "mostly sad". */
const TIE_WITHIN = 0.05;

/** Words for a mixed reading, or null when one emotion holds at least half of it. */
export function mixedMoodWords(probabilities: readonly number[]): string | null {
  const ranked = EMOTIONS.map((emotion, i) => ({ emotion, p: probabilities[i] ?? 0 })).sort((a, b) => b.p - a.p);
  const [top, second] = ranked as [{ emotion: Emotion; p: number }, { emotion: Emotion; p: number }];
  if (top.p >= MIXED_BELOW) return null;
  if (top.p - second.p <= TIE_WITHIN) return `between ${MOOD_WORD[top.emotion]} and ${MOOD_WORD[second.emotion]}`;
  const named = ranked.slice(1, 3).filter(({ p }) => p >= NAMED_FROM);
  if (named.length === 0) return `mostly ${MOOD_WORD[top.emotion]}, with a little of everything`;
  return `mostly ${MOOD_WORD[top.emotion]}, a bit ${named.map(({ emotion }) => MOOD_WORD[emotion]).join(' and ')}`;
}

/** The larger parts first, as percentages: "60 % neutral, 25 % sad, 8 % fearful" (under 5 % left out, at most four). */
export function describeShares(probabilities: readonly number[]): string {
  return EMOTIONS.map((emotion, i) => ({ emotion, p: probabilities[i] ?? 0 }))
    .filter(({ p }) => p >= 0.05)
    .sort((a, b) => b.p - a.p)
    .slice(0, 4)
    .map(({ emotion, p }) => `${Math.round(p * 100)} % ${MOOD_WORD[emotion]}`)
    .join(', ');
}
