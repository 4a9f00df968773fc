/** The words the row and the badges show (plain strings; rendered as text, never as HTML). */
import type { BadgeDrawing, PicksMood } from './types';
import { EMOTION_EMOJI, MOOD_WORD } from '../mood/emotions';
import type { Fit } from '../picks/types';

/** "Picks for your happy mood 😄"; a group reading: "Picks for your movie night, 3 people". */
export function rowHeading(mood: PicksMood): string {
  if (mood.faces > 1) return `Picks for your movie night, ${mood.faces} people`;
  return `Picks for your ${MOOD_WORD[mood.emotion]} mood ${EMOTION_EMOJI[mood.emotion]}`;
}

/** The film a badge means, as the background matched it. */
export interface BadgedFilm {
  title: string;
  year: number | null;
  genres: readonly string[];
}

/** "Get Smart (2008)" (the badge's name, and the popup's list of the films badged on a tab). */
export function filmName(film: BadgedFilm): string {
  return film.year ? `${film.title} (${film.year})` : film.title;
}

/**
 * The badge's tooltip and accessible name, naming the film it means so a wrong match shows at once:
 * "Fits your happy mood: Get Smart (2008), Action · Comedy" (without the film: "Fits your happy mood: Comedy").
 */
function fitTooltip(fit: Fit, film?: BadgedFilm | null): string {
  const mood = `Fits your ${MOOD_WORD[fit.emotion]} mood`;
  if (!film) return `${mood}: ${fit.genre}`;
  const genres = film.genres.length ? `, ${film.genres.join(' · ')}` : '';
  return `${mood}: ${filmName(film)}${genres}`;
}

/** The badge's short label: "😄 Comedy". */
function fitLabel(fit: Fit): string {
  return `${EMOTION_EMOJI[fit.emotion]} ${fit.genre}`;
}

/** MovieLens labels that name no genre a viewer would look for: a screen format and an empty list. */
const NOT_GENRES = new Set(['IMAX', '(no genres listed)']);

/** A film's genres as the row shows them: "IMAX" and "(no genres listed)" left out. */
export function displayGenres(genres: readonly string[]): string[] {
  return genres.filter((genre) => !NOT_GENRES.has(genre));
}

/**
 * Everything a content script needs to draw one badge, and nothing more: its words, as text to draw. The
 * background computes it (lib/browser/picks-service.ts) and answers it for each tile that fits.
 */
export function badgeDrawing(fit: Fit, film: BadgedFilm | null): BadgeDrawing {
  const emoji = EMOTION_EMOJI[fit.emotion];
  return {
    label: fitLabel(fit),
    film: film ? `${emoji} ${film.title}` : fitLabel(fit),
    year: film?.year ? ` (${film.year})` : '',
    name: fitTooltip(fit, film),
  };
}
