import { describe, expect, it } from 'vitest';
import { GENRES, type Genre } from '../catalogue/types';
import { EMOTIONS } from '../mood/emotions';
import { breaksAvoidRule, fitFor } from './fit';
import { customFrom, weightsFor } from './strategies';
import { STRATEGIES } from './types';

const match = weightsFor('match', null);
const lift = weightsFor('lift', null);

describe('fits the mood', () => {
  it('names the genre and the mood: match and custom', () => {
    expect(fitFor({ genres: ['Comedy', 'Romance'] }, 'happy', 'match', match)).toEqual({
      emotion: 'happy',
      genre: 'Comedy',
      reason: 'Comedy · fits your happy mood',
    });
    const custom = customFrom('match');
    custom.sad = { Western: 0.6 };
    expect(fitFor({ genres: ['Western'] }, 'sad', 'custom', custom)?.reason).toBe('Western · fits your sad mood');
    expect(fitFor({ genres: ['Horror'] }, 'fear', 'match', match)?.reason).toBe('Horror · fits your fearful mood');
  });

  it('says lift lifts a negative mood and keeps a happy one going', () => {
    expect(fitFor({ genres: ['Animation', 'Drama'] }, 'sad', 'lift', lift)?.reason).toBe(
      'Animation · to lift a sad mood',
    );
    expect(fitFor({ genres: ['Comedy'] }, 'happy', 'lift', lift)?.reason).toBe('Comedy · to keep a happy mood going');
    expect(fitFor({ genres: ['Comedy'] }, 'angry', 'lift', lift)?.reason).toBe('Comedy · to calm an angry mood');
    expect(fitFor({ genres: ['Children'] }, 'fear', 'lift', lift)?.reason).toBe('Children · to ease a fearful mood');
  });

  it('names the best-weighted genre the film has', () => {
    // Toy Story: a family comedy fits a happy mood as a comedy, Comedy coming first in the table.
    const toyStory = { genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] as Genre[] };
    expect(fitFor(toyStory, 'happy', 'match', match)?.genre).toBe('Comedy');
    expect(fitFor({ genres: ['Children', 'Musical'] }, 'sad', 'lift', lift)?.genre).toBe('Children');
  });

  it('does not fit when no genre is weighed positively', () => {
    expect(fitFor({ genres: ['Drama'] }, 'happy', 'match', match)).toBeNull();
    expect(fitFor({ genres: [] }, 'happy', 'match', match)).toBeNull();
    expect(fitFor({ genres: ['Drama'] }, 'sad', 'lift', lift)).toBeNull();
    expect(fitFor({ genres: ['Horror', 'Thriller'] }, 'fear', 'lift', lift)).toBeNull();
  });

  it('keeps the avoid rule: a drama that is also a comedy may lift a sad mood, a plain drama never', () => {
    expect(breaksAvoidRule(['Drama'], 'sad', 'lift', lift)).toBe(true);
    expect(breaksAvoidRule(['Drama', 'Romance'], 'sad', 'lift', lift)).toBe(true);
    expect(breaksAvoidRule(['Drama', 'Comedy'], 'sad', 'lift', lift)).toBe(false);
    expect(fitFor({ genres: ['Comedy', 'Drama'] }, 'sad', 'lift', lift)?.genre).toBe('Comedy');
    expect(breaksAvoidRule(['Horror', 'Mystery'], 'fear', 'lift', lift)).toBe(true);
    // Only lift avoids: match and custom tables never exclude a film by the rule.
    expect(breaksAvoidRule(['Drama'], 'sad', 'match', match)).toBe(false);
    expect(breaksAvoidRule(['Drama'], 'sad', 'custom', customFrom('lift'))).toBe(false);
  });

  it('reads as a sentence for every emotion and strategy', () => {
    for (const strategy of STRATEGIES) {
      const weights = weightsFor(strategy, null);
      for (const emotion of EMOTIONS) {
        const genre = GENRES.find((g) => (weights[emotion][g] ?? 0) > 0)!;
        const reason = fitFor({ genres: [genre] }, emotion, strategy, weights)!.reason;
        expect(reason).toMatch(new RegExp(`^${genre} · (fits your|to) [a-z ]+ mood( going)?$`));
        expect(reason).not.toMatch(/afraid|disgust |surprise mood|undefined/);
      }
    }
  });
});
