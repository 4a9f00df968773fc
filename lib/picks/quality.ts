/** How good a film is, as a multiplier on its mood fit, and the floor a film must clear for a first page. */
import type { Film } from '../catalogue/types';

/** The neutral prior: about MovieLens's mean rating (ml-latest-small: 3.50 over 100,836 ratings). */
export const PRIOR_RATING = 3.5;

/**
 * How many ratings the prior is worth (the C of a Bayesian average). A film needs about this many ratings before
 * its own mean counts as much as the prior, so two 5-star ratings give 3.75 while a classic's 4.3 from a few
 * hundred ratings stays about 4.3.
 */
const PRIOR_WEIGHT = 10;

/** An imported film's rating comes with no count (the user's file gave it): trust it as much as the prior. */
const UNCOUNTED_RATING_WEIGHT = PRIOR_WEIGHT;

/**
 * The quality floor: a built-in film rated by fewer people than this comes after every film that clears it, so
 * no first page shows a film two people rated while rated films fit.
 */
export const RATING_COUNT_FLOOR = 20;

/**
 * A good film: rated at least as well as the average MovieLens film. Fits below this come after the fillers
 * (neutral's documentaries are few, and a poorly rated one is no answer to a mood).
 */
const GOOD_RATING = PRIOR_RATING;

/** Broadly loved: rated by this many people at least ... */
const LOVED_MIN_COUNT = 40;
/** ... and at least this well (ml-latest-small: about 250 films). */
const LOVED_MIN_RATING = 3.9;

/**
 * The Bayesian average (PRIOR_WEIGHT·PRIOR_RATING + n·rating) / (PRIOR_WEIGHT + n). A film with no rating gets
 * the prior.
 */
export function bayesianRating(rating: number | null, ratingCount: number): number {
  if (rating === null || !Number.isFinite(rating)) return PRIOR_RATING;
  const count = ratingCount > 0 ? ratingCount : UNCOUNTED_RATING_WEIGHT;
  const clamped = Math.min(5, Math.max(0.5, rating));
  return (PRIOR_WEIGHT * PRIOR_RATING + count * clamped) / (PRIOR_WEIGHT + count);
}

/**
 * The multiplier a film's fit gets for its quality, in (0, 1]: its Bayesian rating above 2 stars over the 3
 * stars above that (4.3 → 0.77, 3.5 → 0.5, 3.0 → 0.33: a much better film is clearly ahead), times a small
 * bonus for being widely seen (×0.85 for a handful of ratings up to ×1 from 1,000). A film nobody rated gets the
 * prior and the smallest bonus: an average film, behind every equally fitting film known to be at least average.
 */
export function qualityFactor(film: { readonly rating: number | null; readonly ratingCount: number }): number {
  const stars = (bayesianRating(film.rating, film.ratingCount) - 2) / 3;
  const seen = 0.85 + 0.15 * Math.min(1, Math.log10(1 + Math.max(0, film.ratingCount)) / 3);
  return Math.max(0.02, Math.min(1, stars)) * seen;
}

/**
 * Among near-equal films, newer ones first: ±RECENCY_SHARE from 20 years before to 20 years after the middle of
 * MovieLens's ratings (most of its ratings are of 1990s films, so without this the median first-page year is 1995).
 * A film 10 % better still wins.
 */
const RECENCY_SHARE = 0.08;
const RECENCY_MIDDLE = 1995;
const RECENCY_SPAN = 20;

export function recencyFactor(year: number | null): number {
  if (year === null) return 1;
  return 1 + RECENCY_SHARE * Math.max(-1, Math.min(1, (year - RECENCY_MIDDLE) / RECENCY_SPAN));
}

/**
 * Whether a film clears the quality floor: a built-in film enough people rated, or a film the user imported
 * (it is the user's own list; unrated, it ranks at the prior). Films of the title list with no ratings never do.
 */
export function clearsFloor(film: { readonly ratingCount: number; readonly source: string }): boolean {
  if (film.source === 'imported') return true;
  return film.ratingCount >= RATING_COUNT_FLOOR;
}

/** A film rated at least as well as the average one (an imported film nobody rated counts as average). */
export function isGoodFilm(film: { readonly rating: number | null; readonly ratingCount: number }): boolean {
  return bayesianRating(film.rating, film.ratingCount) >= GOOD_RATING;
}

/** A film many MovieLens viewers rated highly (never an imported one: its rating is the user's). */
export function isLovedFilm(film: Pick<Film, 'rating' | 'ratingCount' | 'source'>): boolean {
  return (
    film.source === 'builtin' &&
    film.ratingCount >= LOVED_MIN_COUNT &&
    bayesianRating(film.rating, film.ratingCount) >= LOVED_MIN_RATING
  );
}

/**
 * The user's own rating of a film: what they gave a catalogue film in a list they imported, or an imported
 * film's rating (their file gave it); null when they gave none.
 */
export function userRatingOf(film: Pick<Film, 'rating' | 'source' | 'userRating'>): number | null {
  if (film.userRating !== undefined && film.userRating !== null) return film.userRating;
  return film.source === 'imported' ? film.rating : null;
}
