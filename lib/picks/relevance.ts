/**
 * How well a film's genres fit a whole reading: Σ over emotions of p(emotion) × fit(emotion, genres).
 * Everything here depends on the genre set only, so a query scores each distinct set once (film-index.ts;
 * MovieLens has 951 sets for 9,742 films).
 */
import { GENRES } from '../catalogue/types';
import { EMOTIONS, topEmotion, type Emotion } from '../mood/emotions';
import { NUDGE_LIMIT } from './feedback';
import { genreMask } from './genre-mask';
import { avoidedGenres, weightOf } from './strategies';
import type { GenreWeights, Strategy } from './types';

/**
 * How much a film's second-best positive genre adds. A second on-mood genre is evidence the film sits squarely in
 * the mood (a family comedy for a happy one), but only one extra genre counts and only at a quarter, so a film
 * tagged with eight genres cannot win by count: every film's positive part is at most 1.25 × the best weight.
 * The most negative genre counts in full (and only it): the table says that genre works against the mood.
 */
export const SECOND_GENRE_SHARE = 0.25;

/**
 * The avoid rule of lift applies to the top emotion and to any other emotion read with at least this share:
 * a reading 60 % sad and 40 % curious must still never get a plain drama.
 */
export const AVOID_RULE_MIN_SHARE = 0.25;

/**
 * The nudges' part of a fit: their sum over the film's genres, within ±NUDGE_LIMIT. Unlike the table's part this
 * adds up, because it measures overlap with films the user voted on: after a 👍 on a romantic comedy, another
 * romantic comedy gains twice what a plain comedy gains. The cap keeps a many-genre film from collecting more
 * than one (emotion, genre)'s worth.
 */
export function sumNudges(row: Float64Array, mask: number): number {
  let sum = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) sum += row[31 - Math.clz32(rest & -rest)]!;
  return Math.max(-NUDGE_LIMIT, Math.min(NUDGE_LIMIT, sum));
}

/** A genre table as rows of per-genre weights indexed by genre bit, one row per emotion (EMOTIONS order). */
function weightRows(weights: GenreWeights): Float64Array[] {
  return EMOTIONS.map((emotion) => Float64Array.from(GENRES, (genre) => weightOf(weights, emotion, genre)));
}

/** The combination rule above: best positive + SECOND_GENRE_SHARE × second positive + most negative. */
export function combineGenreWeights(row: Float64Array, mask: number): number {
  let best = 0;
  let second = 0;
  let worst = 0;
  // Visits the set bits only (lowest first): a film has two or three genres of nineteen.
  for (let rest = mask; rest !== 0; rest &= rest - 1) {
    const weight = row[31 - Math.clz32(rest & -rest)]!;
    if (weight > best) {
      second = best;
      best = weight;
    } else if (weight > second) second = weight;
    else if (weight < worst) worst = weight;
  }
  return best + SECOND_GENRE_SHARE * second + worst;
}

/** One reading's view of genre sets: per-emotion fits, the whole-distribution relevance, the avoid rule. */
export interface MoodScorer {
  readonly probabilities: readonly number[];
  readonly top: Emotion;
  /** fit(emotion, genres) for each emotion in EMOTIONS order: the table's part plus the user's nudges. */
  fits(mask: number): readonly number[];
  /** Σ p(e) × fit(e); null when the strategy's avoid rule excludes the set for this reading. */
  relevance(mask: number): number | null;
}

/**
 * A scorer for one reading. `weights` is the strategy's table, `nudges` the user's feedback (same shape, see
 * feedback.ts); they combine separately, so nudges reorder films within the table's choice without a clamp at 1
 * swallowing them.
 */
export function moodScorer(
  probabilities: readonly number[],
  strategy: Strategy,
  weights: GenreWeights,
  nudges: GenreWeights,
): MoodScorer {
  const top = topEmotion(probabilities);
  const shares = probabilities.map((p) => (Number.isFinite(p) && p > 0 ? p : 0));
  const tableRows = weightRows(weights);
  // Most users have no feedback for most emotions: an all-zero row is skipped.
  const nudgeRows = weightRows(nudges).map((row) => (row.some((weight) => weight !== 0) ? row : null));
  const fitOf = (e: number, mask: number): number => {
    const nudgeRow = nudgeRows[e];
    return combineGenreWeights(tableRows[e]!, mask) + (nudgeRow ? sumNudges(nudgeRow, mask) : 0);
  };

  // The avoid rule as masks: an emotion it applies to excludes sets with an avoided genre and no lifting one.
  const avoidRules: { avoided: number; lifting: number }[] = [];
  EMOTIONS.forEach((emotion, index) => {
    const avoided = genreMask(avoidedGenres(strategy, emotion));
    if (avoided === 0 || (emotion !== top && shares[index]! < AVOID_RULE_MIN_SHARE)) return;
    const lifting = genreMask(GENRES.filter((genre) => weightOf(weights, emotion, genre) > 0));
    avoidRules.push({ avoided, lifting });
  });

  const fits = (mask: number): number[] => EMOTIONS.map((_, e) => fitOf(e, mask));

  const relevance = (mask: number): number | null => {
    for (const rule of avoidRules) if ((mask & rule.avoided) !== 0 && (mask & rule.lifting) === 0) return null;
    let value = 0;
    for (let e = 0; e < shares.length; e++) {
      if (shares[e] === 0) continue;
      value += shares[e]! * fitOf(e, mask);
    }
    return value;
  };

  return { probabilities: shares, top, fits, relevance };
}
