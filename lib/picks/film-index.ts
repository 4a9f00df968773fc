/**
 * What the picks need of a catalogue, computed once per films array: each film's genre set (as a slot in the
 * list of distinct sets, so a query scores every set once), quality, tone (its own, else its genres' mean) and
 * quality marks. The service worker keeps its catalogue array, so a query pays for this once; a new or changed
 * array is indexed anew (film objects and their genres are treated as immutable).
 */
import { TONE_AXES, type Film } from '../catalogue/types';
import { franchiseKeys } from './franchise';
import { genreMask } from './genre-mask';
import { genreTones } from './genre-tone';
import { clearsFloor, isGoodFilm, isLovedFilm, qualityFactor, recencyFactor, userRatingOf } from './quality';

export interface FilmIndex {
  /** The films indexed, as they were (a sample of them tells whether the array changed, see stillIndexes). */
  films: readonly Film[];
  /** The distinct genre masks of the catalogue. */
  masks: Int32Array;
  /** Per film (same order as the array): its genre set's slot in `masks`. */
  maskSlot: Int32Array;
  /** Per film: qualityFactor × recencyFactor (quality.ts). */
  quality: Float64Array;
  /**
   * Per film: 0 when it clears the quality floor (quality.ts), 1 when it is rated but under it, 2 when nobody
   * rated it (a title list's film): how many tiers down a fresh film starts.
   */
  floor: Uint8Array;
  /** Per film: 1 when it clears the floor and is rated at least as well as the average film (quality.ts). */
  good: Uint8Array;
  /**
   * Per film: the tier a fresh fit starts in (ordering.ts: 0 good, 3 rated below average, 4 under the floor,
   * 5 rated by nobody).
   */
  fitTier: Uint8Array;
  /** Per film: 1 when it is broadly loved (quality.ts), a filler when too few films fit and the list without a reading. */
  loved: Uint8Array;
  /** Per film: 1 when the user rated it 4 or more in a list they imported. */
  userLoved: Uint8Array;
  /** Per film: the quality its user rating gives it (qualityFactor of that rating), 0 without one. */
  userQuality: Float64Array;
  /** Per film: its tone (TONE_AXES.length numbers): its own, else its genres' mean (genre-tone.ts), else 0. */
  tone: Float64Array;
  /** Per film: 1 when the tone is the film's own (learned from its ratings), 0 when it is its genres' or none. */
  ownTone: Uint8Array;
  /** Per film: franchise keys, computed when the film first becomes a candidate. */
  franchises: (readonly string[] | undefined)[];
}

const indexes = new WeakMap<readonly Film[], FilmIndex>();

function buildIndex(films: readonly Film[]): FilmIndex {
  const slots = new Map<number, number>();
  const maskSlot = new Int32Array(films.length);
  const quality = new Float64Array(films.length);
  const floor = new Uint8Array(films.length);
  const good = new Uint8Array(films.length);
  const fitTier = new Uint8Array(films.length);
  const loved = new Uint8Array(films.length);
  const userLoved = new Uint8Array(films.length);
  const userQuality = new Float64Array(films.length);
  const axes = TONE_AXES.length;
  const tone = new Float64Array(films.length * axes);
  const ownTone = new Uint8Array(films.length);
  const fallback = genreTones(films);
  for (let i = 0; i < films.length; i++) {
    const film = films[i]!;
    const mask = genreMask(film.genres);
    let slot = slots.get(mask);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(mask, slot);
    }
    maskSlot[i] = slot;
    quality[i] = qualityFactor(film) * recencyFactor(film.year);
    floor[i] = clearsFloor(film) ? 0 : film.rating !== null && film.ratingCount > 0 ? 1 : 2;
    good[i] = floor[i] === 0 && isGoodFilm(film) ? 1 : 0;
    fitTier[i] = floor[i] === 0 ? (good[i] ? 0 : 3) : floor[i] === 1 ? 4 : 5;
    loved[i] = isLovedFilm(film) ? 1 : 0;
    const userRating = userRatingOf(film);
    userLoved[i] = (userRating ?? 0) >= 4 ? 1 : 0;
    if (userRating !== null) userQuality[i] = qualityFactor({ rating: userRating, ratingCount: 0 });
    const own = film.tone;
    if (own && own.length === axes) {
      ownTone[i] = 1;
      for (let a = 0; a < axes; a++) tone[i * axes + a] = Number.isFinite(own[a]) ? own[a]! : 0;
    } else {
      const mean = fallback.of(mask);
      if (mean) tone.set(mean, i * axes);
    }
  }
  return {
    films: films.slice(),
    masks: Int32Array.from(slots.keys()),
    maskSlot,
    quality,
    floor,
    good,
    fitTier,
    loved,
    userLoved,
    userQuality,
    tone,
    ownTone,
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
