import { describe, expect, it } from 'vitest';
import { describeAge, isFresh, msUntilStale } from './freshness';

const minute = 60_000;

describe('freshness', () => {
  it('treats a reading as fresh only within the chosen minutes', () => {
    const reading = { at: 1_000_000 };
    expect(isFresh(reading, 30, 1_000_000 + 29 * minute)).toBe(true);
    expect(isFresh(reading, 30, 1_000_000 + 30 * minute)).toBe(false);
    expect(isFresh(null, 30, 0)).toBe(false);
    // A clock that went backwards does not make a reading from the future count.
    expect(isFresh(reading, 30, 1_000_000 - minute)).toBe(false);
  });

  it('counts down to staleness', () => {
    expect(msUntilStale({ at: 0 }, 5, 2 * minute)).toBe(3 * minute);
    expect(msUntilStale({ at: 0 }, 5, 9 * minute)).toBe(0);
  });

  it('says how old a reading is in words', () => {
    expect(describeAge(0, 10_000)).toBe('just now');
    expect(describeAge(0, 5 * minute)).toBe('5 min ago');
    expect(describeAge(0, 3 * 60 * minute)).toBe('3 h ago');
    expect(describeAge(0, 50 * 60 * minute)).toBe('2 d ago');
  });
});
