/**
 * On a big page (more than BIG_PAGE_TILES tiles), only the tiles within three screens of the viewport get a
 * host and a match: which tiles those are, kept up to date as the user scrolls, by IntersectionObservers
 * with a wide root margin (three screens on every side).
 *
 * Observing every tile is what a small page could afford; on a page of 100,000 tiles Chromium then spends
 * over a second of every frame on intersections (measured while building this). So two levels: the tiles
 * are kept in chunks of `chunkSize` in the order they were found (document order), and only each chunk's
 * first tile, its sentinel, is observed all the time. A chunk is open when it may reach into the band around
 * the viewport: its own or the next sentinel is in the band (by height: a tile hidden sideways in a carousel
 * still counts), or its sentinel is above the band and the next one below it (or there is no next one). An
 * open chunk's tiles are observed one by one, and those that intersect the band are handed to `onNear`;
 * when they leave it, or their chunk closes, they go to `onFar`. A few thousand sentinels and a few hundred
 * tiles are observed at any time.
 */

/** Past this many tiles a page is big: the tiles far from the viewport get nothing. */
export const BIG_PAGE_TILES = 2_000;
/** "Within three screens of the viewport": the root margin, in percent of the viewport, on every side. */
const NEAR_MARGIN = '300%';
const CHUNK_SIZE = 25;

type Observer = Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;
interface Entry {
  target: Element;
  isIntersecting: boolean;
  boundingClientRect: { top: number; bottom: number };
  /** The viewport with the margin around it (null where the browser does not say). */
  rootBounds: { top: number; bottom: number } | null;
}
/** Where a sentinel is, from the band's point of view. */
type Side = 'before' | 'near' | 'after';
export type ObserverFactory = (callback: (entries: Entry[]) => void, options: IntersectionObserverInit) => Observer;

export interface NearViewportOptions {
  /** Tiles that came within three screens of the viewport (in batches, as the observers report them). */
  onNear(tiles: Element[]): void;
  /** Tiles that went further away (or whose chunk closed). */
  onFar(tiles: Element[]): void;
  chunkSize?: number;
  /** Tests pass a fake; the browser's IntersectionObserver otherwise. */
  observer?: ObserverFactory;
}

interface Chunk {
  index: number;
  tiles: Element[];
  /** Where its sentinel (first tile) is; unknown until the observer first says, taken as after the band. */
  side: Side;
  /** Its tiles are observed one by one. */
  open: boolean;
}

/** Above the band, in it (by height), or below it. */
function sideOf({ isIntersecting, boundingClientRect: rect, rootBounds: band }: Entry): Side {
  if (isIntersecting) return 'near';
  if (!band) return 'after';
  if (rect.bottom < band.top) return 'before';
  if (rect.top > band.bottom) return 'after';
  return 'near';
}

const browserObserver: ObserverFactory = (callback, options) => new IntersectionObserver(callback, options);

export class NearViewport {
  private readonly chunks: Chunk[] = [];
  private readonly chunkOf = new WeakMap<Element, Chunk>();
  private readonly nearTiles = new Set<Element>();
  private readonly sentinels: Observer;
  private readonly tiles: Observer;
  private readonly chunkSize: number;

  constructor(private readonly options: NearViewportOptions) {
    const make = options.observer ?? browserObserver;
    this.chunkSize = options.chunkSize ?? CHUNK_SIZE;
    this.sentinels = make((entries) => this.sentinelsMoved(entries), { rootMargin: NEAR_MARGIN });
    this.tiles = make((entries) => this.tilesMoved(entries), { rootMargin: NEAR_MARGIN });
  }

  /** The tiles near the viewport now. */
  get near(): ReadonlySet<Element> {
    return this.nearTiles;
  }

  /** How many tiles are followed (near or not). */
  get size(): number {
    const last = this.chunks.at(-1);
    return last ? (this.chunks.length - 1) * this.chunkSize + last.tiles.length : 0;
  }

  /** Whether a tile is followed already. */
  has(tile: Element): boolean {
    return this.chunkOf.has(tile);
  }

  /** Follow a tile found on the page (tiles are given in document order, new ones after them). */
  add(tile: Element): void {
    if (this.chunkOf.has(tile)) return;
    let chunk = this.chunks.at(-1);
    if (!chunk || chunk.tiles.length >= this.chunkSize) {
      chunk = { index: this.chunks.length, tiles: [], side: 'after', open: false };
      this.chunks.push(chunk);
      this.sentinels.observe(tile);
    }
    chunk.tiles.push(tile);
    this.chunkOf.set(tile, chunk);
    if (chunk.open) this.tiles.observe(tile);
  }

  disconnect(): void {
    this.sentinels.disconnect();
    this.tiles.disconnect();
    this.nearTiles.clear();
    this.chunks.length = 0;
  }

  /** Whether chunk `index`, from its sentinel to the next one, may reach into the band. */
  private mayBeNear(index: number): boolean {
    const here = this.chunks[index]!.side;
    const next = this.chunks[index + 1]?.side;
    return here === 'near' || next === 'near' || (here === 'before' && (next === undefined || next === 'after'));
  }

  private sentinelsMoved(entries: Entry[]): void {
    const touched = new Set<number>();
    for (const entry of entries) {
      const chunk = this.chunkOf.get(entry.target);
      if (!chunk || chunk.tiles[0] !== entry.target) continue;
      chunk.side = sideOf(entry);
      // A chunk runs from its sentinel to the next one's: both chunks that this sentinel bounds may change.
      touched.add(chunk.index);
      if (chunk.index > 0) touched.add(chunk.index - 1);
    }
    const far: Element[] = [];
    for (const index of touched) {
      const chunk = this.chunks[index]!;
      const wanted = this.mayBeNear(index);
      if (wanted === chunk.open) continue;
      chunk.open = wanted;
      for (const tile of chunk.tiles) {
        if (wanted) {
          this.tiles.observe(tile);
        } else {
          this.tiles.unobserve(tile);
          if (this.nearTiles.delete(tile)) far.push(tile);
        }
      }
    }
    if (far.length) this.options.onFar(far);
  }

  private tilesMoved(entries: Entry[]): void {
    const near: Element[] = [];
    const far: Element[] = [];
    for (const { target, isIntersecting } of entries) {
      if (!this.chunkOf.get(target)?.open) continue;
      if (isIntersecting && !this.nearTiles.has(target)) {
        this.nearTiles.add(target);
        near.push(target);
      } else if (!isIntersecting && this.nearTiles.delete(target)) {
        far.push(target);
      }
    }
    if (far.length) this.options.onFar(far);
    if (near.length) this.options.onNear(near);
  }
}
