/**
 * Whether a film fits a mood under a strategy, and the one line that says why. The popup's picks and the
 * streaming sites' badges share this rule.
 */
import type { Genre } from '../catalogue/types';
import type { Emotion } from '../mood/emotions';
import { avoidedGenres, weightOf } from './strategies';
import type { Fit, GenreWeights, Strategy } from './types';

/** The adjective a reason uses ("an afraid mood" reads wrong, so not EMOTION_LABEL). */
const MOOD_ADJECTIVE: Record<Emotion, string> = {
  angry: 'an angry',
  disgust: 'a disgusted',
  fear: 'a fearful',
  happy: 'a happy',
  sad: 'a sad',
  surprise: 'a surprised',
  neutral: 'a neutral',
};

/**
 * How lifting reads per emotion: negative moods are lifted, calmed or eased (mood management, Zillmann 1988);
 * a happy mood is kept going; surprise and a neutral mood are fed something engaging.
 */
const LIFT_PURPOSE: Record<Emotion, (mood: string) => string> = {
  angry: (mood) => `to calm ${mood} mood`,
  disgust: (mood) => `to lift ${mood} mood`,
  fear: (mood) => `to ease ${mood} mood`,
  happy: (mood) => `to keep ${mood} mood going`,
  sad: (mood) => `to lift ${mood} mood`,
  surprise: (mood) => `to keep ${mood} mood going`,
  neutral: (mood) => `to brighten ${mood} mood`,
};

/** "Comedy · fits your happy mood" (match, custom), "Animation · to lift a sad mood" (lift). */
export function reasonText(genre: Genre, emotion: Emotion, strategy: Strategy): string {
  const article = MOOD_ADJECTIVE[emotion];
  if (strategy === 'lift') return `${genre} · ${LIFT_PURPOSE[emotion](article)}`;
  const adjective = article.slice(article.indexOf(' ') + 1);
  return `${genre} · fits your ${adjective} mood`;
}

/**
 * The avoid rule: under lift, a film that has a genre steered away from for this emotion (Drama when sad, Horror
 * when afraid…) and none of the genres that lift it is never proposed. A drama that is also a comedy may be.
 */
export function breaksAvoidRule(
  genres: readonly Genre[],
  emotion: Emotion,
  strategy: Strategy,
  weights: GenreWeights,
): boolean {
  const avoided = avoidedGenres(strategy, emotion);
  if (avoided.length === 0 || !genres.some((genre) => avoided.includes(genre))) return false;
  return !genres.some((genre) => weightOf(weights, emotion, genre) > 0);
}

/**
 * Whether a film fits a mood: it has a genre the strategy weighs positively for the emotion (and, under lift,
 * keeps the avoid rule). The fit names the best-weighted such genre; ties go to the film's own genre order.
 */
export function fitFor(
  film: { readonly genres: readonly Genre[] },
  emotion: Emotion,
  strategy: Strategy,
  weights: GenreWeights,
): Fit | null {
  if (breaksAvoidRule(film.genres, emotion, strategy, weights)) return null;
  let best: Genre | null = null;
  let bestWeight = 0;
  for (const genre of film.genres) {
    const weight = weightOf(weights, emotion, genre);
    if (weight > bestWeight) {
      best = genre;
      bestWeight = weight;
    }
  }
  return best === null ? null : { emotion, genre: best, reason: reasonText(best, emotion, strategy) };
}
