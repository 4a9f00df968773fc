/** Test helper: a reading from the camera with everyday figures, so a test names only what it is about. */
import type { FaceReading } from '../../lib/mood/types';

export function cameraReading(fields: Partial<FaceReading> = {}): FaceReading {
  return {
    emotion: 'happy',
    probabilities: [0, 0, 0, 1, 0, 0, 0],
    backend: 'wasm',
    cnnMs: 9,
    detectMs: 8,
    totalMs: 900,
    frames: 8,
    faces: 1,
    source: 'camera',
    at: 1_000,
    ...fields,
  };
}
