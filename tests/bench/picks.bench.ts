/**
 * Picks query timings on generated catalogues (10k and 100k films): `npx tsx tests/bench/picks.bench.ts`.
 * `benchPicks()` returns the rows for `npm run bench`; no test asserts on time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MOVIELENS_DATA_DIR, readMovieLensFiles } from '../support/test-catalogue';
import { decodeBuiltinCatalogue } from '../../lib/catalogue/builtin';
import { toneAgreement } from '../../lib/catalogue/tone-agreement';
import { seededRandom } from '../../lib/catalogue/tone';
import { SHIPPED_CATALOGUE } from '../../lib/picks/cli';
import { fewestRatings, firstPages, JUDGED_READINGS, noveltyWalk, summarise, variety } from '../support/first-pages';
import { LIFT_EACH_TARGET, LIFT_MEAN_TARGET, toneTargets, type TargetRow } from '../support/tone-targets';
import { GENRES, TONE_AXES, type Film, type Genre } from '../../lib/catalogue/types';
import { EMOTIONS } from '../../lib/mood/emotions';
import { nudgesFrom } from '../../lib/picks/feedback';
import { rankGroupPicks } from '../../lib/picks/group';
import { rankPicks, sceneWithoutHistory } from '../../lib/picks/rank';
import { weightsFor } from '../../lib/picks/strategies';
import type { Strategy } from '../../lib/picks/types';

/** The target: a picks query over 100,000 films has a median of at most this, in Node. */
export const TARGET_MEDIAN_MS = 20;

/** How often MovieLens (ml-latest-small) lists each genre, so generated films have realistic genre sets. */
const GENRE_FREQUENCY: Record<Genre, number> = {
  'Drama': 0.45,
  'Comedy': 0.39,
  'Thriller': 0.2,
  'Action': 0.19,
  'Romance': 0.16,
  'Adventure': 0.13,
  'Crime': 0.12,
  'Sci-Fi': 0.1,
  'Horror': 0.1,
  'Fantasy': 0.08,
  'Children': 0.07,
  'Animation': 0.06,
  'Mystery': 0.06,
  'Documentary': 0.05,
  'War': 0.04,
  'Musical': 0.03,
  'Western': 0.02,
  'IMAX': 0.02,
  'Film-Noir': 0.01,
};

/** A number as letters (0 → "A", 26 → "BA"), so titles carry no number a franchise key would strip. */
function lettered(value: number): string {
  let text = '';
  do {
    text = String.fromCharCode(65 + (value % 26)) + text;
    value = Math.floor(value / 26);
  } while (value > 0);
  return text;
}

/** `count` films with MovieLens-like genres, ratings and a share of sequels. */
export function generatedFilms(count: number, seed = 1): Film[] {
  const random = seededRandom(seed);
  const films: Film[] = [];
  for (let i = 0; i < count; i++) {
    let genres = GENRES.filter((genre: Genre) => random() < GENRE_FREQUENCY[genre]);
    if (genres.length === 0) genres = ['Drama'];
    const ratingCount = Math.floor(Math.exp(random() * 6));
    films.push({
      id: String(i + 1),
      // One film in ten belongs to a series of three ("Series Bcd 2"); the others have titles of their own.
      title: i % 10 === 0 ? `Series ${lettered(Math.floor(i / 30))} ${1 + ((i / 10) % 3)}` : `Film ${lettered(i)}`,
      aliases: [],
      year: 1930 + Math.floor(random() * 95),
      genres,
      rating: Math.min(5, Math.max(0.5, 3.4 + (random() + random() + random() - 1.5) * 1.2)),
      ratingCount,
      tags: [],
      imdbId: null,
      tmdbId: null,
      source: 'builtin',
      tone: Array.from({ length: 5 }, () => Math.round((random() * 2 - 1) * 100) / 100),
    });
  }
  return films;
}

/**
 * The shipped catalogue joined with `count` films of a title list nobody rated (as issue 14's join with the
 * MovieLens 32M titles adds): no rating, no count, no tone.
 */
export function withUnratedTitles(films: readonly Film[], count: number, seed = 7): Film[] {
  const random = seededRandom(seed);
  const extra = generatedFilms(count, seed).map((film, i): Film => ({
    ...film,
    id: String(1_000_000 + i),
    rating: null,
    ratingCount: 0,
    tone: null,
    year: 1990 + Math.floor(random() * 34),
  }));
  return [...films, ...extra];
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

export interface BenchRow {
  query: string;
  films: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
}

/** A random reading leaning on one emotion, as the CNN gives them. */
function reading(random: () => number): number[] {
  const raw = EMOTIONS.map(() => random() ** 3);
  raw[Math.floor(random() * raw.length)]! += 1;
  const total = raw.reduce((sum, p) => sum + p, 0);
  return raw.map((p) => p / total);
}

function time(runs: number, query: (run: number) => void): { medianMs: number; p95Ms: number } {
  for (let run = 0; run < 5; run++) query(run); // warm the JIT
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    query(run);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { medianMs: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)) };
}

/** Times single and group picks queries, page 0 and a later page, with some feedback and recent films. */
export function benchPicks(sizes: readonly number[] = [10_000, 100_000], runs = 40): BenchRow[] {
  const rows: BenchRow[] = [];
  const strategies: Strategy[] = ['match', 'lift', 'custom'];
  for (const size of sizes) {
    const films = generatedFilms(size);
    const random = seededRandom(size);
    const byId = new Map(films.map((film) => [film.id, film]));
    const feedback = Array.from({ length: 30 }, (_, i) => ({
      filmId: String(1 + Math.floor(random() * size)),
      vote: i % 3 === 0 ? ('down' as const) : ('up' as const),
      emotion: EMOTIONS[i % EMOTIONS.length]!,
      at: i,
    }));
    const nudges = nudgesFrom(feedback, (id) => byId.get(id)?.genres);
    const hidden = new Set(feedback.filter((vote) => vote.vote === 'down').map((vote) => vote.filmId));
    const recent = new Set(Array.from({ length: 45 }, () => String(1 + Math.floor(random() * size))));
    const readings = Array.from({ length: runs + 5 }, () => reading(random));
    const scene = { films, nudges, hidden, recent };
    const single = (page: number) => (run: number) => {
      const strategy = strategies[run % strategies.length]!;
      rankPicks({ ...scene, probabilities: readings[run]!, strategy, weights: weightsFor(strategy, null), page });
    };
    rows.push({ query: 'picks, page 0', films: size, runs, ...time(runs, single(0)) });
    rows.push({ query: 'picks, page 3', films: size, runs, ...time(runs, single(3)) });
    // A new films array each query: the catalogue index (film-index.ts) is rebuilt every time, the worst case.
    const copies = Array.from({ length: runs + 5 }, () => films.slice());
    rows.push({
      query: 'picks, new films array',
      films: size,
      runs,
      ...time(runs, (run) => {
        const strategy = strategies[run % strategies.length]!;
        const fresh = { ...scene, films: copies[run]! };
        rankPicks({ ...fresh, probabilities: readings[run]!, strategy, weights: weightsFor(strategy, null) });
      }),
    });
    rows.push({
      query: 'group of 3, page 0',
      films: size,
      runs,
      ...time(runs, (run) => {
        const members = [0, 1, 2].map((offset) => readings[(run + offset) % readings.length]!);
        rankGroupPicks({ ...scene, members, strategy: 'match', weights: weightsFor('match', null) });
      }),
    });
  }
  return rows;
}

/** The rows as a small text table. */
export function formatBench(rows: readonly BenchRow[]): string {
  const header = ['query', 'films', 'runs', 'median ms', 'p95 ms'];
  const body = rows.map((row) => [
    row.query,
    row.films.toLocaleString('en'),
    String(row.runs),
    row.medianMs.toFixed(2),
    row.p95Ms.toFixed(2),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** Picks over the shipped catalogue joined with unrated titles up to 100,000 films (the realistic large case). */
export function benchShippedWithTitles(films: readonly Film[], runs = 40): BenchRow[] {
  const joined = withUnratedTitles(films, 100_000 - films.length);
  const random = seededRandom(3);
  const readings = Array.from({ length: runs + 5 }, () => reading(random));
  const rows: BenchRow[] = [];
  for (const strategy of ['match', 'lift'] as const) {
    const scene = sceneWithoutHistory(joined, strategy);
    rows.push({
      query: `MovieLens + unrated titles, ${strategy}`,
      films: joined.length,
      runs,
      ...time(runs, (run) => rankPicks({ ...scene, probabilities: readings[run]! })),
    });
  }
  return rows;
}

/** What a film lover reads: the judged first pages, their rating counts, variety, and the floor over the join. */
export function formatFirstPages(films: readonly Film[]): string {
  const pages = firstPages(films);
  const lines = pages.map(
    (page) =>
      `${page.strategy.padEnd(5)} ${page.reading.padEnd(25)} ${page.picks.map((pick) => pick.title).join(' · ')}` +
      (page.misfits.length ? `   [judged misfit: ${page.misfits.join(', ')}]` : ''),
  );
  const targets = { match: 2, lift: 1 };
  const summary = summarise(pages, films).map(
    (row) =>
      `${row.strategy.padEnd(5)} ${row.slots} slots (12 first pages), ${row.distinct} distinct films, rating count median ` +
      `${row.medianRatingCount}, min ${row.minRatingCount}; median year ${row.medianYear}; judged misfits ` +
      `${row.judgedMisfits} (target ≤ ${targets[row.strategy]}); fewest different reasons on a page of 5: ${row.fewestReasons} (target ≥ 4)`,
  );
  const spread = variety(pages);
  const fewest = fewestRatings(films);
  const joined = withUnratedTitles(films, 90_000);
  const joinedPages = firstPages(joined);
  const unratedShown = joinedPages.flatMap((page) => page.picks).filter((pick) => Number(pick.id) >= 1_000_000).length;
  const walks = JUDGED_READINGS.slice(0, 7).flatMap(({ name, probabilities }) =>
    (['match', 'lift'] as const).map((strategy) => {
      const walk = noveltyWalk(films, probabilities, strategy);
      return `${strategy} ${name}: ${new Set(walk.flat().map((pick) => pick.id)).size}`;
    }),
  );
  return [
    'First pages (page of 5, no history), shipped catalogue:',
    ...lines,
    '',
    ...summary,
    `variety over the 14 clear first pages: at most ${spread.mostPages} pages for one film (${spread.mostPagesTitle}; target ≤ 3); ` +
      `lift: at most ${spread.mostLiftPages} of 7 (${spread.mostLiftPagesTitle}; target ≤ 2), ${spread.liftDistinct} different films ` +
      `(target ≥ 25); happy match and happy lift share ${spread.happyShared} of 5 (target ≤ 2); ` +
      `${spread.liftInGenres} of the 35 lift picks have one of the mood's lifting genres`,
    `fewest ratings on the first three pages of clear readings and first pages of mixed readings and movie nights: ` +
      `${fewest.ratingCount} (${fewest.title}; target ≥ 20)`,
    `with 90,000 unrated titles joined: ${unratedShown} of ${joinedPages.length * 5} first-page slots hold an unrated film (target 0)`,
    `distinct films on the first pages of 8 readings in a row (target ≥ 30): ${walks.join(', ')}`,
  ].join('\n');
}

/** The sad row to three decimals, against the most the seed's rule lets any order reach. */
function sadAgainstCeiling(row: TargetRow): string {
  return `  sad ${row.agreement.toFixed(3)} of ceiling ${row.ceiling.toFixed(3)}`;
}

/**
 * Tone agreement on films whose tags were withheld from a build (needs the MovieLens data folder): per tone axis,
 * and through the picks' own score (what `npm run picks -- --scores` prints), a quarter, half, three quarters and
 * all of the tagged films' tags withheld.
 */
export function formatToneAgreement(dataDir: string): string {
  if (!existsSync(join(dataDir, 'tags.csv'))) return `tone agreement: skipped, no MovieLens data at ${dataDir}`;
  const files = readMovieLensFiles(dataDir);
  const axisLines: string[] = [];
  const targetLines: string[] = [];
  for (const quarters of [1, 2, 3, 4]) {
    const { films, uses, axes } = toneAgreement(files, quarters);
    const share = `${quarters}/4`;
    axisLines.push(
      `${share.padEnd(5)} ${String(uses.size).padStart(5)}   ` +
        axes.map((a) => `${a.agreement.toFixed(2)} (${a.positive}/${a.negative})`.padEnd(15)).join(''),
    );
    const rows = toneTargets(films, uses);
    const lift = rows.filter((row) => row.strategy === 'lift');
    const mean = lift.reduce((sum, row) => sum + row.agreement, 0) / lift.length;
    const match = rows.filter((row) => row.strategy === 'match');
    targetLines.push(
      `${share.padEnd(5)} ${lift.map((row) => row.agreement.toFixed(2).padStart(5)).join(' ')}  ${mean.toFixed(3).padStart(5)}   ` +
        match.map((row) => `${row.agreement.toFixed(2)} (${row.positive}/${row.negative})`.padEnd(15)).join('') +
        sadAgainstCeiling(match.find((row) => row.emotion === 'sad')!),
    );
  }
  return [
    'Tone of films whose tags were withheld from the build (ids mod 4 below the share; 4/4: no tags at all):',
    `share films   ${TONE_AXES.map((axis) => axis.padEnd(15)).join('')}`,
    ...axisLines,
    '(per axis: share of (tagged-positive, tagged-negative) pairs the built tone orders right; 0.5 is chance)',
    '',
    "The same withheld films through the picks' fit score (npm run picks -- --scores; a film that cannot fit counts below every scored one):",
    `share lift light over dark: ${EMOTIONS.map((e) => e.slice(0, 5).padStart(5)).join(' ')}  mean    match: happy light>dark, sad sad>light, fear scary>light, disgust scary>light`,
    ...targetLines,
    `targets: lift ≥ ${LIFT_EACH_TARGET} each and ≥ ${LIFT_MEAN_TARGET} on average; match happy ≥ 0.80, sad ≥ 0.80, fear ≥ 0.88, disgust ≥ 0.85`,
    'With no tags at all every tone is 0, and the fit falls back to the genre table alone (with the quality prior): the 4/4 row is genre alone.',
    "Sad's ceiling: the most any order reaches while only dramas fit a sad viewer under match (the seed's rule): a sad-tagged film of no listed genre has no score.",
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const shipped = decodeBuiltinCatalogue(readFileSync(SHIPPED_CATALOGUE, 'utf8')).films;
  const rows = [...benchPicks(), ...benchShippedWithTitles(shipped)];
  console.log(formatBench(rows));
  const target = rows.find((row) => row.films === 100_000 && row.query === 'picks, page 0');
  if (target) console.log(`\n100k films, page 0: median ${target.medianMs} ms (target ≤ ${TARGET_MEDIAN_MS} ms)`);
  console.log(`\n${formatFirstPages(shipped)}`);
  console.log(`\n${formatToneAgreement(MOVIELENS_DATA_DIR)}`);
}
