import { describe, expect, it } from 'vitest';
import { PRIOR_RATING, bayesianRating, qualityFactor } from './quality';

describe('quality', () => {
  it('does not let two 5-star ratings beat a classic', () => {
    expect(bayesianRating(5, 2)).toBeLessThan(bayesianRating(4.3, 300));
    expect(bayesianRating(5, 2)).toBeGreaterThan(PRIOR_RATING);
  });

  it('trusts a mean more the more ratings it has', () => {
    const counts = [1, 5, 20, 100, 1000];
    const good = counts.map((count) => bayesianRating(4.5, count));
    const bad = counts.map((count) => bayesianRating(1.5, count));
    for (let i = 1; i < counts.length; i++) {
      expect(good[i]).toBeGreaterThan(good[i - 1]!);
      expect(bad[i]).toBeLessThan(bad[i - 1]!);
    }
    expect(good.at(-1)).toBeCloseTo(4.5, 1);
  });

  it('gives an unrated film the neutral prior, and an imported rating (no count) part of its weight', () => {
    expect(bayesianRating(null, 0)).toBe(PRIOR_RATING);
    expect(bayesianRating(null, 50)).toBe(PRIOR_RATING);
    const imported = bayesianRating(4.8, 0);
    expect(imported).toBeGreaterThan(PRIOR_RATING);
    expect(imported).toBeLessThan(4.8);
  });

  it('is a multiplier in (0, 1]', () => {
    for (const [rating, ratingCount] of [
      [0.5, 10_000],
      [5, 10_000],
      [null, 0],
      [7, 3],
      [-2, 3],
    ] as const) {
      const factor = qualityFactor({ rating, ratingCount });
      expect(factor).toBeGreaterThan(0);
      expect(factor).toBeLessThanOrEqual(1);
    }
  });
});
