/**
 * How well a film fits a reading, and the one rule for "fits the mood" that the popup, the row, the badges and
 * group picks all use.
 *
 * fit(emotion, film) = the genre table's part (best listed genre + a quarter of the second + the most negative)
 *                      + the user's nudges + TONE_WEIGHT × how the film's tone meets the emotion's tone profile.
 * A film fits an emotion when it has a genre the table (or the user's nudges) weighs positively, no avoid rule
 * excludes it, and its fit is at least FIT_MIN: a dark comedy does not fit a happy mood, a light one does.
 * A reading blends its emotions by weight: the top one and any other read with at least BLEND_MIN_SHARE.
 */
import { GENRES, type Genre } from '../catalogue/types';
import { EMOTIONS, topEmotion, type Emotion } from '../mood/emotions';
import { NUDGE_LIMIT } from './feedback';
import { genreMask } from './genre-mask';
import { avoidedGenres, weightOf } from './strategies';
import { toneFit, toneProfile, toneWeight } from './tone';
import type { GenreWeights, Strategy } from './types';

/**
 * How much a film's second-best positive genre adds. Only one extra genre counts and only at a quarter, so a
 * film tagged with eight genres cannot win by count: every film's positive part is at most 1.25 × the best weight.
 * The most negative genre counts in full (and only it): the table says that genre works against the mood.
 */
export const SECOND_GENRE_SHARE = 0.25;

/**
 * The avoid rule of lift applies to the top emotion and to any other emotion read with at least this share:
 * a reading 60 % sad and 40 % curious must still never get a plain drama.
 */
export const AVOID_RULE_MIN_SHARE = 0.25;

/** An emotion other than the top one gets its own share of the picks from this share of the reading on. */
const BLEND_MIN_SHARE = 0.2;

/**
 * The least fit that still "fits the mood". A film with one of a table's first three genres and a neutral tone
 * (or none known) fits; one whose tone works against the mood (a dark, violent comedy for a happy viewer: Pulp
 * Fiction) does not, nor a comedy-drama for a sad viewer under lift unless it is warm. Badges are held to this
 * too, and a wrong badge is worse than none.
 */
export const FIT_MIN = 0.8;

/**
 * The nudges' part of a fit: their sum over the film's genres, within ±NUDGE_LIMIT. Unlike the table's part this
 * adds up, because it measures overlap with films the user voted on: after a 👍 on a romantic comedy, another
 * romantic comedy gains twice what a plain comedy gains.
 */
function sumNudges(row: Float64Array, mask: number): number {
  let sum = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) sum += row[31 - Math.clz32(rest & -rest)]!;
  return Math.max(-NUDGE_LIMIT, Math.min(NUDGE_LIMIT, sum));
}

/** A genre table as rows of per-genre weights indexed by genre bit, one row per emotion (EMOTIONS order). */
function weightRows(weights: GenreWeights): Float64Array[] {
  return EMOTIONS.map((emotion) => Float64Array.from(GENRES, (genre) => weightOf(weights, emotion, genre)));
}

/** The combination rule above: best positive + SECOND_GENRE_SHARE × second positive + most negative. */
function combineGenreWeights(row: Float64Array, mask: number): number {
  let best = 0;
  let second = 0;
  let worst = 0;
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

/** The highest positive weight among the set's genres (0 when none): whether the table lists the film at all. */
function bestWeight(row: Float64Array, mask: number): number {
  let best = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) best = Math.max(best, row[31 - Math.clz32(rest & -rest)]!);
  return best;
}

/** What the scorer needs of a film. */
export interface ScoredFilmLike {
  readonly genres: readonly Genre[];
  readonly tone?: readonly number[] | null;
}

/** One reading's view of films: per-emotion fits, the one "fits" rule, the whole-reading relevance. */
export interface MoodScorer {
  readonly probabilities: readonly number[];
  readonly top: Emotion;
  readonly strategy: Strategy;
  readonly weights: GenreWeights;
  readonly nudges: GenreWeights;
  /** The emotions the picks blend (indexes into EMOTIONS), largest share first, and their shares (sum 1). */
  readonly blend: readonly { emotion: number; share: number }[];
  /** The genre part of fit(e) for a genre set (table + nudges), or NaN when the set cannot fit e. */
  genreFit(e: number, mask: number): number;
  /** The genre part of fit(e) for a genre set (table + nudges) whether or not the set can fit e. */
  genrePart(e: number, mask: number): number;
  /** fit(e) of a film from its genre part and tone. */
  fitWith(e: number, genrePart: number, tone: readonly number[] | null | undefined): number;
  /** Whether an avoid rule of this reading excludes the genre set. */
  avoided(mask: number): boolean;
  /** fit(e) for each emotion (EMOTIONS order), whatever the rule says (for reasons and tests). */
  fits(film: ScoredFilmLike): number[];
  /** The blended emotion (EMOTIONS index) the film fits best under the one rule, or -1 when it fits none. */
  fittingEmotion(film: ScoredFilmLike): number;
  /** Σ p(e) × fit(e) over the reading when the film fits, else null: the score the CLI reports. */
  relevance(film: ScoredFilmLike): number | null;
}

/**
 * A scorer for one reading. `weights` is the strategy's table, `nudges` the user's feedback (same shape, see
 * feedback.ts); they combine separately, so nudges reorder films within the table's choice.
 */
export function moodScorer(
  probabilities: readonly number[],
  strategy: Strategy,
  weights: GenreWeights,
  nudges: GenreWeights,
): MoodScorer {
  const top = topEmotion(probabilities);
  const topIndex = EMOTIONS.indexOf(top);
  const shares = probabilities.map((p) => (Number.isFinite(p) && p > 0 ? p : 0));
  const total = shares.reduce((sum, p) => sum + p, 0) || 1;
  const tableRows = weightRows(weights);
  const nudgeRows = weightRows(nudges).map((row) => (row.some((weight) => weight !== 0) ? row : null));
  const profiles = EMOTIONS.map((emotion) => toneProfile(strategy, emotion));

  const blendIndexes = EMOTIONS.map((_, e) => e)
    .filter((e) => e === topIndex || shares[e]! / total >= BLEND_MIN_SHARE)
    .sort((a, b) => shares[b]! - shares[a]! || a - b);
  const blendTotal = blendIndexes.reduce((sum, e) => sum + shares[e]!, 0) || 1;
  const blend = blendIndexes.map((emotion) => ({ emotion, share: shares[emotion]! / blendTotal }));

  const avoidRules: { avoided: number; lifting: number }[] = [];
  EMOTIONS.forEach((emotion, index) => {
    const avoidedMask = genreMask(avoidedGenres(strategy, emotion));
    if (avoidedMask === 0 || (index !== topIndex && shares[index]! / total < AVOID_RULE_MIN_SHARE)) return;
    const lifting = genreMask(GENRES.filter((genre) => weightOf(weights, emotion, genre) > 0));
    avoidRules.push({ avoided: avoidedMask, lifting });
  });
  const avoided = (mask: number): boolean => {
    for (const rule of avoidRules) if ((mask & rule.avoided) !== 0 && (mask & rule.lifting) === 0) return true;
    return false;
  };

  const genrePartAny = (e: number, mask: number): number => {
    const nudgeRow = nudgeRows[e] ?? null;
    return combineGenreWeights(tableRows[e]!, mask) + (nudgeRow ? sumNudges(nudgeRow, mask) : 0);
  };
  const genreFit = (e: number, mask: number): number => {
    const nudgeRow = nudgeRows[e] ?? null;
    // A film the table does not list for the emotion fits only when the user's nudges list it.
    const listed = bestWeight(tableRows[e]!, mask) > 0 || (nudgeRow !== null && sumNudges(nudgeRow, mask) > 0);
    return listed && !avoided(mask) ? genrePartAny(e, mask) : NaN;
  };
  const fitWith = (e: number, genrePart: number, tone: readonly number[] | null | undefined) =>
    genrePart + toneWeight(strategy) * toneFit(profiles[e]!, tone);

  const fits = (film: ScoredFilmLike): number[] => {
    const mask = genreMask(film.genres);
    return EMOTIONS.map((_, e) => fitWith(e, genrePartAny(e, mask), film.tone));
  };

  const fittingEmotion = (film: ScoredFilmLike): number => {
    const mask = genreMask(film.genres);
    let best = -1;
    let bestFit = -Infinity;
    for (const { emotion } of blend) {
      const part = genreFit(emotion, mask);
      if (Number.isNaN(part)) continue;
      const fit = fitWith(emotion, part, film.tone);
      if (fit >= FIT_MIN && fit > bestFit) {
        best = emotion;
        bestFit = fit;
      }
    }
    return best;
  };

  const relevance = (film: ScoredFilmLike): number | null => {
    if (fittingEmotion(film) < 0) return null;
    const mask = genreMask(film.genres);
    let value = 0;
    for (let e = 0; e < shares.length; e++) {
      if (shares[e] === 0) continue;
      value += (shares[e]! / total) * fitWith(e, genrePartAny(e, mask), film.tone);
    }
    return value;
  };

  return {
    probabilities: shares,
    top,
    strategy,
    weights,
    nudges,
    blend,
    genreFit,
    genrePart: genrePartAny,
    fitWith,
    avoided,
    fits,
    fittingEmotion,
    relevance,
  };
}
