/**
 * One badge pass: read the given tiles, give each read tile its inert host at once (whatever the answer will
 * be), drop the badges of tiles that now show another title, draw what is already known, ask the background
 * about the rest in one message, then draw those inside the hosts' closed roots. Done in short slices (see
 * slices.ts), so a page of any size never waits long on MoodReel.
 */
import { TileBadges } from './badges';
import { badgeAnchor, TileReader, tileTextKey, type ReadTile } from './read';
import { TimeSlice } from './slices';
import { TitleLookup } from './title-lookup';
import type { SiteAdapter, TileText } from './types';

interface SeenTile {
  tile: Element;
  key: string;
  title: string;
}

export class Badger {
  readonly badges = new TileBadges();
  /** Titles seen as series anywhere on this page: a series on every tile (see TileReader). */
  private readonly seriesTitles = new Set<string>();
  /** Bumped by `clear`: a pass that was waiting (for an answer, or its next slice) then draws nothing. */
  private generation = 0;

  constructor(
    private readonly adapter: SiteAdapter,
    readonly lookup: TitleLookup,
    private readonly newSlice: () => TimeSlice = () => new TimeSlice(),
  ) {}

  /** Badge `tiles` (the tiles a pass found new or changed, or every tile of the page). */
  async pass(tiles: Iterable<Element>): Promise<void> {
    const generation = this.generation;
    const slice = this.newSlice();
    const reader = new TileReader(this.adapter, this.seriesTitles);
    const read: ReadTile[] = [];
    for (const tile of tiles) {
      read.push(reader.read(tile));
      if (slice.spent) {
        await slice.next();
        if (generation !== this.generation) return;
      }
    }
    const waiting: SeenTile[] = [];
    const wanted = new Map<string, TileText>();
    for (const entry of read) {
      const { tile, rule, tileText } = reader.settle(entry);
      if (!rule || !tileText || !tile.isConnected) {
        this.badges.forget(tile);
      } else {
        const key = tileTextKey(tileText);
        this.badges.see(tile, badgeAnchor(tile, rule), key);
        const seen = { tile, key, title: tileText.title };
        if (this.lookup.drawingOf(key) === undefined) {
          waiting.push(seen);
          wanted.set(key, tileText);
        } else {
          this.draw(seen);
        }
      }
      if (slice.spent) {
        await slice.next();
        if (generation !== this.generation) return;
      }
    }
    if (!wanted.size) return;
    await this.lookup.resolve(wanted);
    if (generation !== this.generation) return;
    for (const seen of waiting) {
      this.draw(seen);
      if (slice.spent) {
        await slice.next();
        if (generation !== this.generation) return;
      }
    }
  }

  /** Tiles far from the viewport on a big page: no host, no badge. */
  release(tiles: Iterable<Element>): void {
    for (const tile of tiles) this.badges.forget(tile);
  }

  /** Take every badge away. */
  clear(): void {
    this.generation++;
    this.badges.clear();
  }

  private draw({ tile, key, title }: SeenTile): void {
    const drawing = this.lookup.drawingOf(key);
    if (drawing === undefined || !tile.isConnected) return;
    this.badges.show(tile, key, drawing, title);
  }
}
