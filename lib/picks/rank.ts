/** Picks for one reading: the one "fits" rule, fit × quality, blended by weight, diversified, novel, paged. */
import { TONE_AXES, type Film } from '../catalogue/types';
import { EMOTIONS } from '../mood/emotions';
import { fitAs, fitsMood, reasonText } from './fit';
import { filmIndex, type FilmIndex } from './film-index';
import { pageOfCandidates, type PicksScene, type Scoring } from './ordering';
import { FIT_MIN, moodScorer, type MoodScorer } from './relevance';
import { toneProfile, toneWeight } from './tone';
import type { GenreWeights, FilmPick, Strategy } from './types';

export interface PicksInput extends PicksScene {
  /** The reading: seven probabilities in EMOTIONS order. */
  probabilities: readonly number[];
  strategy: Strategy;
  /** The strategy's table: weightsFor(strategy, custom). */
  weights: GenreWeights;
  /** The user's feedback: nudgesFrom(feedback, genresOf). Not folded into `weights`. */
  nudges: GenreWeights;
}

export interface PicksPage {
  picks: FilmPick[];
  hasMore: boolean;
}

/** The one-line reason: the fit under the one rule; for a film that fits none, its first genre and the top mood. */
export function reasonFor(film: Film, scorer: MoodScorer): string {
  const fit = fitsMood(film, scorer);
  if (fit) return fit.reason;
  const anyFit = fitAs(film, EMOTIONS.indexOf(scorer.top), scorer);
  if (anyFit) return anyFit.reason;
  return film.genres[0] ? reasonText(film.genres[0], scorer.top, scorer.strategy) : '';
}

/** A film as a pick. */
export function toPick(film: Film, reason: string): FilmPick {
  return {
    id: film.id,
    title: film.title,
    year: film.year,
    genres: [...film.genres],
    rating: film.rating,
    source: film.source,
    reason,
  };
}

/**
 * How much lift ranks a film by what sets it apart for this mood: its fit less this share of its mean fit over
 * all seven emotions. A crowd-pleaser that lifts every mood (The Princess Bride) no longer tops all seven lists;
 * the gentle film tops the angry one, the warm one the sad one. Whether a film fits is decided before this.
 */
const SPECIFICITY = 0.3;

/**
 * The scorer as the pipeline uses it over an index: per genre set and lane the genre part (once per set), per
 * film the tone part; a film goes to the blended emotion it fits best, if it fits one (the one rule).
 */
export function singleScoring(scorer: MoodScorer, index: FilmIndex): Scoring {
  const lanes = scorer.blend;
  const axes = TONE_AXES.length;
  const genreParts = new Float64Array(index.masks.length * lanes.length);
  index.masks.forEach((mask, slot) => {
    lanes.forEach(({ emotion }, l) => {
      genreParts[slot * lanes.length + l] = scorer.genreFit(emotion, mask);
    });
  });
  const profiles = lanes.map(({ emotion }) => toneProfile(scorer.strategy, EMOTIONS[emotion]!));
  const weight = toneWeight(scorer.strategy);
  // Locals, not imported bindings, in the loop over every film.
  const fitMin = FIT_MIN;
  const laneCount = lanes.length;
  // Lift ranks a film by how much more it suits this mood than moods in general (see SPECIFICITY): the mean fit
  // over the seven emotions, genre part per set and tone part through the mean profile (the tone part is linear).
  const specificity = scorer.strategy === 'lift' ? SPECIFICITY : 0;
  const meanGenre = Float64Array.from(index.masks, (mask) => {
    if (specificity === 0) return 0;
    let sum = 0;
    for (let e = 0; e < EMOTIONS.length; e++) sum += scorer.genrePart(e, mask);
    return sum / EMOTIONS.length;
  });
  const meanProfile = new Float64Array(axes);
  for (const emotion of EMOTIONS) {
    const profile = toneProfile(scorer.strategy, emotion);
    for (let a = 0; a < axes; a++) meanProfile[a]! += profile[a]! / EMOTIONS.length;
  }
  const meanProfileWeight = meanProfile.reduce((sum, w) => sum + Math.abs(w), 0);
  const bound = new Float64Array(index.masks.length).fill(NaN);
  for (let slot = 0; slot < index.masks.length; slot++) {
    for (let l = 0; l < laneCount; l++) {
      const part = genreParts[slot * laneCount + l]!;
      // A tone meets a profile by at most the profile's total weight (1).
      const most = part + weight - specificity * (meanGenre[slot]! - weight * meanProfileWeight);
      if (!Number.isNaN(part) && !(most <= bound[slot]!)) bound[slot] = most;
    }
  }
  return {
    bound,
    laneShares: lanes.map(({ share }) => share),
    fit(idx, position, lane) {
      const slot = idx.maskSlot[position]!;
      const toned = idx.hasTone[position] === 1;
      let best = NaN;
      for (let l = 0; l < laneCount; l++) {
        const part = genreParts[slot * laneCount + l]!;
        if (Number.isNaN(part)) continue;
        let fit = part;
        if (toned) {
          const profile = profiles[l]!;
          let dot = 0;
          for (let a = 0; a < axes; a++) dot += profile[a]! * idx.tone[position * axes + a]!;
          fit += weight * dot;
        }
        if (fit >= fitMin && !(fit <= best)) {
          best = fit;
          lane.value = l;
        }
      }
      if (specificity === 0 || Number.isNaN(best)) return best;
      let meanDot = 0;
      if (toned) for (let a = 0; a < axes; a++) meanDot += meanProfile[a]! * idx.tone[position * axes + a]!;
      return best - specificity * (meanGenre[slot]! + weight * meanDot);
    },
  };
}

/**
 * The picks for one reading. A film is a candidate when it fits the mood under the one rule (fit.ts); it ranks
 * by fit × quality in the lane of the emotion it fits; lanes share the page by the reading's weights. Hidden
 * films never appear; films under the quality floor, seen lately or shown for recent readings come later.
 */
export function rankPicks(input: PicksInput): PicksPage {
  const scorer = moodScorer(input.probabilities, input.strategy, input.weights, input.nudges);
  const { items, hasMore } = pageOfCandidates(input, singleScoring(scorer, filmIndex(input.films)));
  return { picks: items.map(({ film }) => toPick(film, reasonFor(film, scorer))), hasMore };
}

/** Every film's fit score for the reading before variety (Σ p(e)·fit(e)); films that cannot fit are left out. */
export function fitScores(input: PicksInput): Map<string, number> {
  const scorer = moodScorer(input.probabilities, input.strategy, input.weights, input.nudges);
  const scores = new Map<string, number>();
  for (const film of input.films) {
    const relevance = scorer.relevance(film);
    if (relevance !== null) scores.set(film.id, relevance);
  }
  return scores;
}
