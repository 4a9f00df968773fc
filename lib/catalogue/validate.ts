/**
 * Shape checks for films and feedback that come from outside the code (an export file, a message):
 * each returns what is wrong in words, or null when the value is sound.
 */
import { isEmotion } from '../mood/emotions';
import { isGenre, TONE_AXES, type Feedback, type Film, type FilmSource } from './types';

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Years a film may carry; the first films are from the 1870s. */
export const MIN_YEAR = 1870;
export const MAX_YEAR = 2100;

/** Longer titles are refused (no film has one; it guards the store against pasted junk). */
export const MAX_TITLE_LENGTH = 1000;

/** An imported film's id: "imp-" and 1–40 letters, digits, "_" or "-". */
const IMPORTED_ID = /^imp-[A-Za-z0-9_-]{1,40}$/u;
/** A built-in film's id: the MovieLens movieId. */
const BUILTIN_ID = /^[1-9]\d{0,9}$/u;

/** What is wrong with `value` as a Film (of `source`, when given), or null. */
function filmProblem(value: unknown, source?: FilmSource): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a film object';
  const film = value as Record<string, unknown>;
  const id = typeof film.id === 'string' ? film.id : '';
  const name = id ? `film "${id}"` : 'a film';
  if (film.source !== 'builtin' && film.source !== 'imported') return `${name}: source must be "builtin" or "imported"`;
  if (source && film.source !== source) return `${name}: source must be "${source}"`;
  if (!(film.source === 'imported' ? IMPORTED_ID : BUILTIN_ID).test(id)) {
    return film.source === 'imported'
      ? `${name}: an imported film's id must be "imp-" and letters or digits`
      : `${name}: a built-in film's id must be a MovieLens number`;
  }
  if (typeof film.title !== 'string' || film.title.trim() === '') return `${name}: title must be a non-empty text`;
  if (film.title.length > MAX_TITLE_LENGTH) return `${name}: title is longer than ${MAX_TITLE_LENGTH} characters`;
  if (!isStringList(film.aliases)) return `${name}: aliases must be a list of texts`;
  if (film.year !== null && (!isInteger(film.year) || film.year < MIN_YEAR || film.year > MAX_YEAR)) {
    return `${name}: year must be a year from ${MIN_YEAR} to ${MAX_YEAR}, or null`;
  }
  if (!Array.isArray(film.genres) || !film.genres.every(isGenre)) return `${name}: genres must be MovieLens genres`;
  if (new Set(film.genres).size !== film.genres.length) return `${name}: a genre is listed twice`;
  if (film.rating !== null && (typeof film.rating !== 'number' || !(film.rating >= 0.5 && film.rating <= 5))) {
    return `${name}: rating must be from 0.5 to 5, or null`;
  }
  if (!isInteger(film.ratingCount) || film.ratingCount < 0) return `${name}: ratingCount must be a count`;
  if (!isStringList(film.tags)) return `${name}: tags must be a list of texts`;
  if (film.imdbId !== null && (typeof film.imdbId !== 'string' || !/^tt\d{7,10}$/u.test(film.imdbId))) {
    return `${name}: imdbId must look like "tt0114709", or be null`;
  }
  if (film.tmdbId !== null && (!isInteger(film.tmdbId) || film.tmdbId <= 0))
    return `${name}: tmdbId must be a number or null`;
  if (film.sameAs !== undefined) {
    if (film.source !== 'imported' || typeof film.sameAs !== 'string' || !BUILTIN_ID.test(film.sameAs)) {
      return `${name}: sameAs must name a built-in film (a MovieLens number), on an imported film only`;
    }
    if (film.rating === null) return `${name}: a rating of a built-in film (sameAs) needs its rating`;
  }
  return null;
}

/** What is wrong with `value` as Feedback, or null. */
export function feedbackProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a feedback object';
  const feedback = value as Record<string, unknown>;
  if (typeof feedback.filmId !== 'string' || !(IMPORTED_ID.test(feedback.filmId) || BUILTIN_ID.test(feedback.filmId))) {
    return 'feedback: filmId must be a film id';
  }
  const name = `feedback on "${feedback.filmId}"`;
  if (feedback.vote !== 'up' && feedback.vote !== 'down') return `${name}: vote must be "up" or "down"`;
  if (!isEmotion(feedback.emotion)) return `${name}: emotion "${String(feedback.emotion)}" is not one of the seven`;
  if (!isInteger(feedback.at) || feedback.at < 0) return `${name}: at must be a time in epoch milliseconds`;
  return null;
}

/** A film with exactly the Film fields (extra fields dropped), for storing what passed `filmProblem`. */
export function cleanFilm(film: Film): Film {
  return {
    id: film.id,
    title: film.title,
    aliases: [...film.aliases],
    year: film.year,
    genres: [...film.genres],
    rating: film.rating,
    ratingCount: film.ratingCount,
    tags: [...film.tags],
    imdbId: film.imdbId,
    tmdbId: film.tmdbId,
    source: film.source,
    // The tone is the build's; only a well-formed one is kept (an imported film has none).
    ...(isTone(film.tone) ? { tone: [...film.tone] } : {}),
    // An imported line that rates a built-in film names it (user-ratings.ts); the user's rating is `rating`.
    ...(film.sameAs !== undefined ? { sameAs: film.sameAs } : {}),
  };
}

function isTone(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === TONE_AXES.length &&
    value.every((v) => typeof v === 'number' && v >= -1 && v <= 1)
  );
}

export function cleanFeedback(feedback: Feedback): Feedback {
  return { filmId: feedback.filmId, vote: feedback.vote, emotion: feedback.emotion, at: feedback.at };
}

/** Throws one error naming the first problem in `films`, or a repeated id; nothing is written before. */
export function assertFilms(films: readonly unknown[], source: FilmSource): asserts films is Film[] {
  if (!Array.isArray(films)) throw new Error('expected a list of films');
  const ids = new Set<string>();
  for (const film of films) {
    const problem = filmProblem(film, source);
    if (problem) throw new Error(problem);
    const id = (film as Film).id;
    if (ids.has(id)) throw new Error(`film "${id}" is listed twice`);
    ids.add(id);
  }
}

export function assertFeedbackList(list: readonly unknown[]): asserts list is Feedback[] {
  if (!Array.isArray(list)) throw new Error('expected a list of feedback');
  const ids = new Set<string>();
  for (const feedback of list) {
    const problem = feedbackProblem(feedback);
    if (problem) throw new Error(problem);
    const id = (feedback as Feedback).filmId;
    if (ids.has(id)) throw new Error(`feedback on "${id}" is listed twice`);
    ids.add(id);
  }
}
