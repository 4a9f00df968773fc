/** Pure helpers about a reading's age; callers pass `now` so tests need no clock. */
import type { MoodReading } from './types';

/** How long a reading stays fresh when the user has not chosen (the `moodFreshMinutes` setting's fallback). */
export const DEFAULT_FRESH_MINUTES = 30;

export function isFresh(reading: Pick<MoodReading, 'at'> | null, freshMinutes: number, now: number): boolean {
  if (!reading) return false;
  const age = now - reading.at;
  return age >= 0 && age < freshMinutes * 60_000;
}

/** Milliseconds until the reading goes stale (0 when it already is). */
export function msUntilStale(reading: Pick<MoodReading, 'at'>, freshMinutes: number, now: number): number {
  return Math.max(0, reading.at + freshMinutes * 60_000 - now);
}

export function describeAge(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}
