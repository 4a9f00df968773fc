/** Genre sets as bit masks: one integer per film, so scoring memoises per genre set and MMR compares sets fast. */
import { GENRES, type Genre } from '../catalogue/types';

/** Each genre's bit position (its index in GENRES). */
const GENRE_BIT: Readonly<Record<Genre, number>> = Object.fromEntries(
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

/**
 * How alike two genre sets are: the mean of Jaccard (|A∩B| / |A∪B|) and the overlap coefficient
 * (|A∩B| / min(|A|, |B|)), the release format left out; 0 when either is empty. Jaccard alone makes a film tagged
 * with ten genres look new next to a comedy, though the comedy is wholly inside it; the overlap part says so.
 */
export function genreSimilarity(a: number, b: number): number {
  const left = a & ~FORMAT_BITS;
  const right = b & ~FORMAT_BITS;
  const smaller = Math.min(bitCount(left), bitCount(right));
  if (smaller === 0) return 0;
  const shared = bitCount(left & right);
  return (shared / bitCount(left | right) + shared / smaller) / 2;
}
