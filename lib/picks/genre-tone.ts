/**
 * A tone for films that have none of their own (imported films, the titles only the MovieLens 32M list knows):
 * the mean tone of the rated films of the same genres, at a low weight. A horror film nobody rated is then a
 * little tense and dark, a family comedy a little light and warm, and neither can outweigh a film whose own
 * ratings say what it is like. Computed once per films array (the catalogue service keeps its array).
 */
import { TONE_AXES, type Film } from '../catalogue/types';
import { genreMask } from './genre-mask';

/** How much of its genres' mean tone a film without a tone of its own gets. */
const GENRE_TONE_WEIGHT = 0.5;

/** Rated films a genre set needs before its own mean is used; fewer, and the mean of its genres' means is. */
const MIN_FILMS_PER_SET = 8;

export interface GenreTones {
  /** The genre-mean tone (already weighted) of a genre set, or null when no rated film shares any of its genres. */
  of(mask: number): Float64Array | null;
}

const AXES = TONE_AXES.length;

function buildGenreTones(films: readonly Film[]): GenreTones {
  const setSums = new Map<number, { sum: Float64Array; count: number }>();
  const genreSums = Array.from({ length: 32 }, () => ({ sum: new Float64Array(AXES), count: 0 }));
  for (const film of films) {
    const tone = film.tone;
    if (!tone || tone.length !== AXES) continue;
    const mask = genreMask(film.genres);
    let entry = setSums.get(mask);
    if (!entry) {
      entry = { sum: new Float64Array(AXES), count: 0 };
      setSums.set(mask, entry);
    }
    entry.count += 1;
    for (let a = 0; a < AXES; a++) entry.sum[a]! += tone[a] ?? 0;
    for (let rest = mask; rest !== 0; rest &= rest - 1) {
      const genre = genreSums[31 - Math.clz32(rest & -rest)]!;
      genre.count += 1;
      for (let a = 0; a < AXES; a++) genre.sum[a]! += tone[a] ?? 0;
    }
  }
  const cache = new Map<number, Float64Array | null>();
  const compute = (mask: number): Float64Array | null => {
    const own = setSums.get(mask);
    const tone = new Float64Array(AXES);
    if (own && own.count >= MIN_FILMS_PER_SET) {
      for (let a = 0; a < AXES; a++) tone[a] = (GENRE_TONE_WEIGHT * own.sum[a]!) / own.count;
      return tone;
    }
    let genres = 0;
    for (let rest = mask; rest !== 0; rest &= rest - 1) {
      const genre = genreSums[31 - Math.clz32(rest & -rest)]!;
      if (genre.count === 0) continue;
      genres += 1;
      for (let a = 0; a < AXES; a++) tone[a]! += genre.sum[a]! / genre.count;
    }
    if (genres === 0) return null;
    for (let a = 0; a < AXES; a++) tone[a] = (GENRE_TONE_WEIGHT * tone[a]!) / genres;
    return tone;
  };
  return {
    of(mask) {
      let tone = cache.get(mask);
      if (tone === undefined) {
        tone = compute(mask);
        cache.set(mask, tone);
      }
      return tone;
    },
  };
}

const tables = new WeakMap<readonly Film[], GenreTones>();

/** The genre-mean tones of a films array (cached per array: pass a new array after changing films). */
export function genreTones(films: readonly Film[]): GenreTones {
  let table = tables.get(films);
  if (!table) {
    table = buildGenreTones(films);
    tables.set(films, table);
  }
  return table;
}
