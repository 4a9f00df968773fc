import { describe, expect, it } from 'vitest';
import { knownTitle, seriesNote } from './display';
import { film, loadMovieLens, movieLensSuite } from '../../tests/support/test-films';

describe('titles as people know them', () => {
  it('lead with the other title when another rated film has the English one', () => {
    const postino = film({ id: '58', title: 'The Postman', aliases: ['Il Postino'], genres: ['Comedy'] });
    const costner = film({ id: '1450', title: 'The Postman', genres: ['Action'] });
    const seven = film({ id: '47', title: 'Seven', aliases: ['Se7en'], genres: ['Thriller'] });
    const films = [postino, costner, seven];
    expect(knownTitle(postino, films)).toBe('Il Postino (The Postman)');
    expect(knownTitle(costner, films)).toBe('The Postman');
    expect(knownTitle(seven, films)).toBe('Seven');
    // A namesake nobody rated (a title-list film) is no reason to rename.
    expect(knownTitle(postino, [postino, { ...costner, ratingCount: 0, rating: null }])).toBe('The Postman');
  });

  it('flag a later part of a series whose title does not say so, unless an earlier part is on the page', () => {
    const part = (id: string, title: string, year: number) => film({ id, title, year, genres: ['Fantasy'] });
    const films = [
      part('a', 'The Lord of the Rings', 1978),
      part('b', 'The Lord of the Rings: The Fellowship of the Ring', 2001),
      part('c', 'The Lord of the Rings: The Two Towers', 2002),
      part('d', 'The Lord of the Rings: The Return of the King', 2003),
      part('e', 'Toy Story', 1995),
      part('f', 'Toy Story 3', 2010),
    ];
    expect(seriesNote(films[3]!, films, new Set(['d']))).toBe('Part 3 of The Lord of the Rings');
    expect(seriesNote(films[3]!, films, new Set(['d', 'c']))).toBeNull();
    // The first part, and a part whose title says its number, need no flag.
    expect(seriesNote(films[1]!, films, new Set())).toBeNull();
    expect(seriesNote(films[5]!, films, new Set())).toBeNull();
  });
});

describe(movieLensSuite('titles as people know them'), () => {
  it('call film 58 Il Postino, and flag the third Lord of the Rings and Harry Potter films', () => {
    const films = loadMovieLens();
    const byId = new Map(films.map((f) => [f.id, f]));
    expect(knownTitle(byId.get('58')!, films)).toBe('Il Postino (The Postman)');
    expect(seriesNote(byId.get('7153')!, films, new Set())).toBe('Part 3 of The Lord of the Rings');
    expect(seriesNote(byId.get('8368')!, films, new Set())).toBe('Part 3 of Harry Potter');
  });
});
