import { describe, expect, it } from 'vitest';
import { film } from '../../tests/support/test-catalogue';
import { withUserRatings } from './user-ratings';

describe("the user's ratings of catalogue films", () => {
  const toyStory = film({ id: '1', title: 'Toy Story', year: 1995, genres: ['Comedy'], rating: 3.9, ratingCount: 215 });
  const heat = film({ id: '6', title: 'Heat', year: 1995, genres: ['Action'], rating: 3.9, ratingCount: 102 });
  const mine = film({ id: 'imp-a', title: 'Toy Story', year: 1995, genres: ['Comedy'], rating: 5, sameAs: '1' });
  const own = film({ id: 'imp-b', title: 'Our Wedding', year: 2021, genres: ['Comedy'], rating: 4 });

  it('folds a rating record into the film it names: listed once, with the rating, MovieLens data kept', () => {
    const films = withUserRatings([toyStory, heat, mine, own]);
    expect(films.map((f) => f.id)).toEqual(['1', '6', 'imp-b']);
    expect(films[0]).toEqual({ ...toyStory, userRating: 5 });
    expect(films[1]).toBe(heat);
    expect(films[2]).toBe(own);
  });

  it('keeps a record whose film the catalogue no longer has as a film of its own', () => {
    const orphan = { ...mine, id: 'imp-c', sameAs: '999999' };
    expect(withUserRatings([toyStory, orphan]).map((f) => f.id)).toEqual(['1', 'imp-c']);
  });

  it('takes the first record when two rate one film, whatever else is in the list', () => {
    const second = { ...mine, id: 'imp-z', rating: 1 };
    expect(withUserRatings([toyStory, mine, second])[0]!.userRating).toBe(5);
  });
});
