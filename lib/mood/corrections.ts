/**
 * Corrections, kept while mood history is on: what MoodReel read and what the user said instead. Three or more
 * of the same kind are worth saying ("MoodReel reads you as sad when you say neutral, 3 times"), and those to
 * neutral can be folded into the resting face (lib/mood/calibration.ts). Pure; the store is correction-store.ts.
 */
import Papa from 'papaparse';
import { isDistribution } from './calibration';
import { EMOTIONS, isEmotion, MOOD_WORD, type Emotion } from './emotions';
import type { ChosenReading, FaceReading } from './types';

export interface Correction {
  /** The corrected reading's time: a second choice for the same reading replaces the first. */
  readAt: number;
  /** When it was corrected. */
  at: number;
  /** What MoodReel read, as it was shown. */
  read: Emotion;
  readProbabilities: number[];
  /** The model's own numbers (before any calibration), for a single reading only: what folding uses. */
  modelProbabilities?: number[];
  /** What the user said. */
  chosen: Emotion;
  source: FaceReading['source'];
  /** People read (1 for a single reading). */
  faces: number;
}

/** Corrections of one kind worth showing from this many on. */
export const SHOWN_FROM = 3;

/** The correction a chosen mood records, or null when it corrects nothing or says what was read. */
export function correctionOf(chosen: ChosenReading): Correction | null {
  const corrected = chosen.corrects;
  if (!corrected || corrected.emotion === chosen.emotion) return null;
  const single = corrected.faces === 1;
  return {
    readAt: corrected.at,
    at: chosen.at,
    read: corrected.emotion,
    readProbabilities: [...corrected.probabilities],
    ...(single ? { modelProbabilities: [...(corrected.uncalibrated ?? corrected.probabilities)] } : {}),
    chosen: chosen.emotion,
    source: corrected.source,
    faces: corrected.faces,
  };
}

export interface CorrectionKind {
  read: Emotion;
  chosen: Emotion;
  count: number;
  /** Corrections of this kind that can be folded into the resting face (to neutral, of a single reading). */
  foldable: Correction[];
}

/** "MoodReel reads you as sad when you say neutral, 3 times" */
export function describeCorrectionKind(kind: Pick<CorrectionKind, 'read' | 'chosen' | 'count'>): string {
  return `MoodReel reads you as ${MOOD_WORD[kind.read]} when you say ${MOOD_WORD[kind.chosen]}, ${kind.count} time${kind.count === 1 ? '' : 's'}`;
}

/** Can this correction join the resting face? Only a single reading the user said was neutral. */
function isFoldable(correction: Correction): boolean {
  return correction.chosen === 'neutral' && correction.modelProbabilities !== undefined;
}

/** The kinds of correction made at least `from` times, the most frequent first. */
export function correctionKinds(corrections: readonly Correction[], from = SHOWN_FROM): CorrectionKind[] {
  const kinds = new Map<string, CorrectionKind>();
  for (const correction of corrections) {
    const key = `${correction.read}>${correction.chosen}`;
    const kind = kinds.get(key) ?? { read: correction.read, chosen: correction.chosen, count: 0, foldable: [] };
    kind.count++;
    if (isFoldable(correction)) kind.foldable.push(correction);
    kinds.set(key, kind);
  }
  return [...kinds.values()]
    .filter((kind) => kind.count >= from)
    .sort(
      (a, b) =>
        b.count - a.count || EMOTIONS.indexOf(a.read) - EMOTIONS.indexOf(b.read) || a.chosen.localeCompare(b.chosen),
    );
}

/** The corrections as CSV: one a line, times in ISO 8601, the seven numbers as shown and as the model read them. */
export function correctionsToCsv(corrections: readonly Correction[]): string {
  const header = [
    'corrected_at',
    'read_at',
    'read',
    'chosen',
    'source',
    'faces',
    ...EMOTIONS.map((e) => `shown_${e}`),
    ...EMOTIONS.map((e) => `model_${e}`),
  ];
  const rows = corrections.map((c) => [
    new Date(c.at).toISOString(),
    new Date(c.readAt).toISOString(),
    c.read,
    c.chosen,
    c.source,
    c.faces,
    ...c.readProbabilities,
    ...(c.modelProbabilities ?? EMOTIONS.map(() => '')),
  ]);
  return `${Papa.unparse({ fields: header, data: rows }, { newline: '\n', escapeFormulae: true })}\n`;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** A stored row is only trusted when it has the right shape (a corrupted row is skipped). */
export function isCorrection(value: unknown): value is Correction {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<Correction>;
  return (
    isTime(c.readAt) &&
    isTime(c.at) &&
    isEmotion(c.read) &&
    isEmotion(c.chosen) &&
    isDistribution(c.readProbabilities) &&
    (c.modelProbabilities === undefined || isDistribution(c.modelProbabilities)) &&
    (c.source === 'camera' || c.source === 'photo') &&
    typeof c.faces === 'number' &&
    Number.isInteger(c.faces) &&
    c.faces >= 1 &&
    c.faces <= 8
  );
}
