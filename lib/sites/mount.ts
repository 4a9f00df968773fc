/**
 * One streaming site's content script: on the site's home page, the picks row on top of the rows, and
 * wherever it lists titles a badge on each tile that fits the mood, kept up to date as the page, the reading
 * and the settings change; nothing anywhere else, nothing when the site is turned off, and everything taken
 * away when the extension stops (never because the page says so: see instance.ts). The row's frame follows
 * the reading by itself: here it is only placed, and taken away when hidden.
 *
 * What the content script learns from the background is only what it draws: which tiles get a badge and its
 * words, whether the site is on and the row hidden, and an opaque counter that changes when the badges must be
 * asked again. No reading, no time, no probability.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BADGE_TAG, LEGACY_FIT_ATTRIBUTE } from './badges';
import { Badger } from './badger';
import { claimPage, ignoreStartedEvents } from './instance';
import { BIG_PAGE_TILES, NearViewport, type Geometry, type ObserverFactory } from './near-viewport';
import { isHomePage, isListingPage, tilesIn } from './read';
import { PicksRowUi, ROW_TAG } from './row';
import { Frames, TimeSlice } from './slices';
import { TitleLookup } from './title-lookup';
import type { SiteId } from './adapters';
import type { SiteAdapter, SiteServices, SiteState } from './types';
import { watchPage, type PageWatcher, type PassWork } from './watcher';

export interface MountOptions {
  /** The background (lib/browser/site-services.ts in the content scripts; fakes in tests). */
  services: SiteServices;
  /** Least time between two passes over the page's changes (default 100 ms). */
  passDelayMs?: number;
  /** The backstop re-scan of the page (default 3 s after a change, backing off while nothing changes). */
  rescanMs?: number;
  /** Where the one-line notes go (default console.debug; never console.error: the page is not ours). */
  debug?: (message: string) => void;
  /** Tests: a page counts as big past this many tiles (default BIG_PAGE_TILES), a fake observer and layout. */
  bigPageTiles?: number;
  observer?: ObserverFactory;
  geometry?: Geometry;
}

export interface SiteMount {
  /** Resolves once what the current state asks for is on the page (tests wait on it). */
  settled(): Promise<void>;
  /** The page went to another URL without a reload (followed by itself; tests may call it). */
  route(url: URL): void;
  /** The page's cache of badge drawings (tests and the bench count its messages). */
  readonly lookup: TitleLookup;
  /** The badges (tests and the bench count them). */
  readonly badger: Badger;
  /** Whether the page is big: only the tiles near the viewport are badged. */
  readonly big: boolean;
}

/** On a big page, hosts put in or taken out between two frames (see Badger.hostsPerFrame). */
const HOSTS_PER_FRAME = 16;

function isOwn(node: Node): boolean {
  const name = node.nodeName.toLowerCase();
  return name === ROW_TAG || name === BADGE_TAG;
}

/** What an older run of MoodReel may have left (an update orphans the old content script). */
function removeStrays(): void {
  for (const element of document.querySelectorAll(`${ROW_TAG}, ${BADGE_TAG}`)) element.remove();
  for (const tile of document.querySelectorAll(`[${LEGACY_FIT_ATTRIBUTE}]`)) tile.removeAttribute(LEGACY_FIT_ATTRIBUTE);
}

/**
 * Calls `moved` when the page's URL changes without a reload. Chromium's Navigation API says so after the
 * URL changed (only the browser's own, trusted, events count); elsewhere the URL is polled. Either way the
 * URL is read from `location`, never from an event a page could make up.
 */
function followLocation(ctx: ContentScriptContext, moved: (url: URL) => void): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    moved(new URL(last));
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', (event) => event.isTrusted && check(), { signal: ctx.signal });
  } else {
    ctx.setInterval(check, 1_000);
  }
}

export async function mount(
  ctx: ContentScriptContext,
  adapter: SiteAdapter<SiteId>,
  options: MountOptions,
): Promise<SiteMount> {
  const log = options.debug ?? ((message: string) => console.debug(message));
  const debug = (message: string) => log(`MoodReel (${adapter.name}): ${message}`);
  const services = options.services;
  const bigPageTiles = options.bigPageTiles ?? BIG_PAGE_TILES;
  // The page's events stop nothing; a newer copy of this script (an update) stops this one through the world.
  ignoreStartedEvents(ctx);
  const releasePage = claimPage(() => ctx.notifyInvalidated());
  const lookup = new TitleLookup((titles) => services.matchTitles(titles), debug);
  // On a big page, reading where the tiles are and changing hosts share the page's frames: reads first.
  const frames = new Frames((callback) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      callback();
    };
    ctx.requestAnimationFrame(once);
    ctx.setTimeout(once, 1_000);
  });
  const badger = new Badger(
    adapter,
    lookup,
    () => new TimeSlice(undefined, undefined, undefined, () => frames.write()),
  );
  const pending = new Set<Promise<unknown>>();
  // Badges wherever the site lists titles (`listing`); the row on home pages only (`home`).
  const here = new URL(location.href);
  const state = {
    enabled: true,
    home: isHomePage(adapter, here),
    listing: isListingPage(adapter, here),
    /** Hidden on this site for now, or the user's "Show the row on home pages" is off for it. */
    rowOff: false,
  };
  /** What the background last said (null before its first answer). */
  let known: SiteState | null = null;
  let stateRequests = 0;
  let active = false;
  let watcher: PageWatcher | null = null;
  let reportedEmpty = false;
  let fullPasses = 0;
  /** On a big page: which tiles are near the viewport (null on an ordinary page: every tile is badged). */
  let near: NearViewport | null = null;

  const row = new PicksRowUi({ ctx, adapter, debug });

  function track(work: Promise<unknown>): void {
    const done = work.catch((error: unknown) => debug(String(error)));
    pending.add(done);
    void done.finally(() => pending.delete(done));
  }

  function apply(): void {
    const wanted = state.enabled && state.listing && ctx.isValid;
    if (wanted && !active) start();
    else if (!wanted && active) stop();
    if (!active) return;
    if (state.rowOff || !state.home) row.hide();
    else track(row.show());
  }

  function start(): void {
    active = true;
    reportedEmpty = false;
    fullPasses = 0;
    removeStrays();
    watcher = watchPage({
      root: document.documentElement,
      attributes: adapter.titleAttributes,
      isOwn,
      onPass: pass,
      timers: ctx,
      passDelayMs: options.passDelayMs,
      rescanMs: options.rescanMs,
      isValid: () => ctx.isValid,
    });
  }

  function stop(): void {
    active = false;
    watcher?.stop();
    watcher = null;
    leaveBigPage();
    badger.clear();
    row.hide();
  }

  /** Past `bigPageTiles` tiles: from now on only the tiles near the viewport get hosts and matches. */
  function enterBigPage(tiles: number): NearViewport {
    badger.clear();
    badger.hostsPerFrame = HOSTS_PER_FRAME;
    debug(`a big page (${tiles} tiles): only the tiles near the viewport are badged.`);
    near = new NearViewport({
      // √n tiles a chunk: as many sentinels as tiles in a chunk, the fewest observed in all.
      chunkSize: Math.max(25, Math.ceil(Math.sqrt(tiles))),
      // Tiles coming near are read by the next pass, like any change on the page.
      onNear: (tiles) => watcher?.add(tiles),
      onFar: (tiles) => track(badger.release(tiles)),
      observer: options.observer,
      geometry: options.geometry,
    });
    return near;
  }

  /**
   * Where the page's chunks are is read again at most every 100 ms while the page scrolls or resizes, at the
   * start of a frame: the layout is clean then, so reading it costs no layout of its own.
   */
  let refreshing = false;
  function refreshNear(): void {
    if (!near || refreshing) return;
    refreshing = true;
    ctx.setTimeout(() => {
      frames.read(() => {
        refreshing = false;
        near?.refresh();
      });
    }, 100);
  }
  // Capturing: the scrolls of the page's own scrolling boxes too (a scroll event does not bubble).
  for (const type of ['scroll', 'resize'])
    window.addEventListener(type, refreshNear, { capture: true, passive: true, signal: ctx.signal });

  function leaveBigPage(): void {
    near?.disconnect();
    near = null;
    badger.hostsPerFrame = null;
  }

  /** The tiles in `roots`, collected in slices. */
  async function collectTiles(roots: Iterable<Element | Document>, slice: TimeSlice): Promise<Element[]> {
    const tiles: Element[] = [];
    for (const tile of tilesIn(adapter, roots)) {
      tiles.push(tile);
      if (slice.spent) await slice.next();
    }
    return tiles;
  }

  async function pass(work: PassWork): Promise<void> {
    if (!active) return;
    if (state.home && !state.rowOff) await row.place();
    const slice = new TimeSlice();
    // On a big page a re-scan reads again the tiles near the viewport; new tiles arrive as changes.
    const roots = work.full && !near ? [document] : work.changed;
    const found = await collectTiles(roots, slice);
    if (!active) return;
    if (work.full) {
      badger.badges.prune();
      // Said once, at the first re-scan: the site may still be rendering its rows at the first pass.
      if (++fullPasses >= 2 && !found.length && !near && !row.placed && !reportedEmpty) {
        reportedEmpty = true;
        debug('no rows or tiles recognised on this page; nothing added.');
      }
    }
    const count = work.full ? found.length : badger.badges.hosts + found.length;
    if (!near && count > bigPageTiles) {
      const viewport = enterBigPage(count);
      for (const tile of work.full ? found : tilesIn(adapter, [document])) {
        viewport.add(tile);
        if (slice.spent) await slice.next();
      }
      refreshNear();
      return;
    }
    if (!near) {
      await badger.pass(found);
      return;
    }
    const viewport = near;
    const again: Element[] = work.full ? [...viewport.near] : [];
    let added = false;
    for (const tile of found) {
      if (!viewport.has(tile)) {
        viewport.add(tile);
        added = true;
      } else if (viewport.near.has(tile)) {
        again.push(tile);
      }
      if (slice.spent) await slice.next();
    }
    // The page changed: what is near may have moved (rows added above, tiles added here).
    if (added || work.full) refreshNear();
    await badger.pass(again);
  }

  /**
   * The background says the badges would be drawn otherwise (a new reading, strategy or weights, the reading
   * gone stale, a title turned down): every badge follows, in place. The row's frame follows by itself.
   */
  function redraw(): void {
    lookup.redraw();
    if (!active) return;
    watcher?.requestFullPass();
  }

  /** Ask the background for the site's state and follow it (an older answer arriving late is dropped). */
  async function syncState(): Promise<void> {
    const request = ++stateRequests;
    let next: SiteState;
    try {
      next = await services.siteState(adapter.id);
    } catch (error) {
      debug(`site-state failed: ${String(error)}`);
      return;
    }
    if (request !== stateRequests || ctx.isInvalid) return;
    const moved = known !== null && known.moodKey !== next.moodKey;
    known = next;
    state.enabled = next.enabled;
    state.rowOff = next.rowHidden || !next.rowOn;
    if (moved) redraw();
    apply();
  }

  function route(url: URL): void {
    const home = isHomePage(adapter, url);
    const listing = isListingPage(adapter, url);
    // Another page of the site: whether it is big is decided again.
    if (near && active) {
      leaveBigPage();
      badger.clear();
      watcher?.requestFullPass();
    }
    if (home === state.home && listing === state.listing) return;
    state.home = home;
    state.listing = listing;
    apply();
  }

  let unwatch: (() => void) | null = null;
  try {
    unwatch = services.watchChanges(() => track(syncState()));
  } catch (error) {
    debug(`cannot follow the settings: ${String(error)}`);
  }
  ctx.onInvalidated(() => {
    try {
      unwatch?.();
    } catch {
      // The extension is gone; its port with it.
    }
    releasePage();
    stop();
  });
  followLocation(ctx, route);

  await syncState();
  apply();

  return {
    lookup,
    badger,
    route,
    get big() {
      return near !== null;
    },
    async settled() {
      for (let round = 0; round < 20; round++) {
        await watcher?.flush();
        if (!pending.size) {
          if (!watcher) return;
          await watcher.flush();
          if (!pending.size) return;
        }
        await Promise.all([...pending]);
      }
    },
  };
}
