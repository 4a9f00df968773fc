/**
 * One badge pass: read the given tiles, give each read tile its inert host at once (whatever the answer will
 * be), drop the badges of tiles that now show another title, draw what is already known, ask the background
 * about the rest in one message, then draw those inside the hosts' closed roots.
 */
import { TileBadges } from './badges';
import { badgeAnchor, readTiles, tileTextKey } from './read';
import { TitleLookup } from './title-lookup';
import type { SiteAdapter, TileText } from './types';

interface SeenTile {
  tile: Element;
  key: string;
  title: string;
}

export class Badger {
  readonly badges: TileBadges;
  /** Titles seen as series anywhere on this page: a series on every tile (see readTiles). */
  private readonly seriesTitles = new Set<string>();
  /** Bumped by `clear`: a pass that was waiting for an answer then draws nothing. */
  private generation = 0;

  constructor(
    private readonly adapter: SiteAdapter,
    readonly lookup: TitleLookup,
    options: { onNotThisFilm?: (title: string) => void } = {},
  ) {
    this.badges = new TileBadges(options);
  }

  /** Badge `tiles` (the tiles a pass found new or changed, or every tile of the page). */
  async pass(tiles: Iterable<Element>): Promise<void> {
    const generation = this.generation;
    const waiting: SeenTile[] = [];
    const wanted = new Map<string, TileText>();
    for (const { tile, rule, tileText } of readTiles(this.adapter, tiles, this.seriesTitles)) {
      if (!rule || !tileText) {
        this.badges.forget(tile);
        continue;
      }
      const key = tileTextKey(tileText);
      this.badges.see(tile, badgeAnchor(tile, rule), key);
      const seen = { tile, key, title: tileText.title };
      if (this.lookup.fitOf(key) === undefined) {
        waiting.push(seen);
        wanted.set(key, tileText);
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
    this.badges.show(tile, key, fit, title, this.lookup.matchOf(key) ?? null);
  }
}
