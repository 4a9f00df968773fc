// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { findTiles, normaliseText, parseYear, readTileText, tileTextKey, splitTitle } from './read';
import type { SiteAdapter, TileRule } from './types';

describe('splitTitle', () => {
  it('cuts a trailing " (…)", keeping a year and noticing a season', () => {
    expect(splitTitle('The Lion King (1994)')).toEqual({ title: 'The Lion King', year: 1994, series: false });
    expect(splitTitle('Spirited Away (English Dub)')).toEqual({ title: 'Spirited Away', year: null, series: false });
    expect(splitTitle('Wednesday (Season 2)')).toEqual({ title: 'Wednesday', year: null, series: true });
    expect(splitTitle('Money Heist (Limited Series)')).toEqual({ title: 'Money Heist', year: null, series: true });
  });

  it('leaves titles without a suffix, and a title that is only a parenthesis, alone', () => {
    expect(splitTitle('Heat')).toEqual({ title: 'Heat', year: null, series: false });
    expect(splitTitle('(500) Days of Summer')).toEqual({ title: '(500) Days of Summer', year: null, series: false });
    expect(splitTitle('(Untitled)')).toEqual({ title: '(Untitled)', year: null, series: false });
  });

  it('drops invisible marks and extra spaces', () => {
    expect(splitTitle('\u2066Toy   Story\u2069 ').title).toBe('Toy Story');
    expect(normaliseText('  a \n b  ')).toBe('a b');
  });
});

describe('parseYear', () => {
  it('finds a plausible year only', () => {
    expect(parseYear('Rated PG Released 2016. Animation')).toBe(2016);
    expect(parseYear('Season 1 Episode 3, 20 minutes')).toBeNull();
    expect(parseYear('12345')).toBeNull();
    expect(parseYear(null)).toBeNull();
  });
});

describe('tiles', () => {
  const rule: TileRule = {
    selector: '.card',
    title: [{ attr: 'aria-label' }, { text: '.name' }],
    kind: [{ from: { attr: 'data-type' }, movie: /^movie$/i, series: /show/i, other: /event/i }],
  };
  const adapter: SiteAdapter = {
    id: 'netflix',
    name: 'Test',
    host: 'www.example.test',
    matches: ['*://www.example.test/*'],
    homePaths: [/^\/$/],
    rows: ['.row'],
    tiles: [rule],
    titleAttributes: ['aria-label'],
    searchPath: (title) => `/s?q=${title}`,
    sources: [],
  };

  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('reads a title as text, even one that looks like markup', () => {
    document.body.innerHTML = '<div class="card"><span class="name">&lt;img src=x onerror=alert(1)&gt;</span></div>';
    const tile = document.querySelector('.card')!;
    expect(readTileText(tile, rule)).toEqual({ title: '<img src=x onerror=alert(1)>', year: null, kind: null });
  });

  it('skips tiles without a title, too long to be one, or of a live event', () => {
    document.body.innerHTML = `<div class="card" aria-label=" "></div><div class="card" aria-label="${'x'.repeat(200)}"></div>
      <div class="card" aria-label="Cup final" data-type="Event"></div><div class="card" aria-label="Fleabag" data-type="TV Show"></div>`;
    const readings = [...document.querySelectorAll('.card')].map((tile) => readTileText(tile, rule));
    expect(readings).toEqual([null, null, null, { title: 'Fleabag', year: null, kind: 'series' }]);
  });

  it('finds each tile once, the outer one of nested tiles, and the tile around a changed descendant', () => {
    document.body.innerHTML = `<div class="row"><div class="card" id="outer" aria-label="A"><div class="card" aria-label="A"></div></div>
      <div class="card" id="second" aria-label="B"><img id="img"></div></div>`;
    const ids = (set: Set<Element>) => [...set].map((tile) => tile.id);
    expect(ids(findTiles(adapter, [document]))).toEqual(['outer', 'second']);
    expect(ids(findTiles(adapter, [document.getElementById('img')!, document.querySelector('.row')!]))).toEqual([
      'second',
      'outer',
    ]);
  });

  it('keys a reading by title (any case), year and kind', () => {
    expect(tileTextKey({ title: 'Heat', year: null, kind: null })).toBe(
      tileTextKey({ title: 'HEAT', year: null, kind: null }),
    );
    expect(tileTextKey({ title: 'Heat', year: null, kind: null })).not.toBe(
      tileTextKey({ title: 'The Heat', year: null, kind: null }),
    );
    expect(tileTextKey({ title: 'Frozen', year: 2013, kind: null })).not.toBe(
      tileTextKey({ title: 'Frozen', year: 2010, kind: null }),
    );
    expect(tileTextKey({ title: 'Heat', year: null, kind: 'series' })).not.toBe(
      tileTextKey({ title: 'Heat', year: null, kind: null }),
    );
  });
});
