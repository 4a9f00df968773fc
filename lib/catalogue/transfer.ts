/**
 * Export and import of the user's own data (imported films and feedback).
 * - JSON, full fidelity: `{ format: 'moodreel-export', version: 1, films, feedback, unmatched, restingFace }`
 *   (the resting face only when there is one: seven numbers, never an image).
 * - CSV, for spreadsheets: films as `title,year,genres,rating` (the importer reads it back; aliases, ids
 *   and tags are not kept), feedback as `title,year,vote,emotion,at,filmId` (`at` in ISO 8601, UTC; on
 *   import a film is found by its id, else by title and year, so votes on re-imported films find them).
 */
import Papa from 'papaparse';
import { parseRestingFace, type RestingFace } from '../mood/calibration';
import { isEmotion } from '../mood/emotions';
import type { Feedback, Film, UnmatchedTitle } from './types';
import type { RejectedLine } from './csv-import';
import { readText } from './file-text';
import { unmatchedRow, type CatalogueState } from './repository';
import { toCsv, unescapeFormula } from './csv-cells';
import { filmKey } from './titles';
import { assertFeedbackList, assertFilms, cleanFeedback, cleanFilm } from './validate';

const EXPORT_FORMAT = 'moodreel-export';
const EXPORT_VERSION = 1;
const FILMS_CSV_HEADER = ['title', 'year', 'genres', 'rating'] as const;
export const FEEDBACK_CSV_HEADER = ['title', 'year', 'vote', 'emotion', 'at', 'filmId'] as const;
/** Exports are small; a larger file is no export of ours. */
const MAX_EXPORT_BYTES = 50 * 1000 * 1000;

interface JsonExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  films: Film[];
  feedback: Feedback[];
  /** Titles marked "not this film" (absent from exports made before it existed). */
  unmatched?: UnmatchedTitle[];
  /** The resting face readings are calibrated to (absent when there was none, and from older exports). */
  restingFace?: RestingFace;
}

export type Parsed<T> = ({ ok: true } & T) | { ok: false; message: string };

/** The JSON export of `state` and the resting face (indented, so a person can read it). */
export function toJsonExport(state: CatalogueState, restingFace: RestingFace | null = null): string {
  const body: JsonExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    films: state.films.map(cleanFilm),
    feedback: state.feedback.map(cleanFeedback),
    unmatched: (state.unmatched ?? []).map(({ key, title, filmId, at }) => ({ key, title, filmId, at })),
    ...(restingFace ? { restingFace: parseRestingFace(restingFace) } : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Reads a JSON export, checking every film (imported, sound fields, MovieLens genres) and every vote
 * (a known emotion, a time); anything wrong gives one message and no state.
 */
export async function readJsonExport(
  input: string | Blob,
): Promise<Parsed<{ state: CatalogueState; restingFace?: RestingFace }>> {
  const read = await readText(input, MAX_EXPORT_BYTES, 'JSON');
  if (!read.ok) return read;
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    return { ok: false, message: 'This is not a MoodReel export: the file is not JSON.' };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    return { ok: false, message: 'This is not a MoodReel export (it has no "format": "moodreel-export").' };
  }
  const body = data as Record<string, unknown>;
  if (body.version !== EXPORT_VERSION) {
    return {
      ok: false,
      message: `This export's version (${String(body.version)}) is not one this MoodReel reads (${EXPORT_VERSION}).`,
    };
  }
  if (!Array.isArray(body.films) || !Array.isArray(body.feedback)) {
    return { ok: false, message: 'This export is damaged: "films" and "feedback" must be lists.' };
  }
  try {
    assertFilms(body.films, 'imported');
    assertFeedbackList(body.feedback);
  } catch (error) {
    return { ok: false, message: `This export is damaged: ${(error as Error).message}.` };
  }
  let unmatched: UnmatchedTitle[] = [];
  if (body.unmatched !== undefined) {
    const rows = Array.isArray(body.unmatched) ? body.unmatched.map((row) => unmatchedRow(row as never)) : [null];
    if (rows.some((row) => row === null)) {
      return { ok: false, message: 'This export is damaged: "unmatched" must list titles marked "not this film".' };
    }
    unmatched = rows as UnmatchedTitle[];
  }
  const restingFace = body.restingFace === undefined ? undefined : parseRestingFace(body.restingFace);
  if (body.restingFace !== undefined && !restingFace) {
    return { ok: false, message: 'This export is damaged: "restingFace" must hold seven numbers that add up to 1.' };
  }
  return {
    ok: true,
    state: { films: body.films.map(cleanFilm), feedback: body.feedback.map(cleanFeedback), unmatched },
    ...(restingFace ? { restingFace } : {}),
  };
}

/** Films as `title,year,genres,rating`, the importer's own format. */
export function filmsToCsv(films: readonly Film[]): string {
  return toCsv(
    FILMS_CSV_HEADER,
    films.map((film) => [film.title, film.year ?? '', film.genres.join('|'), film.rating ?? '']),
  );
}

/** Feedback as `title,year,vote,emotion,at,filmId`; `films` supplies the titles (a vote on a film no longer there keeps an empty title). */
export function feedbackToCsv(feedback: readonly Feedback[], films: readonly Film[]): string {
  const byId = new Map(films.map((film) => [film.id, film]));
  return toCsv(
    FEEDBACK_CSV_HEADER,
    feedback.map((vote) => {
      const film = byId.get(vote.filmId);
      return [
        film?.title ?? '',
        film?.year ?? '',
        vote.vote,
        vote.emotion,
        new Date(vote.at).toISOString(),
        vote.filmId,
      ];
    }),
  );
}

/**
 * Reads a feedback CSV against `films` (the catalogue as it is now): each vote goes to the film with its
 * filmId, or else to the one film with its title and year. Lines that name no film, or carry a bad vote,
 * emotion or time, are listed with their line number; a later vote on the same film wins.
 */
export async function readFeedbackCsv(
  input: string | Blob,
  films: readonly Film[],
): Promise<Parsed<{ feedback: Feedback[]; rejected: RejectedLine[] }>> {
  const read = await readText(input, MAX_EXPORT_BYTES);
  if (!read.ok) return read;
  const parsed = Papa.parse<string[]>(read.text, { delimiter: ',', skipEmptyLines: false });
  const [header, ...rows] = parsed.data;
  const names = header?.map((cell) => cell.trim().toLowerCase()) ?? [];
  if (names.join(',') !== FEEDBACK_CSV_HEADER.join(',').toLowerCase()) {
    return {
      ok: false,
      message: `This is not a MoodReel feedback file: its first line must be "${FEEDBACK_CSV_HEADER.join(',')}".`,
    };
  }
  const ids = new Set(films.map((film) => film.id));
  const idsByKey = new Map<string, Set<string>>();
  for (const film of films) {
    for (const name of [film.title, ...film.aliases]) {
      const key = filmKey(name, film.year);
      const set = idsByKey.get(key) ?? new Set<string>();
      set.add(film.id);
      idsByKey.set(key, set);
    }
  }
  const votes = new Map<string, Feedback>();
  const rejected: RejectedLine[] = [];
  let line = 1 + lineBreaks(header!);
  for (const cells of rows) {
    const startLine = ++line;
    line += lineBreaks(cells);
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    const reject = (reason: string) => void rejected.push({ line: startLine, reason });
    if (cells.length !== FEEDBACK_CSV_HEADER.length) {
      reject(`${cells.length} columns where the header has ${FEEDBACK_CSV_HEADER.length}`);
      continue;
    }
    const [title, yearText, vote, emotion, atText, filmIdText] = cells.map((cell) => unescapeFormula(cell.trim())) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const year = /^\d{4}$/u.test(yearText) ? Number(yearText) : null;
    let filmId: string | null = ids.has(filmIdText) ? filmIdText : null;
    if (filmId === null) {
      const matches = idsByKey.get(filmKey(title, year));
      if (matches?.size === 1) filmId = [...matches][0]!;
    }
    const at = /^\d+$/u.test(atText) ? Number(atText) : Date.parse(atText);
    const reasons: string[] = [];
    if (filmId === null) reasons.push(`no film "${title}"${year ? ` (${year})` : ''} in the catalogue`);
    if (vote !== 'up' && vote !== 'down') reasons.push(`vote "${vote.slice(0, 20)}" is not "up" or "down"`);
    if (!isEmotion(emotion)) reasons.push(`emotion "${emotion.slice(0, 20)}" is not one of the seven`);
    if (!Number.isInteger(at) || at < 0) reasons.push(`time "${atText.slice(0, 40)}" is not a date`);
    if (reasons.length > 0) {
      reject(reasons.join('; '));
      continue;
    }
    votes.set(filmId!, {
      filmId: filmId!,
      vote: vote as Feedback['vote'],
      emotion: emotion as Feedback['emotion'],
      at,
    });
  }
  return { ok: true, feedback: [...votes.values()], rejected };
}

function lineBreaks(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) count += cell.match(/\r\n|\r|\n/gu)?.length ?? 0;
  return count;
}
