import { describe, expect, it } from 'vitest';
import { withUnratedTitles } from '../bench/picks.bench';
import { fewestRatings, firstPages, JUDGED_READINGS, noveltyWalk, summarise, variety } from '../support/first-pages';
import { loadMovieLens, movieLensSuite } from '../support/test-films';

describe(movieLensSuite('first pages a film lover reads'), () => {
  const films = loadMovieLens();

  it('hold at most two judged misfits under match and one under lift, with four or more reasons a page', () => {
    const pages = firstPages(films);
    const [match, lift] = summarise(pages, films);
    // 7 clear readings, 3 mixed ones, 2 movie nights.
    expect(match!.slots).toBe(60);
    expect(match!.judgedMisfits).toBeLessThanOrEqual(2);
    expect(lift!.judgedMisfits).toBeLessThanOrEqual(1);
    for (const row of [match!, lift!]) expect(row.fewestReasons, row.strategy).toBeGreaterThanOrEqual(4);
    // No reason ever calls a film IMAX or "(no genres listed)".
    for (const pick of pages.flatMap((page) => page.picks)) expect(pick.reason).not.toMatch(/imax|no genres/i);
  }, 60_000);

  it('vary across moods and strategies: no film on more than 3 of 14 first pages, 2 of 7 lift ones', () => {
    const spread = variety(firstPages(films));
    expect(spread.mostPages, spread.mostPagesTitle).toBeLessThanOrEqual(3);
    expect(spread.mostLiftPages, spread.mostLiftPagesTitle).toBeLessThanOrEqual(2);
    expect(spread.liftDistinct).toBeGreaterThanOrEqual(25);
    expect(spread.happyShared).toBeLessThanOrEqual(2);
    // Tone decides lift, genre narrows it: most of a lift page is still in the mood's lifting genres.
    expect(spread.liftInGenres).toBeGreaterThanOrEqual(25);
  }, 60_000);

  it('show only films 20 or more people rated on the first three pages of clear readings', () => {
    expect(fewestRatings(films).ratingCount).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('keep 90,000 titles nobody rated off every first page', () => {
    const joined = withUnratedTitles(films, 90_000);
    const shown = firstPages(joined).flatMap((page) => page.picks);
    expect(shown.filter((pick) => Number(pick.id) >= 1_000_000)).toEqual([]);
  }, 60_000);

  it('walk down the list over 8 readings of each mood: 30+ films, none shown for the last 3 readings', () => {
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
  }, 60_000);
});
