/**
 * Catalogue timings: `npx tsx tests/bench/catalogue.bench.ts` prints a table; `benchCatalogue()` returns the
 * numbers (no test asserts on them). Node only: reads the committed catalogue and uses fake-indexeddb.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeBuiltinCatalogue } from '../../lib/catalogue/builtin';
import { catalogueKeys, previewCsvImport } from '../../lib/catalogue/csv-import';
import { buildTitleIndex } from '../../lib/catalogue/match';
import { CatalogueRepository } from '../../lib/catalogue/repository';
import { testCatalogueDatabase } from '../support/test-database';
import type { Film } from '../../lib/catalogue/types';

export interface CatalogueBenchResult {
  /** Reading public/catalogue/movielens.json into films. */
  decode: { films: number; bytes: number; ms: number };
  /** Building the title index over the built-in films. */
  index: { keys: number; ms: number };
  /** `lookups` title matches (median of `runs` runs, after one warm-up), and how many found a film. */
  match: { lookups: number; found: number; ms: number; runs: number };
  /** previewCsvImport on a generated file of `lines` data lines, checked against the catalogue's keys. */
  csv: { lines: number; bytes: number; films: number; ms: number };
  /** seedBuiltin of every built-in film into a fresh fake-indexeddb. */
  seed: { films: number; ms: number };
}

const CATALOGUE = fileURLToPath(new URL('../../public/catalogue/movielens.json', import.meta.url));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Page-like titles: display titles, some with a year or in capitals, aliases, and titles not in it. */
export function sampleQueries(films: readonly Film[], count: number): { title: string; year: number | null }[] {
  const queries: { title: string; year: number | null }[] = [];
  const step = Math.max(1, Math.floor(films.length / count));
  for (let i = 0; queries.length < count; i++) {
    const film = films[(i * step) % films.length]!;
    switch (i % 5) {
      case 0:
        queries.push({ title: film.title, year: film.year });
        break;
      case 1:
        queries.push({ title: film.title.toUpperCase(), year: null });
        break;
      case 2:
        queries.push({ title: `${film.title} (${film.year ?? 2000})`, year: null });
        break;
      case 3:
        queries.push({ title: film.aliases[0] ?? film.title, year: null });
        break;
      default:
        queries.push({ title: `Not A Film ${i}: The Series`, year: null });
    }
  }
  return queries;
}

/** A MovieLens-like `title,year,genres,rating` file with some broken and some duplicate lines. */
export function generatedCsv(lines: number): string {
  const genres = ['Drama', 'Comedy|Romance', 'action|thriller', 'Sci-Fi', ''];
  const rows = ['title,year,genres,rating'];
  for (let i = 0; i < lines; i++) {
    if (i % 1000 === 999) rows.push(`Broken ${i},19x${i % 10},Drama,3`);
    else if (i % 97 === 0) rows.push(`"Shawshank Redemption, The",1994,Drama,4.5`);
    else
      rows.push(
        `"Generated Film ${i}, Part ${i % 13}",${1930 + (i % 90)},${genres[i % genres.length]},${(i % 10) / 2 + 0.5}`,
      );
  }
  return `${rows.join('\n')}\n`;
}

export async function benchCatalogue(
  options: { lookups?: number; csvLines?: number; runs?: number } = {},
): Promise<CatalogueBenchResult> {
  const lookups = options.lookups ?? 1000;
  const csvLines = options.csvLines ?? 100_000;
  const runs = options.runs ?? 5;

  const text = readFileSync(CATALOGUE, 'utf8');
  let started = performance.now();
  const { films, version } = decodeBuiltinCatalogue(text);
  const decode = { films: films.length, bytes: Buffer.byteLength(text), ms: performance.now() - started };

  started = performance.now();
  const index = buildTitleIndex(films);
  const indexed = { keys: index.size, ms: performance.now() - started };

  const queries = sampleQueries(films, lookups);
  let found = 0;
  const matchOnce = () => {
    found = 0;
    const t = performance.now();
    for (const query of queries) if (index.match(query.title, query.year)) found++;
    return performance.now() - t;
  };
  matchOnce();
  const matchTimes = Array.from({ length: runs }, matchOnce);

  const csvText = generatedCsv(csvLines);
  const known = catalogueKeys(films);
  started = performance.now();
  const preview = await previewCsvImport(csvText, { known });
  const csvMs = performance.now() - started;
  if (!preview.ok) throw new Error(preview.message);

  const repository = new CatalogueRepository(testCatalogueDatabase('moodreel-bench'));
  started = performance.now();
  await repository.seedBuiltin(films, version);
  const seedMs = performance.now() - started;
  repository.close();

  return {
    decode,
    index: indexed,
    match: { lookups: queries.length, found, ms: median(matchTimes), runs },
    csv: { lines: csvLines, bytes: Buffer.byteLength(csvText), films: preview.films.length, ms: csvMs },
    seed: { films: films.length, ms: seedMs },
  };
}

export function formatBench(result: CatalogueBenchResult): string {
  const rows: [string, string, string][] = [
    [
      'decode built-in catalogue',
      `${result.decode.films} films, ${(result.decode.bytes / 1024).toFixed(0)} KiB`,
      result.decode.ms.toFixed(1),
    ],
    ['build title index', `${result.index.keys} keys`, result.index.ms.toFixed(1)],
    [
      'title matches',
      `${result.match.lookups} lookups, ${result.match.found} found (median of ${result.match.runs})`,
      result.match.ms.toFixed(2),
    ],
    [
      'CSV import preview',
      `${result.csv.lines} lines, ${(result.csv.bytes / 1e6).toFixed(1)} MB, ${result.csv.films} films`,
      result.csv.ms.toFixed(0),
    ],
    ['seed fake-indexeddb', `${result.seed.films} films`, result.seed.ms.toFixed(0)],
  ];
  const width = [0, 1].map((c) => Math.max(...rows.map((row) => row[c]!.length), c === 0 ? 4 : 4));
  const line = (row: readonly string[]) =>
    `${row[0]!.padEnd(width[0]!)}  ${row[1]!.padEnd(width[1]!)}  ${row[2]!.padStart(8)}`;
  return [line(['task', 'size', 'ms']), ...rows.map(line)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(formatBench(await benchCatalogue()));
}
