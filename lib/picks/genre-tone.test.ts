import { describe, expect, it } from 'vitest';
import { genreMask } from './genre-mask';
import { genreTones } from './genre-tone';
import { film } from '../../tests/support/test-films';

describe('genre-mean tone for films without their own', () => {
  it("is half the mean tone of the rated films of the same genres, else of each genre's mean", () => {
    const horror = Array.from({ length: 8 }, () => film({ genres: ['Horror'], tone: [-0.8, -0.6, 0.8, 0, 0.2] }));
    const comedy = Array.from({ length: 3 }, () => film({ genres: ['Comedy'], tone: [0.8, 0.6, -0.4, -0.2, 0] }));
    const tones = genreTones([...horror, ...comedy]);
    const rounded = (tone: Float64Array | null) => [...tone!].map((v) => Math.round(v * 100) / 100);
    expect(rounded(tones.of(genreMask(['Horror'])))).toEqual([-0.4, -0.3, 0.4, 0, 0.1]);
    // Too few comedies for a set mean: the genre means, averaged, for a horror comedy.
    expect(rounded(tones.of(genreMask(['Comedy', 'Horror'])))).toEqual([0, 0, 0.1, -0.05, 0.05]);
    expect(tones.of(genreMask(['Western']))).toBeNull();
  });
});
