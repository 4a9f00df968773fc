/**
 * The built-in catalogue's file format (public/catalogue/movielens.json): one header object and one array
 * per film, genres as indexes into the file's own genre list. `encode` is what the build writes, `decode`
 * what the extension reads; both are pure.
 */
import { GENRES, isGenre, TONE_AXES, type Film, type Genre } from './types';
import { MAX_YEAR, MIN_YEAR } from './validate';

export const BUILTIN_FORMAT = 'moodreel-catalogue';
/** Where the extension finds the built-in catalogue (a path under public/). */
export const BUILTIN_CATALOGUE_PATH = '/catalogue/movielens.json';

/** The order of the values in each film's row. */
const BUILTIN_COLUMNS = [
  'id',
  'title',
  'aliases',
  'year',
  'genres',
  'imdbId',
  'tmdbId',
  'ratingCount',
  'rating',
  'tags',
  'tone',
] as const;

/** How many values a row of a file written before the tone column has (it is read as having no tone). */
const COLUMNS_BEFORE_TONE = 10;

/** [movieId, title, aliases, year, genre indexes, IMDb number, TMDB id, rating count, rating, tags, tone] */
type Row = [
  number,
  string,
  string[],
  number | null,
  number[],
  number | null,
  number | null,
  number,
  number | null,
  string[],
  readonly number[] | null,
];

export interface BuiltinHeader {
  /** Increases with every newer build (see build-catalogue.ts). */
  version: number;
  /** Where the data comes from and under which terms. */
  source: string;
  /** The Bayesian prior the ratings were computed with. */
  ratingPrior: { mean: number; weight: number };
}

export interface BuiltinCatalogue {
  version: number;
  films: Film[];
}

/** A row may stop after the genres: the values left out are these (no links, no ratings, no tags, no tone). */
const MIN_ROW_LENGTH = 5;
const TAIL_DEFAULTS: readonly unknown[] = [null, null, 0, null, [], null];
const TAGS_COLUMN = 9;

function isEmptyDefault(value: unknown, column: number): boolean {
  if (column === TAGS_COLUMN) return Array.isArray(value) && value.length === 0;
  return value === TAIL_DEFAULTS[column - MIN_ROW_LENGTH];
}

/** The values a short row left out, each a fresh copy (a film's tag list is its own). */
function tailDefaults(from: number): unknown[] {
  return TAIL_DEFAULTS.slice(from - MIN_ROW_LENGTH).map((value) => (Array.isArray(value) ? [] : value));
}

/** "tt0114709" → 114709; the file stores IMDb ids as numbers to stay small. */
function imdbNumber(imdbId: string | null): number | null {
  if (imdbId === null) return null;
  const found = /^tt(\d+)$/u.exec(imdbId);
  if (!found) throw new Error(`IMDb id "${imdbId}" is not of the form tt0114709`);
  return Number(found[1]);
}

/** 114709 → "tt0114709" (IMDb pads to at least seven digits). */
function imdbId(value: number): string {
  return `tt${String(value).padStart(7, '0')}`;
}

/** Writes the catalogue file: byte-for-byte the same for the same films, one film a line. */
export function encodeBuiltinCatalogue(films: readonly Film[], header: BuiltinHeader): string {
  const genreIndex = new Map<Genre, number>(GENRES.map((genre, i) => [genre, i]));
  const head = {
    format: BUILTIN_FORMAT,
    version: header.version,
    source: header.source,
    ratingPrior: header.ratingPrior,
    count: films.length,
    genres: GENRES,
    columns: BUILTIN_COLUMNS,
  };
  const rows = films.map((film) => {
    if (!/^\d+$/u.test(film.id)) throw new Error(`built-in film id "${film.id}" is not a MovieLens id`);
    const row: Row = [
      Number(film.id),
      film.title,
      film.aliases,
      film.year,
      film.genres.map((genre) => genreIndex.get(genre)!),
      imdbNumber(film.imdbId),
      film.tmdbId,
      film.ratingCount,
      film.rating,
      film.tags,
      film.tone ?? null,
    ];
    // A film with no ratings, links or tags (one only the 32M title list knows) drops its empty tail.
    let length = row.length;
    while (length > MIN_ROW_LENGTH && isEmptyDefault(row[length - 1], length - 1)) length--;
    return JSON.stringify(row.slice(0, length));
  });
  const headJson = JSON.stringify(head);
  return `${headJson.slice(0, -1)},"films":[\n${rows.join(',\n')}\n]}\n`;
}

class CatalogueFormatError extends Error {
  constructor(detail: string) {
    super(`The built-in catalogue is damaged: ${detail}. Reinstall the extension.`);
    this.name = 'CatalogueFormatError';
  }
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** What is wrong with one film's row (in BUILTIN_COLUMNS order), or null. Kept plain: it runs 10,000 times at startup. */
function rowProblem(row: readonly unknown[], genreCount: number): string | null {
  const id = row[0],
    title = row[1],
    aliases = row[2],
    year = row[3],
    genreIndexes = row[4];
  const imdb = row[5],
    tmdb = row[6],
    ratingCount = row[7],
    rating = row[8],
    tags = row[9];
  if (!isInteger(id) || id <= 0) return 'id must be a positive integer';
  if (typeof title !== 'string' || title.trim() === '') return 'title must be a non-empty string';
  if (!isStringArray(aliases)) return 'aliases must be a list of strings';
  if (year !== null && (!isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)) {
    return `year must be a year from ${MIN_YEAR} to ${MAX_YEAR}, or null`;
  }
  if (!Array.isArray(genreIndexes)) return `genres must be indexes into the ${genreCount} genres`;
  for (const g of genreIndexes) {
    if (!isInteger(g) || g < 0 || g >= genreCount) return `genres must be indexes into the ${genreCount} genres`;
  }
  if (imdb !== null && (!isInteger(imdb) || imdb <= 0)) return 'imdbId must be a positive integer or null';
  if (tmdb !== null && (!isInteger(tmdb) || tmdb <= 0)) return 'tmdbId must be a positive integer or null';
  if (!isInteger(ratingCount) || ratingCount < 0) return 'ratingCount must be a count';
  if (rating !== null && (typeof rating !== 'number' || !(rating >= 0.5 && rating <= 5))) {
    return 'rating must be between 0.5 and 5, or null';
  }
  if (!isStringArray(tags)) return 'tags must be a list of strings';
  const tone = row[10];
  if (
    tone !== undefined &&
    tone !== null &&
    !(
      Array.isArray(tone) &&
      tone.length === TONE_AXES.length &&
      tone.every((v) => typeof v === 'number' && v >= -1 && v <= 1)
    )
  ) {
    return `tone must be ${TONE_AXES.length} numbers from -1 to 1 (${TONE_AXES.join(', ')}), or null`;
  }
  return null;
}

/**
 * Reads the catalogue file (its text or its parsed JSON) into films, checking every field; a broken file
 * throws an error that says what is wrong and where.
 */
export function decodeBuiltinCatalogue(json: unknown): BuiltinCatalogue {
  let data = json;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch (error) {
      throw new CatalogueFormatError(`not JSON (${(error as Error).message})`);
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new CatalogueFormatError('not an object');
  const file = data as Record<string, unknown>;
  if (file.format !== BUILTIN_FORMAT) throw new CatalogueFormatError(`format is not "${BUILTIN_FORMAT}"`);
  if (!isInteger(file.version) || file.version <= 0)
    throw new CatalogueFormatError('version is not a positive integer');
  if (!isStringArray(file.genres) || !file.genres.every(isGenre)) {
    throw new CatalogueFormatError(`genres must list MovieLens genres (${GENRES.join(', ')})`);
  }
  const genres = file.genres as Genre[];
  const columnCount = Array.isArray(file.columns) ? file.columns.length : 0;
  if (
    !Array.isArray(file.columns) ||
    (columnCount !== BUILTIN_COLUMNS.length && columnCount !== COLUMNS_BEFORE_TONE) ||
    file.columns.some((column, i) => column !== BUILTIN_COLUMNS[i])
  ) {
    throw new CatalogueFormatError(`columns must be ${BUILTIN_COLUMNS.join(', ')}`);
  }
  if (!Array.isArray(file.films)) throw new CatalogueFormatError('films is not a list');
  if (file.count !== file.films.length) {
    throw new CatalogueFormatError(`it says ${String(file.count)} films but holds ${file.films.length} (cut short?)`);
  }
  const seen = new Set<string>();
  const films: Film[] = new Array(file.films.length);
  for (let i = 0; i < file.films.length; i++) {
    const given: unknown = file.films[i];
    if (!Array.isArray(given) || given.length < MIN_ROW_LENGTH || given.length > columnCount) {
      throw new CatalogueFormatError(`film ${i + 1} is not a row of ${MIN_ROW_LENGTH} to ${columnCount} values`);
    }
    // A short row's missing tail (and a file written before the tone column): no links, ratings, tags or tone.
    const row: unknown[] = given.length < BUILTIN_COLUMNS.length ? [...given, ...tailDefaults(given.length)] : given;
    const problem = rowProblem(row, genres.length);
    if (problem) throw new CatalogueFormatError(`film ${i + 1} (id ${String(row[0])}): ${problem}`);
    const id = String(row[0]);
    if (seen.has(id)) throw new CatalogueFormatError(`film ${i + 1} (id ${id}): id must be unique`);
    seen.add(id);
    const genreIndexes = row[4] as number[];
    const imdb = row[5] as number | null;
    films[i] = {
      id,
      title: row[1] as string,
      aliases: row[2] as string[],
      year: row[3] as number | null,
      genres: genreIndexes.map((g) => genres[g]!),
      rating: row[8] as number | null,
      ratingCount: row[7] as number,
      tags: row[9] as string[],
      imdbId: imdb === null ? null : imdbId(imdb),
      tmdbId: row[6] as number | null,
      source: 'builtin',
      tone: (row[10] as number[] | null | undefined) ?? null,
    };
  }
  return { version: file.version, films };
}
