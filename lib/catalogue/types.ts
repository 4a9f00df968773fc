/** The catalogue's domain types: films as the picks, the sites and the options page see them. */

/** MovieLens's genre names, the only ones a film may carry (imports are checked against them). */
export const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'IMAX',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;
export type Genre = (typeof GENRES)[number];

export function isGenre(value: unknown): value is Genre {
  return typeof value === 'string' && (GENRES as readonly string[]).includes(value);
}

/** A film's tone axes, in the order its `tone` lists them (see lib/catalogue/tone.ts). */
export const TONE_AXES = ['light', 'warm', 'tense', 'sad', 'absorbing'] as const;
export type ToneAxis = (typeof TONE_AXES)[number];

/** Where a film came from: the built-in MovieLens catalogue or the user's own import. */
export type FilmSource = 'builtin' | 'imported';

export interface Film {
  /**
   * Built-in films: the MovieLens movieId as a string ("318"). Imported films: "imp-" and a random suffix,
   * which can never collide with a MovieLens id. Shown as data-movie-id on every pick.
   */
  id: string;
  /** Display title, article in front: "The Shawshank Redemption". */
  title: string;
  /** Other titles the film is known by (original-language, a.k.a.), display form. */
  aliases: string[];
  /** Release year, or null when unknown. */
  year: number | null;
  /** MovieLens genres; empty when none is listed. */
  genres: Genre[];
  /** Bayesian-average rating on MovieLens's 0.5–5 scale (imported films: the file's rating), or null. */
  rating: number | null;
  /** How many MovieLens ratings (0 for imported films). */
  ratingCount: number;
  /** The most frequent MovieLens user tags, most frequent first (may be empty). */
  tags: string[];
  imdbId: string | null;
  tmdbId: number | null;
  source: FilmSource;
  /**
   * How the film feels, learned from MovieLens ratings and tags at build time (lib/catalogue/tone.ts): light,
   * warm, tense, sad, absorbing, each in [-1, 1]. Absent or null for imported films and films nobody rated.
   */
  tone?: readonly number[] | null;
  /**
   * The user's own rating (0.5–5) of a built-in film, from a list they imported that had the film: kept on an
   * imported record that names this film (`sameAs`), shown, exported and used. Absent when they gave none.
   */
  userRating?: number | null;
  /**
   * On an imported record only: the built-in film (its id) this line of the user's list is, when the catalogue
   * already had it. The record then carries only the user's rating of that film (see user-ratings.ts).
   */
  sameAs?: string;
}

/** A 👍/👎 on a pick, with the emotion it was given for; never an image. */
export interface Feedback {
  filmId: string;
  vote: 'up' | 'down';
  emotion: import('../mood/emotions').Emotion;
  /** Epoch milliseconds. */
  at: number;
}

/** A page's title the user said is not the film its badge named: never matched again on this device. */
export interface UnmatchedTitle {
  /** `normalizeTitle(title)`: every spelling of the title the page may show. */
  key: string;
  /** The title as the tile showed it. */
  title: string;
  /** The film it had been matched to, or null. */
  filmId: string | null;
  /** Epoch milliseconds. */
  at: number;
}
