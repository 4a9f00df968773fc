import { describe, expect, it } from 'vitest';
import { shownGenres } from './shown-genres';

describe('shown genres', () => {
  it('leaves out IMAX and "(no genres listed)", keeping the order of the rest', () => {
    expect(shownGenres(['Adventure', 'Animation', 'IMAX', 'Comedy'])).toEqual(['Adventure', 'Animation', 'Comedy']);
    expect(shownGenres(['(no genres listed)'])).toEqual([]);
    expect(shownGenres(['IMAX'])).toEqual([]);
    expect(shownGenres([])).toEqual([]);
  });
});
