/**
 * A reading corrected relative to the user's resting face (the math is lib/mood/calibration.ts): a single
 * reading's probabilities; on movie night each person's, and the group's mood combined again from them as the
 * reader combines it.
 */
import { correctForRestingFace } from '../mood/calibration';
import { topEmotion } from '../mood/emotions';
import type { FaceReading } from '../mood/types';
import { combineFrames } from './smoothing';

export function calibrateReading(reading: FaceReading, reference: readonly number[]): FaceReading {
  const people = reading.people?.map((person) => {
    const probabilities = correctForRestingFace(person.probabilities, reference);
    return { emotion: topEmotion(probabilities), probabilities };
  });
  const probabilities = people
    ? combineFrames(people.map((p) => ({ probabilities: p.probabilities })))!
    : correctForRestingFace(reading.probabilities, reference);
  return {
    ...reading,
    emotion: topEmotion(probabilities),
    probabilities,
    ...(people ? { people } : {}),
    calibrated: true,
    uncalibrated: [...reading.probabilities],
  };
}
