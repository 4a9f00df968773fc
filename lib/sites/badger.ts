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
  /**
   * On a big page, how many hosts may come or go between two frames (null: as many as a slice allows). Each
   * one makes the next frame lay out again the page around its tile; on a page of 100,000 elements a few
   * dozen make a frame longer than 50 ms.
   */
  hostsPerFrame: number | null = null;

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
    let moved = 0;
    // On a big page the hosts change only in a frame's turn to change things (after its reads).
    if (this.hostsPerFrame !== null) {
      await slice.nextFrame();
      if (generation !== this.generation) return;
    }
    for (const entry of read) {
      const { tile, rule, tileText } = reader.settle(entry);
      if (!rule || !tileText || !tile.isConnected) {
        if (this.badges.forget(tile)) moved++;
      } else {
        const key = tileTextKey(tileText);
        if (this.badges.see(tile, badgeAnchor(tile, rule), key)) moved++;
        const seen = { tile, key, title: tileText.title };
        if (this.lookup.drawingOf(key) === undefined) {
          waiting.push(seen);
          wanted.set(key, tileText);
        } else {
          this.draw(seen);
        }
      }
      if (this.hostsPerFrame !== null && moved >= this.hostsPerFrame) {
        moved = 0;
        await slice.nextFrame();
        if (generation !== this.generation) return;
      } else if (slice.spent) {
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

  /** Tiles far from the viewport on a big page: no host, no badge (a few at a time, as `pass` adds them). */
  async release(tiles: Iterable<Element>): Promise<void> {
    const generation = this.generation;
    const slice = this.newSlice();
    let moved = 0;
    if (this.hostsPerFrame !== null) await slice.nextFrame();
    for (const tile of tiles) {
      if (generation !== this.generation) return;
      if (this.badges.forget(tile)) moved++;
      if (this.hostsPerFrame !== null && moved >= this.hostsPerFrame) {
        moved = 0;
        await slice.nextFrame();
        if (generation !== this.generation) return;
      }
    }
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
