/** Genre sets as bit masks: one integer per film, so scoring memoises per genre set and MMR compares sets fast. */
import { GENRES, type Genre } from '../catalogue/types';

/** Each genre's bit position (its index in GENRES). */
export const GENRE_BIT: Readonly<Record<Genre, number>> = Object.fromEntries(
  GENRES.map((genre, index) => [genre, index]),
) as Record<Genre, number>;

/**
 * IMAX is a release format, not what a film is about: two films differing only in IMAX are the same kind of
 * film for diversity.
 */
const FORMAT_BITS = 1 << GENRE_BIT.IMAX;

/** The film's genres as a bit mask (unknown names are ignored: the catalogue checks them on import). */
export function genreMask(genres: readonly Genre[]): number {
  let mask = 0;
  for (const genre of genres) {
    const bit = GENRE_BIT[genre];
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Jaccard similarity of two genre sets (|A∩B| / |A∪B|), the release format left out; 0 when both are empty. */
export function genreSimilarity(a: number, b: number): number {
  const left = a & ~FORMAT_BITS;
  const right = b & ~FORMAT_BITS;
  const union = bitCount(left | right);
  return union === 0 ? 0 : bitCount(left & right) / union;
}
