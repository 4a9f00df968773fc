/**
 * Films for the picks' tests: hand-made ones for precise cases, and the real MovieLens films (ml-latest-small)
 * from the built-in catalogue for realistic ones.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBuiltinCatalogue } from '../../lib/catalogue/builtin';
import type { Film, Genre } from '../../lib/catalogue/types';
import { EMOTIONS, type Emotion } from '../../lib/mood/emotions';

let madeFilms = 0;

/** A hand-made film: only what a test states matters; the rest is a plain, averagely rated built-in film. */
export function film(fields: Partial<Film> & { genres: Genre[] }): Film {
  madeFilms += 1;
  const id = fields.id ?? `test-${madeFilms}`;
  return {
    id,
    // Ends in a word, not the id's number, so hand-made films are not taken for one series.
    title: `${id} (test film)`,
    aliases: [],
    year: 2000,
    rating: 3.5,
    ratingCount: 100,
    tags: [],
    imdbId: null,
    tmdbId: null,
    source: 'builtin',
    ...fields,
  };
}

/** A reading certain of one emotion. */
export function certain(emotion: Emotion): number[] {
  return EMOTIONS.map((e) => (e === emotion ? 1 : 0));
}

/** A reading split between emotions, e.g. mixed({ happy: 0.5, sad: 0.5 }). */
export function mixed(shares: Partial<Record<Emotion, number>>): number[] {
  return EMOTIONS.map((e) => shares[e] ?? 0);
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real films come from the built-in catalogue the extension ships (committed), so they are always here. */
const CATALOGUE_FILE = join(REPO_ROOT, 'public', 'catalogue', 'movielens.json');

/** How a test suite on the real films names itself. */
export function movieLensSuite(name: string): string {
  return `${name} (MovieLens ml-latest-small, as shipped)`;
}

let movieLensFilms: Film[] | null = null;

/** The 9,742 MovieLens films exactly as the extension's catalogue holds them (Bayesian-average ratings). */
export function loadMovieLens(): Film[] {
  movieLensFilms ??= decodeBuiltinCatalogue(readFileSync(CATALOGUE_FILE, 'utf8')).films;
  return movieLensFilms;
}
