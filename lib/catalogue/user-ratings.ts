/**
 * The user's own ratings of built-in films: an imported line that names a film the catalogue already has
 * (`sameAs`) is not a second film but the user's rating of that one. `withUserRatings` folds those records into
 * the built-in films (as `userRating`) and leaves them out of the list, so a film is listed, matched and picked
 * once, with the user's rating shown, exported (the record is an imported film) and used.
 */
import type { Film } from './types';

/** The films as the picks and the title matching see them: each rating record folded into the film it names. */
export function withUserRatings(films: readonly Film[]): Film[] {
  const ratings = new Map<string, number>();
  for (const film of films) {
    // The first record in the list wins (the repository returns films in id order, so the result is stable).
    if (film.sameAs !== undefined && film.rating !== null && !ratings.has(film.sameAs)) {
      ratings.set(film.sameAs, film.rating);
    }
  }
  const ids = new Set(films.map((film) => film.id));
  const result: Film[] = [];
  for (const film of films) {
    if (film.sameAs !== undefined) {
      // A record whose film is no longer in the catalogue stays a film of its own.
      if (!ids.has(film.sameAs)) result.push(film);
      continue;
    }
    const userRating = film.source === 'builtin' ? ratings.get(film.id) : undefined;
    result.push(userRating === undefined ? film : { ...film, userRating });
  }
  return result;
}
