import { describe, expect, it } from 'vitest';
import { mean, median } from './stats';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones, and 0 for nothing measured', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('mean', () => {
  it('averages, and is 0 for nothing measured', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBe(0);
  });
});
