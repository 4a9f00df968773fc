import { describe, expect, it } from 'vitest';
import type { Film } from '../catalogue/types';
import { NO_NUDGES } from './feedback';
import { fitsMood } from './fit';
import { moodScorer } from './relevance';
import { groupAudience, groupMood, meanDistribution, rankGroupPicks, type GroupPicksInput } from './group';
import { rankPicks, sceneWithoutHistory } from './rank';
import { LIFT_AVOIDS, LIFT_WEIGHTS, customFrom, weightsFor } from './strategies';
import { certain, film, loadMovieLens, mixed, movieLensSuite } from '../../tests/support/test-films';
import type { GenreWeights, Strategy } from './types';

function askGroup(
  films: readonly Film[],
  members: number[][],
  strategy: Strategy = 'match',
  extra: Partial<GroupPicksInput> = {},
) {
  return rankGroupPicks({
    films,
    members,
    strategy,
    weights: weightsFor(strategy, null),
    nudges: NO_NUDGES,
    hidden: new Set(),
    recent: new Set(),
    ...extra,
  });
}

const ids = (picks: { id: string }[]) => picks.map((pick) => pick.id);

/** Three friends: two afraid, one happy; their table likes horror when afraid and hates it when happy. */
function friendsTable(): GenreWeights {
  const table = customFrom('match');
  table.fear = { Horror: 1, Thriller: 0.9, Mystery: 0.8 };
  table.happy = { Comedy: 1, Mystery: 0.8, Horror: -1 };
  return table;
}

describe('group picks (hand-made films)', () => {
  const slasher = film({ id: 'slasher', genres: ['Horror', 'Thriller'], rating: 4.5 });
  const whodunit = film({ id: 'whodunit', genres: ['Mystery'], rating: 3.6 });
  const friends = [certain('fear'), certain('fear'), certain('happy')];

  it('ranks a film two love and one hates below one all three like (least misery)', () => {
    const weights = friendsTable();
    const group = askGroup([slasher, whodunit], friends, 'custom', { weights });
    expect(ids(group.picks)).toEqual(['whodunit', 'slasher']);
    // On their own, the two afraid friends would have the slasher first: the average favours it too.
    const alone = rankPicks({
      films: [slasher, whodunit],
      probabilities: certain('fear'),
      strategy: 'custom',
      weights,
      nudges: NO_NUDGES,
      hidden: new Set(),
      recent: new Set(),
    });
    expect(ids(alone.picks)[0]).toBe('slasher');
  });

  it('breaks a tie of the least pleased member by the average', () => {
    const weights = customFrom('match');
    weights.fear = { Horror: 1, Mystery: 0.8 };
    weights.happy = { Comedy: 1, Mystery: 0.8 };
    const mystery = film({ id: 'mystery', genres: ['Mystery'] });
    const horrorMystery = film({ id: 'horror-mystery', genres: ['Horror', 'Mystery'] });
    const group = askGroup([mystery, horrorMystery], [certain('fear'), certain('happy')], 'custom', { weights });
    expect(ids(group.picks)).toEqual(['horror-mystery', 'mystery']);
  });

  it('says how many people each pick fits', () => {
    const weights = friendsTable();
    const { picks } = askGroup([slasher, whodunit], friends, 'custom', { weights });
    expect(picks.find((pick) => pick.id === 'whodunit')!.fitsPeople).toEqual({ fits: 3, of: 3 });
    expect(picks.find((pick) => pick.id === 'slasher')!.fitsPeople).toEqual({ fits: 2, of: 3 });
  });

  it('applies lift per member: no plain drama while one of them is sad', () => {
    const plainDrama = film({ id: 'plain-drama', genres: ['Drama', 'Adventure'], rating: 4.8, ratingCount: 2000 });
    const comedy = film({ id: 'comedy', genres: ['Comedy'], rating: 3.2 });
    const group = askGroup([plainDrama, comedy], [certain('surprise'), certain('surprise'), certain('sad')], 'lift');
    expect(ids(group.picks)).toEqual(['comedy']);
    // Without the sad member, the drama-adventure would be picked.
    expect(ids(askGroup([plainDrama, comedy], [certain('surprise'), certain('surprise')], 'lift').picks)).toContain(
      'plain-drama',
    );
  });

  it('shares hidden, recent and paging with single picks', () => {
    const films = Array.from({ length: 12 }, (_, i) =>
      film({ id: `c${i}`, genres: i % 2 ? ['Comedy'] : ['Comedy', 'Drama'], rating: 3 + i / 10 }),
    );
    const members = [certain('happy'), mixed({ happy: 0.5, sad: 0.5 })];
    const first = askGroup(films, members);
    const hidden = new Set([first.picks[0]!.id]);
    const recent = new Set([first.picks[1]!.id]);
    const pages = [0, 1, 2].map((page) => askGroup(films, members, 'match', { hidden, recent, page }));
    const shown = pages.flatMap((page) => ids(page.picks));
    expect(shown).toHaveLength(11);
    expect(new Set(shown).size).toBe(11);
    expect(shown).not.toContain(first.picks[0]!.id);
    expect(shown.at(-1)).toBe(first.picks[1]!.id);
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
  });

  it('needs at least one person', () => {
    expect(() => askGroup([whodunit], [])).toThrow();
  });
});

describe("a group's own mood in its reasons", () => {
  it('names the mood all share, most share ("mostly"), or every mood they have', () => {
    expect(groupAudience([certain('neutral'), certain('neutral')])).toEqual({
      kind: 'group',
      emotions: ['neutral'],
      mostly: false,
    });
    expect(groupAudience([certain('neutral'), certain('neutral'), certain('happy')])).toEqual({
      kind: 'group',
      emotions: ['neutral'],
      mostly: true,
    });
    expect(groupAudience([certain('happy'), certain('sad')])).toMatchObject({ emotions: ['happy', 'sad'] });
  });
});

describe('group mood', () => {
  it('is the top of the mean distribution', () => {
    // Two mildly happy people and one very sad one: on average the group is sad.
    const members = [mixed({ happy: 0.6, sad: 0.4 }), mixed({ happy: 0.6, sad: 0.4 }), certain('sad')];
    expect(groupMood(members)).toBe('sad');
    expect(meanDistribution(members).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1);
    expect(groupMood([certain('surprise')])).toBe('surprise');
  });
});

describe(movieLensSuite('group picks'), () => {
  const films = loadMovieLens();

  it('gives a happy, a sad and an afraid viewer good films, and says honestly whom each fits', () => {
    const members = [certain('happy'), certain('sad'), certain('fear')];
    for (const strategy of ['match', 'lift'] as const) {
      const weights = weightsFor(strategy, null);
      const { picks } = rankGroupPicks({
        films,
        members,
        strategy,
        weights,
        nudges: NO_NUDGES,
        hidden: new Set(),
        recent: new Set(),
        pageSize: 10,
      });
      expect(picks).toHaveLength(10);
      for (const pick of picks) {
        const found = films.find((f) => f.id === pick.id)!;
        expect(found.ratingCount, pick.title).toBeGreaterThanOrEqual(20);
        const fits = members.filter((member) =>
          fitsMood(found, moodScorer(member, strategy, weights, NO_NUDGES)),
        ).length;
        expect(pick.fitsPeople).toEqual({ fits, of: 3 });
        expect(fits).toBeGreaterThan(0);
      }
    }
  });

  it('gives a group of one the same picks as one reading', () => {
    const cases: [number[], Strategy][] = [
      [certain('happy'), 'match'],
      [mixed({ sad: 0.55, surprise: 0.45 }), 'lift'],
      [mixed({ angry: 0.3, fear: 0.3, neutral: 0.4 }), 'custom'],
    ];
    for (const [reading, strategy] of cases) {
      for (const page of [0, 2]) {
        const scene = { ...sceneWithoutHistory(films, strategy), page };
        const single = rankPicks({ ...scene, probabilities: reading });
        const group = rankGroupPicks({ ...scene, members: [reading] });
        expect(group.hasMore).toBe(single.hasMore);
        expect(group.picks.map(({ fitsPeople: _fits, ...pick }) => pick)).toEqual(single.picks);
        // Every pick fits the one person under the one rule (through their top or a blended emotion).
        for (const pick of group.picks) expect(pick.fitsPeople).toEqual({ fits: 1, of: 1 });
      }
    }
  });

  it('finds films that fit a sad and a happy friend under lift, with no plain drama', () => {
    const { picks } = askGroup(films, [certain('sad'), certain('happy')], 'lift');
    expect(picks).toHaveLength(5);
    for (const pick of picks) {
      expect(pick.fitsPeople).toEqual({ fits: 2, of: 2 });
      const lifting = Object.keys(LIFT_WEIGHTS.sad).filter((genre) => LIFT_WEIGHTS.sad[genre as 'Drama']! > 0);
      const avoided = LIFT_AVOIDS.sad.some((genre) => pick.genres.includes(genre));
      expect(avoided && !pick.genres.some((genre) => lifting.includes(genre))).toBe(false);
    }
  });
});
