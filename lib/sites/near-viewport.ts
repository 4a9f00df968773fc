/**
 * On a big page (more than BIG_PAGE_TILES tiles), only the tiles within three screens of the viewport get a
 * host and a match: which tiles those are, kept up to date as the user scrolls.
 *
 * Observing every tile with an IntersectionObserver is what a small page could afford; on a page of 100,000
 * tiles Chromium then spends over a second of every frame on intersections (measured while building this).
 * So two levels. The tiles are kept in chunks of `chunkSize` in the order they were found (document order),
 * and each chunk's first tile is its sentinel. After a scroll, a resize or a change of the page, `refresh`
 * reads where the sentinels are (by height only: a tile hidden sideways in a carousel still counts, and an
 * observer would never report it, its intersection staying empty); a chunk is open when it may reach into
 * the band of three screens above and below the viewport: its own or the next sentinel is in the band, or
 * its sentinel is above the band and the next one below it (or there is no next one). An open chunk's tiles
 * are observed one by one by an IntersectionObserver whose root margin is that band; those that intersect it
 * are handed to `onNear`, and to `onFar` when they leave it or their chunk closes. So √n sentinels are read
 * per frame at most, and a few hundred tiles observed.
 */

/** Past this many tiles a page is big: the tiles far from the viewport get nothing. */
export const BIG_PAGE_TILES = 2_000;
/** "Within three screens of the viewport": the band's margin, in screens, above and below (and to the sides). */
const SCREENS = 3;
const CHUNK_SIZE = 25;

type Observer = Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;
interface Entry {
  target: Element;
  isIntersecting: boolean;
}
export type ObserverFactory = (callback: (entries: Entry[]) => void, options: IntersectionObserverInit) => Observer;

/** Where things are, by height (tests give a layout of their own). */
export interface Geometry {
  /** An element's top and bottom in the viewport's coordinates. */
  span(element: Element): { top: number; bottom: number };
  /** The viewport's height. */
  height(): number;
}

export interface NearViewportOptions {
  /** Tiles that came within three screens of the viewport (in batches, as the observer reports them). */
  onNear(tiles: Element[]): void;
  /** Tiles that went further away (or whose chunk closed). */
  onFar(tiles: Element[]): void;
  chunkSize?: number;
  /** Tests pass fakes; the browser's IntersectionObserver and layout otherwise. */
  observer?: ObserverFactory;
  geometry?: Geometry;
}

/** Where a sentinel is, from the band's point of view. */
type Side = 'before' | 'near' | 'after';

interface Chunk {
  tiles: Element[];
  /** Its tiles are observed one by one. */
  open: boolean;
}

const browserObserver: ObserverFactory = (callback, options) => new IntersectionObserver(callback, options);
const browserGeometry: Geometry = {
  span: (element) => element.getBoundingClientRect(),
  height: () => innerHeight,
};

export class NearViewport {
  private readonly chunks: Chunk[] = [];
  private readonly chunkOf = new WeakMap<Element, Chunk>();
  private readonly nearTiles = new Set<Element>();
  private readonly tiles: Observer;
  private readonly chunkSize: number;
  private readonly geometry: Geometry;

  constructor(private readonly options: NearViewportOptions) {
    this.chunkSize = options.chunkSize ?? CHUNK_SIZE;
    this.geometry = options.geometry ?? browserGeometry;
    const make = options.observer ?? browserObserver;
    const margin = `${SCREENS * 100}%`;
    this.tiles = make((entries) => this.tilesMoved(entries), { rootMargin: margin });
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
      chunk = { tiles: [], open: false };
      this.chunks.push(chunk);
    }
    chunk.tiles.push(tile);
    this.chunkOf.set(tile, chunk);
    if (chunk.open) this.tiles.observe(tile);
  }

  /** Look again where the sentinels are (after a scroll, a resize, a change of the page): open and close chunks. */
  refresh(): void {
    const height = this.geometry.height();
    const band = { top: -SCREENS * height, bottom: (SCREENS + 1) * height };
    const sides: Side[] = this.chunks.map((chunk) => {
      const sentinel = chunk.tiles[0]!;
      // A sentinel that left the page says nothing: its chunk's other tiles decide alone (by the next one).
      if (!sentinel.isConnected) return 'after';
      const span = this.geometry.span(sentinel);
      return span.bottom < band.top ? 'before' : span.top > band.bottom ? 'after' : 'near';
    });
    const far: Element[] = [];
    this.chunks.forEach((chunk, i) => {
      const here = sides[i];
      const next = sides[i + 1];
      const wanted =
        here === 'near' || next === 'near' || (here === 'before' && (next === undefined || next === 'after'));
      if (wanted === chunk.open) return;
      chunk.open = wanted;
      for (const tile of chunk.tiles) {
        if (wanted) {
          this.tiles.observe(tile);
        } else {
          this.tiles.unobserve(tile);
          if (this.nearTiles.delete(tile)) far.push(tile);
        }
      }
    });
    if (far.length) this.options.onFar(far);
  }

  disconnect(): void {
    this.tiles.disconnect();
    this.nearTiles.clear();
    this.chunks.length = 0;
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
