/**
 * Picks for one reading: the one "fits" rule, the whole reading's fit × quality, fillers when too few good films
 * fit, diversified, novel, paged; and the broadly loved films shown when there is no reading.
 */
import { TONE_AXES, type Film } from '../catalogue/types';
import { EMOTIONS } from '../mood/emotions';
import { knownTitle, seriesNote } from './display';
import { fittingGenre } from './fit';
import { filmIndex, type FilmIndex } from './film-index';
import { genreMask } from './genre-mask';
import { genreTones } from './genre-tone';
import { pageOfCandidates, type PicksScene, type ScoredFilm, type Scoring } from './ordering';
import { userRatingOf } from './quality';
import { LOVED_REASON, reasonLine, type Audience } from './reasons';
import { FIT_MIN, LIFT_DARKEST, moodScorer, type MoodScorer } from './relevance';
import { toneProfile } from './tone';
import { NO_NUDGES } from './feedback';
import { weightsFor } from './strategies';
import type { FilmPick, GenreWeights, PickKind, Strategy } from './types';

export interface PicksInput extends PicksScene {
  /** The reading: seven probabilities in EMOTIONS order. */
  probabilities: readonly number[];
  strategy: Strategy;
  /** The strategy's table: weightsFor(strategy, custom). */
  weights: GenreWeights;
  /** The user's feedback: nudgesFrom(feedback, genresOf). Not folded into `weights`. */
  nudges: GenreWeights;
}

/**
 * Everything but the reading for picks with no history behind them: the strategy's own table, no feedback, nothing
 * hidden, nothing shown before (the picks CLI, and the benches and tests that judge the ranking itself).
 */
export function sceneWithoutHistory(films: readonly Film[], strategy: Strategy): Omit<PicksInput, 'probabilities'> {
  return {
    films,
    strategy,
    weights: weightsFor(strategy, null),
    nudges: NO_NUDGES,
    hidden: new Set(),
    recent: new Set(),
  };
}

export interface PicksPage {
  picks: FilmPick[];
  hasMore: boolean;
}

/** The scorer of a reading over a catalogue (films without a tone of their own judged by their genres' mean). */
export function scorerFor(input: PicksInput, probabilities = input.probabilities): MoodScorer {
  return moodScorer(probabilities, input.strategy, input.weights, input.nudges, {
    genreTones: genreTones(input.films),
  });
}

/**
 * How much a film is ranked by what sets it apart for this mood: the score weighs each emotion by its share less
 * this share of the mean over all seven. A crowd-pleaser that suits every mood (The Princess Bride) no longer tops
 * every list; the gentle film tops the angry one, the warm one the sad one. Whether a film fits is decided before.
 */
const SPECIFICITY: Record<Strategy, number> = { match: 0.3, lift: 0.7, custom: 0.3 };

/**
 * A film that fits every mood is not the answer to each: it is at home in the two moods it fits best under the
 * strategy, and away from home its score loses AWAY_SHARE (weighed by how much of the reading is away). The
 * Princess Bride lifts every mood, best a neutral or a sad one: it stays there and makes room elsewhere.
 */
const AWAY_SHARE = 0.25;

/** An emotion the reading shows this much of (but less than the blend's share) lends its best films as fillers. */
const NEXT_MOOD_MIN_SHARE = 0.1;

/** How much a loved filler's tone may suit the mood (so a neutral viewer's loved films are absorbing ones). */
const LOVED_TONE_SHARE = 0.5;

const AXES = TONE_AXES.length;

function dot(profile: Float64Array, tone: Float64Array, position: number): number {
  let sum = 0;
  for (let a = 0; a < AXES; a++) sum += profile[a]! * tone[position * AXES + a]!;
  return sum;
}

function scaled(profile: Float64Array, by: number): Float64Array {
  return profile.map((w) => w * by);
}

const absSum = (profile: Float64Array) => profile.reduce((sum, w) => sum + Math.abs(w), 0);

/**
 * The scorer as the pipeline uses it over an index. A film is a candidate when it fits an emotion of the blend
 * (the one rule); it scores Σ w(e)·fit(e) over the whole reading, w(e) its share less SPECIFICITY/7 (the genre
 * part once per genre set, the tone part through one combined profile: it is linear). Fillers: a film that fits
 * an emotion read with NEXT_MOOD_MIN_SHARE or more, else a broadly loved film no avoid rule excludes.
 */
export function singleScoring(
  scorer: MoodScorer,
  index: FilmIndex,
): Scoring & { admits(idx: FilmIndex, position: number): boolean } {
  const shares = scorer.probabilities;
  const weight = scorer.toneWeight;
  const specificity = SPECIFICITY[scorer.strategy] / EMOTIONS.length;
  const rankWeights = shares.map((share) => share - specificity);
  const profiles = EMOTIONS.map((emotion) => toneProfile(scorer.strategy, emotion));
  const combined = new Float64Array(AXES);
  EMOTIONS.forEach((_, e) => {
    for (let a = 0; a < AXES; a++) combined[a]! += weight * rankWeights[e]! * profiles[e]![a]!;
  });
  const lanes = scorer.blend.map(({ emotion }) => emotion);
  const laneProfiles = lanes.map((e) => scaled(profiles[e]!, weight));
  const next = EMOTIONS.map((_, e) => e).filter((e) => !lanes.includes(e) && shares[e]! >= NEXT_MOOD_MIN_SHARE);
  const nextProfiles = next.map((e) => scaled(profiles[e]!, weight));
  const nextShares = next.map((e) => shares[e]!);
  const topProfile = scaled(profiles[EMOTIONS.indexOf(scorer.top)]!, weight * LOVED_TONE_SHARE);
  const masks = index.masks;
  const emotionProfiles = profiles.map((profile) => scaled(profile, weight));
  // Per genre set: each emotion's genre part (to find the moods a film fits best).
  // Locals, not imported bindings, in the loops over every film (an imported binding is a getter call).
  const emotionCount = EMOTIONS.length;
  const emotionParts = new Float64Array(masks.length * emotionCount);
  const profileMatrix = new Float64Array(emotionCount * AXES);
  emotionProfiles.forEach((profile, e) => profileMatrix.set(profile, e * AXES));
  const genreScore = new Float64Array(masks.length);
  const laneParts = new Float64Array(masks.length * lanes.length);
  const nextParts = new Float64Array(masks.length * next.length);
  const bound = new Float64Array(masks.length).fill(NaN);
  const fillBound = new Float64Array(masks.length).fill(NaN);
  const combinedMost = absSum(combined);
  masks.forEach((mask, slot) => {
    let sum = 0;
    for (let e = 0; e < emotionCount; e++) {
      const part = scorer.genrePart(e, mask);
      emotionParts[slot * emotionCount + e] = part;
      sum += rankWeights[e]! * part;
    }
    genreScore[slot] = sum;
    let admissible = false;
    lanes.forEach((e, l) => {
      const part = scorer.genreFit(e, mask);
      laneParts[slot * lanes.length + l] = part;
      if (part + absSum(laneProfiles[l]!) >= FIT_MIN) admissible = true;
    });
    if (admissible) bound[slot] = sum + combinedMost;
    if (scorer.avoided(mask)) return;
    let fillMost = 1 + absSum(topProfile);
    next.forEach((e, n) => {
      const part = scorer.genreFit(e, mask);
      nextParts[slot * next.length + n] = part;
      if (!Number.isNaN(part)) fillMost = Math.max(fillMost, (part + absSum(nextProfiles[n]!)) * nextShares[n]!);
    });
    fillBound[slot] = fillMost;
  });
  /** 1 − AWAY_SHARE × the share of the reading on moods where the film is not at home (the two moods it fits best). */
  const atHome = (slot: number, tone: Float64Array, position: number): number => {
    // The film's two best moods (ties: the earlier emotion first); the reading's share on the others is away.
    let first = -1;
    let second = -1;
    let firstFit = -Infinity;
    let secondFit = -Infinity;
    const toneAt = position * AXES;
    for (let e = 0; e < emotionCount; e++) {
      let fit = emotionParts[slot * emotionCount + e]!;
      for (let a = 0; a < AXES; a++) fit += profileMatrix[e * AXES + a]! * tone[toneAt + a]!;
      if (fit > firstFit) {
        second = first;
        secondFit = firstFit;
        first = e;
        firstFit = fit;
      } else if (fit > secondFit) {
        second = e;
        secondFit = fit;
      }
    }
    return 1 - AWAY_SHARE * (1 - shares[first]! - shares[second]!);
  };
  const fitMin = FIT_MIN;
  // Under lift a dark film fits nothing (relevance.ts, LIFT_DARKEST); the light axis is the tone's first.
  const darkest = scorer.strategy === 'lift' ? LIFT_DARKEST : -Infinity;
  /** The one rule: the film fits an emotion of the blend. */
  const admits = (idx: FilmIndex, position: number): boolean => {
    const slot = idx.maskSlot[position]!;
    const tone = idx.tone;
    if (tone[position * AXES]! < darkest) return false;
    for (let l = 0; l < lanes.length; l++) {
      const part = laneParts[slot * lanes.length + l]!;
      if (!Number.isNaN(part) && part + dot(laneProfiles[l]!, tone, position) >= fitMin) return true;
    }
    return false;
  };
  return {
    bound,
    fillBound,
    admits,
    // The score before the home discount (which only lowers a positive score) and the rule.
    roughFit: (idx, position) => genreScore[idx.maskSlot[position]!]! + dot(combined, idx.tone, position),
    fit(idx, position) {
      if (!admits(idx, position)) return NaN;
      const slot = idx.maskSlot[position]!;
      const tone = idx.tone;
      const score = genreScore[slot]! + dot(combined, tone, position);
      return score > 0 ? score * atHome(slot, tone, position) : score;
    },
    fill(idx, position, kind) {
      const slot = idx.maskSlot[position]!;
      if (idx.tone[position * AXES]! < darkest) return NaN;
      let best = NaN;
      for (let n = 0; n < next.length; n++) {
        const part = nextParts[slot * next.length + n]!;
        if (Number.isNaN(part)) continue;
        const fit = part + dot(nextProfiles[n]!, idx.tone, position);
        // The larger of the lesser emotions first: a film's fit weighed by its emotion's share.
        if (fit >= fitMin && !(fit * nextShares[n]! <= best)) best = fit * nextShares[n]!;
      }
      if (!Number.isNaN(best)) {
        kind.value = 'next';
        return best;
      }
      if (!idx.loved[position]) return NaN;
      kind.value = 'loved';
      return (1 + dot(topProfile, idx.tone, position)) * atHome(slot, idx.tone, position);
    },
  };
}

/** The blended emotions a film fits under the one rule, largest share first. */
function fittingEmotions(film: Film, scorer: MoodScorer): number[] {
  const fits = scorer.fits(film);
  const mask = genreMask(film.genres);
  return scorer.blend
    .map(({ emotion }) => emotion)
    .filter((e) => fits[e]! >= FIT_MIN && !Number.isNaN(scorer.genreFit(e, mask)));
}

/** The reason for a film on a reading's page. */
export function reasonFor(
  film: Film,
  scorer: MoodScorer,
  kind: PickKind = 'fit',
  series: string | null = null,
  audience?: Audience,
): string {
  if (kind === 'loved') {
    return reasonLine({
      film,
      genre: null,
      profile: toneProfile(scorer.strategy, scorer.top),
      strategy: scorer.strategy,
      audience: { kind: 'single', emotions: [scorer.top] },
      kind,
      series,
    });
  }
  let emotions = fittingEmotions(film, scorer);
  let own: Audience;
  if (kind === 'next' || emotions.length === 0) {
    const fits = scorer.fits(film);
    const side = EMOTIONS.map((_, e) => e)
      .filter((e) => !scorer.blend.some((b) => b.emotion === e))
      .sort((a, b) => fits[b]! * scorer.probabilities[b]! - fits[a]! * scorer.probabilities[a]!)[0]!;
    emotions = [side];
    own = { kind: 'side', emotion: EMOTIONS[side]! };
  } else {
    own = { kind: 'single', emotions: emotions.slice(0, 2).map((e) => EMOTIONS[e]!) };
  }
  const emotion = EMOTIONS[emotions[0]!]!;
  return reasonLine({
    film,
    genre: fittingGenre(film, emotion, scorer.weights, scorer.nudges),
    profile: toneProfile(scorer.strategy, emotion),
    strategy: scorer.strategy,
    audience: audience ?? own,
    kind,
    series,
  });
}

/** A film as a pick: the title it is known by, the user's own rating, why it is there. */
function toPick(film: Film, films: readonly Film[], reason: string, kind: PickKind = 'fit'): FilmPick {
  const userRating = userRatingOf(film);
  return {
    id: film.id,
    title: knownTitle(film, films),
    year: film.year,
    genres: [...film.genres],
    rating: film.rating,
    source: film.source,
    reason,
    ...(userRating !== null ? { userRating } : {}),
    ...(kind !== 'fit' ? { kind } : {}),
  };
}

/** The picks of a page, each with its reason (a series' later part flagged when its earlier parts are not there). */
export function picksOf(
  items: readonly ScoredFilm[],
  films: readonly Film[],
  reason: (item: ScoredFilm, series: string | null) => string,
): FilmPick[] {
  const onPage = new Set(items.map(({ film }) => film.id));
  return items.map((item) => toPick(item.film, films, reason(item, seriesNote(item.film, films, onPage)), item.kind));
}

/**
 * The picks for one reading. A film is a candidate when it fits the mood under the one rule (fit.ts); it ranks
 * by the whole reading's fit × quality; fillers follow the good fits. Hidden films never appear; films under the
 * quality floor, seen lately or shown for recent readings come later.
 */
export function rankPicks(input: PicksInput): PicksPage {
  const scorer = scorerFor(input);
  const { items, hasMore } = pageOfCandidates(input, singleScoring(scorer, filmIndex(input.films)));
  return {
    picks: picksOf(items, input.films, (item, series) => reasonFor(item.film, scorer, item.kind, series)),
    hasMore,
  };
}

/** Every film's fit score for the reading before variety (Σ p(e)·fit(e)); films that cannot fit are left out. */
export function fitScores(input: PicksInput): Map<string, number> {
  const scorer = scorerFor(input);
  const scores = new Map<string, number>();
  for (const film of input.films) {
    const relevance = scorer.relevance(film);
    if (relevance !== null) scores.set(film.id, relevance);
  }
  return scores;
}

/** Broadly loved films, ranked by quality alone (with the usual variety and novelty). */
function lovedScoring(index: FilmIndex): Scoring {
  return {
    bound: new Float64Array(index.masks.length).fill(1),
    fit: (idx, position) => (idx.loved[position] ? 1 : NaN),
  };
}

/**
 * What a list shows when there is no fresh reading: broadly loved films (quality, variety, novelty as usual),
 * each "Loved by MovieLens viewers".
 */
export function rankLoved(scene: PicksScene): PicksPage {
  const { items, hasMore } = pageOfCandidates(scene, lovedScoring(filmIndex(scene.films)));
  return {
    picks: items.map(({ film }) => toPick(film, scene.films, LOVED_REASON, 'loved')),
    hasMore,
  };
}
