import { describe, expect, it } from 'vitest';
import { EMOTIONS, type Emotion } from './emotions';
import { describeShares, mixedMoodWords } from './mixed-mood';

const reading = (parts: Partial<Record<Emotion, number>>) => {
  const given = Object.values(parts).reduce((a, b) => a + b, 0);
  const rest = EMOTIONS.filter((e) => parts[e] === undefined);
  return EMOTIONS.map((e) => parts[e] ?? (1 - given) / rest.length);
};

describe('a mixed reading in words', () => {
  it('says nothing when one emotion holds half the reading or more', () => {
    expect(mixedMoodWords(reading({ happy: 0.5, neutral: 0.4 }))).toBeNull();
    expect(mixedMoodWords(reading({ sad: 1 }))).toBeNull();
  });

  it('names the top emotion and the others that count', () => {
    expect(mixedMoodWords(reading({ neutral: 0.45, happy: 0.3 }))).toBe('mostly neutral, a bit happy');
    expect(mixedMoodWords(reading({ sad: 0.42, fear: 0.2, neutral: 0.25 }))).toBe(
      'mostly sad, a bit neutral and fearful',
    );
  });

  it('calls a near tie a tie, and a spread reading spread', () => {
    expect(mixedMoodWords(reading({ sad: 0.4, neutral: 0.37 }))).toBe('between sad and neutral');
    expect(mixedMoodWords(reading({ surprise: 0.4 }))).toBe('mostly surprised, with a little of everything');
  });
});

describe('a reading in shares', () => {
  it('lists the larger parts first, as percentages', () => {
    expect(describeShares(reading({ neutral: 0.6, sad: 0.25, fear: 0.08, angry: 0.03, happy: 0.02 }))).toBe(
      '60 % neutral, 25 % sad, 8 % fearful',
    );
  });
});
