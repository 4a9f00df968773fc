import { describe, expect, it } from 'vitest';
import {
  catalogueIds,
  catalogueKeys,
  MAX_LINE_BYTES,
  newImportedId,
  previewCsvImport,
  type CsvImportPreview,
  type CsvImportResult,
} from './csv-import';
import { film } from '../../tests/support/test-catalogue';
import { GENRES } from './types';

function preview(result: CsvImportResult): CsvImportPreview {
  if (!result.ok) throw new Error(`expected a preview, got: ${result.message}`);
  return result;
}

const csv = (...lines: string[]) => lines.join('\n');

describe('previewCsvImport, title,year,genres[,rating]', () => {
  it('turns good rows into imported film drafts', async () => {
    const result = preview(
      await previewCsvImport(
        csv(
          'title,year,genres,rating',
          'My Neighbour Totoro,1988,animation|CHILDREN,4.5',
          '"Shawshank Redemption, The",1994,Drama,',
          'Home Video,,,',
        ),
      ),
    );
    expect(result.format).toBe('simple');
    expect(result.rows).toBe(3);
    expect(result.rejected).toEqual([]);
    expect(result.films.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        title: 'My Neighbour Totoro',
        aliases: [],
        year: 1988,
        genres: ['Animation', 'Children'],
        rating: 4.5,
        ratingCount: 0,
        tags: [],
        imdbId: null,
        tmdbId: null,
        source: 'imported',
      },
      {
        title: 'The Shawshank Redemption',
        aliases: [],
        year: 1994,
        genres: ['Drama'],
        rating: null,
        ratingCount: 0,
        tags: [],
        imdbId: null,
        tmdbId: null,
        source: 'imported',
      },
      // Empty year, genres and rating are allowed: the film still matches on streaming sites.
      {
        title: 'Home Video',
        aliases: [],
        year: null,
        genres: [],
        rating: null,
        ratingCount: 0,
        tags: [],
        imdbId: null,
        tmdbId: null,
        source: 'imported',
      },
    ]);
    const ids = result.films.map((f) => f.id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^imp-[0-9a-z]+$/);
  });

  it('reads the columns in any order and without a rating column', async () => {
    const result = preview(await previewCsvImport(csv('Genres,Title,Year', 'Comedy,Brassed Off,1996')));
    expect(result.films[0]).toMatchObject({ title: 'Brassed Off', year: 1996, genres: ['Comedy'], rating: null });
  });

  it('lists every broken row with its line and reason, and keeps the rest', async () => {
    const long = 'x'.repeat(MAX_LINE_BYTES + 1);
    const result = preview(
      await previewCsvImport(
        csv(
          'title,year,genres,rating', // 1
          ',1999,Drama,', // 2
          'Ninety-Five,95,Drama,', // 3
          'Far Future,3000,Drama,', // 4
          'Romcom,2001,Romcom|Comedy,', // 5
          'Too Good,2001,Drama,6', // 6
          'Too Bad,2001,Drama,0', // 7
          'Not A Number,2001,Drama,great', // 8
          'Extra, Comma,2001,Drama,3', // 9
          'Too Few,2001', // 10
          `${long},2001,Drama,3`, // 11
          'Fine,2001,Drama,3', // 12
          ',19x5,Scifi,9', // 13
          `${'y'.repeat(1001)},2001,Drama,3`, // 14
        ),
      ),
    );
    expect(result.films.map((f) => f.title)).toEqual(['Fine']);
    expect(result.rows).toBe(13);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.line, r.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14]);
    expect(reasons[2]).toBe('missing title');
    expect(reasons[3]).toMatch(/year "95" is not a four-digit year/);
    expect(reasons[4]).toMatch(/year "3000"/);
    expect(reasons[5]).toMatch(/unknown genre "Romcom"/);
    for (const genre of GENRES) expect(reasons[5]).toContain(genre);
    expect(reasons[6]).toMatch(/rating "6" is not a number from 0.5 to 5/);
    expect(reasons[7]).toMatch(/rating "0"/);
    expect(reasons[8]).toMatch(/rating "great"/);
    expect(reasons[9]).toMatch(/5 columns where the header has 4 \(put a title with a comma in double quotes\)/);
    expect(reasons[10]).toMatch(/2 columns where the header has 4/);
    expect(reasons[11]).toMatch(/longer than 10 kB/);
    // Every problem of a row at once.
    expect(reasons[13]).toMatch(/^missing title; year "19x5".*; rating "9".*; unknown genre "Scifi"/);
    expect(reasons[14]).toBe('title is longer than 1000 characters');
  });

  it('reads quoted fields with commas, quotes and line breaks, and counts their lines', async () => {
    const result = preview(
      await previewCsvImport(
        csv(
          'title,year,genres,rating', // 1
          '"Crouching Tiger, Hidden Dragon",2000,Action|Drama,4', // 2
          '"The ""Quoted"" Film",1999,Comedy,', // 3
          '"A Title', // 4
          'On Two Lines",2005,Drama,', // 5
          ',2006,Drama,', // 6: broken, to show the line count
        ),
      ),
    );
    expect(result.films.map((f) => f.title)).toEqual([
      'Crouching Tiger, Hidden Dragon',
      'The "Quoted" Film',
      'A Title\nOn Two Lines',
    ]);
    expect(result.rejected).toEqual([{ line: 6, reason: 'missing title' }]);
  });

  it('reads a file with a byte-order mark and Windows line ends', async () => {
    const text =
      '\uFEFFtitle,year,genres\r\n"Two\r\nLines",2001,Drama\r\nAmélie,2001,Comedy|Romance\r\n,2002,Drama\r\n';
    const result = preview(await previewCsvImport(text));
    expect(result.films.map((f) => [f.title, f.year])).toEqual([
      ['Two\r\nLines', 2001],
      ['Amélie', 2001],
    ]);
    expect(result.rejected).toEqual([{ line: 5, reason: 'missing title' }]);
  });

  it('skips blank lines without losing count', async () => {
    const result = preview(
      await previewCsvImport(csv('title,year,genres', '', 'One,2001,Drama', '   ', '', ',2001,Drama', '')),
    );
    expect(result.rows).toBe(2);
    expect(result.films).toHaveLength(1);
    expect(result.rejected).toEqual([{ line: 6, reason: 'missing title' }]);
  });

  it('reports an unclosed quote', async () => {
    const result = preview(
      await previewCsvImport(
        csv('title,year,genres', 'Fine,2001,Drama', '"Never closed,2001,Drama', 'Lost,2002,Drama'),
      ),
    );
    expect(result.films.map((f) => f.title)).toEqual(['Fine']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.line).toBe(3);
    expect(result.rejected[0]!.reason).toMatch(/a quoted field is never closed/);
  });
});

describe('previewCsvImport, MovieLens format', () => {
  it('reads titles, aliases and years the way the built-in catalogue does', async () => {
    const result = preview(
      await previewCsvImport(
        csv(
          'movieId,title,genres',
          '29,"City of Lost Children, The (Cité des enfants perdus, La) (1995)",Adventure|Drama|Fantasy|Mystery|Sci-Fi',
          '40697,Babylon 5,(no genres listed)',
          '1,Toy Story (1995),Adventure|Kids',
          '2,,Drama',
        ),
      ),
    );
    expect(result.format).toBe('movielens');
    expect(result.films.map((f) => [f.title, f.aliases, f.year, f.genres])).toEqual([
      [
        'The City of Lost Children',
        ['La Cité des enfants perdus'],
        1995,
        ['Adventure', 'Drama', 'Fantasy', 'Mystery', 'Sci-Fi'],
      ],
      ['Babylon 5', [], null, []],
    ]);
    // The file's movieIds are not kept: imported ids never look like MovieLens ones.
    for (const f of result.films) expect(f.id.startsWith('imp-')).toBe(true);
    expect(result.rejected.map((r) => r.line)).toEqual([4, 5]);
    expect(result.rejected[0]!.reason).toMatch(/unknown genre "Kids"/);
    expect(result.rejected[1]!.reason).toBe('missing title');
  });
});

describe('previewCsvImport, duplicates', () => {
  const catalogue = [
    film({ id: '318', title: 'The Shawshank Redemption', year: 1994 }),
    film({ id: '47', title: 'Seven', aliases: ['Se7en'], year: 1995 }),
  ];

  it('skips films already in the catalogue or earlier in the file, and says where', async () => {
    const text = csv(
      'title,year,genres', // 1
      '"Shawshank Redemption, The",1994,Drama', // 2: in the catalogue
      'Se7en,1995,Thriller', // 3: an alias of a catalogue film
      'The Shawshank Redemption,1995,Drama', // 4: another year, not a duplicate
      'Brassed Off,1996,Comedy', // 5
      'brassed off!,1996,Drama', // 6: same as line 5
    );
    const result = preview(await previewCsvImport(text, { known: catalogueKeys(catalogue) }));
    expect(result.films.map((f) => [f.title, f.year])).toEqual([
      ['The Shawshank Redemption', 1995],
      ['Brassed Off', 1996],
    ]);
    expect(result.duplicates).toEqual([
      { line: 2, title: 'The Shawshank Redemption', year: 1994, of: 'catalogue' },
      { line: 3, title: 'Se7en', year: 1995, of: 'catalogue' },
      { line: 6, title: 'brassed off!', year: 1996, of: 'file', firstLine: 5 },
    ]);
    expect(result.rejected).toEqual([]);
  });

  it("keeps the user's rating of a film the catalogue has, as a record naming it, and says so", async () => {
    const text = csv(
      'title,year,genres,rating', // 1
      '"Shawshank Redemption, The",1994,Drama,4.5', // 2: rated, in the catalogue: the rating is kept
      'Se7en,1995,Thriller,3.5', // 3: an alias of a catalogue film, rated: kept
      'Seven,1995,Thriller,4', // 4: the same film again under its title: the first rating stands
      'Heat,1995,Action,', // 5: in the catalogue, no rating: skipped as before
      'Brassed Off,1996,Comedy,4', // 6: a new film
    );
    const known = catalogueIds([...catalogue, film({ id: '6', title: 'Heat', year: 1995 })]);
    const result = preview(await previewCsvImport(text, { known }));
    expect(result.films.map((f) => [f.title, f.rating, f.sameAs])).toEqual([
      ['The Shawshank Redemption', 4.5, '318'],
      ['Se7en', 3.5, '47'],
      ['Brassed Off', 4, undefined],
    ]);
    expect(result.duplicates).toEqual([
      { line: 2, title: 'The Shawshank Redemption', year: 1994, of: 'catalogue', ratingKept: true },
      { line: 3, title: 'Se7en', year: 1995, of: 'catalogue', ratingKept: true },
      { line: 4, title: 'Seven', year: 1995, of: 'catalogue' },
      { line: 5, title: 'Heat', year: 1995, of: 'catalogue' },
    ]);
    // A film the user already rated in an earlier import keeps that rating: the new line is a plain duplicate.
    const again = preview(
      await previewCsvImport(csv('title,year,genres,rating', 'The Shawshank Redemption,1994,Drama,2'), {
        known: catalogueIds([...catalogue, { ...result.films[0]! }]),
      }),
    );
    expect(again.films).toEqual([]);
    expect(again.duplicates[0]).toMatchObject({ line: 2, of: 'catalogue' });
    expect(again.duplicates[0]!.ratingKept).toBeUndefined();
  });

  it('accepts a predicate instead of a set', async () => {
    const asked: string[] = [];
    const result = preview(
      await previewCsvImport(csv('title,year,genres', 'Heat,1995,Action'), { known: (key) => (asked.push(key), true) }),
    );
    expect(asked).toEqual(['heat|1995']);
    expect(result.films).toEqual([]);
    expect(result.duplicates).toHaveLength(1);
  });
});

describe('previewCsvImport, files that are not a catalogue', () => {
  const failureOf = async (input: string | Blob) => {
    const result = await previewCsvImport(input);
    expect(result.ok).toBe(false);
    return (result as { message: string }).message;
  };

  it('gives one clear message', async () => {
    expect(await failureOf('')).toBe('The file is empty.');
    expect(await failureOf('\uFEFF \n\n  ')).toBe('The file is empty.');
    expect(await failureOf('name,email\nAda,ada@example.org')).toMatch(
      /not a film catalogue.*"title,year,genres.*"movieId,title,genres".*"name,email"/,
    );
    expect(await failureOf('title;year;genres\nHeat;1995;Action')).toMatch(/not a film catalogue/);
    expect(
      await failureOf(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])])),
    ).toMatch(/not UTF-8|not a text file/);
    expect(await failureOf(new Blob([new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0, 0x0a])]))).toMatch(
      /not a text file/,
    );
    // "Amélie" saved as Latin-1.
    const latin1 = new Uint8Array(
      [...'title,year,genres\nAm']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0xe9],
          [...'lie,2001,Comedy'].map((c) => c.charCodeAt(0)),
        ),
    );
    expect(await failureOf(new Blob([latin1]))).toMatch(/not UTF-8/);
    expect(await failureOf(42 as unknown as string)).toMatch(/choose a CSV file/);
  });

  it('refuses a file over the size limit', async () => {
    const result = await previewCsvImport('title,year,genres\n' + 'A,2001,Drama\n'.repeat(100), { maxBytes: 500 });
    expect(result).toEqual({ ok: false, message: 'The file is larger than 0 MB.' });
  });

  it('accepts a header with no films', async () => {
    expect(preview(await previewCsvImport('title,year,genres\n'))).toMatchObject({ films: [], rejected: [], rows: 0 });
  });
});

describe('previewCsvImport, reading in chunks', () => {
  const lines = (count: number) =>
    [
      'title,year,genres,rating',
      ...Array.from(
        { length: count },
        (_, i) => `"Film ${i}, Part ${i % 7}",${1950 + (i % 70)},Drama|Comedy,${(i % 10) / 2 + 0.5}`,
      ),
    ].join('\n');

  it('reads a File the same as its text', async () => {
    const text = lines(50);
    const fromText = preview(
      await previewCsvImport(text, { newId: () => 'imp-x' + Math.random().toString(36).slice(2) }),
    );
    const fromFile = preview(await previewCsvImport(new File([text], 'films.csv', { type: 'text/csv' })));
    const strip = (r: CsvImportPreview) => r.films.map(({ id: _id, ...rest }) => rest);
    expect(strip(fromFile)).toEqual(strip(fromText));
    expect(fromFile.films).toHaveLength(50);
  });

  it('reports progress up to 1 and lets other work run between chunks', async () => {
    const text = lines(2000);
    const fractions: number[] = [];
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let timerRanBeforeEnd = false;
    const result = preview(
      await previewCsvImport(text, {
        chunkSize: 4096,
        onProgress: (fraction) => {
          fractions.push(fraction);
          if (fraction < 1 && timerRan) timerRanBeforeEnd = true;
        },
      }),
    );
    expect(result.films).toHaveLength(2000);
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]!))).toBe(true);
    expect(timerRanBeforeEnd).toBe(true);
  });

  it('keeps line numbers right across chunk boundaries', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      i % 50 === 49 ? `"Broken\nacross",bad,Drama` : `Film ${i},2001,Drama`,
    );
    const result = preview(await previewCsvImport(['title,year,genres', ...rows].join('\n'), { chunkSize: 1000 }));
    // Row i starts on line 2 + i plus one extra line for each two-line row before it.
    expect(result.rejected.map((r) => r.line)).toEqual(
      [49, 99, 149, 199, 249, 299].map((i) => 2 + i + Math.floor(i / 50)),
    );
    expect(result.films).toHaveLength(294);
  });
});

describe('newImportedId', () => {
  it('never looks like a MovieLens id and does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newImportedId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^imp-[0-9a-z]{14}$/);
  });
});
