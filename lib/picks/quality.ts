/** How good a film is, as a multiplier on its mood fit, and the floor a film must clear for a first page. */

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
const RATING_COUNT_FLOOR = 20;

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
 * bonus for being widely seen (×0.85 for a handful of ratings up to ×1 from 1,000).
 */
export function qualityFactor(film: { readonly rating: number | null; readonly ratingCount: number }): number {
  const stars = (bayesianRating(film.rating, film.ratingCount) - 2) / 3;
  const seen = 0.85 + 0.15 * Math.min(1, Math.log10(1 + Math.max(0, film.ratingCount)) / 3);
  return Math.max(0.02, Math.min(1, stars)) * seen;
}

/**
 * Whether a film clears the quality floor: a built-in film enough people rated, or an imported film the user's
 * file gave a rating (it is the user's own list). Films of the title list with no ratings never do.
 */
export function clearsFloor(film: {
  readonly rating: number | null;
  readonly ratingCount: number;
  readonly source: string;
}): boolean {
  if (film.source === 'imported') return film.rating !== null;
  return film.ratingCount >= RATING_COUNT_FLOOR;
}
