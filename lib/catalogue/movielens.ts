/**
 * MovieLens's four CSV files into catalogue films: titles parsed, ratings turned into a Bayesian average,
 * the most frequent user tags kept. Pure: the build script reads the files and writes the result.
 */
import Papa from 'papaparse';
import { isGenre, type Film, type Genre } from './types';
import { parseMovieLensTitle } from './titles';
import { filmTones, type RatingRow, type TagRow } from './tone';

export interface MovieLensFiles {
  movies: string;
  links: string;
  ratings: string;
  tags: string;
}

export interface MovieLensCatalogue {
  films: Film[];
  /** The Bayesian prior: every film's rating starts as `weight` ratings of `mean`. */
  ratingPrior: { mean: number; weight: number };
  /** Epoch seconds of the newest rating or tag: when the data set was cut. */
  newestTimestamp: number;
}

/** How many tags a film keeps. */
const TAGS_PER_FILM = 5;

function rowsOf(text: string, file: string, header: readonly string[]): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/u, ''), { delimiter: ',', skipEmptyLines: true });
  const [first, ...rows] = parsed.data;
  if (!first || first.join(',') !== header.join(',')) {
    throw new Error(`${file}: expected the header ${header.join(',')}, found ${first?.join(',') ?? 'nothing'}`);
  }
  rows.forEach((row, i) => {
    if (row.length !== header.length)
      throw new Error(`${file}: line ${i + 2} has ${row.length} fields, not ${header.length}`);
  });
  return rows;
}

/** MovieLens's `Comedy|Drama` (or "(no genres listed)") as genres; `where` names the row in an error. */
export function movieLensGenres(raw: string, where: string): Genre[] {
  if (raw === '(no genres listed)') return [];
  return raw.split('|').map((name) => {
    if (!isGenre(name)) throw new Error(`${where} has the unknown genre "${name}"`);
    return name;
  });
}

/** Median of a non-empty list of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounds to two decimals, which is all a 0.5–5 star rating needs, and keeps the file small. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Builds the films in movies.csv order.
 * Rating: (C·m + Σ ratings) / (C + n), where m is the mean of all ratings in ratings.csv and C the median
 * number of ratings a rated film has; a film with no rating gets null.
 * Tags: case-folded, counted per film, the TAGS_PER_FILM most applied kept, ties in code-unit order.
 */
export function filmsFromMovieLens(files: MovieLensFiles): MovieLensCatalogue {
  const movies = rowsOf(files.movies, 'movies.csv', ['movieId', 'title', 'genres']);
  const links = rowsOf(files.links, 'links.csv', ['movieId', 'imdbId', 'tmdbId']);
  const ratings = rowsOf(files.ratings, 'ratings.csv', ['userId', 'movieId', 'rating', 'timestamp']);
  const tags = rowsOf(files.tags, 'tags.csv', ['userId', 'movieId', 'tag', 'timestamp']);

  let newestTimestamp = 0;
  const linkById = new Map(links.map(([movieId, imdb, tmdb]) => [movieId!, { imdb: imdb!, tmdb: tmdb! }]));

  const ratingStats = new Map<string, { count: number; sum: number }>();
  let ratingSum = 0;
  for (const [, movieId, rating, timestamp] of ratings) {
    const value = Number(rating);
    if (!(value >= 0.5 && value <= 5)) throw new Error(`ratings.csv: rating "${rating}" is not between 0.5 and 5`);
    const stats = ratingStats.get(movieId!) ?? { count: 0, sum: 0 };
    stats.count++;
    stats.sum += value;
    ratingStats.set(movieId!, stats);
    ratingSum += value;
    newestTimestamp = Math.max(newestTimestamp, Number(timestamp));
  }
  const mean = ratings.length > 0 ? ratingSum / ratings.length : 0;
  const weight = ratingStats.size > 0 ? median([...ratingStats.values()].map((stats) => stats.count)) : 0;

  const tagCounts = new Map<string, Map<string, number>>();
  const toneTags: TagRow[] = [];
  for (const [, movieId, tag, timestamp] of tags) {
    const folded = tag!.toLowerCase().replace(/\s+/gu, ' ').trim();
    if (folded === '') continue;
    toneTags.push({ movieId: movieId!, tag: folded });
    const counts = tagCounts.get(movieId!) ?? new Map<string, number>();
    counts.set(folded, (counts.get(folded) ?? 0) + 1);
    tagCounts.set(movieId!, counts);
    newestTimestamp = Math.max(newestTimestamp, Number(timestamp));
  }

  const films = movies.map(([movieId, rawTitle, rawGenres]): Film => {
    if (!/^\d+$/u.test(movieId!)) throw new Error(`movies.csv: movieId "${movieId}" is not a number`);
    const { title, aliases, year } = parseMovieLensTitle(rawTitle!);
    const genres = movieLensGenres(rawGenres!, `movies.csv: movie ${movieId}`);
    const link = linkById.get(movieId!);
    const imdbDigits = link?.imdb.trim() ?? '';
    const tmdb = link?.tmdb.trim() ?? '';
    const stats = ratingStats.get(movieId!);
    const counts = tagCounts.get(movieId!);
    return {
      id: movieId!,
      title,
      aliases,
      year,
      genres,
      rating: stats ? round2((weight * mean + stats.sum) / (weight + stats.count)) : null,
      ratingCount: stats?.count ?? 0,
      tags: counts
        ? [...counts]
            .sort(([tagA, countA], [tagB, countB]) => countB - countA || (tagA < tagB ? -1 : tagA > tagB ? 1 : 0))
            .slice(0, TAGS_PER_FILM)
            .map(([tag]) => tag)
        : [],
      imdbId: /^\d+$/u.test(imdbDigits) ? `tt${imdbDigits.padStart(7, '0')}` : null,
      tmdbId: /^\d+$/u.test(tmdb) && Number(tmdb) > 0 ? Number(tmdb) : null,
      source: 'builtin',
    };
  });
  const toneRatings: RatingRow[] = ratings.map(([userId, movieId, rating]) => ({
    userId: userId!,
    movieId: movieId!,
    rating: Number(rating),
  }));
  const tones = filmTones({ films, ratings: toneRatings, tags: toneTags });
  films.forEach((film, i) => {
    film.tone = tones[i]!;
  });
  return { films, ratingPrior: { mean: Math.round(mean * 10_000) / 10_000, weight }, newestTimestamp };
}
