/**
 * Mood history, when the user turns it on: what one reading leaves behind (never an image), and the pure
 * arithmetic the options page's chart and CSV export need.
 */
import Papa from 'papaparse';
import { EMOTIONS, isEmotion, type Emotion } from './emotions';
import type { MoodReading } from './types';

export interface HistoryEntry {
  /** Assigned by the store. */
  id?: number;
  /** Epoch milliseconds. */
  at: number;
  emotion: Emotion;
  /** Seven probabilities in EMOTIONS order. */
  probabilities: number[];
  /** People read (1 for a single reading). */
  faces: number;
  source: MoodReading['source'];
}

export function historyEntryOf(reading: MoodReading): HistoryEntry {
  return {
    at: reading.at,
    emotion: reading.emotion,
    probabilities: reading.probabilities.map((p) => Math.round(p * 1e4) / 1e4),
    faces: reading.people?.length ?? 1,
    source: reading.source,
  };
}

export type BucketUnit = 'day' | 'week';

export interface HistoryBucket {
  /** Local midnight starting the day (or the Monday starting the week), epoch ms. */
  start: number;
  /** "Mon 3 Nov", or "Week of 3 Nov". */
  label: string;
  /** Readings whose top emotion was each emotion. */
  counts: Record<Emotion, number>;
  total: number;
}

function startOf(unit: BucketUnit, at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  if (unit === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // weeks start on Monday
  return d.getTime();
}

function step(unit: BucketUnit, start: number, n: number): number {
  const d = new Date(start);
  d.setDate(d.getDate() + n * (unit === 'week' ? 7 : 1));
  return d.getTime();
}

const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const WEEK_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/**
 * The last `count` days or weeks up to `now` (oldest first, empty ones included, in the computer's own time
 * zone), each with how many readings had each top emotion. Entries outside the range are left out.
 */
export function bucketHistory(
  entries: readonly HistoryEntry[],
  unit: BucketUnit,
  count: number,
  now: number,
): HistoryBucket[] {
  const last = startOf(unit, now);
  const first = step(unit, last, -(count - 1));
  const buckets: HistoryBucket[] = [];
  for (let i = 0; i < count; i++) {
    const start = step(unit, first, i);
    const date = new Date(start);
    buckets.push({
      start,
      label: unit === 'day' ? DAY_LABEL.format(date) : `Week of ${WEEK_LABEL.format(date)}`,
      counts: Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>,
      total: 0,
    });
  }
  const end = step(unit, last, 1);
  for (const entry of entries) {
    if (entry.at < first || entry.at >= end) continue;
    const start = startOf(unit, entry.at);
    const bucket = buckets.find((b) => b.start === start);
    if (!bucket) continue;
    bucket.counts[entry.emotion]++;
    bucket.total++;
  }
  return buckets;
}

/** The history as CSV: one reading a line, time in ISO 8601 and each emotion's probability. */
export function historyToCsv(entries: readonly HistoryEntry[]): string {
  const header = ['at', 'emotion', ...EMOTIONS, 'faces', 'source'];
  const rows = entries.map((e) => [new Date(e.at).toISOString(), e.emotion, ...e.probabilities, e.faces, e.source]);
  // Quoted and defused like every export (a cell starting with = + - @ would run as a spreadsheet formula).
  return `${Papa.unparse({ fields: header, data: rows }, { newline: '\n', escapeFormulae: true })}\n`;
}

/** A stored row is only trusted when it has the right shape (a corrupted row is skipped, not drawn). */
export function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<HistoryEntry>;
  return (
    typeof e.at === 'number' &&
    Number.isFinite(e.at) &&
    isEmotion(e.emotion) &&
    Array.isArray(e.probabilities) &&
    e.probabilities.length === EMOTIONS.length &&
    e.probabilities.every((p) => typeof p === 'number' && Number.isFinite(p))
  );
}
