/**
 * 👍/👎 on picks turned into per-user nudges of the genre weights, derived from the vote list each time, so
 * removing a vote (undo) or clearing the list ("reset my feedback") undoes its effect exactly.
 */
import { GENRES, type Feedback, type Genre } from '../catalogue/types';
import { EMOTIONS, EMOTION_LABEL, type Emotion } from '../mood/emotions';
import type { GenreWeights } from './types';

/** What one vote moves each of the film's genres for the emotion it was given for. */
export const NUDGE_STEP = 0.1;

/**
 * The most the votes can move one (emotion, genre) either way: five votes' worth. Enough to reorder a table's
 * genres (they are 0.1 apart), never enough to outweigh the strategy's choice of genres (weights up to 1).
 */
export const NUDGE_LIMIT = 0.5;

function emptyWeights(): GenreWeights {
  return Object.fromEntries(EMOTIONS.map((emotion) => [emotion, {}])) as GenreWeights;
}

/** No feedback: the nudges of an empty vote list. */
export const NO_NUDGES: Readonly<GenreWeights> = Object.freeze(emptyWeights());

/** The votes in force: the latest per film and emotion (a later vote replaces an earlier one). */
export function currentVotes(feedback: readonly Feedback[]): Feedback[] {
  const latest = new Map<string, Feedback>();
  for (const vote of feedback) {
    const key = `${vote.emotion}\u0000${vote.filmId}`;
    const previous = latest.get(key);
    if (!previous || vote.at >= previous.at) latest.set(key, vote);
  }
  return [...latest.values()];
}

/** Films with a 👎 in force: the picks never show them (undo removes the vote and brings the film back). */
export function hiddenFrom(feedback: readonly Feedback[]): Set<string> {
  return new Set(
    currentVotes(feedback)
      .filter((vote) => vote.vote === 'down')
      .map((vote) => vote.filmId),
  );
}

/**
 * The user's nudges: each vote in force moves each genre of its film by ±NUDGE_STEP for its emotion, the total
 * per (emotion, genre) clamped to ±NUDGE_LIMIT. Votes on films the catalogue no longer has are ignored.
 */
export function nudgesFrom(
  feedback: readonly Feedback[],
  genresOf: (filmId: string) => readonly Genre[] | undefined,
): GenreWeights {
  // Whole votes are counted first and scaled once, so the result does not depend on the order of the votes.
  const votes = new Map<string, number>();
  for (const vote of currentVotes(feedback)) {
    const genres = genresOf(vote.filmId);
    if (!genres || !EMOTIONS.includes(vote.emotion)) continue;
    for (const genre of new Set(genres)) {
      const key = `${vote.emotion}|${genre}`;
      votes.set(key, (votes.get(key) ?? 0) + (vote.vote === 'up' ? 1 : -1));
    }
  }
  const nudges = emptyWeights();
  const limit = Math.round(NUDGE_LIMIT / NUDGE_STEP);
  for (const emotion of EMOTIONS) {
    for (const genre of GENRES) {
      const count = Math.max(-limit, Math.min(limit, votes.get(`${emotion}|${genre}`) ?? 0));
      if (count !== 0) nudges[emotion][genre] = roundWeight(count * NUDGE_STEP);
    }
  }
  return nudges;
}

function roundWeight(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * A table with the nudges added, each weight clamped to [-1, 1]: what the user's feedback makes of the strategy,
 * e.g. for the options page or for badges that should follow feedback. The picks take table and nudges apart.
 */
export function effectiveWeights(base: GenreWeights, nudges: GenreWeights): GenreWeights {
  const result = emptyWeights();
  for (const emotion of EMOTIONS) {
    for (const genre of GENRES) {
      const weight = (base[emotion]?.[genre] ?? 0) + (nudges[emotion]?.[genre] ?? 0);
      if (weight !== 0) result[emotion][genre] = roundWeight(Math.max(-1, Math.min(1, weight)));
    }
  }
  return result;
}

/** One emotion's feedback for the options page: "Happy: Comedy +0.2, Horror −0.1". */
export interface NudgeLine {
  emotion: Emotion;
  label: string;
  nudges: { genre: Genre; delta: number }[];
  text: string;
}

function signed(delta: number): string {
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)}`;
}

/** The non-zero nudges per emotion (EMOTIONS order; raised genres first, then lowered), nothing when none. */
export function nudgeLines(nudges: GenreWeights): NudgeLine[] {
  const lines: NudgeLine[] = [];
  for (const emotion of EMOTIONS) {
    const moved = GENRES.flatMap((genre) => {
      const delta = nudges[emotion]?.[genre] ?? 0;
      return delta !== 0 && Number.isFinite(delta) ? [{ genre, delta }] : [];
    }).sort((a, b) => b.delta - a.delta);
    if (moved.length === 0) continue;
    const label = EMOTION_LABEL[emotion];
    const text = `${label}: ${moved.map(({ genre, delta }) => `${genre} ${signed(delta)}`).join(', ')}`;
    lines.push({ emotion, label, nudges: moved, text });
  }
  return lines;
}
