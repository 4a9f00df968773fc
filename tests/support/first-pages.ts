/**
 * The first pages a film lover reads to judge the picks: seven clear readings, three mixed ones and two movie
 * nights, both strategies; and what the issue asks of them (variety across moods and strategies, quality,
 * reasons). Used by the bench (npm run bench), the tests and the README's numbers.
 */
import type { Film } from '../../lib/catalogue/types';
import type { Emotion } from '../../lib/mood/emotions';
import { rankGroupPicks } from '../../lib/picks/group';
import { rankPicks, sceneWithoutHistory } from '../../lib/picks/rank';
import { LIFT_WEIGHTS } from '../../lib/picks/strategies';
import type { FilmPick } from '../../lib/picks/types';

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
  { name: 'fear 50 / surprise 40', probabilities: [0.03, 0.02, 0.5, 0.02, 0.02, 0.4, 0.01] },
  { name: 'neutral 60 / sad 30', probabilities: [0.02, 0.01, 0.02, 0.03, 0.3, 0.02, 0.6] },
];

/** The seven clear readings (the first seven above). */
const reading = (name: string) => JUDGED_READINGS.find((r) => r.name === name)!.probabilities;

/** Two movie nights: three neutral friends and a happy one; a happy and a sad friend. */
const JUDGED_GROUPS: readonly { name: string; members: readonly (readonly number[])[] }[] = [
  {
    name: 'night: 3 neutral + happy',
    members: [reading('neutral'), reading('neutral'), reading('neutral'), reading('happy')],
  },
  { name: 'night: happy + sad', members: [reading('happy'), reading('sad')] },
];

/**
 * Films we judged, reading the first pages as film lovers, NOT to fit the reading under a strategy (MovieLens
 * ids), per page. The bench counts them; the tests keep the count within the targets.
 */
const JUDGED_MISFITS: Record<'match' | 'lift', Record<string, readonly string[]>> = {
  match: {
    // Pulp Fiction is no light comedy; The Big Lebowski a stoner noir.
    'happy': ['296', '1732'],
    // A puzzle thriller and a crime film are not sad films.
    'sad': ['296', '48780'],
    // Thrillers that thrill but do not frighten (the Blade Runner and Fight Club, and their like).
    'fear': ['541', '2959', '2571', '50' /* The Usual Suspects */],
    // A gentle, sad ghost story, not a disturbing one.
    'disgust': ['2762' /* The Sixth Sense */],
    // A fearful share handed a war epic or a dystopian satire.
    'fear 50 / surprise 40': ['7153', '1199' /* Brazil */],
    // Schindler's List on a mostly happy page.
    'happy 55 / sad 35': ['527'],
  },
  lift: {
    // Crude, or dark: neither calms anyone.
    'angry': ['2700' /* South Park: Bigger, Longer and Uncut */, '296'],
    'sad': ['296', '2858' /* American Beauty */],
    'fear': ['2700'],
    // The darkest Harry Potter, its hero's mentor killed: not what lifts a disgusted viewer.
    'disgust': ['69844' /* Harry Potter and the Half-Blood Prince */],
    // To brighten a neutral mood: no violent crime films.
    'neutral': ['296', '1089' /* Reservoir Dogs */],
    'fear 50 / surprise 40': ['7153'],
  },
};

export interface FirstPage {
  reading: string;
  strategy: 'match' | 'lift';
  /** A clear reading (one emotion), a mixed one, or a movie night. */
  kind: 'clear' | 'mixed' | 'group';
  picks: FilmPick[];
  misfits: string[];
}

/** The first page (five picks, no history) of every judged reading and movie night, both strategies. */
export function firstPages(films: readonly Film[], pageSize = 5): FirstPage[] {
  const pages: FirstPage[] = [];
  for (const strategy of ['match', 'lift'] as const) {
    const scene = { ...sceneWithoutHistory(films, strategy), pageSize };
    const judged = (name: string, picks: FilmPick[]) => {
      const misfits = new Set(JUDGED_MISFITS[strategy][name] ?? []);
      return picks.filter((pick) => misfits.has(pick.id)).map((pick) => pick.title);
    };
    JUDGED_READINGS.forEach(({ name, probabilities }, i) => {
      const { picks } = rankPicks({ ...scene, probabilities });
      pages.push({ reading: name, strategy, kind: i < 7 ? 'clear' : 'mixed', picks, misfits: judged(name, picks) });
    });
    for (const { name, members } of JUDGED_GROUPS) {
      const { picks } = rankGroupPicks({ ...scene, members });
      pages.push({ reading: name, strategy, kind: 'group', picks, misfits: judged(name, picks) });
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
  medianYear: number;
  judgedMisfits: number;
  /** The fewest different reasons on one first page (of five). */
  fewestReasons: number;
}

/** Per strategy: how many picks, how many distinct films, their rating counts and years, misfits, reasons. */
export function summarise(pages: readonly FirstPage[], films: readonly Film[]): FirstPagesSummary[] {
  const byId = new Map(films.map((film) => [film.id, film]));
  return (['match', 'lift'] as const).map((strategy) => {
    const own = pages.filter((page) => page.strategy === strategy);
    const picks = own.flatMap((page) => page.picks);
    const counts = picks.map((pick) => byId.get(pick.id)?.ratingCount ?? 0);
    return {
      strategy,
      slots: picks.length,
      distinct: new Set(picks.map((pick) => pick.id)).size,
      medianRatingCount: median(counts),
      minRatingCount: Math.min(...counts),
      medianYear: median(picks.map((pick) => pick.year ?? 0)),
      judgedMisfits: own.reduce((sum, page) => sum + page.misfits.length, 0),
      fewestReasons: Math.min(...own.map((page) => new Set(page.picks.map((pick) => pick.reason)).size)),
    };
  });
}

export interface Variety {
  /** The most first pages of the 14 (7 clear readings × match, lift) one film is on, and which film. */
  mostPages: number;
  mostPagesTitle: string;
  /** The most of the 7 lift first pages one film is on. */
  mostLiftPages: number;
  mostLiftPagesTitle: string;
  /** Different films on the 7 lift first pages. */
  liftDistinct: number;
  /** Films happy match's and happy lift's first pages share. */
  happyShared: number;
  /** Of the 35 picks on the 7 lift first pages, how many have a genre lift lists for the mood. */
  liftInGenres: number;
}

/** Variety across moods and strategies, over the clear readings' first pages. */
export function variety(pages: readonly FirstPage[]): Variety {
  const clear = pages.filter((page) => page.kind === 'clear');
  const most = (of: readonly FirstPage[]) => {
    const counts = new Map<string, { title: string; pages: number }>();
    for (const pick of of.flatMap((page) => page.picks)) {
      const entry = counts.get(pick.id) ?? { title: pick.title, pages: 0 };
      entry.pages += 1;
      counts.set(pick.id, entry);
    }
    return [...counts.values()].sort((a, b) => b.pages - a.pages)[0] ?? { title: '', pages: 0 };
  };
  const lift = clear.filter((page) => page.strategy === 'lift');
  const happy = (strategy: string) =>
    clear.find((page) => page.strategy === strategy && page.reading === 'happy')!.picks.map((pick) => pick.id);
  const all = most(clear);
  const lifts = most(lift);
  return {
    mostPages: all.pages,
    mostPagesTitle: all.title,
    mostLiftPages: lifts.pages,
    mostLiftPagesTitle: lifts.title,
    liftDistinct: new Set(lift.flatMap((page) => page.picks.map((pick) => pick.id))).size,
    happyShared: happy('match').filter((id) => happy('lift').includes(id)).length,
    liftInGenres: lift.flatMap((page) =>
      page.picks.filter((pick) => pick.genres.some((genre) => (LIFT_WEIGHTS[page.reading as Emotion][genre] ?? 0) > 0)),
    ).length,
  };
}

/**
 * The fewest ratings of any pick on the first three pages of the clear readings and on the first page of the
 * mixed readings and movie nights (the quality target: 20).
 */
export function fewestRatings(films: readonly Film[]): { ratingCount: number; title: string } {
  const byId = new Map(films.map((film) => [film.id, film]));
  const clear = firstPages(films, 15).filter((page) => page.kind === 'clear');
  const others = firstPages(films).filter((page) => page.kind !== 'clear');
  let fewest = { ratingCount: Infinity, title: '' };
  for (const pick of [...clear, ...others].flatMap((page) => page.picks)) {
    const count = byId.get(pick.id)?.ratingCount ?? 0;
    if (count < fewest.ratingCount) fewest = { ratingCount: count, title: pick.title };
  }
  return fewest;
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
    const { picks } = rankPicks({ ...sceneWithoutHistory(films, strategy), probabilities, recent, seen });
    pages.push(picks);
    shown.push(picks.map((pick) => pick.id));
  }
  return pages;
}
