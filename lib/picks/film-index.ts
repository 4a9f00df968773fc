/**
 * What the picks need of a catalogue, computed once per films array: each film's genre set (as a slot in the
 * list of distinct sets, so a query scores every set once) and quality. The service worker keeps its catalogue
 * array, so a query pays for this once; a new or changed array is indexed anew (film objects and their genres
 * are treated as immutable).
 */
import type { Film } from '../catalogue/types';
import { franchiseKeys } from './franchise';
import { genreMask } from './genre-mask';
import { clearsFloor, qualityFactor } from './quality';
import { TONE_AXES } from '../catalogue/types';

export interface FilmIndex {
  /** The films indexed, as they were (a sample of them tells whether the array changed, see stillIndexes). */
  films: readonly Film[];
  /** The distinct genre masks of the catalogue. */
  masks: Int32Array;
  /** Per film (same order as the array): its genre set's slot in `masks`. */
  maskSlot: Int32Array;
  /** Per film: qualityFactor (quality.ts). */
  quality: Float64Array;
  /**
   * Per film: 0 when it clears the quality floor (quality.ts), 1 when it is rated but under it, 2 when nobody
   * rated it (a title list's film): how many tiers down a fresh film starts.
   */
  floor: Uint8Array;
  /** Per film: its tone (TONE_AXES.length numbers from `toneAt`), or all 0 with hasTone 0. */
  tone: Float64Array;
  hasTone: Uint8Array;
  /** Per film: franchise keys, computed when the film first becomes a candidate. */
  franchises: (readonly string[] | undefined)[];
}

const indexes = new WeakMap<readonly Film[], FilmIndex>();

function buildIndex(films: readonly Film[]): FilmIndex {
  const slots = new Map<number, number>();
  const maskSlot = new Int32Array(films.length);
  const quality = new Float64Array(films.length);
  const floor = new Uint8Array(films.length);
  const axes = TONE_AXES.length;
  const tone = new Float64Array(films.length * axes);
  const hasTone = new Uint8Array(films.length);
  for (let i = 0; i < films.length; i++) {
    const film = films[i]!;
    const mask = genreMask(film.genres);
    let slot = slots.get(mask);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(mask, slot);
    }
    maskSlot[i] = slot;
    quality[i] = qualityFactor(film);
    floor[i] = clearsFloor(film) ? 0 : film.rating !== null && film.ratingCount > 0 ? 1 : 2;
    const own = film.tone;
    if (own && own.length === axes) {
      hasTone[i] = 1;
      for (let a = 0; a < axes; a++) tone[i * axes + a] = Number.isFinite(own[a]) ? own[a]! : 0;
    }
  }
  return {
    films: films.slice(),
    masks: Int32Array.from(slots.keys()),
    maskSlot,
    quality,
    floor,
    tone,
    hasTone,
    franchises: new Array(films.length),
  };
}

/** Films checked per query for an in-place change: one in this many (and the last). */
const CHECK_STRIDE = 61;

/**
 * Whether the index still describes the array. The catalogue service hands out a new array whenever its films
 * change; an array changed in place is caught when the change touches a sampled film or the length (checking
 * every film cost a quarter of a query over 100,000 films).
 */
function stillIndexes(index: FilmIndex, films: readonly Film[]): boolean {
  const length = films.length;
  if (index.films.length !== length) return false;
  for (let i = 0; i < length; i += CHECK_STRIDE) if (index.films[i] !== films[i]) return false;
  return length === 0 || index.films[length - 1] === films[length - 1];
}

/**
 * The index of a films array, cached per array and rebuilt when the array changed (a sampled identity check, see
 * stillIndexes: pass a new array after changing films). Film objects themselves are treated as immutable.
 */
export function filmIndex(films: readonly Film[]): FilmIndex {
  let index = indexes.get(films);
  if (!index || !stillIndexes(index, films)) {
    index = buildIndex(films);
    indexes.set(films, index);
  }
  return index;
}

/** A film's franchise keys through the index's cache. */
export function franchisesAt(index: FilmIndex, films: readonly Film[], position: number): readonly string[] {
  let keys = index.franchises[position];
  if (!keys) {
    keys = franchiseKeys(films[position]!);
    index.franchises[position] = keys;
  }
  return keys;
}
