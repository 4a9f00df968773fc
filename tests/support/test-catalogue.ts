/** Test helper: the committed built-in catalogue, decoded once per test file. Node only. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBuiltinCatalogue, type BuiltinCatalogue } from '../../lib/catalogue/builtin';
import type { MovieLensFiles } from '../../lib/catalogue/movielens';
import type { Film } from '../../lib/catalogue/types';

export const COMMITTED_CATALOGUE = fileURLToPath(new URL('../../public/catalogue/movielens.json', import.meta.url));
export const MOVIELENS_DATA_DIR = fileURLToPath(
  new URL('../../../shared/data/movielens/ml-latest-small', import.meta.url),
);

/** The four MovieLens CSV files of a data folder (ml-latest-small by default), as text. */
export function readMovieLensFiles(dir = MOVIELENS_DATA_DIR): MovieLensFiles {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return { movies: read('movies.csv'), links: read('links.csv'), ratings: read('ratings.csv'), tags: read('tags.csv') };
}

let cached: BuiltinCatalogue | null = null;

export function committedCatalogue(): BuiltinCatalogue {
  cached ??= decodeBuiltinCatalogue(readFileSync(COMMITTED_CATALOGUE, 'utf8'));
  return cached;
}

/** A film with defaults for the fields a test does not care about. */
export function film(fields: Partial<Film> & Pick<Film, 'id' | 'title'>): Film {
  return {
    aliases: [],
    year: null,
    genres: [],
    rating: null,
    ratingCount: 0,
    tags: [],
    imdbId: null,
    tmdbId: null,
    source: fields.id.startsWith('imp-') ? 'imported' : 'builtin',
    ...fields,
  };
}
