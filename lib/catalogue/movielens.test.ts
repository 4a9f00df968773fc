import { describe, expect, it } from 'vitest';
import { filmsFromMovieLens, type MovieLensFiles } from './movielens';

const files = (over: Partial<MovieLensFiles> = {}): MovieLensFiles => ({
  movies: [
    'movieId,title,genres',
    '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
    '2,"Heat, The (2013)",Action|Comedy|Crime',
    '3,Seven (a.k.a. Se7en) (1995),Mystery|Thriller',
    '4,Babylon 5,(no genres listed)',
  ].join('\n'),
  links: ['movieId,imdbId,tmdbId', '1,0114709,862', '2,2404463,136795', '3,0114369,807', '4,0105946,'].join('\n'),
  // Film 1: four 5s. Film 2: one 1. Film 3: a 3 and a 4. Film 4: none.
  ratings: [
    'userId,movieId,rating,timestamp',
    '1,1,5.0,100',
    '2,1,5.0,100',
    '3,1,5.0,100',
    '4,1,5.0,100',
    '1,2,1.0,100',
    '1,3,3.0,100',
    '2,3,4.0,200',
  ].join('\n'),
  tags: [
    'userId,movieId,tag,timestamp',
    '1,1,Pixar,300',
    '2,1,pixar,300',
    '3,1, PIXAR ,300',
    '1,1,fun,300',
    '2,1,Fun,300',
    '1,1,toys,300',
    '1,1,classic,300',
    '1,1,buddy,300',
    '1,1,animation,300',
    '1,1,zany,300',
    '1,3,"twist ending",400',
  ].join('\n'),
  ...over,
});

describe('filmsFromMovieLens', () => {
  it('gives each film a Bayesian-average rating: the mean of all ratings, weighted by the median count', () => {
    const { films, ratingPrior } = filmsFromMovieLens(files());
    // Seven ratings summing to 28: mean 4. Counts 4, 1, 2: median 2.
    expect(ratingPrior).toEqual({ mean: 4, weight: 2 });
    expect(films.map((f) => f.rating)).toEqual([
      Math.round(((2 * 4 + 20) / (2 + 4)) * 100) / 100,
      (2 * 4 + 1) / (2 + 1),
      (2 * 4 + 7) / (2 + 2),
      null,
    ]);
    expect(films.map((f) => f.ratingCount)).toEqual([4, 1, 2, 0]);
  });

  it('pulls a film with few ratings towards the mean more than one with many', () => {
    const { films } = filmsFromMovieLens(files());
    // Share of the way from the film's own mean (5 from four ratings, 1 from one) to the global mean 4.
    const pulled = (ownMean: number, rating: number) => Math.abs(ownMean - rating) / Math.abs(ownMean - 4);
    expect(pulled(1, films[1]!.rating!)).toBeGreaterThan(pulled(5, films[0]!.rating!));
  });

  it('keeps the five most applied tags, case-folded, ties in alphabetical order', () => {
    const { films } = filmsFromMovieLens(files());
    expect(films[0]!.tags).toEqual(['pixar', 'fun', 'animation', 'buddy', 'classic']);
    expect(films[2]!.tags).toEqual(['twist ending']);
    expect(films[3]!.tags).toEqual([]);
  });

  it('parses titles, genres and links', () => {
    const { films, newestTimestamp } = filmsFromMovieLens(files());
    expect(films[1]).toMatchObject({
      id: '2',
      title: 'The Heat',
      year: 2013,
      genres: ['Action', 'Comedy', 'Crime'],
      imdbId: 'tt2404463',
      tmdbId: 136795,
    });
    expect(films[2]).toMatchObject({ title: 'Seven', aliases: ['Se7en'] });
    expect(films[3]).toMatchObject({ title: 'Babylon 5', year: null, genres: [], tmdbId: null, source: 'builtin' });
    expect(newestTimestamp).toBe(400);
  });

  it('refuses files that are not MovieLens', () => {
    expect(() => filmsFromMovieLens(files({ movies: 'id,name\n1,x' }))).toThrow(/movies.csv: expected the header/);
    expect(() => filmsFromMovieLens(files({ movies: 'movieId,title,genres\n1,X (1999),Romcom' }))).toThrow(
      /unknown genre "Romcom"/,
    );
    expect(() => filmsFromMovieLens(files({ ratings: 'userId,movieId,rating,timestamp\n1,1,9,1' }))).toThrow(
      /not between 0.5 and 5/,
    );
    expect(() => filmsFromMovieLens(files({ links: 'movieId,imdbId,tmdbId\n1,2' }))).toThrow(/line 2 has 2 fields/);
  });
});
