import { readFileSync } from 'node:fs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CatalogueRepository } from '../catalogue/repository';
import { openStores } from './database';
import type { MoodReading } from '../mood/types';
import { createCatalogueService } from './catalogue-service';
import { createPicksService } from './picks-service';
import { latestReading } from './reading-store';
import { strategySetting } from './settings';
import { cameraReading } from '../../tests/support/readings';

const BUILTIN = readFileSync('public/catalogue/movielens.json', 'utf8');
const NOW = Date.UTC(2026, 10, 27, 20);

function reading(probabilities: number[], at = NOW - 60_000, people?: number[][]): MoodReading {
  const top = probabilities.indexOf(Math.max(...probabilities));
  const emotion = (['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const)[top]!;
  return {
    ...cameraReading({ emotion, probabilities, faces: people?.length ?? 1, at }),
    ...(people ? { people: people.map((p) => ({ emotion: 'happy' as const, probabilities: p })) } : {}),
  };
}
const HAPPY = [0, 0, 0, 1, 0, 0, 0];
const SAD = [0, 0, 0, 0, 1, 0, 0];

// Each test seeds the whole built-in catalogue (87,873 films) into a fresh fake-indexeddb first.
describe('picks service (background glue)', { timeout: 30_000 }, () => {
  let service: ReturnType<typeof createPicksService>;
  let repository: CatalogueRepository;
  beforeEach(() => {
    fakeBrowser.reset();
    repository = openStores('moodreel', { indexedDB: new IDBFactory(), IDBKeyRange }).catalogue;
    service = createPicksService(createCatalogueService({ repository, loadBuiltin: async () => BUILTIN }), () => NOW);
  });

  it('answers broadly loved films, and no fits, without a fresh reading, and says there is no mood', async () => {
    const none = await service.getPicks({});
    expect(none.mood).toBeNull();
    expect(none.picks).toHaveLength(5);
    expect(none.hasMore).toBe(true);
    for (const pick of none.picks) {
      expect(pick.reason).toBe('Loved by MovieLens viewers');
      expect(pick.kind).toBe('loved');
      expect(pick.rating!).toBeGreaterThanOrEqual(3.9);
    }
    // A page of ten for the row, varied (never all one genre mix), and the next page goes on without repeats.
    const row = await service.getPicks({ pageSize: 10 });
    expect(row.picks).toHaveLength(10);
    expect(new Set(row.picks.map((pick) => pick.genres.join('|'))).size).toBeGreaterThanOrEqual(6);
    const next = await service.getPicks({ page: 1, pageSize: 10 });
    expect(next.picks.some((pick) => row.picks.some((shown) => shown.id === pick.id))).toBe(false);
    // A film the user turned down is never among them.
    await service.feedback({ filmId: none.picks[0]!.id, vote: 'down', emotion: 'happy' });
    expect((await service.getPicks({})).picks.map((pick) => pick.id)).not.toContain(none.picks[0]!.id);

    await latestReading.setValue(reading(HAPPY, NOW - 5 * 3600_000));
    const stale = await service.getPicks({});
    expect(stale.mood).toBeNull();
    expect(stale.picks.every((pick) => pick.reason === 'Loved by MovieLens viewers')).toBe(true);
    const matched = await service.matchTitles([{ title: 'Toy Story', year: 1995 }]);
    expect(matched.results[0]).toMatchObject({ filmId: '1', fit: null });
  });

  it('picks comedies and family films for a happy reading, five a page, and follows the saved strategy', async () => {
    await latestReading.setValue(reading(HAPPY));
    const first = await service.getPicks({});
    expect(first.mood).toMatchObject({ emotion: 'happy', faces: 1 });
    expect(first.picks).toHaveLength(5);
    for (const pick of first.picks) expect(pick.genres.some((g) => g === 'Comedy' || g === 'Children')).toBe(true);
    await strategySetting.setValue('lift');
    expect((await service.getPicks({})).strategy).toBe('lift');
  });

  it('a 👎 hides the film from the picks and from the badges; taking it back restores both', async () => {
    await latestReading.setValue(reading(HAPPY));
    const [first] = (await service.getPicks({})).picks;
    await service.feedback({ filmId: first!.id, vote: 'down', emotion: 'happy' });
    const again = await service.getPicks({});
    expect(again.picks.map((p) => p.id)).not.toContain(first!.id);
    const badge = await service.matchTitles([{ title: first!.title, year: first!.year }]);
    expect(badge.results[0]).toMatchObject({ filmId: first!.id, fit: null });
    await service.feedback({ filmId: first!.id, vote: null, emotion: 'happy' });
    expect((await service.matchTitles([{ title: first!.title, year: first!.year }])).results[0]?.fit?.emotion).toBe(
      'happy',
    );
  });

  it('answers the film a title means with its genres, and nothing for a title marked "not this film" until undone', async () => {
    await latestReading.setValue(reading(HAPPY));
    const query = { title: 'Toy Story', year: null };
    expect((await service.matchTitles([query])).results[0]).toMatchObject({
      filmId: '1',
      title: 'Toy Story',
      year: 1995,
      genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
    });
    await repository.markNotThisFilm('TOY STORY', '1', NOW);
    expect((await service.matchTitles([query, { title: 'Toy Story', year: 1995 }])).results).toEqual([null, null]);
    await repository.undoNotThisFilm('toy story');
    expect((await service.matchTitles([query])).results[0]?.filmId).toBe('1');
  });

  it('leaves no record of shown picks for a reading forgotten while its answer was on its way', async () => {
    await latestReading.setValue(reading(HAPPY));
    const answered = service.getPicks({});
    // "Forget my last reading" (or "Erase everything") lands before the record is written.
    await latestReading.removeValue();
    expect((await answered).picks).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await fakeBrowser.storage.local.get('shownPicks')).toEqual({});
  });

  it('does not show the same films again for the next reading', async () => {
    await latestReading.setValue(reading(HAPPY, NOW - 120_000));
    const before = (await service.getPicks({})).picks.map((p) => p.id);
    await latestReading.setValue(reading(HAPPY, NOW - 60_000));
    const after = (await service.getPicks({})).picks.map((p) => p.id);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
  });

  it('remembers every page shown for a reading, even two asked at once, and keeps them out of the next reading', async () => {
    await latestReading.setValue(reading(HAPPY, NOW - 120_000));
    const [first, second] = await Promise.all([service.getPicks({ page: 0 }), service.getPicks({ page: 1 })]);
    const shown = [...first.picks, ...second.picks].map((p) => p.id);
    expect(new Set(shown).size).toBe(10);
    await latestReading.setValue(reading(HAPPY, NOW - 60_000));
    const next = await Promise.all([0, 1].map((page) => service.getPicks({ page })));
    expect(next.flatMap((r) => r.picks.map((p) => p.id)).filter((id) => shown.includes(id))).toEqual([]);
  });

  it('matches a page’s titles in one batch, refusing series and unknown titles, and badges fits for the mood', async () => {
    await latestReading.setValue(reading(SAD));
    const { results, mood } = await service.matchTitles([
      { title: 'The Shawshank Redemption', year: 1994 },
      { title: 'Stranger Things', kind: 'series' },
      { title: 'Heat', year: 1995 },
      { title: 'No Such Film At All' },
    ]);
    expect(mood?.emotion).toBe('sad');
    expect(results[0]).toMatchObject({ filmId: '318', fit: { emotion: 'sad', genre: 'Drama' } });
    expect(results[1]).toBeNull();
    expect(results[2]).toMatchObject({ filmId: '6' });
    expect(results[3]).toBeNull();
  });

  it('picks for a group reading say how many of the people each film fits', async () => {
    await latestReading.setValue(reading([0, 0, 0, 0.5, 0.5, 0, 0], NOW - 60_000, [HAPPY, HAPPY, SAD]));
    const { picks, mood } = await service.getPicks({});
    expect(mood?.faces).toBe(3);
    expect(picks.length).toBeGreaterThan(0);
    for (const pick of picks) expect(pick.fitsPeople?.of).toBe(3);
  });

  it('walks down the list over 8 readings of one mood: 30+ films on their first pages, none from the last 3 or 👎', async () => {
    await latestReading.setValue(reading(HAPPY, NOW - 10 * 60_000));
    const disliked = (await service.getPicks({})).picks[2]!.id;
    await service.feedback({ filmId: disliked, vote: 'down', emotion: 'happy' });
    const pages: string[][] = [];
    for (let r = 0; r < 8; r++) {
      await latestReading.setValue(reading(HAPPY, NOW - (9 - r) * 60_000));
      const ids = (await service.getPicks({})).picks.map((p) => p.id);
      expect(ids).toHaveLength(5);
      expect(ids).not.toContain(disliked);
      for (const earlier of pages.slice(-3)) expect(ids.filter((id) => earlier.includes(id))).toEqual([]);
      pages.push(ids);
    }
    expect(new Set(pages.flat()).size).toBeGreaterThanOrEqual(30);
  });

  it('badges every film the row shows, for one rule serves both', async () => {
    for (const [probabilities, strategy] of [
      [HAPPY, 'match'],
      [SAD, 'lift'],
      [[0, 0, 0, 0.6, 0.4, 0, 0], 'match'],
    ] as const) {
      await strategySetting.setValue(strategy);
      await latestReading.setValue(reading([...probabilities]));
      const { picks } = await service.getPicks({ pageSize: 10 });
      const { results } = await service.matchTitles(picks.map((p) => ({ title: p.title, year: p.year })));
      results.forEach((result, i) => {
        expect(result?.filmId, picks[i]!.title).toBe(picks[i]!.id);
        expect(result?.fit, picks[i]!.title).not.toBeNull();
      });
    }
  });
});
