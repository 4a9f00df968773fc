import { describe, expect, it } from 'vitest';
import { GENRES, type Genre } from '../catalogue/types';
import { EMOTIONS, type Emotion } from '../mood/emotions';
import { NO_NUDGES } from './feedback';
import { breaksAvoidRule, fitsMood } from './fit';
import { rankPicks } from './rank';
import { genreTones } from './genre-tone';
import { moodScorer } from './relevance';
import { customFrom, weightsFor } from './strategies';
import { certain, loadMovieLens, mixed, movieLensSuite } from '../../tests/support/test-films';
import { STRATEGIES, type Strategy } from './types';

const match = weightsFor('match', null);
const lift = weightsFor('lift', null);
const scorer = (
  emotion: Emotion,
  strategy: Strategy = 'match',
  weights = weightsFor(strategy, null),
  nudges = NO_NUDGES,
) => moodScorer(certain(emotion), strategy, weights, nudges);

describe('fits the mood (the one rule)', () => {
  it('names the genre, the tone words and the mood', () => {
    expect(fitsMood({ genres: ['Comedy', 'Romance'] }, scorer('happy'))).toEqual({
      emotion: 'happy',
      genre: 'Comedy',
      reason: 'Romantic comedy for your happy mood',
    });
    expect(fitsMood({ genres: ['Comedy'], tone: [0.9, 0.6, -0.5, -0.4, 0] }, scorer('happy'))?.reason).toBe(
      'Light, gentle comedy for your happy mood',
    );
    expect(fitsMood({ genres: ['Comedy'], tone: [0.4, 0.9, -0.5, -0.4, 0] }, scorer('sad', 'lift'))?.reason).toBe(
      'Warm, gentle comedy to lift a sad mood',
    );
    const custom = customFrom('match');
    custom.sad = { Western: 0.9 };
    expect(fitsMood({ genres: ['Western'] }, scorer('sad', 'custom', custom))?.reason).toBe(
      'Western for your sad mood',
    );
    expect(fitsMood({ genres: ['Horror'] }, scorer('fear'))?.reason).toBe('Horror film for your fearful mood');
  });

  it('says lift lifts a negative mood and keeps a happy one going', () => {
    expect(fitsMood({ genres: ['Comedy'] }, scorer('happy', 'lift'))?.reason).toBe('Comedy to keep a happy mood going');
    expect(fitsMood({ genres: ['Animation'] }, scorer('angry', 'lift'))?.reason).toBe(
      'Animated film to calm an angry mood',
    );
    expect(fitsMood({ genres: ['Children'] }, scorer('fear', 'lift'))?.reason).toBe(
      'Family film to ease a fearful mood',
    );
  });

  it('lets tone alone lift a mood under lift, but never a dark film, and never past an avoid rule', () => {
    const lightAdventure = { genres: ['Adventure'] as Genre[], tone: [0.8, 0.9, -0.3, -0.2, 0.3] };
    expect(fitsMood(lightAdventure, scorer('sad', 'lift'))?.reason).toBe('Warm, light adventure to lift a sad mood');
    // The same adventure with a neutral tone does not lift a sad viewer: it has no genre that does.
    expect(fitsMood({ genres: ['Adventure'] }, scorer('sad', 'lift'))).toBeNull();
    const darkComedy = { genres: ['Comedy'] as Genre[], tone: [-0.5, 0.2, 0, 0, 0.6] };
    for (const emotion of EMOTIONS) expect(fitsMood(darkComedy, scorer(emotion, 'lift'))).toBeNull();
    const warmDrama = { genres: ['Drama'] as Genre[], tone: [0.8, 0.9, -0.5, -0.5, 0.3] };
    expect(fitsMood(warmDrama, scorer('sad', 'lift'))).toBeNull();
    // Under match the genre table stays the rule: tone orders within it and never adds a genre.
    expect(fitsMood(lightAdventure, scorer('happy'))).toBeNull();
  });

  it('names the best-weighted genre the film has', () => {
    const toyStory = { genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] as Genre[] };
    expect(fitsMood(toyStory, scorer('happy'))?.genre).toBe('Comedy');
    expect(fitsMood({ genres: ['Children', 'Musical'] }, scorer('sad', 'lift'))?.genre).toBe('Musical');
  });

  it('does not fit when no genre is weighed positively, or the tone works against the mood', () => {
    expect(fitsMood({ genres: ['Drama'] }, scorer('happy'))).toBeNull();
    expect(fitsMood({ genres: [] }, scorer('happy'))).toBeNull();
    expect(fitsMood({ genres: ['Drama'] }, scorer('sad', 'lift'))).toBeNull();
    expect(fitsMood({ genres: ['Horror', 'Thriller'] }, scorer('fear', 'lift'))).toBeNull();
    expect(fitsMood({ genres: ['Comedy', 'Crime'], tone: [-1, -0.8, 0.6, 0.5, 0.5] }, scorer('happy'))).toBeNull();
  });

  it("counts the user's nudges: a genre turned down for the mood stops fitting", () => {
    const nudges = { ...NO_NUDGES, happy: { Comedy: -0.5 } };
    expect(fitsMood({ genres: ['Comedy'] }, scorer('happy'))).not.toBeNull();
    expect(fitsMood({ genres: ['Comedy'] }, scorer('happy', 'match', match, nudges))).toBeNull();
    expect(fitsMood({ genres: ['Comedy'] }, scorer('sad', 'match', match, nudges))).toBeNull();
  });

  it('keeps the avoid rule: a drama that is also a comedy may lift a sad mood, a plain drama never', () => {
    expect(breaksAvoidRule(['Drama'], 'sad', 'lift', lift)).toBe(true);
    expect(breaksAvoidRule(['Drama', 'Comedy'], 'sad', 'lift', lift)).toBe(false);
    expect(breaksAvoidRule(['Drama'], 'sad', 'match', match)).toBe(false);
    expect(breaksAvoidRule(['Drama'], 'sad', 'custom', customFrom('lift'))).toBe(false);
  });

  it('fits a mixed reading through either of its emotions', () => {
    const halves = moodScorer(mixed({ happy: 0.6, sad: 0.4 }), 'match', match, NO_NUDGES);
    expect(fitsMood({ genres: ['Comedy'] }, halves)?.emotion).toBe('happy');
    expect(fitsMood({ genres: ['Drama'] }, halves)?.emotion).toBe('sad');
    expect(fitsMood({ genres: ['Horror'] }, halves)).toBeNull();
  });

  it('reads as a sentence for every emotion and strategy', () => {
    for (const strategy of STRATEGIES) {
      const weights = weightsFor(strategy, null);
      for (const emotion of EMOTIONS) {
        const genre = [...GENRES].sort((a, b) => (weights[emotion][b] ?? 0) - (weights[emotion][a] ?? 0))[0]!;
        const reason = fitsMood({ genres: [genre] }, scorer(emotion, strategy))!.reason;
        expect(reason).toMatch(/^[A-Z][a-z -]+ (for your|to) [a-z ]+ mood( going)?$/);
        expect(reason).not.toMatch(/afraid|disgust |surprise mood|undefined/);
      }
    }
  });
});

describe(movieLensSuite('one rule for badges and picks'), () => {
  it('badges every film the picks show as fitting, for every reading and strategy', { timeout: 60_000 }, () => {
    const films = loadMovieLens();
    const byId = new Map(films.map((f) => [f.id, f]));
    const readings = [...EMOTIONS.map((e) => certain(e)), mixed({ happy: 0.55, sad: 0.45 })];
    for (const strategy of ['match', 'lift'] as const) {
      for (const probabilities of readings) {
        const weights = weightsFor(strategy, null);
        const page = rankPicks({
          films,
          probabilities,
          strategy,
          weights,
          nudges: NO_NUDGES,
          hidden: new Set(),
          recent: new Set(),
          pageSize: 10,
        });
        const rule = moodScorer(probabilities, strategy, weights, NO_NUDGES, { genreTones: genreTones(films) });
        expect(page.picks.length).toBe(10);
        // Fillers (broadly loved films, films of a lesser emotion) say so and are not said to fit.
        for (const pick of page.picks.filter((p) => p.kind === undefined || p.kind === 'yours'))
          expect(fitsMood(byId.get(pick.id)!, rule), pick.title).not.toBeNull();
      }
    }
  });
});
