import { describe, expect, it } from 'vitest';
import type { FaceReading } from '../mood/types';
import { calibrateReading } from './calibrate-reading';
import { cameraReading } from '../../tests/support/readings';

const REST = [0.06, 0.01, 0.08, 0.04, 0.25, 0.02, 0.54];
const RELAXED = [0.05, 0.01, 0.07, 0.03, 0.5, 0.02, 0.32];
const SMILE = [0.01, 0.01, 0.01, 0.9, 0.02, 0.01, 0.04];

const single = (probabilities: number[], emotion: FaceReading['emotion']): FaceReading =>
  cameraReading({ emotion, probabilities });

describe('a reading calibrated to the resting face', () => {
  it('reads a relaxed face as neutral, says it was calibrated and keeps what the model read', () => {
    const calibrated = calibrateReading(single(RELAXED, 'sad'), REST);
    expect(calibrated).toMatchObject({ emotion: 'neutral', calibrated: true, uncalibrated: RELAXED, at: 1_000 });
    expect(calibrated.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('keeps a smile happy', () => {
    expect(calibrateReading(single(SMILE, 'happy'), REST).emotion).toBe('happy');
  });

  it('corrects each person of a movie night, and combines the group from them again', () => {
    const group: FaceReading = {
      ...single([0.03, 0.01, 0.04, 0.47, 0.26, 0.01, 0.18], 'happy'),
      faces: 2,
      people: [
        { emotion: 'sad', probabilities: RELAXED },
        { emotion: 'happy', probabilities: SMILE },
      ],
    };
    const calibrated = calibrateReading(group, REST);
    expect(calibrated.people!.map((p) => p.emotion)).toEqual(['neutral', 'happy']);
    const [first, second] = calibrated.people!;
    calibrated.probabilities.forEach((p, i) =>
      expect(p).toBeCloseTo((first!.probabilities[i]! + second!.probabilities[i]!) / 2, 9),
    );
    expect(calibrated.faces).toBe(2);
  });
});
