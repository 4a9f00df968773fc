import { readFileSync } from 'node:fs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { openStores } from './database';
import type { Film } from '../catalogue/types';
import { createCatalogueService } from './catalogue-service';

const BUILTIN = readFileSync('public/catalogue/movielens.json', 'utf8');
const builtinCount = (JSON.parse(BUILTIN) as { count: number }).count;

function service() {
  const repository = openStores('moodreel', { indexedDB: new IDBFactory(), IDBKeyRange }).catalogue;
  const loadBuiltin = vi.fn(async () => BUILTIN);
  return { repository, loadBuiltin, catalogue: createCatalogueService({ repository, loadBuiltin }) };
}

const imported = (title: string): Film => ({
  id: `imp-${title.toLowerCase().replace(/\W/g, '')}`,
  title,
  aliases: [],
  year: 2024,
  genres: ['Comedy'],
  rating: 4,
  ratingCount: 0,
  tags: [],
  imdbId: null,
  tmdbId: null,
  source: 'imported',
});

// Each test seeds the whole built-in catalogue (87,873 films) into a fresh fake-indexeddb.
describe('catalogue service', { timeout: 30_000 }, () => {
  it('seeds the built-in films on first use, once, even when asked twice at the same time', async () => {
    const { catalogue, loadBuiltin, repository } = service();
    const [a, b] = await Promise.all([catalogue.snapshot(), catalogue.snapshot()]);
    expect(a).toBe(b);
    expect(a.films.length).toBe(builtinCount);
    expect(loadBuiltin).toHaveBeenCalledTimes(1);
    expect(a.index.match('The Shawshank Redemption', 1994)?.id).toBe('318');
    expect((await repository.counts()).builtin).toBe(builtinCount);
  });

  it('serves from memory until the database changes, then sees an import and a vote', async () => {
    const { catalogue, repository } = service();
    const first = await catalogue.snapshot();
    expect(await catalogue.snapshot()).toBe(first);
    await repository.commitImport([imported('My Home Movie')]);
    const second = await catalogue.snapshot();
    expect(second).not.toBe(first);
    expect(second.byId.get('imp-myhomemovie')?.title).toBe('My Home Movie');
    await repository.setFeedback({ filmId: '318', vote: 'down', emotion: 'sad', at: 1 });
    const third = await catalogue.snapshot();
    expect(third.feedback).toEqual([{ filmId: '318', vote: 'down', emotion: 'sad', at: 1 }]);
    // A vote or a "not this film" changes no film: the films and their title index are kept, not rebuilt.
    expect(third.index).toBe(second.index);
    await repository.markNotThisFilm('Heat', '6', 2);
    const fourth = await catalogue.snapshot();
    expect([...fourth.unmatched]).toEqual(['heat']);
    expect(fourth.films).toBe(second.films);
  });

  it('brings the built-in films back after "erase everything"', async () => {
    const { catalogue, repository } = service();
    await catalogue.snapshot();
    await repository.commitImport([imported('Gone Soon')]);
    await repository.eraseAll();
    const after = await catalogue.snapshot();
    expect(after.films.length).toBe(builtinCount);
    expect(after.byId.has('imp-gonesoon')).toBe(false);
  });
});
