/**
 * The strategies' genre tables: how each emotion turns into genres for "Match my mood", "Lift my mood" and the
 * user's own table.
 */
import { GENRES, type Genre } from '../catalogue/types';
import { EMOTIONS, type Emotion } from '../mood/emotions';
import type { GenreWeights, Strategy } from './types';

/**
 * Each table lists an emotion's genres closest first; each later genre weighs this much less, so a film's fit
 * names the closest genre it has (a family comedy fits a happy mood as a comedy).
 */
const LISTED_GENRE_STEP = 0.1;

/** What an action film gets for a fearful viewer under match (see MATCH_WEIGHTS). */
const ACTION_FOR_FEAR = -0.2;

/** What a comedy-drama or a family drama gets for a sad viewer under match (see MATCH_WEIGHTS). */
const LIGHTER_FOR_SAD = -0.2;

/** What the lift strategy gives a genre it steers away from (the rule that excludes such films is separate). */
const AVOIDED_GENRE_WEIGHT = -0.5;

function listed(genres: readonly Genre[]): Partial<Record<Genre, number>> {
  return Object.fromEntries(genres.map((genre, rank) => [genre, round(1 - rank * LISTED_GENRE_STEP)]));
}

function round(weight: number): number {
  return Math.round(weight * 100) / 100;
}

function frozen(table: GenreWeights): Readonly<GenreWeights> {
  for (const emotion of EMOTIONS) Object.freeze(table[emotion]);
  return Object.freeze(table);
}

/**
 * "Match my mood": the original project's mapping (MovieLens calls family films "Children"). Two orderings within
 * it (a negative weight never adds a genre, and the rule stays the seed's): an action thriller thrills rather than
 * frightens, so for a fearful viewer it still fits but comes after the frightening ones; a comedy-drama or a family
 * drama is gentler than a plain one, so for a sad viewer it comes after the sad dramas, and one whose tone is light
 * as well no longer fits at all.
 */
export const MATCH_WEIGHTS: Readonly<GenreWeights> = frozen({
  angry: listed(['Action', 'Thriller']),
  disgust: listed(['Horror']),
  fear: { ...listed(['Horror', 'Thriller']), Action: ACTION_FOR_FEAR },
  happy: listed(['Comedy', 'Children']),
  sad: { ...listed(['Drama']), Comedy: LIGHTER_FOR_SAD, Children: LIGHTER_FOR_SAD },
  surprise: listed(['Adventure', 'Sci-Fi']),
  neutral: listed(['Documentary']),
});

/**
 * The genres "Lift my mood" steers away from: what matching would give a negative mood. Mood-management theory
 * (Zillmann 1988) has people in a bad mood choose entertainment that ends it, not entertainment that feeds it.
 */
export const LIFT_AVOIDS: Readonly<Record<Emotion, readonly Genre[]>> = Object.freeze({
  angry: ['Action', 'Thriller'],
  disgust: ['Horror'],
  fear: ['Horror', 'Thriller'],
  happy: [],
  sad: ['Drama'],
  surprise: [],
  neutral: [],
});

function lifting(emotion: Emotion, genres: readonly Genre[]): Partial<Record<Genre, number>> {
  const avoided = Object.fromEntries(LIFT_AVOIDS[emotion].map((genre) => [genre, AVOIDED_GENRE_WEIGHT]));
  return { ...listed(genres), ...avoided };
}

/**
 * "Lift my mood" (mood management, Zillmann 1988): light, absorbing genres for negative moods, more of the same
 * for a happy one, and wonder for surprise. Under lift these only narrow: a film's tone decides whether it lifts
 * (relevance.ts), and a film of another genre may lift too when its tone clearly does.
 */
export const LIFT_WEIGHTS: Readonly<GenreWeights> = frozen({
  // Calming and absorbing: animation and gentle romance before comedy, a documentary to get lost in.
  angry: lifting('angry', ['Animation', 'Romance', 'Comedy', 'Documentary']),
  disgust: lifting('disgust', ['Musical', 'Romance', 'Comedy']),
  // Safe and light: family films first.
  fear: lifting('fear', ['Children', 'Comedy', 'Animation']),
  // Warm and uplifting.
  sad: lifting('sad', ['Comedy', 'Musical', 'Children', 'Animation']),
  happy: lifting('happy', ['Comedy', 'Adventure', 'Musical']),
  // Wonder: films to get absorbed in, animated ones and comedies too.
  surprise: lifting('surprise', ['Adventure', 'Sci-Fi', 'Fantasy', 'Mystery', 'Animation', 'Comedy']),
  neutral: lifting('neutral', ['Comedy', 'Adventure', 'Mystery']),
});

/** The genres a strategy never proposes on their own for this emotion (only lift has any). */
export function avoidedGenres(strategy: Strategy, emotion: Emotion): readonly Genre[] {
  return strategy === 'lift' ? LIFT_AVOIDS[emotion] : [];
}

function copy(table: Readonly<GenreWeights>): GenreWeights {
  return Object.fromEntries(EMOTIONS.map((emotion) => [emotion, { ...table[emotion] }])) as GenreWeights;
}

/** A fresh, editable custom table starting from one of the built-in strategies. */
export function customFrom(base: 'match' | 'lift'): GenreWeights {
  return copy(base === 'lift' ? LIFT_WEIGHTS : MATCH_WEIGHTS);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sanitizeRow(row: Record<string, unknown>): Partial<Record<Genre, number>> {
  const clean: Partial<Record<Genre, number>> = {};
  // GENRES order, so a sanitised table always lists its genres the same way.
  for (const genre of GENRES) {
    const weight = row[genre];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight === 0) continue;
    clean[genre] = Math.min(1, Math.max(-1, weight));
  }
  return clean;
}

/**
 * A stored custom table made safe: weights clamped to [-1, 1], unknown genres and non-numbers dropped. An emotion
 * whose row is missing or not an object takes the match table's row (the default strategy), and a value that is
 * not a table at all gives the match table, so a corrupted setting still recommends something sensible.
 */
export function sanitizeWeights(value: unknown): GenreWeights {
  const fallback = customFrom('match');
  if (!isRecord(value)) return fallback;
  const clean = {} as GenreWeights;
  for (const emotion of EMOTIONS) {
    const row = value[emotion];
    clean[emotion] = isRecord(row) ? sanitizeRow(row) : fallback[emotion];
  }
  return clean;
}

/** The table a strategy uses; `custom` is the stored custom table (null until the user edits one). */
export function weightsFor(strategy: Strategy, custom: GenreWeights | null | undefined): GenreWeights {
  if (strategy === 'lift') return LIFT_WEIGHTS;
  if (strategy === 'custom') return custom ? sanitizeWeights(custom) : customFrom('match');
  return MATCH_WEIGHTS;
}

/** Weight of a genre for an emotion (0 when the table does not list it). */
export function weightOf(weights: GenreWeights, emotion: Emotion, genre: Genre): number {
  return weights[emotion]?.[genre] ?? 0;
}
