/**
 * Reading a user's CSV of films into a preview: the films it would add, every broken line with its line
 * number and why, and the duplicates it skips. A line with a rating for a film the built-in catalogue already
 * has is kept as the user's rating of that film (a record that names it, `sameAs`), not skipped. Nothing is
 * written here; the repository commits a preview.
 * Parsing runs in chunks and yields to the event loop between them, so a 100,000-line file keeps a page
 * responsive.
 */
import Papa from 'papaparse';
import { GENRES, type Film, type Genre } from './types';
import { unescapeFormula } from './csv-cells';
import { readText } from './file-text';
import { MAX_TITLE_LENGTH, MAX_YEAR, MIN_YEAR } from './validate';
import { filmKey, moveTrailingArticle, parseMovieLensTitle } from './titles';

type CsvFormat = 'movielens' | 'simple';

export interface RejectedLine {
  /** Line in the file where the row starts (the header is line 1). */
  line: number;
  reason: string;
}

interface DuplicateLine {
  line: number;
  title: string;
  year: number | null;
  /** Already in the catalogue, or earlier in this file (at `firstLine`). */
  of: 'catalogue' | 'file';
  firstLine?: number;
  /** A catalogue film the line rates: its rating is kept as the user's own (the line is in `films`). */
  ratingKept?: boolean;
}

export interface CsvImportPreview {
  ok: true;
  format: CsvFormat;
  /**
   * Films to add: source 'imported', fresh "imp-" ids, ratingCount 0; a line rating a built-in film the catalogue
   * has is one of them too, with `sameAs` naming that film (it adds the user's rating, not a film).
   */
  films: Film[];
  rejected: RejectedLine[];
  duplicates: DuplicateLine[];
  /** Data rows read, blank lines not counted. */
  rows: number;
}

interface CsvImportFailure {
  ok: false;
  /** One sentence for the user: why the file is not a catalogue. */
  message: string;
}

export type CsvImportResult = CsvImportPreview | CsvImportFailure;

const failure = (message: string): CsvImportFailure => ({ ok: false, message });

export interface CsvImportOptions {
  /**
   * The catalogue's film keys (`filmKey(title, year)`, see `catalogueKeys`), or a function that tells
   * whether a key is already there; rows with such a key are listed as duplicates and skipped. A map (see
   * `catalogueIds`) also says which built-in film a key is: a row with a rating for it keeps the rating.
   */
  known?: ReadonlySet<string> | ReadonlyMap<string, string | null> | ((key: string) => boolean);
  /** Called with the share of the file read so far, 0 to 1, after every chunk and once with 1 at the end. */
  onProgress?: (fraction: number) => void;
  /** Characters parsed between two yields (default 128 KiB). */
  chunkSize?: number;
  /** Larger files are refused with a message (default 50 MB). */
  maxBytes?: number;
  /** Id for each new film (default `newImportedId`). */
  newId?: () => string;
}

/** A line (or a row spanning lines) longer than this many bytes is rejected. */
export const MAX_LINE_BYTES = 10 * 1024;
const DEFAULT_MAX_BYTES = 50 * 1000 * 1000;
const DEFAULT_CHUNK_SIZE = 128 * 1024;

const SIMPLE_HEADER_HELP = 'title,year,genres (and optionally rating)';
const MOVIELENS_HEADER_HELP = 'movieId,title,genres';

/** Random numbers drawn in bulk: one getRandomValues call per id costs more than the rest of a row's work. */
const randomPool = new Uint32Array(1024);
let randomLeft = 0;
function randomWord(): number {
  if (randomLeft === 0) {
    crypto.getRandomValues(randomPool);
    randomLeft = randomPool.length;
  }
  return randomPool[--randomLeft]!;
}

/** "imp-" and 14 random base-36 characters (about 64 bits): never a MovieLens id (those are digits). */
export function newImportedId(): string {
  return `imp-${randomWord().toString(36).padStart(7, '0')}${randomWord().toString(36).padStart(7, '0')}`;
}

/**
 * Every key a film is known by, with the built-in film it names (null for an imported film, or a built-in film
 * the user already rated in an earlier import: that rating stands).
 */
export function catalogueIds(films: Iterable<Film>): Map<string, string | null> {
  const all = [...films];
  const rated = new Set(
    all.flatMap((film) => (film.sameAs ? [film.sameAs] : film.userRating != null ? [film.id] : [])),
  );
  const ids = new Map<string, string | null>();
  for (const film of all) {
    if (film.sameAs) continue;
    const id = film.source === 'builtin' && !rated.has(film.id) ? film.id : null;
    for (const name of [film.title, ...film.aliases]) {
      const key = filmKey(name, film.year);
      // A key two films share names no one film to rate.
      ids.set(key, ids.has(key) && ids.get(key) !== id ? null : id);
    }
  }
  return ids;
}

/** Every key a film is known by (title and aliases, with its year), for the duplicate check. */
export function catalogueKeys(films: Iterable<Film>): Set<string> {
  const keys = new Set<string>();
  for (const film of films) {
    for (const name of [film.title, ...film.aliases]) keys.add(filmKey(name, film.year));
  }
  return keys;
}

const GENRE_BY_FOLDED = new Map<string, Genre>([
  ...GENRES.map((genre): [string, Genre] => [genre.toLowerCase(), genre]),
  // MovieLens's README still names it so.
  ["children's", 'Children'],
]);
const NO_GENRES = '(no genres listed)';

/**
 * Genres separated by "|", matched without regard to case and stored in MovieLens's spelling. An empty
 * cell (or MovieLens's "(no genres listed)") is allowed: the film is kept for title matching on
 * streaming sites, though no mood picks it by genre.
 */
function readGenres(cell: string): { genres: Genre[] } | { error: string } {
  const text = cell.trim();
  if (text === '' || text.toLowerCase() === NO_GENRES) return { genres: [] };
  const genres: Genre[] = [];
  const unknown: string[] = [];
  for (const part of text.split('|')) {
    const name = part.trim();
    if (name === '') continue;
    const genre = GENRE_BY_FOLDED.get(name.toLowerCase());
    if (!genre) unknown.push(name);
    else if (!genres.includes(genre)) genres.push(genre);
  }
  if (unknown.length > 0) {
    const quoted = unknown.map((name) => `"${name.slice(0, 40)}"`).join(', ');
    return { error: `unknown genre ${quoted} (known: ${GENRES.join(', ')})` };
  }
  return { genres };
}

function readYear(cell: string): { year: number | null } | { error: string } {
  const text = cell.trim();
  if (text === '') return { year: null };
  const year = Number(text);
  if (!/^\d{4}$/u.test(text) || year < MIN_YEAR || year > MAX_YEAR) {
    return { error: `year "${text.slice(0, 20)}" is not a four-digit year (${MIN_YEAR}–${MAX_YEAR})` };
  }
  return { year };
}

function readRating(cell: string): { rating: number | null } | { error: string } {
  const text = cell.trim();
  if (text === '') return { rating: null };
  const rating = Number(text);
  if (!Number.isFinite(rating) || rating < 0.5 || rating > 5) {
    return { error: `rating "${text.slice(0, 20)}" is not a number from 0.5 to 5` };
  }
  return { rating };
}

interface Layout {
  format: CsvFormat;
  columns: number;
  title: number;
  genres: number;
  year: number;
  rating: number;
}

/** Which format the header names, and where each column is; null for anything else. */
function readHeader(cells: readonly string[]): Layout | null {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  if (names.length === 3 && names[0] === 'movieid' && names[1] === 'title' && names[2] === 'genres') {
    return { format: 'movielens', columns: 3, title: 1, genres: 2, year: -1, rating: -1 };
  }
  const known = ['title', 'year', 'genres', 'rating'];
  if (new Set(names).size !== names.length || !names.every((name) => known.includes(name))) return null;
  if (!names.includes('title') || !names.includes('year') || !names.includes('genres')) return null;
  return {
    format: 'simple',
    columns: names.length,
    title: names.indexOf('title'),
    year: names.indexOf('year'),
    genres: names.indexOf('genres'),
    rating: names.indexOf('rating'),
  };
}

const LINE_BREAKS = /\r\n|\r|\n/gu;
const countLineBreaks = (text: string) =>
  text.includes('\n') || text.includes('\r') ? (text.match(LINE_BREAKS)?.length ?? 0) : 0;
const encoder = new TextEncoder();

function rowBytes(cells: readonly string[]): number {
  let chars = cells.length - 1;
  for (const cell of cells) chars += cell.length;
  // Each UTF-16 unit is at most 3 UTF-8 bytes: encode only when the row might be over the limit.
  return chars * 3 <= MAX_LINE_BYTES ? chars : encoder.encode(cells.join(',')).length;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads a CSV of films: MovieLens's `movieId,title,genres` (year in the title's brackets) or
 * `title,year,genres[,rating]` (columns in any order). Returns the preview, or `{ ok: false, message }`
 * when the file is no film catalogue at all (empty, binary, not UTF-8, another header).
 */
export async function previewCsvImport(input: string | Blob, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const read = await readText(input, maxBytes);
  if (!read.ok) return read;
  const text = read.text;

  const known = options.known;
  const isKnown = typeof known === 'function' ? known : known ? (key: string) => known.has(key) : () => false;
  const builtinIdOf = (key: string): string | null =>
    known instanceof Map ? ((known as ReadonlyMap<string, string | null>).get(key) ?? null) : null;
  const ratedIds = new Set<string>();
  const newId = options.newId ?? newImportedId;
  const progress = options.onProgress;

  const films: Film[] = [];
  const rejected: RejectedLine[] = [];
  const duplicates: DuplicateLine[] = [];
  const firstLineOfKey = new Map<string, number>();
  const usedIds = new Set<string>();
  let layout: Layout | null = null;
  let notCatalogue: string | null = null;
  let line = 1;
  let rows = 0;

  const handleRow = (cells: string[], quoteError: string | undefined) => {
    const startLine = line;
    let breaks = 0;
    for (const cell of cells) breaks += countLineBreaks(cell);
    line += 1 + breaks;
    const blank = cells.length === 1 && cells[0]!.trim() === '';
    if (!layout) {
      if (blank) return;
      layout = readHeader(cells);
      if (!layout) {
        const found = cells.join(',').slice(0, 80);
        notCatalogue =
          `This is not a film catalogue: its first line must be "${SIMPLE_HEADER_HELP}" or ` +
          `"${MOVIELENS_HEADER_HELP}", not "${found}".`;
      }
      return;
    }
    if (blank) return;
    rows++;
    const reject = (reason: string) => rejected.push({ line: startLine, reason });
    if (rowBytes(cells) > MAX_LINE_BYTES) return reject(`line is longer than ${MAX_LINE_BYTES / 1024} kB`);
    if (quoteError) return reject(quoteError);
    if (cells.length !== layout.columns) {
      return reject(
        `${cells.length} columns where the header has ${layout.columns}` +
          (cells.length > layout.columns ? ' (put a title with a comma in double quotes)' : ''),
      );
    }
    const reasons: string[] = [];
    const rawTitle = unescapeFormula(cells[layout.title]!.trim());
    let title: string;
    let aliases: string[] = [];
    let year: number | null = null;
    let rating: number | null = null;
    if (layout.format === 'movielens') {
      const parsed = parseMovieLensTitle(rawTitle);
      ({ title, aliases, year } = parsed);
    } else {
      title = moveTrailingArticle(rawTitle);
      const yearRead = readYear(cells[layout.year]!);
      if ('error' in yearRead) reasons.push(yearRead.error);
      else year = yearRead.year;
      if (layout.rating >= 0) {
        const ratingRead = readRating(cells[layout.rating]!);
        if ('error' in ratingRead) reasons.push(ratingRead.error);
        else rating = ratingRead.rating;
      }
    }
    if (title === '') reasons.unshift('missing title');
    else if (title.length > MAX_TITLE_LENGTH) reasons.unshift(`title is longer than ${MAX_TITLE_LENGTH} characters`);
    const genresRead = readGenres(cells[layout.genres]!);
    if ('error' in genresRead) reasons.push(genresRead.error);
    if (reasons.length > 0) return reject(reasons.join('; '));
    const genres = (genresRead as { genres: Genre[] }).genres;

    const key = filmKey(title, year);
    const firstLine = firstLineOfKey.get(key);
    if (firstLine !== undefined) return void duplicates.push({ line: startLine, title, year, of: 'file', firstLine });
    if (isKnown(key)) {
      const sameAs = rating !== null ? builtinIdOf(key) : null;
      if (sameAs === null || ratedIds.has(sameAs)) {
        return void duplicates.push({ line: startLine, title, year, of: 'catalogue' });
      }
      ratedIds.add(sameAs);
      duplicates.push({ line: startLine, title, year, of: 'catalogue', ratingKept: true });
    }
    const sameAs = isKnown(key) ? builtinIdOf(key) : null;
    firstLineOfKey.set(key, startLine);
    let id = newId();
    while (usedIds.has(id)) id = newId();
    usedIds.add(id);
    films.push({
      id,
      title,
      aliases,
      year,
      genres,
      rating,
      ratingCount: 0,
      tags: [],
      imdbId: null,
      tmdbId: null,
      source: 'imported',
      ...(sameAs !== null ? { sameAs } : {}),
    });
  };

  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text, {
      delimiter: ',',
      skipEmptyLines: false,
      chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          const quoteErrors = new Map<number, string>();
          for (const error of results.errors) {
            if (error.type === 'Quotes' && typeof error.row === 'number') {
              quoteErrors.set(
                error.row,
                error.code === 'MissingQuotes'
                  ? 'a quoted field is never closed (every line after it was read into it)'
                  : 'a double quote inside a field must be doubled ("") and the field put in double quotes',
              );
            }
          }
          results.data.forEach((cells: string[], i: number) => {
            if (!notCatalogue) handleRow(cells, quoteErrors.get(i));
          });
          if (notCatalogue) {
            parser.abort();
            return;
          }
          progress?.(Math.min(1, results.meta.cursor / text.length));
          parser.pause();
          void nextTurn().then(() => parser.resume());
        } catch (error) {
          parser.abort();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });

  if (notCatalogue) return failure(notCatalogue);
  if (!layout) return failure('The file is empty.');
  progress?.(1);
  return { ok: true, format: (layout as Layout).format, films, rejected, duplicates, rows };
}
