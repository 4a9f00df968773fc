/** Movie night: picks for several people read at once, by least misery (Masthoff 2004) over good films. */
import { TONE_AXES } from '../catalogue/types';
import { EMOTIONS, topEmotion, type Emotion } from '../mood/emotions';
import { fitsMood } from './fit';
import { filmIndex, type FilmIndex } from './film-index';
import { pageOfCandidates, type PicksScene, type Scoring } from './ordering';
import { rankPicks, reasonFor, singleScoring, toPick, type PicksPage } from './rank';
import { moodScorer, type MoodScorer } from './relevance';
import { toneProfile, toneWeight } from './tone';
import type { GenreWeights, Strategy } from './types';

/**
 * How much the members' average fit adds to the least pleased member's. Least misery ranks by the minimum and
 * breaks ties by the average (Masthoff 2004); a tiny share does exactly that on a continuous score.
 */
const AVERAGE_TIE_BREAK = 1e-3;

/**
 * What not fitting someone under the one rule costs that person's fit. Without it a Comedy|Crime|Drama|Thriller
 * film "is" a bit of everything and wins for a happy, a sad and an afraid friend while fitting none of them well.
 */
const MISFIT_PENALTY = 0.5;

export interface GroupPicksInput extends PicksScene {
  /** One reading per person: seven probabilities each, in EMOTIONS order. */
  members: readonly (readonly number[])[];
  strategy: Strategy;
  weights: GenreWeights;
  nudges: GenreWeights;
}

/** The mean of the members' distributions. */
export function meanDistribution(members: readonly (readonly number[])[]): number[] {
  if (members.length === 0) throw new Error('a group needs at least one reading');
  const share = (p: number | undefined) => (p !== undefined && Number.isFinite(p) && p > 0 ? p : 0);
  return EMOTIONS.map((_, e) => members.reduce((sum, member) => sum + share(member[e]), 0) / members.length);
}

/** The group's mood for the headline: the top emotion of the members' mean distribution. */
export function groupMood(members: readonly (readonly number[])[]): Emotion {
  return topEmotion(meanDistribution(members));
}

/**
 * Least misery as a Scoring: each member's fit is Σ p(e)·fit(e) (genre part once per genre set, tone part per
 * film through the member's mean tone profile, which is exact since the tone part is linear). A film is a
 * candidate when it fits at least one member under the one rule and no member's avoid rule excludes it.
 */
function groupScoring(scorers: readonly MoodScorer[], index: FilmIndex): Scoring {
  const axes = TONE_AXES.length;
  const perMember = scorers.map((scorer) => {
    const total = scorer.probabilities.reduce((sum, p) => sum + p, 0) || 1;
    const shares = scorer.probabilities.map((p) => p / total);
    // The expected genre part per set, Σ p(e)·genre part(e).
    const genre = Float64Array.from(index.masks, (mask) => {
      if (scorer.avoided(mask)) return NaN;
      let sum = 0;
      for (let e = 0; e < shares.length; e++) if (shares[e]! > 0) sum += shares[e]! * scorer.genrePart(e, mask);
      return sum;
    });
    const profile = new Float64Array(axes);
    EMOTIONS.forEach((emotion, e) => {
      const own = toneProfile(scorer.strategy, emotion);
      for (let a = 0; a < axes; a++) profile[a]! += shares[e]! * own[a]!;
    });
    const profileWeight = profile.reduce((sum, w) => sum + Math.abs(w), 0);
    return { genre, profile, profileWeight, fitting: singleScoring(scorer, index) };
  });
  const scratch = { value: 0 };
  const fitsMember = new Uint8Array(perMember.length);
  const weight = toneWeight(scorers[0]?.strategy ?? 'match');
  // The least pleased member's fit is at most the least of the members' best cases.
  const bound = Float64Array.from(index.masks, (_, slot) => {
    let least = Infinity;
    for (const member of perMember) {
      if (Number.isNaN(member.genre[slot]!)) return NaN;
      least = Math.min(least, member.genre[slot]! + weight * member.profileWeight);
    }
    return perMember.some((member) => !Number.isNaN(member.fitting.bound[slot]!)) ? least : NaN;
  });
  return {
    bound,
    laneShares: [1],
    fit(idx, position, lane) {
      lane.value = 0;
      let fitsSomeone = false;
      for (let m = 0; m < perMember.length; m++) {
        fitsMember[m] = Number.isNaN(perMember[m]!.fitting.fit(idx, position, scratch)) ? 0 : 1;
        if (fitsMember[m]) fitsSomeone = true;
      }
      if (!fitsSomeone) return NaN;
      const slot = idx.maskSlot[position]!;
      const toned = idx.hasTone[position] === 1;
      let least = Infinity;
      let sum = 0;
      for (let m = 0; m < perMember.length; m++) {
        const member = perMember[m]!;
        const genrePart = member.genre[slot]!;
        if (Number.isNaN(genrePart)) return NaN;
        // A film that does not fit someone under the one rule is that much worse for them.
        let fit = fitsMember[m] ? genrePart : genrePart - MISFIT_PENALTY;
        if (toned) {
          let dot = 0;
          for (let a = 0; a < axes; a++) dot += member.profile[a]! * idx.tone[position * axes + a]!;
          fit += weight * dot;
        }
        least = Math.min(least, fit);
        sum += fit;
      }
      return least + AVERAGE_TIE_BREAK * (sum / perMember.length - least);
    },
  };
}

function scorersFor(input: GroupPicksInput): MoodScorer[] {
  return input.members.map((member) => moodScorer(member, input.strategy, input.weights, input.nudges));
}

/**
 * The picks for a group: films that fit at least one member (the one rule) and that no member's avoid rule
 * excludes, ranked by the least pleased member's fit (the average breaking ties) times quality, with the quality
 * floor, variety, novelty, hidden films and pages of rankPicks. "Fits k of N" counts the members the film fits
 * under the same one rule.
 */
export function rankGroupPicks(input: GroupPicksInput): PicksPage {
  const { members, strategy, weights, nudges } = input;
  if (members.length === 1) {
    // A group of one is one viewer: the same picks, each fitting them.
    const single = rankPicks({ ...input, probabilities: members[0]! });
    return { ...single, picks: single.picks.map((pick) => ({ ...pick, fitsPeople: { fits: 1, of: 1 } })) };
  }
  const scorers = scorersFor(input);
  const groupScorer = moodScorer(meanDistribution(members), strategy, weights, nudges);
  const { items, hasMore } = pageOfCandidates(input, groupScoring(scorers, filmIndex(input.films)));
  return {
    picks: items.map(({ film }) => {
      const fitting = scorers.filter((scorer) => fitsMood(film, scorer) !== null);
      // The reason speaks for the group's mood when the film fits it, else for a member it fits.
      const reason = fitsMood(film, groupScorer)
        ? reasonFor(film, groupScorer)
        : reasonFor(film, fitting[0] ?? groupScorer);
      return { ...toPick(film, reason), fitsPeople: { fits: fitting.length, of: members.length } };
    }),
    hasMore,
  };
}

/** Every candidate film's least-misery fit before variety (no quality); films no member can fit are left out. */
export function groupFitScores(input: GroupPicksInput): Map<string, number> {
  const index = filmIndex(input.films);
  const scoring = groupScoring(scorersFor(input), index);
  const lane = { value: 0 };
  const scores = new Map<string, number>();
  input.films.forEach((film, position) => {
    const fit = scoring.fit(index, position, lane);
    if (!Number.isNaN(fit)) scores.set(film.id, fit);
  });
  return scores;
}
