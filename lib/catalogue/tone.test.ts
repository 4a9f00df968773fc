import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filmTones, solveSymmetric, tagEvidence, TONE_AXES } from './tone';
import { pairwiseAgreement, toneAgreement } from './tone-agreement';
import { MOVIELENS_DATA_DIR, readMovieLensFiles } from '../../tests/support/test-catalogue';

describe('tone', () => {
  it('solves the small systems the factorisation and the regression need', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const x = solveSymmetric(Float64Array.from(a), Float64Array.from([6, 8, 4]), 3);
    const back = [0, 1, 2].map((i) => a[i * 3]! * x[0]! + a[i * 3 + 1]! * x[1]! + a[i * 3 + 2]! * x[2]!);
    back.forEach((value, i) => expect(value).toBeCloseTo([6, 8, 4][i]!, 9));
  });

  it('reads what tags say: "dark comedy" is dark, "feel-good" light and warm', () => {
    expect(tagEvidence(['dark comedy']).tone[TONE_AXES.indexOf('light')]).toBeLessThan(0);
    const feelGood = tagEvidence(['feel-good', 'funny']);
    expect(feelGood.tone[TONE_AXES.indexOf('light')]).toBeGreaterThan(0.5);
    expect(feelGood.tone[TONE_AXES.indexOf('warm')]).toBeGreaterThan(0.5);
    expect(tagEvidence(['in netflix queue']).uses.every((n) => n === 0)).toBe(true);
  });

  it('gives a film nobody rated no tone, and every rated film one, the same on every build', () => {
    const films = [
      { id: '1', genres: ['Comedy' as const] },
      { id: '2', genres: ['Horror' as const] },
      { id: '3', genres: ['Drama' as const] },
    ];
    const ratings = [
      { userId: 'a', movieId: '1', rating: 5 },
      { userId: 'a', movieId: '2', rating: 1 },
      { userId: 'b', movieId: '1', rating: 4 },
      { userId: 'b', movieId: '2', rating: 2 },
    ];
    const tags = [
      { movieId: '1', tag: 'funny' },
      { movieId: '2', tag: 'disturbing' },
    ];
    const tones = filmTones({ films, ratings, tags });
    expect(tones[2]).toBeNull();
    expect(tones[0]).toHaveLength(TONE_AXES.length);
    expect(tones[0]![0]).toBeGreaterThan(tones[1]![0]!);
    expect(filmTones({ films, ratings, tags })).toEqual(tones);
  });

  it('measures agreement as the share of pairs ordered right', () => {
    expect(pairwiseAgreement([3, 4], [1, 2])).toBe(1);
    expect(pairwiseAgreement([1], [1])).toBe(0.5);
    expect(pairwiseAgreement([0], [1, 2])).toBe(0);
  });
});

const hasData = existsSync(join(MOVIELENS_DATA_DIR, 'tags.csv'));
describe.skipIf(!hasData)('tone of films whose tags were withheld from the build (MovieLens ml-latest-small)', () => {
  it('still tells light from dark, tense from calm, warm from cold: learned from ratings, not their tags', () => {
    const { axes } = toneAgreement(readMovieLensFiles());
    for (const name of ['light', 'warm', 'tense'] as const) {
      const axis = axes.find((a) => a.axis === name)!;
      expect(axis.positive + axis.negative, name).toBeGreaterThanOrEqual(40);
      expect(axis.agreement, name).toBeGreaterThan(0.8);
      expect(axis.gap, name).toBeGreaterThan(0.5);
    }
  }, 60_000);
});
