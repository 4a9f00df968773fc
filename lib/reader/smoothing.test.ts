import { describe, expect, it } from 'vitest';
import { combineFrames, normalize } from './smoothing';

const HAPPY = [0, 0, 0, 1, 0, 0, 0];
const SAD = [0, 0, 0, 0, 1, 0, 0];
const sum = (p: readonly number[]) => p.reduce((a, b) => a + b, 0);

describe('combineFrames', () => {
  it('returns null when no frame has a face', () => {
    expect(combineFrames([])).toBeNull();
    expect(combineFrames([{ probabilities: null }, { probabilities: null, weight: 0.9 }])).toBeNull();
  });

  it('is the frame itself for a single frame', () => {
    const p = [0.1, 0, 0.2, 0.5, 0.1, 0.05, 0.05];
    const c = combineFrames([{ probabilities: p, weight: 0.7 }])!;
    c.forEach((v, i) => expect(v).toBeCloseTo(p[i]!));
  });

  it('weights frames by detection score and skips faceless frames', () => {
    const c = combineFrames([
      { probabilities: HAPPY, weight: 0.9 },
      { probabilities: null },
      { probabilities: SAD, weight: 0.3 },
    ])!;
    expect(c[3]).toBeCloseTo(0.75);
    expect(c[4]).toBeCloseTo(0.25);
    expect(sum(c)).toBeCloseTo(1);
  });

  it('counts frames without a score with weight 1', () => {
    const c = combineFrames([{ probabilities: HAPPY }, { probabilities: SAD }])!;
    expect(c[3]).toBeCloseTo(0.5);
  });

  it('renormalises inputs that do not sum to 1 and ignores non-finite ones', () => {
    const c = combineFrames([
      { probabilities: [0, 0, 0, 2, 0, 0, 0] },
      { probabilities: [0, 0, 0, 0, 2, 0, 0] },
      { probabilities: [NaN, 0, 0, 0, 0, 0, 0] },
      { probabilities: [0, 0, 0, 0, 0, 0, 0] },
    ])!;
    expect(c[3]).toBeCloseTo(0.5);
    expect(c[4]).toBeCloseTo(0.5);
    expect(sum(c)).toBeCloseTo(1);
  });

  it('drops frames below minScore', () => {
    const c = combineFrames(
      [
        { probabilities: HAPPY, weight: 0.9 },
        { probabilities: SAD, weight: 0.4 },
      ],
      { minScore: 0.5 },
    )!;
    expect(c[3]).toBeCloseTo(1);
    expect(combineFrames([{ probabilities: SAD, weight: 0.4 }], { minScore: 0.5 })).toBeNull();
  });

  it('throws on a vector of the wrong length (a wiring bug)', () => {
    expect(() => combineFrames([{ probabilities: [1, 0] }])).toThrow(/7/);
  });
});

describe('normalize', () => {
  it('scales to sum 1 and refuses a zero vector', () => {
    expect(normalize([1, 3])).toEqual([0.25, 0.75]);
    expect(() => normalize([0, 0])).toThrow();
  });
});
