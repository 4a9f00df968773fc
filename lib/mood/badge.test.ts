import { describe, expect, it } from 'vitest';
import { badgeFor } from './badge';
import { EMOTIONS, EMOTION_EMOJI } from './emotions';

describe('badge', () => {
  it("shows the mood's emoji (the popup's), says the mood in the title, and clears without one", () => {
    expect(badgeFor('happy').text).toBe('😄');
    expect(badgeFor('neutral').text).toBe('😐');
    expect(badgeFor('neutral').title).toBe('MoodReel: you look neutral');
    expect(badgeFor('sad').title).toMatch(/sad/);
    expect(badgeFor(null).text).toBe('');
    for (const emotion of EMOTIONS) expect(badgeFor(emotion).text).toBe(EMOTION_EMOJI[emotion]);
    expect(new Set(EMOTIONS.map((e) => badgeFor(e).text)).size).toBe(EMOTIONS.length);
  });
});
