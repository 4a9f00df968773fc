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
  /** The genre it fits through (under lift, a film that fits by tone alone: its first genre). */
  genre: Genre;
  /** "Funny, feel-good romantic comedy for your happy mood · 4.2 stars from 215 viewers". */
  reason: string;
}

/**
 * Why a film is on a list: it fits the reading (`fit`), it fits an emotion the reading shows less of (`next`, a
 * filler when too few good films fit), it is broadly loved (`loved`: the last filler, and the whole list when
 * there is no reading), or it fits and the user rated it 4 or more in a list they imported (`yours`).
 */
export type PickKind = 'fit' | 'next' | 'loved' | 'yours';

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
  /** The user's own rating of the film (from a list they imported), when they gave one. */
  userRating?: number | null;
  /** Why it is on the list (a plain fit when absent). */
  kind?: PickKind;
}
