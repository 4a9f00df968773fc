/** The picks' domain types: strategies, weights and what a pick says about itself. */
import type { Genre } from '../catalogue/types';
import type { Emotion } from '../mood/emotions';

/** How moods turn into genres: the original mapping, mood-lifting, or the user's own table. */
export type Strategy = 'match' | 'lift' | 'custom';
export const STRATEGIES: readonly Strategy[] = ['match', 'lift', 'custom'];

/** Weight of each genre for each emotion; a missing genre weighs 0. Weights are in [-1, 1]. */
export type GenreWeights = Record<Emotion, Partial<Record<Genre, number>>>;

/** Why a film was picked or badged: the genre that fits and how (for the one-line reason). */
export interface Fit {
  emotion: Emotion;
  genre: Genre;
  /** "Comedy · fits your happy mood", "Animation · to lift a sad mood". */
  reason: string;
}

/** One pick as the popup and the site row show it (a film plus why). */
export interface FilmPick {
  id: string;
  title: string;
  year: number | null;
  genres: Genre[];
  rating: number | null;
  source: 'builtin' | 'imported';
  reason: string;
  /** For a group reading: how many of the people it fits, of how many. */
  fitsPeople?: { fits: number; of: number };
}
