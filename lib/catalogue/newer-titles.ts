/**
 * The MovieLens 32M title list joined to the latest-small catalogue: films only the larger list knows
 * (mostly newer than 2018) are added with their title, year and genres. Latest-small's films keep their ratings,
 * links and tags; the added ones have none (rating null, ratingCount 0), which the picks' quality prior
 * treats as unknown. Pure: the build reads the file.
 *
 * Why: a 2026 streaming page is mostly films newer than latest-small. Knowing them lets them be badged, and
 * lets the matcher see that "The Killer" (2023) exists beside John Woo's 1989 film, so the bare title is
 * ambiguous and gets no badge.
 */
import Papa from 'papaparse';
import type { Film } from './types';
import { movieLensGenres } from './movielens';
import { parseMovieLensTitle } from './titles';

export interface JoinSummary {
  /** Films of the smaller catalogue, unchanged. */
  kept: number;
  /** Films added from the title list. */
  added: number;
}

/** The films of a MovieLens `movies.csv` (movieId,title,genres) as catalogue films with no ratings, links or tags. */
export function titleListFilms(moviesCsv: string, file = 'ml-32m/movies.csv'): Film[] {
  const parsed = Papa.parse<string[]>(moviesCsv.replace(/^\uFEFF/u, ''), { delimiter: ',', skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (!header || header.join(',') !== 'movieId,title,genres') {
    throw new Error(`${file}: expected the header movieId,title,genres, found ${header?.join(',') ?? 'nothing'}`);
  }
  return rows.map((row, i): Film => {
    const [movieId, rawTitle, rawGenres] = row;
    if (row.length !== 3 || !/^\d+$/u.test(movieId ?? ''))
      throw new Error(`${file}: line ${i + 2} is not movieId,title,genres`);
    const { title, aliases, year } = parseMovieLensTitle(rawTitle!);
    const genres = movieLensGenres(rawGenres!, `${file}: movie ${movieId}`);
    return {
      id: movieId!,
      title,
      aliases,
      year,
      genres,
      rating: null,
      ratingCount: 0,
      tags: [],
      imdbId: null,
      tmdbId: null,
      source: 'builtin',
    };
  });
}

/**
 * `rated` (latest-small, in its order) followed by the films of `newer` whose ids it lacks, in id order.
 * A film in both keeps the rated catalogue's entry whole (the same ids name the same films in both lists).
 */
export function joinNewerTitles(
  rated: readonly Film[],
  newer: readonly Film[],
): { films: Film[]; summary: JoinSummary } {
  const known = new Set(rated.map((film) => film.id));
  const added = newer.filter((film) => !known.has(film.id)).sort((a, b) => Number(a.id) - Number(b.id));
  return { films: [...rated, ...added], summary: { kept: rated.length, added: added.length } };
}
