/**
 * "Fits the mood": the one rule (relevance.ts) as the popup's picks, the row, the badges and group picks show it,
 * with the one line that says why ("A warm comedy to lift a sad mood").
 */
import type { Genre } from '../catalogue/types';
import { EMOTIONS, MOOD_WORD, moodWithArticle, type Emotion } from '../mood/emotions';
import type { MoodScorer, ScoredFilmLike } from './relevance';
import { avoidedGenres, weightOf } from './strategies';
import { describedGenre, toneProfile, toneWord } from './tone';
import type { Fit, GenreWeights, Strategy } from './types';

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

/**
 * "A light comedy that fits your happy mood" (match, custom), "A warm comedy to lift a sad mood" (lift): the
 * genre that fits and, when the film's tone helped, the tone that did.
 */
export function reasonText(genre: Genre, emotion: Emotion, strategy: Strategy, tone: string | null = null): string {
  const what = describedGenre(genre, tone);
  const sentence = what.charAt(0).toUpperCase() + what.slice(1);
  if (strategy === 'lift') return `${sentence} ${LIFT_PURPOSE[emotion](moodWithArticle(emotion))}`;
  return `${sentence} that fits your ${MOOD_WORD[emotion]} mood`;
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

/** The film's genre that fits the emotion best: the table's best-weighted, else the most nudged; ties in film order. */
function fittingGenre(
  film: ScoredFilmLike,
  emotion: Emotion,
  weights: GenreWeights,
  nudges: GenreWeights,
): Genre | null {
  for (const table of [weights, nudges]) {
    let best: Genre | null = null;
    let bestWeight = 0;
    for (const genre of film.genres) {
      const weight = weightOf(table, emotion, genre);
      if (weight > bestWeight) {
        best = genre;
        bestWeight = weight;
      }
    }
    if (best) return best;
  }
  return null;
}

/** The fit of a film for one emotion of the reading, named (used once the rule has said it fits). */
export function fitAs(film: ScoredFilmLike, e: number, scorer: MoodScorer): Fit | null {
  const emotion = EMOTIONS[e]!;
  const genre = fittingGenre(film, emotion, scorer.weights, scorer.nudges);
  if (!genre) return null;
  const word = toneWord(toneProfile(scorer.strategy, emotion), film.tone);
  return { emotion, genre, reason: reasonText(genre, emotion, scorer.strategy, word) };
}

/**
 * THE rule for "fits the mood", shared by badges, the row, the popup and group picks: the film fits one of the
 * emotions the reading blends (relevance.ts: listed genre, avoid rule, fit ≥ FIT_MIN, nudges counted). Null when
 * it fits none; else the emotion it fits best, the genre and the reason.
 */
export function fitsMood(film: ScoredFilmLike, scorer: MoodScorer): Fit | null {
  const e = scorer.fittingEmotion(film);
  return e < 0 ? null : fitAs(film, e, scorer);
}
