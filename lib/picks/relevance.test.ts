import { describe, expect, it } from 'vitest';
import { GENRES, type Genre } from '../catalogue/types';
import { NO_NUDGES } from './feedback';
import { AVOID_RULE_MIN_SHARE, FIT_MIN, SECOND_GENRE_SHARE, moodScorer } from './relevance';
import { customFrom, weightsFor } from './strategies';
import { certain, mixed } from '../../tests/support/test-films';
import type { Strategy } from './types';

function relevance(genres: Genre[], probabilities: number[], strategy: Strategy = 'match', nudges = NO_NUDGES) {
  return moodScorer(probabilities, strategy, weightsFor(strategy, null), nudges).relevance({ genres, tone: null });
}

describe('relevance of a genre set to a reading', () => {
  it('does not let a film win by its number of genres', () => {
    const happy = certain('happy');
    const everything = relevance([...GENRES], happy)!;
    const familyComedy = relevance(['Children', 'Comedy'], happy)!;
    expect(everything).toBeLessThanOrEqual(familyComedy);
    // Six unrelated genres add nothing to a comedy.
    expect(relevance(['Comedy', 'Crime', 'Film-Noir', 'Mystery', 'Romance', 'War', 'Western'], happy)).toBe(
      relevance(['Comedy'], happy),
    );
    // The positive part is capped: best weight plus a share of the second.
    expect(everything).toBeLessThanOrEqual(1 + SECOND_GENRE_SHARE);
  });

  it('counts a second on-mood genre a little', () => {
    const happy = certain('happy');
    expect(relevance(['Children', 'Comedy'], happy)!).toBeGreaterThan(relevance(['Comedy'], happy)!);
    expect(relevance(['Children', 'Comedy'], happy)!).toBeLessThan(2 * relevance(['Comedy'], happy)!);
  });

  it('takes an avoided genre off, so only a warm comedy-drama still lifts a sad mood', () => {
    const scorer = moodScorer(certain('sad'), 'lift', weightsFor('lift', null), NO_NUDGES);
    const sad = 4;
    expect(scorer.fits({ genres: ['Comedy', 'Drama'] })[sad]!).toBeLessThan(scorer.fits({ genres: ['Comedy'] })[sad]!);
    expect(scorer.relevance({ genres: ['Comedy', 'Drama'], tone: [0.5, 0.8, -0.3, 0, 0] })).toBeGreaterThan(FIT_MIN);
    expect(scorer.relevance({ genres: ['Comedy', 'Drama'], tone: [-0.5, -0.5, 0, 0.8, 0] })).toBeNull();
  });

  it('lets tone decide: a light comedy fits a happy mood, a dark violent one does not', () => {
    const scorer = moodScorer(certain('happy'), 'match', weightsFor('match', null), NO_NUDGES);
    const light = { genres: ['Comedy'] as Genre[], tone: [0.9, 0.7, -0.4, -0.3, 0.2] };
    const dark = { genres: ['Comedy', 'Crime'] as Genre[], tone: [-1, -0.7, 0.5, 0.6, 0.9] };
    expect(scorer.relevance(light)!).toBeGreaterThan(scorer.relevance({ genres: ['Comedy'] })!);
    expect(scorer.relevance(dark)).toBeNull();
    expect(scorer.fittingEmotion(dark)).toBe(-1);
  });

  it('matches a sad viewer with sad dramas first, a comedy-drama after them, a light one not at all', () => {
    const scorer = moodScorer(certain('sad'), 'match', weightsFor('match', null), NO_NUDGES);
    const sadTone = [-0.5, 0, 0, 0.8, 0.5];
    const plain = scorer.relevance({ genres: ['Drama'], tone: sadTone })!;
    const comedyDrama = scorer.relevance({ genres: ['Comedy', 'Drama'], tone: sadTone })!;
    const familyDrama = scorer.relevance({ genres: ['Children', 'Drama'], tone: sadTone })!;
    expect(comedyDrama).toBeGreaterThanOrEqual(FIT_MIN);
    expect(comedyDrama).toBeLessThan(plain);
    expect(familyDrama).toBeLessThan(plain);
    // Light and warm: it does not match a sad mood, though a plain drama of that tone still would.
    const lightTone = [0.6, 0.8, -0.4, -0.2, 0];
    expect(scorer.relevance({ genres: ['Comedy', 'Drama'], tone: lightTone })).toBeNull();
    expect(scorer.relevance({ genres: ['Drama'], tone: lightTone })).not.toBeNull();
    // Still the seed's rule: a comedy alone never fits a sad viewer under match.
    expect(scorer.relevance({ genres: ['Comedy'], tone: sadTone })).toBeNull();
  });

  it('weighs each emotion by its probability', () => {
    const half = mixed({ happy: 0.5, surprise: 0.5 });
    expect(relevance(['Comedy'], half)).toBeCloseTo(relevance(['Comedy'], certain('happy'))! / 2);
    expect(relevance(['Adventure'], half)).toBeCloseTo(relevance(['Adventure'], certain('surprise'))! / 2);
    // A film that fits both halves fits the whole reading.
    expect(relevance(['Adventure', 'Comedy'], half)!).toBeGreaterThan(relevance(['Comedy'], half)!);
    expect(relevance(['Horror'], half)).toBeNull();
  });

  it("applies lift's avoid rule to every emotion read with a real share", () => {
    const mostlySad = mixed({ sad: 0.55, surprise: 0.45 });
    // Without the rule this sci-fi drama would score (its Sci-Fi lifts the surprised part).
    const scorer = moodScorer(mostlySad, 'lift', weightsFor('lift', null), NO_NUDGES);
    expect(scorer.fits({ genres: ['Drama', 'Sci-Fi'] as Genre[] })[5]).toBeGreaterThan(0);
    expect(scorer.relevance({ genres: ['Drama', 'Sci-Fi'] as Genre[] })).toBeNull();
    expect(scorer.relevance({ genres: ['Comedy', 'Drama', 'Sci-Fi'] as Genre[] })).toBeGreaterThan(0);
    const barelySad = mixed({ sad: AVOID_RULE_MIN_SHARE / 2, surprise: 1 - AVOID_RULE_MIN_SHARE / 2 });
    expect(relevance(['Drama', 'Sci-Fi'], barelySad, 'lift')).toBeGreaterThan(0);
    // The top emotion always applies, whatever its share.
    const flat = mixed({ fear: 0.2, happy: 0.19, sad: 0.19, surprise: 0.14, neutral: 0.14, angry: 0.14 });
    expect(relevance(['Horror', 'Mystery'], flat, 'lift')).toBeNull();
  });

  it('applies no avoid rule to a custom table started from lift', () => {
    const scorer = moodScorer(mixed({ sad: 0.55, surprise: 0.45 }), 'custom', customFrom('lift'), NO_NUDGES);
    expect(scorer.relevance({ genres: ['Drama', 'Sci-Fi'] as Genre[] })).toBeGreaterThan(0);
  });

  it('adds the nudges on top of the table, even for a genre already weighed 1', () => {
    const happy = certain('happy');
    const nudges = { ...NO_NUDGES, happy: { Comedy: 0.2 } };
    expect(relevance(['Comedy'], happy, 'match', nudges)!).toBeCloseTo(relevance(['Comedy'], happy)! + 0.2);
    expect(relevance(['Comedy'], certain('sad'), 'match', nudges)).toBeNull();
  });
});
