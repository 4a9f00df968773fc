import { describe, expect, it } from 'vitest';
import { GENRES, type Genre } from '../catalogue/types';
import { EMOTIONS, type Emotion } from '../mood/emotions';
import {
  LIFT_AVOIDS,
  LIFT_WEIGHTS,
  MATCH_WEIGHTS,
  avoidedGenres,
  customFrom,
  sanitizeWeights,
  weightsFor,
} from './strategies';
import type { GenreWeights } from './types';

/** The genres a table weighs positively for an emotion, best first. */
function favoured(weights: GenreWeights, emotion: Emotion): Genre[] {
  return GENRES.filter((genre) => (weights[emotion][genre] ?? 0) > 0).sort(
    (a, b) => weights[emotion][b]! - weights[emotion][a]!,
  );
}

describe('match my mood', () => {
  it("is the original project's mapping, closest genre first", () => {
    expect(favoured(MATCH_WEIGHTS, 'angry')).toEqual(['Action', 'Thriller']);
    expect(favoured(MATCH_WEIGHTS, 'disgust')).toEqual(['Horror']);
    expect(favoured(MATCH_WEIGHTS, 'fear')).toEqual(['Horror', 'Thriller']);
    expect(favoured(MATCH_WEIGHTS, 'happy')).toEqual(['Comedy', 'Children']);
    expect(favoured(MATCH_WEIGHTS, 'sad')).toEqual(['Drama']);
    expect(favoured(MATCH_WEIGHTS, 'surprise')).toEqual(['Adventure', 'Sci-Fi']);
    expect(favoured(MATCH_WEIGHTS, 'neutral')).toEqual(['Documentary']);
  });

  it('avoids nothing; only orders action films after frightening ones, and lighter dramas after sad ones', () => {
    const ordered: Partial<Record<string, [string, number][]>> = {
      fear: [['Action', -0.2]],
      sad: [
        ['Comedy', -0.2],
        ['Children', -0.2],
      ],
    };
    for (const emotion of EMOTIONS) {
      expect(avoidedGenres('match', emotion)).toEqual([]);
      const negative = Object.entries(MATCH_WEIGHTS[emotion]).filter(([, weight]) => weight! < 0);
      expect(negative).toEqual(ordered[emotion] ?? []);
    }
  });
});

describe('lift my mood', () => {
  it('lifts each emotion with the mood-management genres', () => {
    expect(favoured(LIFT_WEIGHTS, 'angry')).toEqual(['Animation', 'Romance', 'Comedy', 'Documentary']);
    expect(favoured(LIFT_WEIGHTS, 'disgust')).toEqual(['Musical', 'Romance', 'Comedy']);
    expect(favoured(LIFT_WEIGHTS, 'fear')).toEqual(['Children', 'Comedy', 'Animation']);
    expect(favoured(LIFT_WEIGHTS, 'sad')).toEqual(['Comedy', 'Musical', 'Children', 'Animation']);
    expect(favoured(LIFT_WEIGHTS, 'happy')).toEqual(['Comedy', 'Adventure', 'Musical']);
    expect(favoured(LIFT_WEIGHTS, 'surprise')).toEqual([
      'Adventure',
      'Sci-Fi',
      'Fantasy',
      'Mystery',
      'Animation',
      'Comedy',
    ]);
    expect(favoured(LIFT_WEIGHTS, 'neutral')).toEqual(['Comedy', 'Adventure', 'Mystery']);
  });

  it('steers negative moods away from what matching would give them, as data', () => {
    expect(avoidedGenres('lift', 'sad')).toEqual(['Drama']);
    expect([...avoidedGenres('lift', 'fear')].sort()).toEqual(['Horror', 'Thriller']);
    expect([...avoidedGenres('lift', 'angry')].sort()).toEqual(['Action', 'Thriller']);
    expect(avoidedGenres('lift', 'disgust')).toEqual(['Horror']);
    for (const emotion of ['angry', 'disgust', 'fear', 'sad'] as const) {
      // Each avoided genre is one match gives that emotion, and lift weighs it below zero.
      for (const genre of LIFT_AVOIDS[emotion]) {
        expect(MATCH_WEIGHTS[emotion][genre]).toBeGreaterThan(0);
        expect(LIFT_WEIGHTS[emotion][genre]).toBeLessThan(0);
      }
    }
    for (const emotion of ['happy', 'surprise', 'neutral'] as const) expect(avoidedGenres('lift', emotion)).toEqual([]);
  });
});

describe('custom weights', () => {
  it('starts from either table as an editable copy', () => {
    const fromLift = customFrom('lift');
    expect(fromLift).toEqual(LIFT_WEIGHTS);
    fromLift.sad.Drama = 1;
    expect(LIFT_WEIGHTS.sad.Drama).toBeLessThan(0);
    expect(customFrom('lift').sad.Drama).toBeLessThan(0);
    expect(customFrom('match')).toEqual(MATCH_WEIGHTS);
  });

  it('clamps weights into [-1, 1] and drops what is not a known genre with a number', () => {
    const stored = {
      ...customFrom('match'),
      happy: {
        'Comedy': 3,
        'Horror': -7,
        'Romance': 0.4,
        'Sci-Fy': 0.9,
        'Drama': '0.5',
        'Western': Number.NaN,
        'War': null,
      },
    };
    const clean = sanitizeWeights(stored);
    expect(clean.happy).toEqual({ Comedy: 1, Horror: -1, Romance: 0.4 });
    expect(clean.sad).toEqual(MATCH_WEIGHTS.sad);
  });

  it('fills a missing or broken emotion from the default table and keeps the rest', () => {
    const clean = sanitizeWeights({ happy: { Documentary: 0.8 }, sad: 'oops' });
    expect(clean.happy).toEqual({ Documentary: 0.8 });
    expect(clean.sad).toEqual(MATCH_WEIGHTS.sad);
    expect(clean.fear).toEqual(MATCH_WEIGHTS.fear);
  });

  it('falls back to the default table for a value that is not a table', () => {
    for (const corrupted of [null, undefined, 'match', 42, [], [1, 2]]) {
      expect(sanitizeWeights(corrupted)).toEqual(MATCH_WEIGHTS);
    }
  });

  it('weightsFor gives the strategy its table, and custom the sanitised stored one', () => {
    expect(weightsFor('match', null)).toEqual(MATCH_WEIGHTS);
    expect(weightsFor('lift', customFrom('match'))).toEqual(LIFT_WEIGHTS);
    expect(weightsFor('custom', null)).toEqual(MATCH_WEIGHTS);
    const mine = customFrom('lift');
    mine.neutral = { Western: 1.5 };
    expect(weightsFor('custom', mine).neutral).toEqual({ Western: 1 });
    expect(weightsFor('custom', mine).sad).toEqual(LIFT_WEIGHTS.sad);
  });
});
