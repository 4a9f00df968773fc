/** How good a film is, as a multiplier on its mood fit. */

/** The neutral prior: about MovieLens's mean rating (ml-latest-small: 3.50 over 100,836 ratings). */
export const PRIOR_RATING = 3.5;

/**
 * How many ratings the prior is worth (the C of a Bayesian average). A film needs about this many ratings before
 * its own mean counts as much as the prior, so two 5-star ratings give 3.75 while a classic's 4.3 from a few
 * hundred ratings stays about 4.3.
 */
export const PRIOR_WEIGHT = 10;

/** An imported film's rating comes with no count (the user's file gave it): trust it as much as the prior. */
export const UNCOUNTED_RATING_WEIGHT = PRIOR_WEIGHT;

const TOP_RATING = 5;

/**
 * The Bayesian average (PRIOR_WEIGHT·PRIOR_RATING + n·rating) / (PRIOR_WEIGHT + n). A film with no rating gets
 * the prior.
 */
export function bayesianRating(rating: number | null, ratingCount: number): number {
  if (rating === null || !Number.isFinite(rating)) return PRIOR_RATING;
  const count = ratingCount > 0 ? ratingCount : UNCOUNTED_RATING_WEIGHT;
  const clamped = Math.min(TOP_RATING, Math.max(0.5, rating));
  return (PRIOR_WEIGHT * PRIOR_RATING + count * clamped) / (PRIOR_WEIGHT + count);
}

/** The multiplier a film's score gets for its quality: its Bayesian rating over the top of the scale, in (0, 1]. */
export function qualityFactor(film: { readonly rating: number | null; readonly ratingCount: number }): number {
  return bayesianRating(film.rating, film.ratingCount) / TOP_RATING;
}
