import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueRepository, SHELF_SIZE } from './repository';
import { testCatalogueDatabase } from '../../tests/support/test-database';
import { committedCatalogue, film } from '../../tests/support/test-catalogue';
import type { Feedback, Film } from './types';

const open: CatalogueRepository[] = [];
/** A repository on its own fresh in-memory IndexedDB. */
function freshRepository(): CatalogueRepository {
  const repository = new CatalogueRepository(testCatalogueDatabase());
  open.push(repository);
  return repository;
}
afterEach(() => {
  for (const repository of open.splice(0)) repository.close();
});

const builtin = committedCatalogue().films.slice(0, 40);
const mine = (n: number, over: Partial<Film> = {}) =>
  film({ id: `imp-test${n}`, title: `My Film ${n}`, year: 2000 + n, genres: ['Drama'], rating: 4, ...over });
const vote = (filmId: string, over: Partial<Feedback> = {}): Feedback => ({
  filmId,
  vote: 'up',
  emotion: 'happy',
  at: 1_700_000_000_000,
  ...over,
});

describe('CatalogueRepository.seedBuiltin', () => {
  it('seeds an empty store, then does nothing for the same version', async () => {
    const repository = freshRepository();
    expect(await repository.builtinVersion()).toBeNull();
    expect(await repository.seedBuiltin(builtin, 5)).toEqual({
      action: 'seeded',
      version: 5,
      previousVersion: null,
      films: 40,
    });
    expect(await repository.counts()).toEqual({ builtin: 40, imported: 0 });
    expect(await repository.builtinVersion()).toBe(5);
    const revision = await repository.revision();
    expect(await repository.seedBuiltin(builtin, 5)).toEqual({
      action: 'unchanged',
      version: 5,
      previousVersion: 5,
      films: 0,
    });
    expect(await repository.revision()).toBe(revision);
  });

  it('replaces only the built-in films with a newer version', async () => {
    const repository = freshRepository();
    await repository.seedBuiltin(builtin, 5);
    await repository.commitImport([mine(1)]);
    await repository.setFeedback(vote(builtin[0]!.id));
    await repository.setFeedback(vote('imp-test1', { vote: 'down' }));
    const newer = [...builtin.slice(1, 30), { ...builtin[30]!, title: 'Renamed' }];
    expect(await repository.seedBuiltin(newer, 6)).toMatchObject({
      action: 'updated',
      version: 6,
      previousVersion: 5,
      films: 30,
    });
    const films = await repository.allFilms();
    expect(films.filter((f) => f.source === 'builtin')).toHaveLength(30);
    expect(films.some((f) => f.id === builtin[0]!.id)).toBe(false);
    expect(films.find((f) => f.id === builtin[30]!.id)?.title).toBe('Renamed');
    expect(films.find((f) => f.id === 'imp-test1')).toEqual(mine(1));
    expect(await repository.listFeedback()).toHaveLength(2);
  });

  it('keeps a newer version than the one offered', async () => {
    const repository = freshRepository();
    await repository.seedBuiltin(builtin, 9);
    expect(await repository.seedBuiltin(builtin.slice(0, 2), 8)).toMatchObject({ action: 'kept-newer', version: 9 });
    expect((await repository.counts()).builtin).toBe(40);
  });

  it('refuses bad input and writes nothing', async () => {
    const repository = freshRepository();
    await expect(repository.seedBuiltin([...builtin, mine(1)], 1)).rejects.toThrow(/source must be "builtin"/);
    await expect(repository.seedBuiltin([builtin[0]!, builtin[0]!], 1)).rejects.toThrow(/listed twice/);
    await expect(repository.seedBuiltin(builtin, 0)).rejects.toThrow(/positive integer/);
    await expect(
      repository.seedBuiltin([{ ...builtin[0]!, genres: ['Romcom'] } as unknown as Film], 1),
    ).rejects.toThrow(/genres/);
    expect(await repository.counts()).toEqual({ builtin: 0, imported: 0 });
    expect(await repository.builtinVersion()).toBeNull();
    expect(await repository.revision()).toBe(0);
  });

  it('seeds the whole built-in catalogue', async () => {
    const repository = freshRepository();
    const { films, version } = committedCatalogue();
    await repository.seedBuiltin(films, version);
    expect(await repository.counts()).toEqual({ builtin: films.length, imported: 0 });
    expect((await repository.allFilms()).find((f) => f.id === '318')).toEqual(films.find((f) => f.id === '318'));
  }, 60_000);
});

describe('CatalogueRepository imports', () => {
  it('adds imported films and removes them again with their votes', async () => {
    const repository = freshRepository();
    await repository.seedBuiltin(builtin, 1);
    expect(await repository.commitImport([mine(1), mine(2)])).toBe(2);
    expect(await repository.counts()).toEqual({ builtin: 40, imported: 2 });
    expect((await repository.importedFilms()).map((f) => f.id)).toEqual(['imp-test1', 'imp-test2']);
    await repository.setFeedback(vote('imp-test1'));
    await repository.setFeedback(vote(builtin[0]!.id));
    expect(await repository.removeImported()).toBe(2);
    expect(await repository.counts()).toEqual({ builtin: 40, imported: 0 });
    expect((await repository.listFeedback()).map((f) => f.filmId)).toEqual([builtin[0]!.id]);
    expect(await repository.removeImported()).toBe(0);
  });

  it('adds all or nothing: a write that fails leaves the store as it was', async () => {
    const repository = freshRepository();
    await repository.commitImport([mine(1)]);
    const revision = await repository.revision();
    // The third film's id is already stored, so IndexedDB refuses it after the first two were written.
    await expect(repository.commitImport([mine(2), mine(3), mine(1, { title: 'Clash' })])).rejects.toThrow(
      /nothing was added: a film with the same id is already stored/,
    );
    expect((await repository.allFilms()).map((f) => [f.id, f.title])).toEqual([['imp-test1', 'My Film 1']]);
    expect(await repository.revision()).toBe(revision);
  });

  it('refuses films that are not imported ones', async () => {
    const repository = freshRepository();
    await expect(repository.commitImport([builtin[0]!])).rejects.toThrow(/source must be "imported"/);
    await expect(repository.commitImport([mine(1, { id: '318', source: 'imported' })])).rejects.toThrow(/"imp-"/);
    await expect(repository.commitImport([mine(1, { year: 95 })])).rejects.toThrow(/year/);
    await expect(repository.commitImport([mine(1), mine(1)])).rejects.toThrow(/listed twice/);
    expect(await repository.counts()).toEqual({ builtin: 0, imported: 0 });
  });

  it('keeps a large import on shelves of SHELF_SIZE films, and every film comes back once', async () => {
    const repository = freshRepository();
    const many = Array.from({ length: SHELF_SIZE * 2 + 500 }, (_, i) => mine(i + 1, { year: 1950 + (i % 70) }));
    await repository.commitImport(many.slice(0, 100));
    await repository.commitImport(many.slice(100));
    expect(await repository.db.shelves.count()).toBe(4); // 100 films, then 1000 + 1000 + 400
    expect(await repository.counts()).toEqual({ builtin: 0, imported: many.length });
    const back = await repository.importedFilms();
    expect(new Set(back.map((f) => f.id)).size).toBe(many.length);
    expect(back.find((f) => f.id === 'imp-test2222')).toEqual(many[2221]);
  });

  it('stores exactly the Film fields', async () => {
    const repository = freshRepository();
    await repository.commitImport([{ ...mine(1), extra: 'dropped' } as Film]);
    expect((await repository.allFilms())[0]).toEqual(mine(1));
  });
});

describe('CatalogueRepository feedback', () => {
  it('keeps the latest vote per film', async () => {
    const repository = freshRepository();
    await repository.setFeedback(vote('318'));
    await repository.setFeedback(vote('318', { vote: 'down', emotion: 'sad', at: 1_700_000_000_001 }));
    await repository.setFeedback(vote('47'));
    expect(await repository.listFeedback()).toEqual([
      vote('318', { vote: 'down', emotion: 'sad', at: 1_700_000_000_001 }),
      vote('47'),
    ]);
    expect(await repository.clearFeedback('318')).toBe(true);
    expect(await repository.clearFeedback('318')).toBe(false);
    expect(await repository.listFeedback()).toEqual([vote('47')]);
    expect(await repository.resetFeedback()).toBe(1);
    expect(await repository.listFeedback()).toEqual([]);
  });

  it('refuses a vote that is not one', async () => {
    const repository = freshRepository();
    await expect(repository.setFeedback(vote('318', { emotion: 'bored' as Feedback['emotion'] }))).rejects.toThrow(
      /emotion "bored"/,
    );
    await expect(repository.setFeedback(vote('318', { vote: 'meh' as Feedback['vote'] }))).rejects.toThrow(/vote/);
    await expect(repository.setFeedback(vote('', {}))).rejects.toThrow(/filmId/);
    await expect(repository.setFeedback(vote('318', { at: -1 }))).rejects.toThrow(/epoch/);
    expect(await repository.listFeedback()).toEqual([]);
    expect(await repository.revision()).toBe(0);
  });
});

describe('CatalogueRepository.revision', () => {
  it('rises with every change and only then', async () => {
    const repository = freshRepository();
    const revisions = [await repository.revision()];
    const step = async (write: () => Promise<unknown>) => {
      await write();
      revisions.push(await repository.revision());
    };
    await step(() => repository.seedBuiltin(builtin, 1));
    await step(() => repository.commitImport([mine(1)]));
    await step(() => repository.setFeedback(vote('imp-test1')));
    await step(() => repository.clearFeedback('imp-test1'));
    await step(() => repository.setFeedback(vote('imp-test1')));
    await step(() => repository.resetFeedback());
    await step(() => repository.removeImported());
    await step(() => repository.restoreState({ films: [mine(2)], feedback: [] }));
    await step(() => repository.eraseAll());
    for (let i = 1; i < revisions.length; i++) expect(revisions[i]).toBeGreaterThan(revisions[i - 1]!);

    const before = await repository.revision();
    await repository.clearFeedback('nothing-here');
    await repository.resetFeedback();
    await repository.removeImported();
    await repository.commitImport([]);
    expect(await repository.revision()).toBe(before);
  });
});

describe('CatalogueRepository export state', () => {
  it('restores what it exported, replacing or merging', async () => {
    const source = freshRepository();
    await source.seedBuiltin(builtin, 1);
    await source.commitImport([mine(1), mine(2, { aliases: ['Deux'], tags: ['home'] })]);
    await source.setFeedback(vote('imp-test2', { emotion: 'fear' }));
    await source.setFeedback(vote(builtin[3]!.id, { vote: 'down' }));
    const state = await source.exportState();
    expect(state.films).toHaveLength(2);
    expect(state.feedback).toHaveLength(2);

    const target = freshRepository();
    await target.seedBuiltin(builtin, 1);
    await target.commitImport([mine(7)]);
    await target.setFeedback(vote(builtin[5]!.id));
    expect(await target.restoreState(state)).toEqual({ films: 2, feedback: 2 });
    expect(await target.exportState()).toEqual(state);

    await target.commitImport([mine(8)]);
    await target.restoreState({ films: [mine(1, { title: 'Changed' })], feedback: [] }, 'merge');
    const merged = await target.exportState();
    expect(merged.films.map((f) => [f.id, f.title])).toEqual([
      ['imp-test1', 'Changed'],
      ['imp-test2', 'My Film 2'],
      ['imp-test8', 'My Film 8'],
    ]);
    expect(merged.feedback).toEqual(state.feedback);
  });

  it('refuses a broken state and keeps the store', async () => {
    const repository = freshRepository();
    await repository.commitImport([mine(1)]);
    const bad = { films: [mine(2)], feedback: [vote('imp-test2', { emotion: 'meh' as Feedback['emotion'] })] };
    await expect(repository.restoreState(bad)).rejects.toThrow(/emotion/);
    await expect(repository.restoreState(null as never)).rejects.toThrow(/films, feedback/);
    expect((await repository.exportState()).films).toEqual([mine(1)]);
  });
});

describe('CatalogueRepository.eraseAll', () => {
  it('forgets everything and lets the built-in catalogue be seeded again', async () => {
    const repository = freshRepository();
    await repository.seedBuiltin(builtin, 3);
    await repository.commitImport([mine(1)]);
    await repository.setFeedback(vote('imp-test1'));
    const revision = await repository.revision();
    await repository.eraseAll();
    expect(await repository.counts()).toEqual({ builtin: 0, imported: 0 });
    expect(await repository.listFeedback()).toEqual([]);
    expect(await repository.builtinVersion()).toBeNull();
    expect(await repository.revision()).toBeGreaterThan(revision);
    expect(await repository.seedBuiltin(builtin, 3)).toMatchObject({ action: 'seeded' });
    expect((await repository.counts()).builtin).toBe(40);
  });
});

describe('the repository on a database', () => {
  it('keeps data across reopening', async () => {
    const indexedDB = new IDBFactory();
    const first = new CatalogueRepository(testCatalogueDatabase('moodreel', indexedDB));
    await first.commitImport([mine(1)]);
    first.close();
    const second = new CatalogueRepository(testCatalogueDatabase('moodreel', indexedDB));
    open.push(second);
    expect(await second.importedFilms()).toEqual([mine(1)]);
  });
});
