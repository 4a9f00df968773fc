/**
 * Films for the picks' tests: hand-made ones for precise cases, and the real MovieLens films (ml-latest-small)
 * read from the shared data folder for realistic ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isGenre, type Film, type Genre } from '../catalogue/types';
import { EMOTIONS, type Emotion } from '../mood/emotions';

let madeFilms = 0;

/** A hand-made film: only what a test states matters; the rest is a plain, averagely rated built-in film. */
export function film(fields: Partial<Film> & { genres: Genre[] }): Film {
  madeFilms += 1;
  const id = fields.id ?? `test-${madeFilms}`;
  return {
    id,
    // Ends in a word, not the id's number, so hand-made films are not taken for one series.
    title: `${id} (test film)`,
    aliases: [],
    year: 2000,
    rating: 3.5,
    ratingCount: 100,
    tags: [],
    imdbId: null,
    tmdbId: null,
    source: 'builtin',
    ...fields,
  };
}

/** A reading certain of one emotion. */
export function certain(emotion: Emotion): number[] {
  return EMOTIONS.map((e) => (e === emotion ? 1 : 0));
}

/** A reading split between emotions, e.g. mixed({ happy: 0.5, sad: 0.5 }). */
export function mixed(shares: Partial<Record<Emotion, number>>): number[] {
  return EMOTIONS.map((e) => shares[e] ?? 0);
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MOVIELENS_DIRS = [
  join(REPO_ROOT, 'shared', 'data', 'movielens', 'ml-latest-small'),
  join(REPO_ROOT, '..', 'shared', 'data', 'movielens', 'ml-latest-small'),
];

/** Where ml-latest-small is, or null when this checkout has no shared data folder. */
export const MOVIELENS_DIR = MOVIELENS_DIRS.find((dir) => existsSync(join(dir, 'movies.csv'))) ?? null;

/** How a test suite on the real films names itself, saying why it was skipped when it is. */
export function movieLensSuite(name: string): string {
  return MOVIELENS_DIR
    ? `${name} (MovieLens ml-latest-small)`
    : `${name} (skipped: no shared/data/movielens/ml-latest-small next to or above this checkout)`;
}

/** Splits one CSV line (quoted fields may hold commas and "" quotes). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

const TRAILING_ARTICLE = /^(.*), (The|A|An|La|Le|Les|L'|Il|El|Los|Las|Die|Der|Das|Un|Une|O|Os|As)$/;

function articleInFront(title: string): string {
  const match = TRAILING_ARTICLE.exec(title.trim());
  if (!match) return title.trim();
  const article = match[2]!;
  return article.endsWith("'") ? `${article}${match[1]}` : `${article} ${match[1]}`;
}

/** "Cité des enfants perdus, La (City of Lost Children, The) (1995)" → title, aliases and year. */
export function parseMovieLensTitle(raw: string): { title: string; aliases: string[]; year: number | null } {
  let rest = raw.trim();
  let year: number | null = null;
  const yearMatch = /\s*\((\d{4})(?:[–-]\d{0,4})?\)$/.exec(rest);
  if (yearMatch) {
    year = Number(yearMatch[1]);
    rest = rest.slice(0, yearMatch.index);
  }
  const aliases: string[] = [];
  for (let alias = /\s*\(([^()]+)\)$/.exec(rest); alias; alias = /\s*\(([^()]+)\)$/.exec(rest)) {
    aliases.unshift(articleInFront(alias[1]!.replace(/^a\.k\.a\. /, '')));
    rest = rest.slice(0, alias.index);
  }
  return { title: articleInFront(rest), aliases, year };
}

let movieLensFilms: Film[] | null = null;

/**
 * The 9,742 MovieLens films as the catalogue will hold them; `rating` is the plain mean of their ratings (the
 * picks do their own Bayesian shrinkage with `ratingCount`). Throws when the data is absent: guard with
 * MOVIELENS_DIR.
 */
export function loadMovieLens(): Film[] {
  if (movieLensFilms) return movieLensFilms;
  if (!MOVIELENS_DIR) throw new Error('MovieLens ml-latest-small not found');
  const totals = new Map<string, { sum: number; count: number }>();
  const ratingLines = readFileSync(join(MOVIELENS_DIR, 'ratings.csv'), 'utf8').split('\n');
  for (const line of ratingLines.slice(1)) {
    if (line === '') continue;
    const [, movieId, rating] = line.split(',');
    const total = totals.get(movieId!) ?? { sum: 0, count: 0 };
    total.sum += Number(rating);
    total.count += 1;
    totals.set(movieId!, total);
  }
  const films: Film[] = [];
  const movieLines = readFileSync(join(MOVIELENS_DIR, 'movies.csv'), 'utf8').split('\n');
  for (const line of movieLines.slice(1)) {
    if (line.trim() === '') continue;
    const [id, rawTitle, genreList] = csvFields(line.replace(/\r$/, ''));
    const { title, aliases, year } = parseMovieLensTitle(rawTitle!);
    const total = totals.get(id!);
    films.push({
      id: id!,
      title,
      aliases,
      year,
      genres: genreList!.split('|').filter(isGenre),
      rating: total ? total.sum / total.count : null,
      ratingCount: total?.count ?? 0,
      tags: [],
      imdbId: null,
      tmdbId: null,
      source: 'builtin',
    });
  }
  movieLensFilms = films;
  return films;
}
