import { describe, expect, it } from 'vitest';
import type { Detection } from '@mediapipe/tasks-vision';
import { DETECT_SIDE, detectScale, toDetectedFaces, toSource } from './face-detector';

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

describe('detection on a shrunk copy', () => {
  it('shrinks only what is larger than DETECT_SIDE, keeping the aspect ratio', () => {
    expect(DETECT_SIDE).toBe(256);
    expect(detectScale(640, 480)).toBeCloseTo(0.4);
    expect(detectScale(200, 100)).toBe(1);
    expect(detectScale(4000, 6000)).toBeCloseTo(256 / 6000);
  });

  it('maps a face found in a shrunk tile back to source pixels', () => {
    const inCopy = { box: { x: 10, y: 20, width: 40, height: 40 }, keypoints: [{ x: 20, y: 30 }], score: 0.8 };
    const mapped = toSource(inCopy, { x: 600, y: 400, width: 1280, height: 960 }, 0.2, 0.2);
    expect(mapped.box).toEqual({ x: 650, y: 500, width: 200, height: 200 });
    expect(mapped.keypoints[0]).toEqual({ x: 700, y: 550 });
    expect(mapped.score).toBe(0.8);
  });
});
