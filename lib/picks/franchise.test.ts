import { describe, expect, it } from 'vitest';
import { franchiseKey, franchiseKeys } from './franchise';
import { loadMovieLens, movieLensSuite } from '../../tests/support/test-films';

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
    oneSeries([
      'Star Wars: Episode IV - A New Hope',
      'Star Wars: Episode I - The Phantom Menace',
      'Star Wars: The Last Jedi',
    ]);
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

  it('sees "&" and "and", "Part II" and "2", subtitles after ":", and a series named after "with" as one', () => {
    const shared = (a: string, b: string) =>
      franchiseKeys({ title: a }).some((key) => franchiseKeys({ title: b }).includes(key));
    expect(shared('A Grand Day Out with Wallace and Gromit', 'Wallace & Gromit: The Wrong Trousers')).toBe(true);
    expect(shared('The Godfather: Part II', 'The Godfather 2')).toBe(true);
    expect(shared('Fast & Furious', 'Fast and Furious 6')).toBe(true);
    expect(shared('Kill Bill: Vol. 1', 'Kill Bill: Vol. 2')).toBe(true);
    expect(shared('Dances with Wolves', 'Wolves')).toBe(false);
    expect(shared('Gone with the Wind', 'The Wind')).toBe(false);
  });

  it('keeps different films apart', () => {
    const titles = [
      'Toy Story',
      'Toy Soldiers',
      'Die Hard',
      'Hard Target',
      'Star Trek',
      'Beauty and the Beast',
      'Shrek',
    ];
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
      // Toy Story 4 (2019) comes from the 32M title list joined to latest-small.
      [/^Toy Story( \d)?$/, 4],
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
