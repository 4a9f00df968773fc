import { describe, expect, it } from 'vitest';
import { withUnratedTitles } from './bench';
import { firstPages, JUDGED_READINGS, noveltyWalk, summarise } from './first-pages';
import { loadMovieLens, movieLensSuite } from './test-films';

describe(movieLensSuite('first pages a film lover reads'), () => {
  it('hold at most one judged misfit in 45 per strategy, and only films at least 20 people rated', () => {
    const films = loadMovieLens();
    for (const row of summarise(firstPages(films), films)) {
      expect(row.slots, row.strategy).toBe(45);
      expect(row.judgedMisfits, row.strategy).toBeLessThanOrEqual(1);
      expect(row.minRatingCount, row.strategy).toBeGreaterThanOrEqual(20);
    }
  });

  it('keep 90,000 titles nobody rated off every first page', () => {
    const joined = withUnratedTitles(loadMovieLens(), 90_000);
    const shown = firstPages(joined).flatMap((page) => page.picks);
    expect(shown.filter((pick) => Number(pick.id) >= 1_000_000)).toEqual([]);
  });

  it('walk down the list over 8 readings of each mood: 30+ films, none shown for the last 3 readings', () => {
    const films = loadMovieLens();
    for (const { name, probabilities } of JUDGED_READINGS.slice(0, 7)) {
      for (const strategy of ['match', 'lift'] as const) {
        const pages = noveltyWalk(films, probabilities, strategy).map((page) => page.map((pick) => pick.id));
        expect(new Set(pages.flat()).size, `${strategy} ${name}`).toBeGreaterThanOrEqual(30);
        pages.forEach((page, r) => {
          for (const earlier of pages.slice(Math.max(0, r - 3), r))
            expect(page.filter((id) => earlier.includes(id))).toEqual([]);
        });
      }
    }
  }, 30_000);
});
