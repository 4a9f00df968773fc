/**
 * The latest reading, kept in extension storage for the popup, the badge and the background's answers; and the
 * resting face later readings are calibrated to.
 */
import { EMOTIONS, type Emotion } from '../mood/emotions';
import type { Backend, ChosenReading, CorrectedReading, FaceReading, MoodReading, PersonMood } from '../mood/types';
import { parseRestingFace, type RestingFace } from '../mood/calibration';
import { defineCheckedItem } from './checked-item';

const BACKENDS: readonly Backend[] = ['webgpu', 'wasm', 'webgl', 'cpu'];
/** Movie night reads at most eight people. */
const MAX_PEOPLE = 8;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isEmotion = (value: unknown): value is Emotion => EMOTIONS.includes(value as Emotion);
const isBackend = (value: unknown): value is Backend => BACKENDS.includes(value as Backend);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10_000;

/** Seven probabilities that add up to 1. */
function probabilitiesOf(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length !== EMOTIONS.length) return undefined;
  if (!value.every((p) => typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 1)) return undefined;
  const sum = (value as number[]).reduce((a, b) => a + b, 0);
  return Math.abs(sum - 1) < 1e-3 ? [...(value as number[])] : undefined;
}

function personOf(value: unknown): PersonMood | undefined {
  if (!isRecord(value) || !isEmotion(value.emotion)) return undefined;
  const probabilities = probabilitiesOf(value.probabilities);
  return probabilities ? { emotion: value.emotion, probabilities } : undefined;
}

/** What a chosen mood corrected, checked like a reading. */
function correctedOf(value: unknown): CorrectedReading | undefined {
  if (!isRecord(value) || !isEmotion(value.emotion) || !isTime(value.at)) return undefined;
  const probabilities = probabilitiesOf(value.probabilities);
  if (!probabilities || (value.source !== 'camera' && value.source !== 'photo')) return undefined;
  if (!isCount(value.faces) || value.faces < 1 || value.faces > MAX_PEOPLE) return undefined;
  let uncalibrated: number[] | undefined;
  if (value.uncalibrated !== undefined) {
    uncalibrated = probabilitiesOf(value.uncalibrated);
    if (!uncalibrated) return undefined;
  }
  return {
    emotion: value.emotion,
    probabilities,
    ...(uncalibrated ? { uncalibrated } : {}),
    source: value.source,
    faces: value.faces,
    at: value.at,
  };
}

/** A chosen mood: probability 1 on its emotion, and what it corrected if anything. */
function chosenOf(r: Record<string, unknown>): ChosenReading | undefined {
  const probabilities = probabilitiesOf(r.probabilities);
  if (!isEmotion(r.emotion) || !probabilities || !isTime(r.at)) return undefined;
  if (probabilities[EMOTIONS.indexOf(r.emotion)] !== 1) return undefined;
  let corrects: CorrectedReading | undefined;
  if (r.corrects !== undefined) {
    corrects = correctedOf(r.corrects);
    if (!corrects) return undefined;
  }
  return { emotion: r.emotion, probabilities, faces: 1, source: 'chosen', at: r.at, ...(corrects ? { corrects } : {}) };
}

/** A clean copy of a stored reading, or undefined when any field is missing or out of range. */
export function parseReading(stored: unknown): MoodReading | undefined {
  if (!isRecord(stored)) return undefined;
  const r = stored;
  if (r.source === 'chosen') return chosenOf(r);
  const probabilities = probabilitiesOf(r.probabilities);
  if (!isEmotion(r.emotion) || !probabilities || !isBackend(r.backend)) return undefined;
  if (![r.cnnMs, r.detectMs, r.totalMs, r.at].every(isTime) || (r.frameMs !== undefined && !isTime(r.frameMs)))
    return undefined;
  if (!isCount(r.frames) || !isCount(r.faces) || (r.source !== 'camera' && r.source !== 'photo')) return undefined;
  let people: PersonMood[] | undefined;
  if (r.people !== undefined) {
    if (!Array.isArray(r.people) || r.people.length > MAX_PEOPLE) return undefined;
    people = [];
    for (const person of r.people) {
      const clean = personOf(person);
      if (!clean) return undefined;
      people.push(clean);
    }
  }
  let failedBackends: FaceReading['failedBackends'];
  if (r.failedBackends !== undefined) {
    if (!Array.isArray(r.failedBackends) || r.failedBackends.length > BACKENDS.length) return undefined;
    failedBackends = [];
    for (const failed of r.failedBackends) {
      if (!isRecord(failed) || !isBackend(failed.backend) || typeof failed.error !== 'string') return undefined;
      failedBackends.push({ backend: failed.backend, error: failed.error.slice(0, 500) });
    }
  }
  // A calibrated reading keeps what the model read beside the corrected numbers.
  let uncalibrated: number[] | undefined;
  if (r.calibrated !== undefined) {
    uncalibrated = probabilitiesOf(r.uncalibrated);
    if (r.calibrated !== true || !uncalibrated) return undefined;
  }
  return {
    emotion: r.emotion,
    probabilities,
    backend: r.backend,
    cnnMs: r.cnnMs as number,
    detectMs: r.detectMs as number,
    ...(r.frameMs !== undefined ? { frameMs: r.frameMs as number } : {}),
    totalMs: r.totalMs as number,
    frames: r.frames,
    faces: r.faces,
    source: r.source,
    at: r.at as number,
    ...(people ? { people } : {}),
    ...(failedBackends ? { failedBackends } : {}),
    ...(uncalibrated ? { calibrated: true, uncalibrated } : {}),
  };
}

export const latestReading = defineCheckedItem<MoodReading | null>('local:latestReading', null, parseReading);

/**
 * The resting face (seven numbers, never an image): local, like the reading, since it belongs to this camera
 * and this light. "Erase everything" clears it with the rest of local storage.
 */
export const restingFace = defineCheckedItem<RestingFace | null>('local:restingFace', null, parseRestingFace);
