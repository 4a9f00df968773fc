import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, CATALOGUE_FILE, catalogueVersion, LICENSE_FILE } from './build-catalogue';
import { BUILTIN_FORMAT, decodeBuiltinCatalogue, encodeBuiltinCatalogue } from './builtin';
import { COMMITTED_CATALOGUE, committedCatalogue, film, MOVIELENS_DATA_DIR } from '../../tests/support/test-catalogue';
import { GENRES } from './types';

const committedText = readFileSync(COMMITTED_CATALOGUE, 'utf8');
const committed = () => JSON.parse(committedText) as Record<string, unknown> & { films: unknown[][] };

describe('the committed built-in catalogue', () => {
  const { version, films } = committedCatalogue();
  const byId = new Map(films.map((f) => [f.id, f]));

  it('holds every MovieLens film once, as a built-in film', () => {
    // latest-small's 9,742 films and the 32M list's films it lacks.
    expect(films.length).toBeGreaterThan(87_000);
    expect(new Set(films.map((f) => f.id)).size).toBe(films.length);
    expect(films.filter((f) => f.ratingCount > 0)).toHaveLength(9724);
    expect(films.every((f) => f.source === 'builtin' && /^\d+$/.test(f.id))).toBe(true);
    expect(Number.isInteger(version) && version > 0).toBe(true);
  });

  it('has The Shawshank Redemption as MovieLens 318', () => {
    expect(byId.get('318')).toMatchObject({
      title: 'The Shawshank Redemption',
      aliases: [],
      year: 1994,
      genres: ['Crime', 'Drama'],
      imdbId: 'tt0111161',
      tmdbId: 278,
      source: 'builtin',
    });
    const shawshank = byId.get('318')!;
    expect(shawshank.ratingCount).toBeGreaterThan(300);
    expect(shawshank.rating).toBeGreaterThan(4);
    expect(shawshank.tags).toContain('prison');
  });

  it('has Seven with its alias Se7en, and Amélie with its French title', () => {
    expect(byId.get('47')).toMatchObject({ title: 'Seven', aliases: ['Se7en'], year: 1995 });
    expect(byId.get('4973')).toMatchObject({
      title: 'Amelie',
      aliases: ["Le Fabuleux destin d'Amélie Poulain"],
      year: 2001,
      genres: ['Comedy', 'Romance'],
    });
  });

  it('keeps ratings on the 0.5–5 scale and at most five tags', () => {
    for (const f of films) {
      if (f.rating !== null) expect(f.rating >= 0.5 && f.rating <= 5).toBe(true);
      expect(f.rating === null).toBe(f.ratingCount === 0);
      expect(f.tags.length).toBeLessThanOrEqual(5);
    }
  });

  it('comes with MovieLens licence and citation', () => {
    const licence = readFileSync(join(COMMITTED_CATALOGUE, '..', LICENSE_FILE), 'utf8');
    expect(licence).toContain('commercial');
    expect(licence).toContain('Harper and Joseph A. Konstan');
    expect(licence).toContain('https://doi.org/10.1145/2827872');
  });
});

describe('decodeBuiltinCatalogue on a broken file', () => {
  const broken = (change: (file: ReturnType<typeof committed>) => void) => {
    const file = committed();
    change(file);
    return () => decodeBuiltinCatalogue(file);
  };

  it('says what is wrong', { timeout: 30_000 }, () => {
    expect(() => decodeBuiltinCatalogue('{"format":')).toThrow(/damaged: not JSON/);
    expect(() => decodeBuiltinCatalogue(null)).toThrow(/not an object/);
    expect(broken((f) => (f.format = 'something-else'))).toThrow(/format/);
    expect(broken((f) => (f.version = '2018'))).toThrow(/version/);
    const count = committedCatalogue().films.length;
    expect(broken((f) => f.films.pop())).toThrow(new RegExp(`says ${count} films but holds ${count - 1}`));
    expect(broken((f) => (f.genres = ['Action', 'Comedy', 'Romcom']))).toThrow(/genres/);
    expect(broken((f) => (f.columns = ['id', 'title']))).toThrow(/columns/);
    expect(broken((f) => f.films[3]!.splice(4))).toThrow(/film 4 is not a row of 5 to 11 values/);
    expect(broken((f) => (f.films[0]![4] = [0, 99]))).toThrow(/film 1 \(id 1\): genres/);
    expect(broken((f) => (f.films[0]![3] = 95))).toThrow(/film 1 \(id 1\): year/);
    expect(broken((f) => (f.films[0]![8] = 7))).toThrow(/rating/);
    expect(broken((f) => (f.films[1]![0] = 1))).toThrow(/film 2 \(id 1\): id must be unique/);
    expect(broken((f) => (f.films[0]![1] = ''))).toThrow(/title/);
  });
});

describe('encodeBuiltinCatalogue', () => {
  it('round-trips films through the file format', () => {
    const films = [
      film({
        id: '1',
        title: 'Toy Story',
        year: 1995,
        genres: ['Animation', 'Comedy'],
        rating: 3.9,
        ratingCount: 215,
        tags: ['pixar'],
        imdbId: 'tt0114709',
        tmdbId: 862,
        tone: [0.86, 1, -0.75, -0.73, 1],
      }),
      film({ id: '40697', title: 'Babylon 5', genres: ['Sci-Fi'], imdbId: 'tt10000001', tone: null }),
    ];
    const text = encodeBuiltinCatalogue(films, { version: 7, source: 'test', ratingPrior: { mean: 3.5, weight: 3 } });
    expect(JSON.parse(text).format).toBe(BUILTIN_FORMAT);
    expect(JSON.parse(text).genres).toEqual(GENRES);
    expect(decodeBuiltinCatalogue(text)).toEqual({ version: 7, films });
  });

  it('reads a file written before the tone column as films with no tone', () => {
    const text = encodeBuiltinCatalogue([film({ id: '1', title: 'Toy Story', tone: [0.5, 0.5, 0, 0, 0] })], {
      version: 7,
      source: 'test',
      ratingPrior: { mean: 3.5, weight: 3 },
    });
    const file = JSON.parse(text);
    file.columns.pop();
    file.films[0].pop();
    expect(decodeBuiltinCatalogue(file).films[0]!.tone).toBeNull();
    const broken = JSON.parse(text);
    broken.films[0][10] = [2, 0, 0, 0, 0];
    expect(() => decodeBuiltinCatalogue(broken)).toThrow(/tone must be 5 numbers/);
  });

  it('refuses a film that is not a MovieLens one', () => {
    expect(() =>
      encodeBuiltinCatalogue([film({ id: 'imp-x', title: 'Mine' })], {
        version: 1,
        source: '',
        ratingPrior: { mean: 3, weight: 1 },
      }),
    ).toThrow(/MovieLens id/);
  });
});

describe('catalogueVersion', () => {
  it('grows with the data set and with the builder', () => {
    const day = Date.UTC(2018, 8, 24, 12) / 1000;
    expect(catalogueVersion(day, 1)).toBe(2018092401);
    expect(catalogueVersion(day + 86_400, 1)).toBeGreaterThan(catalogueVersion(day, 1));
    expect(catalogueVersion(day, 2)).toBeGreaterThan(catalogueVersion(day, 1));
    expect(catalogueVersion(Date.UTC(2019, 0, 1) / 1000, 1)).toBeGreaterThan(catalogueVersion(day, 99));
  });
});

const hasData = existsSync(join(MOVIELENS_DATA_DIR, 'movies.csv'));
if (!hasData) console.warn(`Skipping the reproducible-build test: no MovieLens data at ${MOVIELENS_DATA_DIR}`);

describe('npm run catalogue', () => {
  it.skipIf(!hasData)(
    'rebuilds the committed files byte for byte (skipped without ../shared/data/movielens)',
    async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'moodreel-catalogue-'));
      try {
        // The default data: latest-small and, beside it, the 32M title list.
        const summary = await buildCatalogue({ out: join(outDir, CATALOGUE_FILE) });
        expect(summary.films).toBeGreaterThan(87_000);
        expect(readFileSync(join(outDir, CATALOGUE_FILE)).equals(readFileSync(COMMITTED_CATALOGUE))).toBe(true);
        expect(
          readFileSync(join(outDir, LICENSE_FILE)).equals(readFileSync(join(COMMITTED_CATALOGUE, '..', LICENSE_FILE))),
        ).toBe(true);
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it.skipIf(!hasData)(
    'writes --out FILE with the licence beside it, from --data DIR with its ml-32m/movies.csv',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'moodreel-data-'));
      const outDir = mkdtempSync(join(tmpdir(), 'moodreel-out-'));
      try {
        for (const file of ['movies.csv', 'links.csv', 'ratings.csv', 'tags.csv'])
          copyFileSync(join(MOVIELENS_DATA_DIR, file), join(dataDir, file));
        mkdirSync(join(dataDir, 'ml-32m'));
        copyFileSync(
          join(MOVIELENS_DATA_DIR, '..', '..', 'movielens-32m', 'movies.csv'),
          join(dataDir, 'ml-32m', 'movies.csv'),
        );
        const target = join(outDir, 'nested', 'mine.json');
        const summary = await buildCatalogue({ dataDir, out: target });
        expect(summary.cataloguePath).toBe(target);
        expect(readFileSync(target).equals(readFileSync(COMMITTED_CATALOGUE))).toBe(true);
        expect(existsSync(join(outDir, 'nested', LICENSE_FILE))).toBe(true);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(outDir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it.skipIf(!hasData)(
    'builds from --data DIR alone when DIR has no ml-32m/movies.csv',
    async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'moodreel-catalogue-'));
      try {
        const summary = await buildCatalogue({ dataDir: MOVIELENS_DATA_DIR, out: outDir });
        expect(summary.films).toBe(9742);
        expect(readFileSync(join(outDir, LICENSE_FILE), 'utf8')).not.toContain('32M');
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
