/**
 * The first pages a film lover reads to judge the picks: seven confident readings and two mixed ones, both
 * strategies. Used by the bench (npm run bench), the tests and the README's numbers.
 */
import type { Film } from '../catalogue/types';
import type { Emotion } from '../mood/emotions';
import { NO_NUDGES } from './feedback';
import { rankPicks } from './rank';
import { weightsFor } from './strategies';
import type { FilmPick } from './types';

/** A reading as the CLI takes it: seven probabilities (angry, disgust, fear, happy, sad, surprise, neutral). */
export const JUDGED_READINGS: readonly { name: string; probabilities: readonly number[] }[] = [
  { name: 'angry', probabilities: [0.8, 0.02, 0.03, 0.03, 0.05, 0.02, 0.05] },
  { name: 'disgust', probabilities: [0.05, 0.75, 0.05, 0.03, 0.05, 0.02, 0.05] },
  { name: 'fear', probabilities: [0.03, 0.02, 0.8, 0.03, 0.05, 0.02, 0.05] },
  { name: 'happy', probabilities: [0.02, 0.01, 0.02, 0.85, 0.03, 0.03, 0.04] },
  { name: 'sad', probabilities: [0.03, 0.02, 0.03, 0.02, 0.82, 0.03, 0.05] },
  { name: 'surprise', probabilities: [0.02, 0.01, 0.05, 0.08, 0.02, 0.78, 0.04] },
  { name: 'neutral', probabilities: [0.03, 0.02, 0.03, 0.05, 0.05, 0.02, 0.8] },
  { name: 'happy 55 / sad 35', probabilities: [0.02, 0.01, 0.02, 0.55, 0.35, 0.02, 0.03] },
  { name: 'fear 45 / surprise 38', probabilities: [0.03, 0.02, 0.45, 0.03, 0.04, 0.38, 0.05] },
];

/**
 * Films we judged, reading the first pages as film lovers, NOT to fit a mood under a strategy (MovieLens ids).
 * A regression guard for the bench: the count of these on first pages should stay at most one per strategy.
 */
const JUDGED_MISFITS: Record<'match' | 'lift', Partial<Record<Emotion, readonly string[]>>> = {
  match: {
    // The issue's own examples: Pulp Fiction second for "happy", first for "sad".
    happy: ['296' /* Pulp Fiction */, '1732' /* The Big Lebowski: a stoner noir, not a light comedy */],
    sad: ['296', '48780' /* The Prestige: a puzzle thriller, not a sad film */],
    fear: ['541' /* Blade Runner: noir, not frightening */],
  },
  lift: {
    angry: ['2700' /* South Park: Bigger, Longer and Uncut: crude, not calming */, '296'],
    sad: ['296', '2858' /* American Beauty */],
    fear: ['2700'],
    // To brighten a neutral mood: no violent crime films.
    neutral: ['296', '1089' /* Reservoir Dogs */],
  },
};

export interface FirstPage {
  reading: string;
  strategy: 'match' | 'lift';
  picks: FilmPick[];
  misfits: string[];
}

/** The first page (five picks, no history) for every judged reading and strategy. */
export function firstPages(films: readonly Film[]): FirstPage[] {
  const pages: FirstPage[] = [];
  for (const strategy of ['match', 'lift'] as const) {
    for (const { name, probabilities } of JUDGED_READINGS) {
      const { picks } = rankPicks({
        films,
        probabilities,
        strategy,
        weights: weightsFor(strategy, null),
        nudges: NO_NUDGES,
        hidden: new Set(),
        recent: new Set(),
      });
      const emotions = name.split(' ').filter((word) => /^[a-z]+$/.test(word)) as Emotion[];
      const judged = new Set(emotions.flatMap((emotion) => JUDGED_MISFITS[strategy][emotion] ?? []));
      pages.push({
        reading: name,
        strategy,
        picks,
        misfits: picks.filter((pick) => judged.has(pick.id)).map((pick) => pick.title),
      });
    }
  }
  return pages;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface FirstPagesSummary {
  strategy: 'match' | 'lift';
  slots: number;
  distinct: number;
  medianRatingCount: number;
  minRatingCount: number;
  judgedMisfits: number;
}

/** Per strategy: how many picks, how many distinct films, their rating counts, the judged misfits among them. */
export function summarise(pages: readonly FirstPage[], films: readonly Film[]): FirstPagesSummary[] {
  const byId = new Map(films.map((film) => [film.id, film]));
  return (['match', 'lift'] as const).map((strategy) => {
    const picks = pages.filter((page) => page.strategy === strategy).flatMap((page) => page.picks);
    const counts = picks.map((pick) => byId.get(pick.id)?.ratingCount ?? 0);
    return {
      strategy,
      slots: picks.length,
      distinct: new Set(picks.map((pick) => pick.id)).size,
      medianRatingCount: median(counts),
      minRatingCount: Math.min(...counts),
      judgedMisfits: pages
        .filter((page) => page.strategy === strategy)
        .reduce((sum, page) => sum + page.misfits.length, 0),
    };
  });
}

/**
 * Repeated readings of one mood as the picks service remembers them (the last three readings' films last, the
 * five before those after fresh films): the first pages of `readings` readings in a row.
 */
export function noveltyWalk(
  films: readonly Film[],
  probabilities: readonly number[],
  strategy: 'match' | 'lift',
  readings = 8,
): FilmPick[][] {
  const shown: string[][] = [];
  const pages: FilmPick[][] = [];
  for (let r = 0; r < readings; r++) {
    const recent = new Set(shown.slice(-3).flat());
    const seen = new Set(
      shown
        .slice(-8, -3)
        .flat()
        .filter((id) => !recent.has(id)),
    );
    const { picks } = rankPicks({
      films,
      probabilities,
      strategy,
      weights: weightsFor(strategy, null),
      nudges: NO_NUDGES,
      hidden: new Set(),
      recent,
      seen,
    });
    pages.push(picks);
    shown.push(picks.map((pick) => pick.id));
  }
  return pages;
}
