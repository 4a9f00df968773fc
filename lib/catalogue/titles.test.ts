import { describe, expect, it } from 'vitest';
import { filmKey, moveTrailingArticle, normalizeTitle, parseMovieLensTitle, parsePageTitle } from './titles';

describe('parseMovieLensTitle', () => {
  it.each([
    // [MovieLens title, display title, aliases, year]
    ['Shawshank Redemption, The (1994)', 'The Shawshank Redemption', [], 1994],
    [
      'City of Lost Children, The (Cité des enfants perdus, La) (1995)',
      'The City of Lost Children',
      ['La Cité des enfants perdus'],
      1995,
    ],
    ['Seven (a.k.a. Se7en) (1995)', 'Seven', ['Se7en'], 1995],
    [
      'Léon: The Professional (a.k.a. The Professional) (Léon) (1994)',
      'Léon: The Professional',
      ['The Professional', 'Léon'],
      1994,
    ],
    ['Misérables, Les (1995)', 'Les Misérables', [], 1995],
    ["Atalante, L' (1934)", "L'Atalante", [], 1934],
    ["Avventura, L' (Adventure, The) (1960)", "L'Avventura", ['The Adventure'], 1960],
    ['Boot, Das (Boat, The) (1981)', 'Das Boot', ['The Boat'], 1981],
    [
      'Vitelloni, I (a.k.a. The Young and the Passionate) (1953)',
      'I Vitelloni',
      ['The Young and the Passionate'],
      1953,
    ],
    ['Mariachi, El (1992)', 'El Mariachi', [], 1992],
    ['Baader Meinhof Komplex, Der (2008)', 'Der Baader Meinhof Komplex', [], 2008],
    ['Seventh Seal, The (Sjunde inseglet, Det) (1957)', 'The Seventh Seal', ['Det Sjunde inseglet'], 1957],
    ['Woman Is a Woman, A (femme est une femme, Une) (1961)', 'A Woman Is a Woman', ['Une femme est une femme'], 1961],
    ['Impossible, The (Imposible, Lo) (2012)', 'The Impossible', ['Lo Imposible'], 2012],
    [
      'Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il) (1966)',
      'The Good, the Bad and the Ugly',
      ['Il Buono, il brutto, il cattivo'],
      1966,
    ],
    ["Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)", 'Amelie', ["Le Fabuleux destin d'Amélie Poulain"], 2001],
    [
      'Supercop (Police Story 3: Supercop) (Jing cha gu shi III: Chao ji jing cha) (1992)',
      'Supercop',
      ['Police Story 3: Supercop', 'Jing cha gu shi III: Chao ji jing cha'],
      1992,
    ],
  ] as const)('%s', (raw, title, aliases, year) => {
    expect(parseMovieLensTitle(raw)).toEqual({ title, aliases: [...aliases], year });
  });

  it('leaves commas that are part of a title alone', () => {
    expect(parseMovieLensTitle('Monsters, Inc. (2001)').title).toBe('Monsters, Inc.');
    expect(parseMovieLensTitle('Lust, Caution (Se, jie) (2007)')).toEqual({
      title: 'Lust, Caution',
      aliases: ['Se, jie'],
      year: 2007,
    });
    expect(parseMovieLensTitle('I, Tonya (2017)').title).toBe('I, Tonya');
    expect(parseMovieLensTitle('Paris, Texas (1984)').title).toBe('Paris, Texas');
  });

  it('keeps brackets that belong to the title', () => {
    expect(parseMovieLensTitle('(500) Days of Summer (2009)')).toEqual({
      title: '(500) Days of Summer',
      aliases: [],
      year: 2009,
    });
    expect(parseMovieLensTitle('Evangelion: 3.0 You Can (Not) Redo (2012)').title).toBe(
      'Evangelion: 3.0 You Can (Not) Redo',
    );
    expect(parseMovieLensTitle('Evangelion: 1.0 You Are (Not) Alone (Evangerion shin gekijôban: Jo) (2007)')).toEqual({
      title: 'Evangelion: 1.0 You Are (Not) Alone',
      aliases: ['Evangerion shin gekijôban: Jo'],
      year: 2007,
    });
  });

  it('tolerates a missing year, a range and stray spaces', () => {
    expect(parseMovieLensTitle('Babylon 5')).toEqual({ title: 'Babylon 5', aliases: [], year: null });
    expect(parseMovieLensTitle('Death Note: Desu nôto (2006–2007)')).toEqual({
      title: 'Death Note: Desu nôto',
      aliases: [],
      year: 2006,
    });
    expect(parseMovieLensTitle('Runaway Brain (1995) ')).toEqual({ title: 'Runaway Brain', aliases: [], year: 1995 });
    expect(parseMovieLensTitle('  ')).toEqual({ title: '', aliases: [], year: null });
  });

  it('drops an alias that is only the title again', () => {
    expect(parseMovieLensTitle('Mothra (Mothra) (1961)').aliases).toEqual([]);
  });
});

describe('moveTrailingArticle', () => {
  it('moves only articles', () => {
    expect(moveTrailingArticle('Heat, The')).toBe('The Heat');
    expect(moveTrailingArticle('Hip Hop Witch, Da')).toBe('Da Hip Hop Witch');
    expect(moveTrailingArticle('Monsters, Inc.')).toBe('Monsters, Inc.');
    expect(moveTrailingArticle('Vietnam, USA')).toBe('Vietnam, USA');
    expect(moveTrailingArticle('The Heat')).toBe('The Heat');
  });
});

describe('normalizeTitle', () => {
  it.each([
    ['Amélie', 'Amelie'],
    ['AMÉLIE', 'amelie'],
    ['Mamma Mia! Here We Go Again', 'Mamma Mia: Here We Go Again!'],
    ['Fast & Furious', 'Fast and Furious'],
    ['Shawshank Redemption, The', 'The Shawshank Redemption'],
    ['Heat (1995)', 'Heat'],
    ['Heat [1995]', 'heat'],
    ['  The   Godfather ', 'The Godfather'],
    ["Schindler's List", 'Schindler’s List'],
    ['Schindler`s List', 'Schindler’s List'],
    ['Schindler`s List', "SCHINDLER'S LIST (1993)"],
    ['L.A. Confidential', 'LA Confidential'],
    ['Spider-Man', 'Spider Man'],
    ['WALL·E', 'WALL-E'],
    ["Atalante, L'", "L'Atalante"],
    ['Grønne slagtere', 'Gronne slagtere'],
  ])('%s = %s', (a, b) => {
    expect(normalizeTitle(a)).toBe(normalizeTitle(b));
    expect(normalizeTitle(a)).not.toBe('');
  });

  it.each([
    ['Heat', 'The Heat'],
    ['Coco', 'Coco Before Chanel'],
    ['Alien', 'Aliens'],
    ['Psycho', 'Psycho II'],
    ['Heat (1995)', 'Heat 1995'],
  ])('%s ≠ %s', (a, b) => {
    expect(normalizeTitle(a)).not.toBe(normalizeTitle(b));
  });

  it('gives a readable key', () => {
    expect(normalizeTitle('Shawshank Redemption, The (1994)')).toBe('the shawshank redemption');
  });

  it('keys a film by title and year', () => {
    expect(filmKey('Heat, The', 2013)).toBe(filmKey('The Heat', 2013));
    expect(filmKey('The Heat', 2013)).not.toBe(filmKey('The Heat', 2012));
    expect(filmKey('Babylon 5', null)).not.toBe(filmKey('Babylon 5', 1994));
  });
});

describe('title keys on hostile input', () => {
  // A page (or a message) can send any string. The year pattern once began with `\s*`, which rescans a run
  // of spaces from each of its positions: 200,000 spaces took about half a minute. Linear, it is a few ms;
  // the bound below is far above that and far below the quadratic time.
  it.each([
    ['a run of spaces between words', `a${' '.repeat(200_000)}b`, 'a b'],
    ['a run of spaces before a bracket that is no year', `Heat${' '.repeat(200_000)}(x)`, 'heat x'],
    ['a run of spaces after a year', `Heat (1995)${' '.repeat(200_000)}!`, 'heat 1995'],
  ])('normalises %s in linear time', (_label, title, key) => {
    const started = performance.now();
    expect(normalizeTitle(title)).toBe(key);
    expect(parseMovieLensTitle(title).title.length).toBeLessThan(20);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('parsePageTitle (the one parser of a title as a streaming page shows it)', () => {
  it('cuts a trailing group set off by a space and reads a year or series words in it', () => {
    expect(parsePageTitle('Heat (1995)')).toEqual({ title: 'Heat', year: 1995, series: false, cut: true });
    expect(parsePageTitle('Wednesday (Season 2)')).toEqual({ title: 'Wednesday', year: null, series: true, cut: true });
    expect(parsePageTitle('Dark (Staffel 3)').series).toBe(true);
    expect(parsePageTitle('The Office [U.S.]')).toEqual({ title: 'The Office', year: null, series: false, cut: true });
    expect(parsePageTitle('Coco (Dubbed)')).toMatchObject({ title: 'Coco', year: null, cut: true });
  });
  it('keeps a title that is only brackets, or whose brackets are part of it', () => {
    expect(parsePageTitle('(500) Days of Summer')).toMatchObject({ title: '(500) Days of Summer', cut: false });
    expect(parsePageTitle('(Untitled)')).toMatchObject({ title: '(Untitled)', cut: false });
    expect(parsePageTitle('You Are (Not) Alone')).toMatchObject({ title: 'You Are (Not) Alone', cut: false });
  });
  it('stays linear on runs of spaces and brackets', () => {
    const started = performance.now();
    parsePageTitle(`a${' '.repeat(200_000)}(x${' '.repeat(200_000)}`);
    parsePageTitle('('.repeat(200_000));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
