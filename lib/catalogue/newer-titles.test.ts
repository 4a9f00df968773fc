import { describe, expect, it } from 'vitest';
import { decodeBuiltinCatalogue, encodeBuiltinCatalogue } from './builtin';
import { joinNewerTitles, titleListFilms } from './newer-titles';
import type { Film } from './types';

const LIST = [
  'movieId,title,genres',
  '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
  '288513,Barbie (2023),Comedy|Fantasy',
  '5,"Killer, The (1989)",Action|Crime',
  '7,Untitled Project,(no genres listed)',
].join('\n');

const rated: Film = {
  id: '1',
  title: 'Toy Story',
  aliases: [],
  year: 1995,
  genres: ['Comedy'],
  rating: 3.9,
  ratingCount: 215,
  tags: ['pixar'],
  imdbId: 'tt0114709',
  tmdbId: 862,
  source: 'builtin',
};

describe('the 32M title list joined to latest-small', () => {
  it('reads titles, years and genres, with no ratings, links or tags', () => {
    const films = titleListFilms(LIST);
    expect(films.map((f) => [f.id, f.title, f.year, f.genres])).toEqual([
      ['1', 'Toy Story', 1995, ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy']],
      ['288513', 'Barbie', 2023, ['Comedy', 'Fantasy']],
      ['5', 'The Killer', 1989, ['Action', 'Crime']],
      ['7', 'Untitled Project', null, []],
    ]);
    expect(
      films.every((f) => f.rating === null && f.ratingCount === 0 && f.tags.length === 0 && f.imdbId === null),
    ).toBe(true);
  });

  it('keeps the rated film whole and adds the others in id order', () => {
    const { films, summary } = joinNewerTitles([rated], titleListFilms(LIST));
    expect(films.map((f) => f.id)).toEqual(['1', '5', '7', '288513']);
    expect(films[0]).toBe(rated);
    expect(summary).toEqual({ kept: 1, added: 3 });
  });

  it('says what is wrong with a broken list', () => {
    expect(() => titleListFilms('id,name\n1,x')).toThrow(/expected the header movieId,title,genres/);
    expect(() => titleListFilms('movieId,title,genres\nx,Heat (1995),Action')).toThrow(/line 2/);
    expect(() => titleListFilms('movieId,title,genres\n6,Heat (1995),Actoin')).toThrow(/unknown genre "Actoin"/);
  });

  it('encodes the added films compactly (no empty tail) and reads them back the same', () => {
    const { films } = joinNewerTitles([rated], titleListFilms(LIST));
    const json = encodeBuiltinCatalogue(films, { version: 1, source: 'test', ratingPrior: { mean: 3.5, weight: 3 } });
    expect(json).toContain('[288513,"Barbie",[],2023,[4,8]]');
    // A film with no tone reads back with tone null.
    expect(decodeBuiltinCatalogue(json).films).toEqual(films.map((film) => ({ ...film, tone: film.tone ?? null })));
  });
});
