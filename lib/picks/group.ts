/** Movie night: picks for several people read at once, by least misery (Masthoff 2004) over good films. */
import { TONE_AXES } from '../catalogue/types';
import { EMOTIONS, topEmotion, type Emotion } from '../mood/emotions';
import { fitsMood } from './fit';
import { filmIndex, type FilmIndex } from './film-index';
import { pageOfCandidates, type PicksScene, type Scoring } from './ordering';
import { picksOf, rankPicks, reasonFor, scorerFor, singleScoring, type PicksPage } from './rank';
import type { Audience } from './reasons';
import type { MoodScorer } from './relevance';
import { toneProfile } from './tone';
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
 * The group's own mood as a reason says it, from each member's top emotion: "a neutral group" when all share it,
 * "a mostly neutral group" when most do, else the moods they have ("a happy, sad and fearful group"), so a
 * reason never names a mood nobody has.
 */
export function groupAudience(members: readonly (readonly number[])[]): Audience {
  const tops = members.map((member) => topEmotion(member));
  const counts = new Map<Emotion, number>();
  for (const top of tops) counts.set(top, (counts.get(top) ?? 0) + 1);
  const mean = meanDistribution(members);
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || mean[EMOTIONS.indexOf(b)]! - mean[EMOTIONS.indexOf(a)]!);
  const [emotion, count] = ranked[0]!;
  if (count === members.length) return { kind: 'group', emotions: [emotion], mostly: false };
  if (count * 2 > members.length) return { kind: 'group', emotions: [emotion], mostly: true };
  return { kind: 'group', emotions: ranked.slice(0, 3).map(([mood]) => mood), mostly: false };
}

const AXES = TONE_AXES.length;

/**
 * Least misery as a Scoring: each member's fit is Σ p(e)·fit(e) (genre part once per genre set, tone part per
 * film through the member's mean tone profile, which is exact since the tone part is linear). A film is a
 * candidate when it fits at least one member under the one rule and no member's avoid rule excludes it; a
 * broadly loved film no avoid rule excludes is a filler.
 */
function groupScoring(scorers: readonly MoodScorer[], index: FilmIndex): Scoring {
  const perMember = scorers.map((scorer) => {
    const shares = scorer.probabilities;
    // The expected genre part per set, Σ p(e)·genre part(e).
    const genre = Float64Array.from(index.masks, (mask) => {
      if (scorer.avoided(mask)) return NaN;
      let sum = 0;
      for (let e = 0; e < shares.length; e++) if (shares[e]! > 0) sum += shares[e]! * scorer.genrePart(e, mask);
      return sum;
    });
    const profile = new Float64Array(AXES);
    EMOTIONS.forEach((emotion, e) => {
      const own = toneProfile(scorer.strategy, emotion);
      for (let a = 0; a < AXES; a++) profile[a]! += scorer.toneWeight * shares[e]! * own[a]!;
    });
    const profileWeight = profile.reduce((sum, w) => sum + Math.abs(w), 0);
    return { genre, profile, profileWeight, fitting: singleScoring(scorer, index) };
  });
  const fitsMember = new Uint8Array(perMember.length);
  // The least pleased member's fit is at most the least of the members' best cases.
  const bound = Float64Array.from(index.masks, (_, slot) => {
    let least = Infinity;
    for (const member of perMember) {
      if (Number.isNaN(member.genre[slot]!)) return NaN;
      least = Math.min(least, member.genre[slot]! + member.profileWeight);
    }
    return perMember.some((member) => !Number.isNaN(member.fitting.bound[slot]!)) ? least : NaN;
  });
  const fillBound = Float64Array.from(index.masks, (_, slot) =>
    perMember.some((member) => Number.isNaN(member.genre[slot]!)) ? NaN : 1,
  );
  return {
    bound,
    fillBound,
    // Least misery before "not fitting someone" costs anything (it only lowers the score), and the average's share.
    roughFit(idx, position) {
      const slot = idx.maskSlot[position]!;
      let least = Infinity;
      let most = -Infinity;
      for (const member of perMember) {
        let fit = member.genre[slot]!;
        for (let a = 0; a < AXES; a++) fit += member.profile[a]! * idx.tone[position * AXES + a]!;
        least = Math.min(least, fit);
        most = Math.max(most, fit);
      }
      return least + AVERAGE_TIE_BREAK * (most - least);
    },
    fit(idx, position) {
      let fitsSomeone = false;
      for (let m = 0; m < perMember.length; m++) {
        fitsMember[m] = perMember[m]!.fitting.admits(idx, position) ? 1 : 0;
        if (fitsMember[m]) fitsSomeone = true;
      }
      if (!fitsSomeone) return NaN;
      const slot = idx.maskSlot[position]!;
      let least = Infinity;
      let sum = 0;
      for (let m = 0; m < perMember.length; m++) {
        const member = perMember[m]!;
        const genrePart = member.genre[slot]!;
        if (Number.isNaN(genrePart)) return NaN;
        // A film that does not fit someone under the one rule is that much worse for them.
        let fit = fitsMember[m] ? genrePart : genrePart - MISFIT_PENALTY;
        for (let a = 0; a < AXES; a++) fit += member.profile[a]! * idx.tone[position * AXES + a]!;
        least = Math.min(least, fit);
        sum += fit;
      }
      return least + AVERAGE_TIE_BREAK * (sum / perMember.length - least);
    },
    fill(idx, position, kind) {
      kind.value = 'loved';
      return idx.loved[position] ? 1 : NaN;
    },
  };
}

function scorersFor(input: GroupPicksInput): MoodScorer[] {
  return input.members.map((member) => scorerFor({ ...input, probabilities: member }, member));
}

/**
 * The picks for a group: films that fit at least one member (the one rule) and that no member's avoid rule
 * excludes, ranked by the least pleased member's fit (the average breaking ties) times quality, with the quality
 * floor, fillers, variety, novelty, hidden films and pages of rankPicks. "Fits k of N" counts the members the
 * film fits under the same one rule; the reason speaks of the group's own mood.
 */
export function rankGroupPicks(input: GroupPicksInput): PicksPage {
  const { members } = input;
  if (members.length === 1) {
    // A group of one is one viewer: the same picks, each fitting them.
    const single = rankPicks({ ...input, probabilities: members[0]! });
    return { ...single, picks: single.picks.map((pick) => ({ ...pick, fitsPeople: { fits: 1, of: 1 } })) };
  }
  const scorers = scorersFor(input);
  const mean = meanDistribution(members);
  const groupScorer = scorerFor({ ...input, probabilities: mean }, mean);
  const audience = groupAudience(members);
  const { items, hasMore } = pageOfCandidates(input, groupScoring(scorers, filmIndex(input.films)));
  const picks = picksOf(items, input.films, ({ film, kind }, series) => {
    // The words and genre of the mood the film fits (the group's, else a member's); the audience is the group.
    const fitting = scorers.find((scorer) => fitsMood(film, scorer)) ?? groupScorer;
    const scorer = fitsMood(film, groupScorer) ? groupScorer : fitting;
    return reasonFor(film, scorer, kind, series, kind === 'loved' ? undefined : audience);
  });
  return {
    picks: picks.map((pick, i) => ({
      ...pick,
      fitsPeople: {
        fits: scorers.filter((scorer) => fitsMood(items[i]!.film, scorer) !== null).length,
        of: members.length,
      },
    })),
    hasMore,
  };
}

/** Every candidate film's least-misery fit before variety (no quality); films no member can fit are left out. */
export function groupFitScores(input: GroupPicksInput): Map<string, number> {
  const index = filmIndex(input.films);
  const scoring = groupScoring(scorersFor(input), index);
  const scores = new Map<string, number>();
  input.films.forEach((film, position) => {
    const fit = scoring.fit(index, position);
    if (!Number.isNaN(fit)) scores.set(film.id, fit);
  });
  return scores;
}
