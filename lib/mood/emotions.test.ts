import { describe, expect, it } from 'vitest';
import { EMOTIONS, isEmotion, moodWithArticle, MOOD_WORD, topEmotion } from './emotions';

describe('emotions', () => {
  it('keeps the model output order', () => {
    expect(EMOTIONS).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
  });
  it('picks the most probable emotion', () => {
    expect(topEmotion([0.1, 0, 0, 0.2, 0, 0.6, 0.1])).toBe('surprise');
    expect(() => topEmotion([1])).toThrow(/7 probabilities/);
  });
  it('tells an emotion name from anything else (stored and imported data is checked with it)', () => {
    expect(isEmotion('happy')).toBe(true);
    expect(isEmotion('contempt')).toBe(false);
    expect(isEmotion(3)).toBe(false);
  });
  it('says each mood as it reads in a sentence', () => {
    expect(EMOTIONS.map((e) => `your ${MOOD_WORD[e]} mood`)).not.toContain('your afraid mood');
    expect(moodWithArticle('angry')).toBe('an angry');
    expect(moodWithArticle('fear')).toBe('a fearful');
  });
});
