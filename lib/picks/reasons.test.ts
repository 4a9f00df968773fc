import { describe, expect, it } from 'vitest';
import { film } from '../../tests/support/test-films';
import { genrePhrase, purposeText, ratingPhrase, reasonLine, toneWords } from './reasons';
import { toneProfile } from './tone';

describe('reasons about the film', () => {
  it('say genres as a film lover does, never IMAX or "(no genres listed)"', () => {
    expect(genrePhrase(['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy', 'IMAX'], 'Comedy')).toBe(
      'animated family comedy',
    );
    expect(genrePhrase(['Comedy', 'Romance'], 'Comedy')).toBe('romantic comedy');
    expect(genrePhrase(['Action', 'Crime', 'Thriller'], 'Action')).toBe('crime action thriller');
    expect(genrePhrase(['Comedy', 'Drama', 'Romance'], 'Drama')).toBe('romantic comedy-drama');
    expect(genrePhrase(['Crime', 'Drama'], null)).toBe('crime drama');
    expect(genrePhrase(['Horror'], 'Horror')).toBe('horror film');
    expect(genrePhrase(['IMAX'], null)).toBe('film');
    expect(genrePhrase([], null)).toBe('film');
  });

  it("pick tone words and tags the film's own tone does not contradict, those that explain the fit first", () => {
    const happy = toneProfile('match', 'happy');
    // A light, warm film tagged "witty": the tag speaks first.
    expect(toneWords({ tags: ['witty'], tone: [0.8, 0.6, -0.3, -0.2, 0.1] }, happy)).toEqual(['witty', 'warm']);
    // Tagged "feel-good" but dark by its ratings: the tag is not said.
    expect(toneWords({ tags: ['feel-good'], tone: [-0.6, -0.4, 0.5, 0.2, 0.3] }, happy)).not.toContain('feel-good');
    // Never a word against the mood: no "dark" to explain a happy pick.
    expect(toneWords({ tags: [], tone: [-0.6, 0.6, 0, 0, 0] }, happy)).toEqual(['warm']);
    // Words for a fearful viewer; no tone, no words.
    expect(toneWords({ tags: ['suspense'], tone: [-0.7, -0.5, 0.9, 0, 0.8] }, toneProfile('match', 'fear'))).toEqual([
      'suspenseful',
      'absorbing',
    ]);
    expect(toneWords({ tags: ['funny'], tone: null }, happy)).toEqual([]);
  });

  it('give the rating as "4.2 stars from 215 viewers", or the user\'s own', () => {
    expect(ratingPhrase({ rating: 4.24, ratingCount: 1215, source: 'builtin' })).toBe('4.2 stars from 1,215 viewers');
    expect(ratingPhrase({ rating: 4, ratingCount: 1, source: 'builtin' })).toBe('4.0 stars from 1 viewer');
    expect(ratingPhrase({ rating: 4.5, ratingCount: 0, source: 'imported' })).toBe('you rated it 4.5');
    expect(ratingPhrase({ rating: null, ratingCount: 0, source: 'builtin' })).toBeNull();
  });

  it("speak of whose mood it is: the viewer's, both moods of a mixed reading, the group's own", () => {
    expect(purposeText({ kind: 'single', emotions: ['happy'] }, 'match')).toBe('for your happy mood');
    expect(purposeText({ kind: 'single', emotions: ['happy', 'sad'] }, 'match')).toBe('for your happy and sad mood');
    expect(purposeText({ kind: 'single', emotions: ['fear'] }, 'lift')).toBe('to ease a fearful mood');
    expect(purposeText({ kind: 'group', emotions: ['neutral'], mostly: true }, 'match')).toBe(
      'for a mostly neutral group',
    );
    expect(purposeText({ kind: 'group', emotions: ['neutral'], mostly: true }, 'lift')).toBe(
      'to brighten a mostly neutral group',
    );
    expect(purposeText({ kind: 'group', emotions: ['happy', 'sad', 'fear'], mostly: false }, 'lift')).toBe(
      'for a happy, sad and fearful group',
    );
    expect(purposeText({ kind: 'side', emotion: 'sad' }, 'match')).toBe('for the sad side of your mood');
  });

  it('read as one line, with a later part of a series flagged and loved films and your list said as such', () => {
    const postino = film({ genres: ['Comedy', 'Drama', 'Romance'], rating: 4.0, ratingCount: 215, tags: [] });
    const base = { genre: 'Comedy' as const, profile: null, strategy: 'match' as const };
    expect(reasonLine({ ...base, film: postino, audience: { kind: 'single', emotions: ['happy'] } })).toBe(
      'Romantic comedy-drama for your happy mood · 4.0 stars from 215 viewers',
    );
    expect(
      reasonLine({ ...base, film: postino, audience: { kind: 'single', emotions: ['happy'] }, series: 'Part 3 of X' }),
    ).toBe('Part 3 of X · romantic comedy-drama for your happy mood · 4.0 stars from 215 viewers');
    expect(
      reasonLine({ ...base, film: postino, audience: { kind: 'single', emotions: ['happy'] }, kind: 'loved' }),
    ).toBe('Loved by MovieLens viewers · romantic comedy-drama · 4.0 stars from 215 viewers');
    const mine = { ...postino, userRating: 4.5 };
    expect(reasonLine({ ...base, film: mine, audience: { kind: 'single', emotions: ['happy'] }, kind: 'yours' })).toBe(
      'From your list (you rated it 4.5): romantic comedy-drama for your happy mood',
    );
  });
});
