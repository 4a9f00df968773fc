/**
 * One badge pass: read the given tiles, give each read tile its inert host at once (whatever the answer will
 * be), drop the badges of tiles that now show another title, draw what is already known, ask the background
 * about the rest in one message, then draw those inside the hosts' closed roots.
 */
import { TileBadges } from './badges';
import { badgeAnchor, readTile, readingKey, ruleFor } from './read';
import { TitleLookup } from './title-lookup';
import type { SiteAdapter, TileReading } from './types';

interface SeenTile {
  tile: Element;
  key: string;
  title: string;
}

export class Badger {
  readonly badges = new TileBadges();
  /** Bumped by `clear`: a pass that was waiting for an answer then draws nothing. */
  private generation = 0;

  constructor(
    private readonly adapter: SiteAdapter,
    readonly lookup: TitleLookup,
  ) {}

  /** Badge `tiles` (the tiles a pass found new or changed, or every tile of the page). */
  async pass(tiles: Iterable<Element>): Promise<void> {
    const generation = this.generation;
    const waiting: SeenTile[] = [];
    const wanted = new Map<string, TileReading>();
    for (const tile of tiles) {
      const rule = ruleFor(this.adapter, tile);
      const reading = rule && readTile(tile, rule);
      if (!rule || !reading) {
        this.badges.forget(tile);
        continue;
      }
      const key = readingKey(reading);
      this.badges.see(tile, badgeAnchor(tile, rule), key);
      const seen = { tile, key, title: reading.title };
      if (this.lookup.fitOf(key) === undefined) {
        waiting.push(seen);
        wanted.set(key, reading);
      } else {
        this.draw(seen);
      }
    }
    if (!wanted.size) return;
    await this.lookup.resolve(wanted);
    if (generation !== this.generation) return;
    for (const seen of waiting) this.draw(seen);
  }

  /** Take every badge away. */
  clear(): void {
    this.generation++;
    this.badges.clear();
  }

  private draw({ tile, key, title }: SeenTile): void {
    const fit = this.lookup.fitOf(key);
    if (fit === undefined || !tile.isConnected) return;
    this.badges.show(tile, key, fit, title);
  }
}
