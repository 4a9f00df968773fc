/** Movie night: picks for several people read at once, by least misery (Masthoff 2004). */
import { EMOTIONS, topEmotion, type Emotion } from '../mood/emotions';
import { fitFor } from './fit';
import { orderedCandidates, pageOf, type PicksScene } from './ordering';
import { reasonFor, toPick, type PicksPage } from './rank';
import { moodScorer } from './relevance';
import type { GenreWeights, Strategy } from './types';

/**
 * How much the members' average relevance adds to the least pleased member's. Least misery ranks by the
 * minimum and breaks ties by the average (Masthoff 2004); a tiny share does exactly that on a continuous score
 * (the average only decides between films whose minimums are within a thousandth of a point).
 */
export const AVERAGE_TIE_BREAK = 1e-3;

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
 * The picks for a group. Each member's relevance is computed as for one viewer (strategy, avoid rule and nudges
 * per member); a film is a candidate when it fits someone and no member's avoid rule excludes it, and it ranks by
 * the least pleased member's relevance, the average breaking ties, times its quality. Diversity, novelty, hidden
 * films and pages are those of rankPicks. A group of one gives rankPicks' picks.
 */
export function rankGroupPicks(input: GroupPicksInput): PicksPage {
  const { members, strategy, weights, nudges } = input;
  const scorers = members.map((member) => moodScorer(member, strategy, weights, nudges));
  const tops = scorers.map((scorer) => scorer.top);
  const groupScorer = moodScorer(meanDistribution(members), strategy, weights, nudges);

  const ordered = orderedCandidates(input, (mask) => {
    let least = Infinity;
    let most = -Infinity;
    let sum = 0;
    for (const scorer of scorers) {
      const relevance = scorer.relevance(mask);
      // One member's avoid rule excludes the film for everyone: lift never shows the sad one a plain drama.
      if (relevance === null) return null;
      least = Math.min(least, relevance);
      most = Math.max(most, relevance);
      sum += relevance;
    }
    if (most <= 0) return null;
    return least + AVERAGE_TIE_BREAK * (sum / scorers.length - least);
  });

  const { items, hasMore } = pageOf(ordered, input.page, input.pageSize);
  return {
    picks: items.map(({ film }) => ({
      ...toPick(film, reasonFor(film, groupScorer, strategy, weights, nudges)),
      fitsPeople: {
        fits: tops.filter((emotion) => fitFor(film, emotion, strategy, weights) !== null).length,
        of: members.length,
      },
    })),
    hasMore,
  };
}
