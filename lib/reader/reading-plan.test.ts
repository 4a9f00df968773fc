import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, nextStep, READING_PLANS } from './reading-plan';

describe('nextStep', () => {
  it('keeps reading until enough face frames span long enough', () => {
    expect(nextStep({ elapsedMs: 200, faceFrames: 2, sinceFirstFaceMs: 200 })).toBe('continue');
    expect(nextStep({ elapsedMs: 500, faceFrames: 3, sinceFirstFaceMs: 500 })).toBe('continue');
    expect(nextStep({ elapsedMs: 950, faceFrames: 3, sinceFirstFaceMs: 920 })).toBe('done');
  });

  it('stops early once it has the most frames it wants', () => {
    expect(nextStep({ elapsedMs: 300, faceFrames: DEFAULT_PLAN.maxFaceFrames, sinceFirstFaceMs: 300 })).toBe('done');
  });

  it('gives up with no-face when no frame has shown a face for the timeout', () => {
    expect(nextStep({ elapsedMs: 2400, faceFrames: 0, sinceFirstFaceMs: null })).toBe('continue');
    expect(nextStep({ elapsedMs: 2600, faceFrames: 0, sinceFirstFaceMs: null })).toBe('no-face');
  });

  it('answers with what it has at the hard limit', () => {
    expect(nextStep({ elapsedMs: 4100, faceFrames: 1, sinceFirstFaceMs: 100 })).toBe('done');
  });
});

describe('reading lengths', () => {
  it('a quick reading is done sooner and a steady one later than a normal one, on the same frames', () => {
    const at = (ms: number, frames: number) => ({ elapsedMs: ms, faceFrames: frames, sinceFirstFaceMs: ms });
    expect(nextStep(at(500, 4), READING_PLANS.quick)).toBe('done');
    expect(nextStep(at(500, 4), READING_PLANS.normal)).toBe('continue');
    expect(nextStep(at(1000, 9), READING_PLANS.normal)).toBe('done');
    expect(nextStep(at(1000, 9), READING_PLANS.steady)).toBe('continue');
    expect(nextStep(at(1900, 12), READING_PLANS.steady)).toBe('done');
  });
});
