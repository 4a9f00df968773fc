import { describe, expect, it } from 'vitest';
import type { Feedback, Film, Genre } from '../catalogue/types';
import type { Emotion } from '../mood/emotions';
import { NO_NUDGES, hiddenFrom, nudgesFrom } from './feedback';
import { franchiseKeys } from './franchise';
import { rankPicks, sceneWithoutHistory, type PicksInput } from './rank';
import { LIFT_AVOIDS, LIFT_WEIGHTS } from './strategies';
import { certain, film, loadMovieLens, mixed, movieLensSuite } from '../../tests/support/test-films';
import type { FilmPick, Strategy } from './types';

function ask(
  films: readonly Film[],
  probabilities: number[],
  strategy: Strategy = 'match',
  extra: Partial<PicksInput> = {},
) {
  return rankPicks({ ...sceneWithoutHistory(films, strategy), probabilities, ...extra });
}

/** Every pick the user could reach with "More picks", page by page. */
function allPicks(
  films: readonly Film[],
  probabilities: number[],
  strategy: Strategy = 'match',
  extra: Partial<PicksInput> = {},
): FilmPick[] {
  // Pages slice one ordering (tested below), so one large page is every page at once.
  return ask(films, probabilities, strategy, { ...extra, page: 0, pageSize: 100_000 }).picks;
}

const has = (pick: { genres: Genre[] }, ...genres: Genre[]) => genres.some((genre) => pick.genres.includes(genre));
const ids = (picks: { id: string }[]) => picks.map((pick) => pick.id);

/** Lifting genres of an emotion (positive in the lift table). */
function liftingGenres(emotion: Emotion): Genre[] {
  return (Object.keys(LIFT_WEIGHTS[emotion]) as Genre[]).filter((genre) => LIFT_WEIGHTS[emotion][genre]! > 0);
}

/** A film the lift strategy must never propose while `emotion` is read: an avoided genre and nothing lifting. */
function avoidedUnderLift(pick: { genres: Genre[] }, emotion: Emotion): boolean {
  return has(pick, ...LIFT_AVOIDS[emotion]) && !has(pick, ...liftingGenres(emotion));
}

describe('picks for one reading (hand-made films)', () => {
  const comedies = [4.1, 3.9, 3.7].map((rating, i) => film({ id: `comedy-${i}`, genres: ['Comedy'], rating }));
  const family = [4.0, 3.8].map((rating, i) => film({ id: `family-${i}`, genres: ['Children'], rating }));
  const familyComedy = film({ id: 'family-comedy', genres: ['Children', 'Comedy'], rating: 3.6 });
  const dramas = [4.6, 4.5].map((rating, i) => film({ id: `drama-${i}`, genres: ['Drama'], rating }));
  const horror = film({ id: 'horror', genres: ['Horror'], rating: 4.4 });
  const documentary = film({ id: 'documentary', genres: ['Documentary'], rating: 4.4 });
  const catalogue = [...dramas, horror, documentary, ...comedies, ...family, familyComedy];

  it('gives comedies and family films first for a happy reading under match', () => {
    const { picks } = ask(catalogue, certain('happy'));
    expect(picks).toHaveLength(5);
    for (const pick of picks) expect(has(pick, 'Comedy', 'Children')).toBe(true);
    expect(picks[0]!.reason).toMatch(/^Comedy for your happy mood · 4\.1 stars from 100 viewers$/);
    // Only those fit: the highly rated dramas do not fit a happy mood at all, and come after them only as loved films.
    const all = allPicks(catalogue, certain('happy'));
    expect(ids(all.filter((pick) => pick.kind === undefined))).not.toContain('drama-0');
    expect(all.find((pick) => pick.id === 'drama-0')!.kind).toBe('loved');
    expect(all.findIndex((pick) => pick.kind === 'loved')).toBe(all.filter((pick) => !pick.kind).length);
  });

  it('carries what the popup shows of each film', () => {
    const [pick] = ask(
      [film({ id: '42', title: 'Amelie', year: 2001, genres: ['Comedy', 'Romance'], rating: 4.2 })],
      certain('happy'),
    ).picks;
    expect(pick).toEqual({
      id: '42',
      title: 'Amelie',
      year: 2001,
      genres: ['Comedy', 'Romance'],
      rating: 4.2,
      source: 'builtin',
      reason: 'Romantic comedy for your happy mood · 4.2 stars from 100 viewers',
    });
  });

  it('puts films fewer than 20 people rated after every film that clears the floor, best first within each', () => {
    const classic = film({ id: 'classic', genres: ['Comedy'], rating: 4.3, ratingCount: 300 });
    const twoVotes = film({ id: 'two-votes', genres: ['Comedy'], rating: 5, ratingCount: 2 });
    const poor = film({ id: 'poor', genres: ['Comedy'], rating: 2.6, ratingCount: 300 });
    const unrated = film({ id: 'unrated', genres: ['Comedy'], rating: null, ratingCount: 0 });
    const order = ids(allPicks([twoVotes, poor, unrated, classic], certain('happy')));
    expect(order).toEqual(['classic', 'poor', 'two-votes', 'unrated']);
    // A film a few people rated, even poorly, comes before one of a title list nobody rated.
    const fewPoor = film({ id: 'few-poor', genres: ['Comedy'], rating: 2.8, ratingCount: 5 });
    expect(ids(allPicks([unrated, fewPoor], certain('happy')))).toEqual(['few-poor', 'unrated']);
  });

  it('never lets variety beat a much better film', () => {
    const great = film({ id: 'great', genres: ['Comedy'], rating: 4.4, ratingCount: 500 });
    const alsoGreat = film({ id: 'also-great', genres: ['Comedy'], rating: 4.3, ratingCount: 500 });
    const other = film({
      id: 'other-mix',
      genres: ['Comedy', 'Musical', 'Romance', 'Western'],
      rating: 3.2,
      ratingCount: 500,
    });
    expect(ids(allPicks([other, alsoGreat, great], certain('happy')))).toEqual(['great', 'also-great', 'other-mix']);
  });

  it('scores a mixed reading whole: films that carry both of its moods come first', () => {
    const comedyPicks = Array.from({ length: 8 }, (_, i) =>
      film({ id: `c${i}`, genres: ['Comedy'], rating: 4 - i / 50, ratingCount: 200 }),
    );
    const dramas = Array.from({ length: 8 }, (_, i) =>
      film({ id: `d${i}`, genres: ['Drama'], rating: 3.9 - i / 50, ratingCount: 200 }),
    );
    const both = Array.from({ length: 8 }, (_, i) =>
      film({ id: `b${i}`, genres: ['Comedy', 'Drama'], rating: 3.5, ratingCount: 200 }),
    );
    const page = ask([...comedyPicks, ...dramas, ...both], mixed({ happy: 0.6, sad: 0.4 })).picks;
    expect(page.every((pick) => pick.id.startsWith('b'))).toBe(true);
    expect(page[0]!.reason).toMatch(/for your happy and sad mood/);
    // After them, the larger mood's films before the smaller one's.
    const rest = allPicks([...comedyPicks, ...dramas, ...both], mixed({ happy: 0.6, sad: 0.4 })).slice(8);
    expect(rest.slice(0, 8).every((pick) => pick.id.startsWith('c'))).toBe(true);
    expect(rest[0]!.reason).toMatch(/for your happy mood/);
  });

  it('mixes both moods of a 50/50 reading', () => {
    const picks = allPicks(catalogue, mixed({ happy: 0.5, sad: 0.5 }), 'match', { pageSize: 5 }).slice(0, 5);
    expect(picks.some((pick) => has(pick, 'Drama'))).toBe(true);
    expect(picks.some((pick) => has(pick, 'Comedy', 'Children'))).toBe(true);
  });

  it('gives the reason of the emotion a film fits through', () => {
    const adventure = film({ id: 'adventure', genres: ['Adventure'], rating: 4.9, ratingCount: 1000 });
    const picks = allPicks([adventure, ...comedies], mixed({ happy: 0.6, surprise: 0.4 }));
    expect(picks.find((pick) => pick.id === 'adventure')!.reason).toBe(
      'Adventure for your surprised mood · 4.9 stars from 1,000 viewers',
    );
    expect(picks.find((pick) => pick.id === 'comedy-0')!.reason).toBe(
      'Comedy for your happy mood · 4.1 stars from 100 viewers',
    );
  });

  it('never shows a hidden film; taking the 👎 back brings it back where it was', () => {
    const before = ask(catalogue, certain('happy')).picks;
    const top = before[0]!;
    const down: Feedback = { filmId: top.id, vote: 'down', emotion: 'happy', at: 1 };
    const hidden = hiddenFrom([down]);
    expect(ids(allPicks(catalogue, certain('happy'), 'match', { hidden }))).not.toContain(top.id);
    expect(ask(catalogue, certain('happy'), 'match', { hidden: hiddenFrom([]) }).picks).toEqual(before);
  });

  it('raises films like one given a 👍, for the emotion it was given for', () => {
    const romcoms = [3.9, 3.8].map((rating, i) => film({ id: `romcom-${i}`, genres: ['Comedy', 'Romance'], rating }));
    const films = [
      ...comedies,
      ...family,
      familyComedy,
      ...romcoms,
      ...Array.from({ length: 6 }, (_, i) =>
        film({ id: `more-family-${i}`, genres: ['Children', 'Comedy'], rating: 4.2 }),
      ),
    ];
    const genresOf = (id: string) => films.find((f) => f.id === id)?.genres;
    const position = (order: string[]) => order.indexOf('romcom-1');
    const before = ids(allPicks(films, certain('happy')));
    const liked: Feedback[] = [{ filmId: 'romcom-0', vote: 'up', emotion: 'happy', at: 1 }];
    const after = ids(allPicks(films, certain('happy'), 'match', { nudges: nudgesFrom(liked, genresOf) }));
    expect(position(after)).toBeLessThan(position(before));
    // Feedback given when sad leaves the happy picks as they were.
    const whenSad: Feedback[] = [{ filmId: 'romcom-0', vote: 'up', emotion: 'sad', at: 1 }];
    expect(ids(allPicks(films, certain('happy'), 'match', { nudges: nudgesFrom(whenSad, genresOf) }))).toEqual(before);
  });

  it('shows films of the last readings only after every other fitting film', () => {
    const first = ask(catalogue, certain('happy')).picks;
    const recent = new Set(ids(first));
    const all = ids(allPicks(catalogue, certain('happy'), 'match', { recent }));
    const fresh = all.filter((id) => !recent.has(id));
    expect(fresh.length).toBeGreaterThan(0);
    expect(all.slice(0, fresh.length)).toEqual(fresh);
    expect(new Set(all.slice(fresh.length))).toEqual(recent);
  });

  it('shows one film of a series per page of top picks', () => {
    const toyStories = ['Toy Story', 'Toy Story 2', 'Toy Story 3'].map((title, i) =>
      film({
        id: `toy-${i}`,
        title,
        genres: ['Animation', 'Children', 'Comedy'],
        rating: 4.3 - i * 0.05,
        ratingCount: 500,
      }),
    );
    const { picks } = ask([...toyStories, ...comedies, ...family], certain('happy'));
    expect(picks.filter((pick) => pick.title.startsWith('Toy Story'))).toHaveLength(1);
    expect(picks[0]!.title).toBe('Toy Story');
  });

  it('pages through one ordering: no repeats, nothing skipped, the same page twice is the same', () => {
    const films = Array.from({ length: 23 }, (_, i) =>
      film({
        id: `f${i}`,
        title: `Title ${String.fromCharCode(65 + i)}`,
        genres: i % 2 ? ['Comedy'] : ['Children', 'Comedy'],
        rating: 3 + (i % 7) / 5,
      }),
    );
    const pages = [0, 1, 2, 3, 4].map((page) => ask(films, certain('happy'), 'match', { page }));
    const shown = pages.flatMap((page) => ids(page.picks));
    expect(shown).toHaveLength(23);
    expect(new Set(shown).size).toBe(23);
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, true, true, false]);
    expect(ask(films, certain('happy'), 'match', { page: 2 })).toEqual(pages[2]);
    expect(ask(films, certain('happy'), 'match', { page: 5 })).toEqual({ picks: [], hasMore: false });
    const sevens = [0, 1, 2, 3].flatMap((page) =>
      ids(ask(films, certain('happy'), 'match', { page, pageSize: 7 }).picks),
    );
    expect(sevens).toEqual(shown);
  });

  it('does not depend on the order of the catalogue, and sees a catalogue that grew', () => {
    expect(ask([...catalogue].reverse(), certain('happy'))).toEqual(ask(catalogue, certain('happy')));
    const newcomer = film({ id: 'imp-new', genres: ['Comedy'], rating: 4.9, ratingCount: 5000, source: 'imported' });
    expect(ids(ask([...catalogue, newcomer], certain('happy')).picks)).toContain('imp-new');
  });

  it('fills with broadly loved films, said as such, when too few good films fit; else gives nothing', () => {
    // No film fits a happy mood here: the well-loved dramas and horror film are offered as what they are.
    const filled = allPicks([...dramas, horror], certain('happy'));
    expect(ids(filled).sort()).toEqual(['drama-0', 'drama-1', 'horror']);
    for (const pick of filled) {
      expect(pick.kind).toBe('loved');
      expect(pick.reason).toMatch(/^Loved by MovieLens viewers · /);
    }
    // A film few people rated is never a filler.
    const obscure = film({ id: 'obscure', genres: ['Drama'], rating: 4.8, ratingCount: 12 });
    expect(ask([obscure], certain('happy'))).toEqual({ picks: [], hasMore: false });
    expect(ask([], certain('sad'))).toEqual({ picks: [], hasMore: false });
  });

  it("fills with the best films of the reading's next emotion before loved ones, never before good fits", () => {
    const docs = [4.2, 3.9].map((rating, i) => film({ id: `doc-${i}`, genres: ['Documentary'], rating }));
    const poorDoc = film({ id: 'doc-poor', genres: ['Documentary'], rating: 3.1, ratingCount: 300 });
    const reading = mixed({ neutral: 0.75, happy: 0.15, sad: 0.1 });
    const order = allPicks([...docs, poorDoc, ...comedies, ...dramas], reading);
    expect(ids(order).slice(0, 2)).toEqual(['doc-0', 'doc-1']);
    // Then comedies (happy is the next emotion, 15 %), and the poorly rated documentary after every filler.
    expect(order[2]!.kind).toBe('next');
    expect(order[2]!.reason).toMatch(/for the happy side of your mood/);
    expect(ids(order)[ids(order).length - 1]).toBe('doc-poor');
  });

  it("brings the user's own films rated 4 or more that fit onto the first two pages, from their list", () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      film({ id: `good-${i}`, genres: ['Comedy'], rating: 4.4 - i / 100, ratingCount: 400 }),
    );
    const mine = film({ id: 'imp-mine', genres: ['Comedy'], rating: 4.5, ratingCount: 0, source: 'imported' });
    const rated = film({ id: 'rated-by-me', genres: ['Comedy'], rating: 3.4, ratingCount: 50, userRating: 5 });
    const unrated = film({ id: 'imp-unrated', genres: ['Comedy'], rating: null, ratingCount: 0, source: 'imported' });
    const order = allPicks([...many, mine, rated, unrated], certain('happy'));
    const at = (id: string) => ids(order).indexOf(id);
    expect(at('imp-mine')).toBeLessThan(10);
    expect(at('rated-by-me')).toBeLessThan(10);
    expect(order.filter((pick) => pick.kind === 'yours')).toHaveLength(2);
    expect(order[at('rated-by-me')]!.reason).toMatch(/^From your list \(you rated it 5\): comedy for your happy mood/);
    expect(order[at('rated-by-me')]!.userRating).toBe(5);
    // An unrated import ranks at the prior: after every equally fitting film known to be good.
    expect(at('imp-unrated')).toBe(order.length - 1);
  });
});

describe(movieLensSuite('picks for one reading'), () => {
  const films = loadMovieLens();

  it('gives comedies and family films for a happy reading under match', () => {
    const picks = allPicks(films, certain('happy')).slice(0, 15);
    expect(picks).toHaveLength(15);
    for (const pick of picks) expect(has(pick, 'Comedy', 'Children'), pick.title).toBe(true);
  });

  it('never gives a plain drama to lift a sad mood, even when sadness is only part of the reading', () => {
    // Dramas with no sad-lifting genre that other emotions' lifting genres would let score.
    const temptations = films.filter(
      (f) => avoidedUnderLift(f, 'sad') && has(f, 'Adventure', 'Sci-Fi', 'Fantasy', 'Mystery'),
    );
    expect(temptations.length).toBeGreaterThan(50);
    for (const reading of [
      certain('sad'),
      mixed({ sad: 0.55, surprise: 0.45 }),
      mixed({ neutral: 0.5, sad: 0.3, happy: 0.2 }),
    ]) {
      const picks = allPicks(films, reading, 'lift');
      expect(picks.length).toBeGreaterThan(100);
      for (const pick of picks)
        expect(avoidedUnderLift(pick, 'sad'), `${pick.title} ${pick.genres.join('|')}`).toBe(false);
    }
  });

  it('never gives horror or thriller alone to ease a fearful mood', () => {
    for (const reading of [certain('fear'), mixed({ fear: 0.6, surprise: 0.4 })]) {
      const picks = allPicks(films, reading, 'lift');
      expect(picks.length).toBeGreaterThan(100);
      for (const pick of picks) {
        expect(
          pick.genres.every((genre) => genre === 'Horror' || genre === 'Thriller'),
          pick.title,
        ).toBe(false);
        expect(avoidedUnderLift(pick, 'fear'), `${pick.title} ${pick.genres.join('|')}`).toBe(false);
      }
    }
  });

  it('mixes both moods of a 50/50 happy/sad reading in the first two pages', () => {
    const both = allPicks(films, mixed({ happy: 0.5, sad: 0.5 })).slice(0, 10);
    expect(both.some((pick) => has(pick, 'Comedy', 'Children'))).toBe(true);
    expect(both.some((pick) => has(pick, 'Drama'))).toBe(true);
    // Not simply one mood's picks.
    const happyOnly = ids(allPicks(films, certain('happy')).slice(0, 10));
    const sadOnly = ids(allPicks(films, certain('sad')).slice(0, 10));
    expect(ids(both)).not.toEqual(happyOnly);
    expect(ids(both)).not.toEqual(sadOnly);
  });

  it('keeps a page varied: never all one genre mix, never two films of one series in the first pages', () => {
    const readings: [number[], Strategy][] = [
      [certain('happy'), 'match'],
      [certain('sad'), 'match'],
      [certain('surprise'), 'match'],
      [certain('fear'), 'match'],
      [certain('sad'), 'lift'],
      [mixed({ angry: 0.5, surprise: 0.5 }), 'match'],
    ];
    for (const [reading, strategy] of readings) {
      const first = allPicks(films, reading, strategy).slice(0, 20);
      const page = first.slice(0, 5);
      const mixes = new Set(page.map((pick) => pick.genres.join('|')));
      expect(mixes.size, page.map((pick) => pick.genres.join('|')).join(', ')).toBeGreaterThanOrEqual(3);
      const seen = new Map<string, string>();
      for (const pick of first) {
        for (const key of franchiseKeys({ title: pick.title, aliases: films.find((f) => f.id === pick.id)!.aliases })) {
          expect(seen.get(key), `${pick.title} after ${seen.get(key)}`).toBeUndefined();
          seen.set(key, pick.title);
        }
      }
    }
  });

  it('moves films like one given a 👍 up for that emotion', () => {
    const byId = new Map(films.map((f) => [f.id, f]));
    const order = (nudges = NO_NUDGES) => ids(allPicks(films, certain('happy'), 'match', { nudges }).slice(0, 60));
    const before = order();
    const liked = byId.get(before.find((id) => has(byId.get(id)!, 'Romance') && has(byId.get(id)!, 'Drama'))!)!;
    const alike = (id: string) => byId.get(id)!.genres.filter((genre) => liked.genres.includes(genre)).length >= 2;
    const vote: Feedback = { filmId: liked.id, vote: 'up', emotion: 'happy', at: 1 };
    const after = order(nudgesFrom([vote], (id) => byId.get(id)?.genres));
    // Films sharing two or more of its genres move up on average, and the film itself moves up.
    const meanPlace = (list: string[], among: string[]) =>
      among.reduce((sum, id) => sum + (list.includes(id) ? list.indexOf(id) : list.length), 0) / among.length;
    const alikeBefore = before.slice(0, 30).filter(alike);
    expect(alikeBefore.length).toBeGreaterThan(3);
    expect(meanPlace(after, alikeBefore)).toBeLessThan(meanPlace(before, alikeBefore));
    expect(after.indexOf(liked.id)).toBeLessThan(before.indexOf(liked.id));
  });

  it('does not repeat a film across consecutive readings', () => {
    const shownPerReading: string[][] = [];
    const readings = [
      certain('happy'),
      mixed({ happy: 0.8, neutral: 0.2 }),
      certain('happy'),
      certain('happy'),
      mixed({ happy: 0.7, surprise: 0.3 }),
    ];
    for (const reading of readings) {
      const recent = new Set(shownPerReading.slice(-3).flat());
      const shown = [0, 1].flatMap((page) => ids(ask(films, reading, 'match', { recent, page }).picks));
      for (const id of shown) expect(recent.has(id)).toBe(false);
      shownPerReading.push(shown);
    }
  });
});
