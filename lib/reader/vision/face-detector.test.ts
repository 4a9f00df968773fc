import { describe, expect, it } from 'vitest';
import type { Detection } from '@mediapipe/tasks-vision';
import { toDetectedFaces } from './face-detector';

const detection = (x: number, y: number, s: number, score: number): Detection => ({
  categories: [{ score, index: 0, categoryName: '', displayName: '' }],
  boundingBox: { originX: x, originY: y, width: s, height: s, angle: 0 },
  keypoints: [
    { x: (x + 0.3 * s) / 200, y: (y + 0.4 * s) / 100 },
    { x: (x + 0.7 * s) / 200, y: (y + 0.4 * s) / 100 },
  ],
});

describe('toDetectedFaces', () => {
  it('keeps the pixel box, scales normalised keypoints to pixels and sorts largest first', () => {
    const faces = toDetectedFaces([detection(10, 10, 20, 0.9), detection(100, 20, 50, 0.6)], 200, 100);
    expect(faces.map((f) => f.box.width)).toEqual([50, 20]);
    expect(faces[0]!.score).toBeCloseTo(0.6);
    expect(faces[0]!.keypoints[0]!.x).toBeCloseTo(115);
    expect(faces[0]!.keypoints[0]!.y).toBeCloseTo(40);
    expect(faces[1]!.keypoints[1]!.x).toBeCloseTo(24);
  });

  it('drops detections without a usable box', () => {
    const noBox: Detection = { categories: [], keypoints: [] };
    expect(toDetectedFaces([noBox, detection(0, 0, 0, 0.9)], 100, 100)).toEqual([]);
  });
});
