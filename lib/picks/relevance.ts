/**
 * How well a film fits a reading, and the one rule for "fits the mood" that the popup, the row, the badges and
 * group picks all use.
 *
 * fit(emotion, film) = the genre part + the user's nudges + toneWeight × how the film's tone meets the emotion's
 * tone profile (tone.ts).
 * - Match (and a custom table): the genre part is the table's (best listed genre + a quarter of the second + the
 *   most negative), and a film fits an emotion only through a genre the table (or a 👍) lists: the seed's
 *   mapping stays the rule, tone orders within it and turns away a film whose tone works against the mood.
 * - Lift: tone decides, genre only narrows. The genre part is a base every film has plus a share of the table's
 *   part, so a film of a lifting genre starts ahead, and a film of another genre fits only when its tone lifts
 *   the mood clearly (a light, warm adventure lifts a sad viewer; a dark comedy does not). The avoid rules stay:
 *   no plain drama for a sad viewer, no horror for an afraid one.
 * A film fits an emotion when no avoid rule of the reading excludes it and its fit is at least FIT_MIN.
 * A reading is scored whole: Σ p(e) × fit(e) over every emotion (relevance), so a film that carries both moods of
 * a mixed reading rises; it must fit the top emotion or one read with at least BLEND_MIN_SHARE.
 */
import { GENRES, type Genre } from '../catalogue/types';
import { EMOTIONS, topEmotion, type Emotion } from '../mood/emotions';
import { NUDGE_LIMIT } from './feedback';
import { genreMask } from './genre-mask';
import type { GenreTones } from './genre-tone';
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
 * The avoid rule of lift applies to the top emotion and to every other emotion read with at least this share:
 * a reading 60 % sad and 40 % curious must still never get a plain drama.
 */
export const AVOID_RULE_MIN_SHARE = 0.2;

/** An emotion other than the top one can admit films from this share of the reading on. */
const BLEND_MIN_SHARE = 0.2;

/**
 * The least fit that still "fits the mood". Under match, a film with one of a table's first three genres and a
 * neutral tone (or none known) fits; one whose tone works against the mood (a dark, violent comedy for a happy
 * viewer: Pulp Fiction) does not. Under lift, a film of a lifting genre and neutral tone fits; one of another
 * genre needs a tone that clearly lifts. Badges are held to this too, and a wrong badge is worse than none.
 */
export const FIT_MIN = 0.8;

/**
 * Under lift, the darkest a film may be (its tone's light axis) and still fit: a dark film lifts no mood, however
 * absorbing (Pulp Fiction does not keep a happy mood going).
 */
export const LIFT_DARKEST = -0.2;

/** Lift's genre part: this much for every film, plus LIFT_GENRE_SHARE of the table's part. */
const LIFT_GENRE_BASE = 0.5;
const LIFT_GENRE_SHARE = 0.3;

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
  /** The reading's shares (sum 1), EMOTIONS order. */
  readonly probabilities: readonly number[];
  readonly top: Emotion;
  readonly strategy: Strategy;
  readonly weights: GenreWeights;
  readonly nudges: GenreWeights;
  /** The emotions that may admit a film (indexes into EMOTIONS), largest share first, and their shares (sum 1). */
  readonly blend: readonly { emotion: number; share: number }[];
  /** The tone's weight against the genre part (tone.ts). */
  readonly toneWeight: number;
  /** The genre part of fit(e) for a genre set (table + nudges), or NaN when no film of the set can fit e. */
  genreFit(e: number, mask: number): number;
  /** The genre part of fit(e) for a genre set (table + nudges) whether or not the set can fit e. */
  genrePart(e: number, mask: number): number;
  /** fit(e) of a film from its genre part and tone. */
  fitWith(e: number, genrePart: number, tone: ArrayLike<number> | null | undefined): number;
  /** Whether an avoid rule of this reading excludes the genre set. */
  avoided(mask: number): boolean;
  /** Whether a tone may fit at all (under lift: not dark, see LIFT_DARKEST). */
  toneAdmits(tone: ArrayLike<number> | null | undefined): boolean;
  /** The tone the scorer judges a film by: its own, else its genres' mean (genre-tone.ts), else none. */
  toneOf(film: ScoredFilmLike): ArrayLike<number> | null;
  /** fit(e) for each emotion (EMOTIONS order), whatever the rule says (for reasons and tests). */
  fits(film: ScoredFilmLike): number[];
  /** The blended emotion (EMOTIONS index) the film fits best under the one rule, or -1 when it fits none. */
  fittingEmotion(film: ScoredFilmLike): number;
  /** Σ p(e) × fit(e) over the whole reading when the film fits, else null: the score the CLI reports. */
  relevance(film: ScoredFilmLike): number | null;
}

export interface ScorerOptions {
  /** Tones for films without their own (genre-tone.ts); without it such films are judged by genre alone. */
  genreTones?: GenreTones | null;
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
  options: ScorerOptions = {},
): MoodScorer {
  const top = topEmotion(probabilities);
  const topIndex = EMOTIONS.indexOf(top);
  const raw = probabilities.map((p) => (Number.isFinite(p) && p > 0 ? p : 0));
  const total = raw.reduce((sum, p) => sum + p, 0) || 1;
  const shares = raw.map((p) => p / total);
  const tableRows = weightRows(weights);
  // Under lift every lifting genre counts the same (the table's order only names the genre a film fits through):
  // a film of any lifting genre and a neutral tone fits.
  const liftRows = tableRows.map((row) => row.map((weight) => (weight > 0 ? 1 : weight)));
  const nudgeRows = weightRows(nudges).map((row) => (row.some((weight) => weight !== 0) ? row : null));
  const profiles = EMOTIONS.map((emotion) => toneProfile(strategy, emotion));
  const weight = toneWeight(strategy);
  const lifting = strategy === 'lift';
  const genreTones = options.genreTones ?? null;

  const blendIndexes = EMOTIONS.map((_, e) => e)
    .filter((e) => e === topIndex || shares[e]! >= BLEND_MIN_SHARE)
    .sort((a, b) => shares[b]! - shares[a]! || a - b);
  const blendTotal = blendIndexes.reduce((sum, e) => sum + shares[e]!, 0) || 1;
  const blend = blendIndexes.map((emotion) => ({ emotion, share: shares[emotion]! / blendTotal }));

  const avoidRules: { avoided: number; lifting: number }[] = [];
  EMOTIONS.forEach((emotion, index) => {
    const avoidedMask = genreMask(avoidedGenres(strategy, emotion));
    if (avoidedMask === 0 || (index !== topIndex && shares[index]! < AVOID_RULE_MIN_SHARE)) return;
    const liftingMask = genreMask(GENRES.filter((genre) => weightOf(weights, emotion, genre) > 0));
    avoidRules.push({ avoided: avoidedMask, lifting: liftingMask });
  });
  const avoided = (mask: number): boolean => {
    for (const rule of avoidRules) if ((mask & rule.avoided) !== 0 && (mask & rule.lifting) === 0) return true;
    return false;
  };

  const genrePart = (e: number, mask: number): number => {
    const nudgeRow = nudgeRows[e] ?? null;
    const own = lifting
      ? LIFT_GENRE_BASE + LIFT_GENRE_SHARE * combineGenreWeights(liftRows[e]!, mask)
      : combineGenreWeights(tableRows[e]!, mask);
    return own + (nudgeRow ? sumNudges(nudgeRow, mask) : 0);
  };
  const genreFit = (e: number, mask: number): number => {
    if (avoided(mask)) return NaN;
    // A film with no genre at all is never proposed by tone alone.
    if (lifting) return mask === 0 ? NaN : genrePart(e, mask);
    const nudgeRow = nudgeRows[e] ?? null;
    // Under match a film the table does not list for the emotion fits only when the user's nudges list it.
    const listed = bestWeight(tableRows[e]!, mask) > 0 || (nudgeRow !== null && sumNudges(nudgeRow, mask) > 0);
    return listed ? genrePart(e, mask) : NaN;
  };
  const fitWith = (e: number, part: number, tone: ArrayLike<number> | null | undefined) =>
    part + weight * toneFit(profiles[e]!, tone);
  const toneAdmits = (tone: ArrayLike<number> | null | undefined) => !lifting || (tone?.[0] ?? 0) >= LIFT_DARKEST;
  const toneOf = (film: ScoredFilmLike): ArrayLike<number> | null =>
    film.tone ?? genreTones?.of(genreMask(film.genres)) ?? null;

  const fits = (film: ScoredFilmLike): number[] => {
    const mask = genreMask(film.genres);
    const tone = toneOf(film);
    return EMOTIONS.map((_, e) => fitWith(e, genrePart(e, mask), tone));
  };

  const fittingEmotion = (film: ScoredFilmLike): number => {
    const mask = genreMask(film.genres);
    const tone = toneOf(film);
    if (!toneAdmits(tone)) return -1;
    let best = -1;
    let bestFit = -Infinity;
    for (const { emotion } of blend) {
      const part = genreFit(emotion, mask);
      if (Number.isNaN(part)) continue;
      const fit = fitWith(emotion, part, tone);
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
    const tone = toneOf(film);
    let value = 0;
    for (let e = 0; e < shares.length; e++) {
      if (shares[e] === 0) continue;
      value += shares[e]! * fitWith(e, genrePart(e, mask), tone);
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
    toneWeight: weight,
    genreFit,
    genrePart,
    fitWith,
    avoided,
    toneAdmits,
    toneOf,
    fits,
    fittingEmotion,
    relevance,
  };
}
