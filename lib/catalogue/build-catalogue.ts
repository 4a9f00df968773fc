/**
 * Builds the built-in catalogue from MovieLens ml-latest-small: `npm run catalogue [-- --data DIR] [--out FILE]`.
 * Writes FILE (default public/catalogue/movielens.json) and MOVIELENS-LICENSE.txt beside it; the same data gives
 * the same bytes.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeBuiltinCatalogue } from './builtin';
import { filmsFromMovieLens } from './movielens';
import { joinNewerTitles, titleListFilms } from './newer-titles';

export const DEFAULT_DATA_DIR = '../shared/data/movielens/ml-latest-small';
/** The MovieLens 32M title list beside latest-small (used when present; `--data DIR` looks in DIR/ml-32m). */
export const DEFAULT_TITLE_LIST = '../shared/data/movielens-32m/movies.csv';
export const DEFAULT_OUT_DIR = 'public/catalogue';
export const CATALOGUE_FILE = 'movielens.json';
export const LICENSE_FILE = 'MOVIELENS-LICENSE.txt';
/** The licence committed with the project: what a build from a data folder without README.txt writes. */
const SHIPPED_LICENCE = fileURLToPath(new URL(`../../public/catalogue/${LICENSE_FILE}`, import.meta.url));

/**
 * Raise by one whenever the build changes what it writes for the same data (a parsing fix, a new field),
 * so installed copies see a newer version and reseed. Below 100.
 */
export const BUILDER_REVISION = 3;

/**
 * The catalogue's version: the UTC date of the data set's newest rating or tag as YYYYMMDD, times 100, plus
 * BUILDER_REVISION (2018-09-24 → 2018092401). A newer data set or a newer builder gives a larger number.
 */
export function catalogueVersion(newestTimestampSeconds: number, builderRevision = BUILDER_REVISION): number {
  const date = new Date(newestTimestampSeconds * 1000);
  const day = date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
  return day * 100 + builderRevision;
}

/** MovieLens's licence and citation, as its README states them, with what we changed. */
export function licenceText(readme: string, withTitleList = false): string {
  const start = readme.indexOf('Usage License');
  const end = readme.indexOf('Further Information About GroupLens');
  if (start < 0 || end < start)
    throw new Error('README.txt: the "Usage License" and "Citation" sections were not found');
  return [
    'MoodReel\'s built-in film catalogue (movielens.json) is derived from the MovieLens "ml-latest-small"',
    'data set (generated September 26, 2018) by the GroupLens Research Project at the University of Minnesota.',
    'Transformations: titles reformatted (article in front, alternate titles split out), ratings reduced to a',
    'count and a Bayesian average, user tags reduced to the five most frequent, a tone per film learned from ratings and tags, IMDb and TMDB ids attached.',
    ...(withTitleList
      ? [
          'It also holds the titles, years and genres of the films of the MovieLens 32M "movies.csv" list (GroupLens,',
          '2023) that ml-latest-small lacks, with no ratings, links or tags; same licence and citation.',
        ]
      : []),
    'The derived data is redistributed under the same licence conditions as the original, quoted below:',
    'in particular it may not be used for commercial or revenue-bearing purposes without permission.',
    '',
    readme.slice(start, end).trimEnd(),
    '',
  ].join('\n');
}

export interface BuildSummary {
  films: number;
  version: number;
  bytes: number;
  ms: number;
  ratingPrior: { mean: number; weight: number };
  cataloguePath: string;
  licencePath: string;
}

/** Where `--out` writes: a file, or (as before) a directory that gets CATALOGUE_FILE. */
async function cataloguePathFor(out: string | undefined): Promise<string> {
  const path = resolve(out ?? join(DEFAULT_OUT_DIR, CATALOGUE_FILE));
  const isDirectory = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isDirectory ? join(path, CATALOGUE_FILE) : path;
}

export async function buildCatalogue(options: { dataDir?: string; out?: string } = {}): Promise<BuildSummary> {
  const started = performance.now();
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const cataloguePath = await cataloguePathFor(options.out);
  const outDir = dirname(cataloguePath);
  const read = (file: string) => readFile(join(dataDir, file), 'utf8');
  const [movies, links, ratings, tags] = await Promise.all(
    ['movies.csv', 'links.csv', 'ratings.csv', 'tags.csv'].map(read),
  );
  const built = filmsFromMovieLens({ movies: movies!, links: links!, ratings: ratings!, tags: tags! });
  const titleListPath = options.dataDir ? join(dataDir, 'ml-32m', 'movies.csv') : resolve(DEFAULT_TITLE_LIST);
  const titleList = await readFile(titleListPath, 'utf8').catch(() => null);
  const films = titleList ? joinNewerTitles(built.films, titleListFilms(titleList)).films : built.films;
  // A data folder of the four CSV files alone is enough: the licence then is the one the project ships.
  const licence = await read('README.txt').then(
    (readme) => licenceText(readme, titleList !== null),
    () => readFile(SHIPPED_LICENCE, 'utf8'),
  );
  const version = catalogueVersion(built.newestTimestamp);
  const json = encodeBuiltinCatalogue(films, {
    version,
    source:
      `MovieLens ml-latest-small${titleList ? ' and the MovieLens 32M title list' : ''} (F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: ` +
      'History and Context. ACM TiiS 5, 4: 19:1-19:19. https://doi.org/10.1145/2827872); non-commercial use only, ' +
      `see ${LICENSE_FILE}`,
    ratingPrior: built.ratingPrior,
  });
  await mkdir(outDir, { recursive: true });
  const licencePath = join(outDir, LICENSE_FILE);
  await writeFile(cataloguePath, json);
  await writeFile(licencePath, licence);
  return {
    films: films.length,
    version,
    bytes: Buffer.byteLength(json),
    ms: performance.now() - started,
    ratingPrior: built.ratingPrior,
    cataloguePath,
    licencePath,
  };
}

function argument(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const args = process.argv.slice(2);
    const summary = await buildCatalogue({ dataDir: argument(args, '--data'), out: argument(args, '--out') });
    console.log(
      `catalogue: ${summary.films} films, ${(summary.bytes / 1024).toFixed(0)} KiB, version ${summary.version}, ` +
        `prior mean ${summary.ratingPrior.mean} weight ${summary.ratingPrior.weight}, ${summary.ms.toFixed(0)} ms\n` +
        `  ${summary.cataloguePath}\n  ${summary.licencePath}`,
    );
  } catch (error) {
    console.error(`catalogue: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
