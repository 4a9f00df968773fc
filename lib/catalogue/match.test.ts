import { describe, expect, it } from 'vitest';
import { buildTitleIndex, DOMINANCE_RATIO, matchTitle } from './match';
import { committedCatalogue, film } from '../../tests/support/test-catalogue';

const { films } = committedCatalogue();
const index = buildTitleIndex(films);
const byId = new Map(films.map((f) => [f.id, f]));

describe('matching streaming-page titles to MovieLens films', () => {
  it.each([
    // [title as a page shows it, year, kind, MovieLens movieId or null]
    ['The Shawshank Redemption', null, 'movie', '318'],
    ['THE SHAWSHANK REDEMPTION', 1994, null, '318'],
    ['Se7en', null, null, '47'],
    ['Seven', 1995, 'movie', '47'],
    ['Amélie', null, null, '4973'],
    ['Amelie', 2001, null, '4973'],
    ["Le Fabuleux Destin d'Amélie Poulain", null, null, '4973'],
    ['Léon: The Professional', null, null, '293'],
    ['Leon', null, null, '293'],
    ['The Professional', 1994, null, '293'],
    ['The Professional', 1981, null, '5782'],
    ['Heat', null, null, '6'],
    ['Heat (1995)', null, null, '6'],
    ['The Heat', null, 'movie', '103372'],
    ['Coco', null, null, '177765'],
    ['Coco (Dubbed)', null, null, '177765'],
    ['Coco Before Chanel', null, 'movie', '71619'],
    ['Monsters, Inc.', null, null, '4886'],
    ['Monsters Inc', 2001, null, '4886'],
    ['Mamma Mia! Here We Go Again', null, null, '188751'],
    ['Mamma Mia!', null, 'movie', '60397'],
    ['Fast & Furious', null, 'movie', '67923'],
    ['Fast and Furious', 2009, null, '67923'],
    ['The Fast and the Furious', null, null, '4369'],
    ['Das Boot', null, null, '1233'],
    ['The Boat', 1981, null, '1233'],
    ['La Femme Nikita', null, null, '1249'],
    ['Les Misérables', 2012, null, '99149'],
    ['Les Miserables (1998)', null, null, '1873'],
    ['Beauty and the Beast', 2017, null, '168366'],
    ['Beauty and the Beast', 1946, null, '7064'],
    ['Godzilla', 2014, null, '111364'],
    ['WALL-E', null, null, '60069'],
    ['Star Wars: Episode IV - A New Hope', null, null, '260'],
    ['Star Wars: Episode IV – A New Hope', 1977, null, '260'],
    ["Ocean's Eleven", 2001, null, '4963'],
    ["Ocean's Eleven", 1960, null, '4954'],
    ["Ocean's 11", null, null, '4954'],
    ['Psycho', 1960, null, '1219'],
    ['Psycho', 1961, null, '1219'],
    ['Psycho', 1998, null, '2389'],
    ['Crouching Tiger, Hidden Dragon', null, null, '3996'],
    ['The Good, the Bad and the Ugly', null, null, '1201'],
    ['Black Mirror', null, 'movie', '176601'],
  ] as const)('"%s" (%s, %s) → %s', (title, year, kind, id) => {
    const found = index.match(title, year, kind);
    expect(found?.id ?? null).toBe(id);
    expect(matchTitle(index, title, year, kind)).toBe(found);
  });

  it.each([
    // Articles are never dropped or invented.
    ['Shawshank Redemption', null, null],
    ['Heat', 2013, null],
    // No prefix or fuzzy match.
    ['Coco Before', null, null],
    ['Star Wars', null, null],
    ['Se7en: The Sequel', null, null],
    ['Amelie Poulain', null, null],
    // A series never matches, even one MovieLens lists.
    ['Black Mirror', null, 'series'],
    ['The Shawshank Redemption', 1994, 'series'],
    // Not in the catalogue (the series); the 32M list's obscure namesake is no proof without a year.
    ['Stranger Things', null, null],
    ['Barbie', 1977, null],
    // Several films, no year and none dominating: no guess.
    ['Les Misérables', null, null],
    ['Godzilla', null, null],
    ['Hamlet', null, null],
    ['Sabrina', null, null],
    // A year that fits none of them.
    ['Psycho', 1962, null],
    ['Godzilla', 2019, null],
    // Nothing to match.
    ['', null, null],
    ['   ', null, null],
    ['(1995)', null, null],
  ] as const)('"%s" (%s, %s) → no match', (title, year, kind) => {
    expect(index.match(title, year, kind)).toBeNull();
  });

  it('without a year, lets the most-rated film win only when it dominates', () => {
    // From the data: Ghostbusters (1984) has far more ratings than the 2016 one; Solaris's two are close.
    const ghostbusters = index.match('Ghostbusters');
    expect(ghostbusters?.year).toBe(1984);
    expect(ghostbusters!.ratingCount).toBeGreaterThanOrEqual(DOMINANCE_RATIO * byId.get('160080')!.ratingCount);
    expect(index.match('Solaris')).toBeNull();
    expect(index.match('Solaris', 1972)?.id).toBe('3503');
    expect(index.match('Solaris', 2002)?.id).toBe('5881');
  });

  it('knows the newer films of the 32M title list, and their names make older namesakes ambiguous', () => {
    expect(index.match('Barbie', 2023)?.title).toBe('Barbie');
    expect(index.match('Barbie', 2023)?.ratingCount).toBe(0);
    // Mortal Kombat (1995) is rated; the 2021 film came after the ratings: without a year, no guess.
    expect(index.match('Mortal Kombat')).toBeNull();
    expect(index.match('Mortal Kombat', 1995)?.year).toBe(1995);
    expect(index.match('Mortal Kombat', 2021)?.year).toBe(2021);
  });

  it('without a year, one unrated old film is no proof unless the page says film or the title is distinctive', () => {
    // Outlander (2008), three ratings: the Netflix tile is the series.
    expect(index.match('Outlander')).toBeNull();
    expect(index.match('Outlander', null, 'movie')?.year).toBe(2008);
    // Popular enough to be the one a service carries (of its year's most rated).
    expect(index.match('The Royal Tenenbaums')?.year).toBe(2001);
    expect(index.match('Coco')?.year).toBe(2017);
    // Well-known films whose names series took: no badge without the page saying film.
    for (const title of ['Lost in Space', 'Parenthood', 'The Lincoln Lawyer', 'The Killer'])
      expect(index.match(title), title).toBeNull();
    expect(index.match('The Lincoln Lawyer', null, 'movie')?.year).toBe(2011);
    // A one-word recent film ("Unbelievable" 2020) is too often a series' name too.
    expect(index.match('Unbelievable')).toBeNull();
    // Recent (2019–2023): no later namesake had the time.
    expect(index.match('The Adam Project')?.year).toBe(2022);
    // Distinctive: a subtitle, a sequel number.
    expect(index.match('Mechanic: Resurrection')?.year).toBe(2016);
    // A row that holds series too: only a popular film.
    expect(index.match('The Adam Project', null, null, { seriesToo: true })).toBeNull();
    expect(index.match('The Royal Tenenbaums', null, null, { seriesToo: true })?.year).toBe(2001);
  });

  it('in a "new" row, refuses films older than a few years, and a namesake it ruled out still makes the title ambiguous', () => {
    expect(index.match('Straight to Hell', null, 'movie', { recent: true, now: 2026 })).toBeNull();
    expect(index.match('Straight to Hell', null, 'movie', { now: 2026 })?.year).toBe(1987);
    expect(index.match('Mortal Kombat', null, 'movie', { recent: true, now: 2022 })?.year).toBe(2021);
    expect(index.match('Mortal Kombat', null, null, { recent: true, now: 2022 })).toBeNull();
  });

  it('never answers something that is not a title', () => {
    expect(index.match(undefined as unknown as string)).toBeNull();
    expect(index.match(42 as unknown as string)).toBeNull();
  });

  it('files every film under its title and each alias', () => {
    const leon = byId.get('293')!;
    for (const name of [leon.title, ...leon.aliases]) expect(index.match(name, 1994)).toBe(leon);
    // More keys than latest-small's films: every title plus the aliases.
    expect(index.size).toBeGreaterThan(9742);
  });
});

describe('the disambiguation rules', () => {
  const remake = (id: string, year: number | null, ratingCount: number) =>
    film({ id, title: 'Solitude', year, ratingCount });

  it('needs DOMINANCE_RATIO times the ratings of the runner-up', () => {
    // A row that says "films": the dominant one.
    const film = (index: ReturnType<typeof buildTitleIndex>) => index.match('Solitude', null, 'movie');
    expect(film(buildTitleIndex([remake('1', 1990, 50), remake('2', 2010, 10)]))?.id).toBe('1');
    expect(film(buildTitleIndex([remake('1', 1990, 49), remake('2', 2010, 10)]))).toBeNull();
    // Nobody rated either: no winner.
    expect(film(buildTitleIndex([remake('1', 1990, 0), remake('2', 2010, 0)]))).toBeNull();
    expect(film(buildTitleIndex([remake('1', 1990, 4), remake('2', 2010, 0)]))).toBeNull();
    expect(film(buildTitleIndex([remake('1', 1990, 5), remake('2', 2010, 0)]))?.id).toBe('1');
    // The page says nothing: only a popular film wins.
    expect(buildTitleIndex([remake('1', 1990, 50), remake('2', 2010, 10)]).match('Solitude')?.id).toBe('1');
    expect(buildTitleIndex([remake('1', 1990, 29), remake('2', 2010, 0)]).match('Solitude')).toBeNull();
  });

  it('prefers the exact year among films a year apart', () => {
    const index = buildTitleIndex([remake('1', 2000, 1), remake('2', 2001, 1)]);
    expect(index.match('Solitude', 2000)?.id).toBe('1');
    expect(index.match('Solitude', 2001)?.id).toBe('2');
    expect(index.match('Solitude', 2002)?.id).toBe('2');
    expect(index.match('Solitude', 1999)?.id).toBe('1');
    expect(index.match('Solitude', 2003)).toBeNull();
  });

  it('lets a film of unknown year stand for a dated title only when it is alone', () => {
    expect(buildTitleIndex([remake('1', null, 3)]).match('Solitude', 1994)?.id).toBe('1');
    expect(buildTitleIndex([remake('1', null, 3), remake('2', null, 3)]).match('Solitude', 1994)).toBeNull();
    expect(buildTitleIndex([remake('1', null, 3), remake('2', 1980, 3)]).match('Solitude', 1980)?.id).toBe('2');
  });

  it('takes the year from the title only when none is given', () => {
    const index = buildTitleIndex([remake('1', 1990, 1), remake('2', 2010, 1)]);
    expect(index.match('Solitude (2010)')?.id).toBe('2');
    expect(index.match('Solitude (2010)', 1990)?.id).toBe('1');
  });

  it('finds imported films as well', () => {
    const mine = film({ id: 'imp-abc', title: 'My Home Movie', year: 2020 });
    const index = buildTitleIndex([...films.slice(0, 10), mine]);
    expect(index.match('my home movie!')).toBe(mine);
  });
});
