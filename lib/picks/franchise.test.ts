import { describe, expect, it } from 'vitest';
import { franchiseKey, franchiseKeys } from './franchise';
import { loadMovieLens, movieLensSuite } from './test-films';

function oneSeries(titles: string[]): void {
  const keys = new Set(titles.map(franchiseKey));
  expect(keys.size, `${titles.join(' / ')} → ${[...keys].join(' / ')}`).toBe(1);
  expect([...keys][0]).not.toBe('');
}

describe('franchise keys', () => {
  it('puts numbered, subtitled and "and the" sequels in one series', () => {
    oneSeries(['Toy Story', 'Toy Story 2', 'Toy Story 3']);
    oneSeries(['Shrek', 'Shrek 2', 'Shrek the Third']);
    oneSeries(['Die Hard', 'Die Hard 2', 'Die Hard: With a Vengeance']);
    oneSeries(['Star Wars: Episode IV - A New Hope', 'Star Wars: Episode I - The Phantom Menace', 'Star Wars: The Last Jedi']);
    oneSeries([
      "Harry Potter and the Sorcerer's Stone",
      'Harry Potter and the Chamber of Secrets',
      'Harry Potter and the Deathly Hallows: Part 2',
    ]);
    oneSeries(['The Godfather', 'The Godfather: Part II', 'The Godfather: Part III']);
    oneSeries(['Rocky', 'Rocky II', 'Rocky IV']);
    oneSeries(["Ocean's Eleven", "Ocean's Twelve", "Ocean's Thirteen"]);
    oneSeries(['Percy Jackson & the Olympians: The Lightning Thief', 'Percy Jackson: Sea of Monsters']);
  });

  it('keeps different films apart', () => {
    const titles = ['Toy Story', 'Toy Soldiers', 'Die Hard', 'Hard Target', 'Star Trek', 'Beauty and the Beast', 'Shrek'];
    expect(new Set(titles.map(franchiseKey)).size).toBe(titles.length);
    expect(franchiseKey('2001: A Space Odyssey')).toBe('2001');
    expect(franchiseKey('Amélie')).toBe(franchiseKey('Amelie'));
  });

  it('also reads the other titles a film is known by', () => {
    const forever = { title: 'Shrek Forever After', aliases: ['Shrek: The Final Chapter'] };
    expect(franchiseKeys(forever)).toContain(franchiseKey('Shrek 2'));
    expect(franchiseKeys({ title: '', aliases: [] })).toEqual([]);
  });
});

describe(movieLensSuite('franchise keys on real series'), () => {
  it('groups the MovieLens films of each series', () => {
    const films = loadMovieLens();
    const series: [RegExp, number][] = [
      [/^Harry Potter and /, 8],
      [/^Star Wars: Episode /, 7],
      [/^Toy Story( \d)?$/, 3],
      [/^Shrek( 2| the Third| Forever After)?$/, 4],
      [/^Die Hard/, 3],
    ];
    for (const [pattern, expected] of series) {
      const members = films.filter((film) => pattern.test(film.title));
      expect(members.length, String(pattern)).toBe(expected);
      const shared = members
        .map((film) => new Set(franchiseKeys(film)))
        .reduce((common, keys) => new Set([...common].filter((key) => keys.has(key))));
      expect(shared.size, `${pattern}: ${members.map((film) => film.title).join(' / ')}`).toBeGreaterThan(0);
    }
  });
});
