/**
 * One streaming site's content script: on the site's home page, the picks row on top of the rows and a badge
 * on each tile that fits the mood, kept up to date as the page, the reading and the settings change; nothing
 * anywhere else, nothing when the site is turned off, and everything taken away when the extension stops. The
 * row's frame follows the reading by itself: here it is only placed, and taken away when hidden.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BADGE_TAG, LEGACY_FIT_ATTRIBUTE } from './badges';
import { Badger } from './badger';
import { findTiles, isHomePage, isListingPage } from './read';
import { PicksRowUi, ROW_TAG } from './row';
import { TitleLookup } from './title-lookup';
import type { SiteId } from './adapters';
import type { SiteAdapter, SiteServices, SiteState } from './types';
import { watchPage, type PageWatcher, type PassWork } from './watcher';

export interface MountOptions {
  /** The background (lib/browser/site-services.ts in the content scripts; fakes in tests). */
  services: SiteServices;
  /** Least time between two passes over the page's changes (default 100 ms). */
  passDelayMs?: number;
  /** The backstop re-scan of the whole page (default every 3 s). */
  rescanMs?: number;
  /** Where the one-line notes go (default console.debug; never console.error: the page is not ours). */
  debug?: (message: string) => void;
}

export interface SiteMount {
  /** Resolves once what the current state asks for is on the page (tests wait on it). */
  settled(): Promise<void>;
  /** The page went to another URL without a reload (wxt:locationchange calls it). */
  route(url: URL): void;
  /** The page's title cache (tests and the bench count its messages). */
  readonly lookup: TitleLookup;
}

function isOwn(node: Node): boolean {
  const name = node.nodeName.toLowerCase();
  return name === ROW_TAG || name === BADGE_TAG;
}

/** What an older run of MoodReel may have left (an update orphans the old content script). */
function removeStrays(): void {
  for (const element of document.querySelectorAll(`${ROW_TAG}, ${BADGE_TAG}`)) element.remove();
  for (const tile of document.querySelectorAll(`[${LEGACY_FIT_ATTRIBUTE}]`)) tile.removeAttribute(LEGACY_FIT_ATTRIBUTE);
}

export async function mount(
  ctx: ContentScriptContext,
  adapter: SiteAdapter<SiteId>,
  options: MountOptions,
): Promise<SiteMount> {
  const log = options.debug ?? ((message: string) => console.debug(message));
  const debug = (message: string) => log(`MoodReel (${adapter.name}): ${message}`);
  const services = options.services;
  const lookup = new TitleLookup((titles) => services.matchTitles(titles), debug);
  const badger = new Badger(adapter, lookup, { onNotThisFilm: notThisFilm });
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
    badger.clear();
    row.hide();
  }

  async function pass(work: PassWork): Promise<void> {
    if (!active) return;
    if (state.home && !state.rowOff) await row.place();
    const tiles = findTiles(adapter, work.full ? [document] : work.changed);
    if (work.full) {
      badger.badges.prune();
      // Said once, at the first re-scan: the site may still be rendering its rows at the first pass.
      if (++fullPasses >= 2 && !tiles.size && !row.placed && !reportedEmpty) {
        reportedEmpty = true;
        debug('no rows or tiles recognised on this page; nothing added.');
      }
    }
    await badger.pass(tiles);
  }

  /**
   * A new reading, strategy or weights, or the reading gone stale (the background's key moves and it pings):
   * every badge follows, in place. The row's frame hears the same ping and follows by itself.
   */
  function moodChanged(): void {
    lookup.newMood();
    if (!active) return;
    watcher?.requestFullPass();
  }

  /** "Not this film" on a badge: its title loses its badges now and is never matched again on this device. */
  function notThisFilm(title: string): void {
    lookup.rejectTitle(title);
    watcher?.requestFullPass();
    if (services.rejectTitle) track(services.rejectTitle(title));
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
    const moodMoved = known !== null && known.moodKey !== next.moodKey;
    known = next;
    state.enabled = next.enabled;
    state.rowOff = next.rowHidden || !next.rowOn;
    if (moodMoved) moodChanged();
    apply();
  }

  function route(url: URL): void {
    const home = isHomePage(adapter, url);
    const listing = isListingPage(adapter, url);
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
    stop();
  });
  ctx.addEventListener(window, 'wxt:locationchange', (event) => route(event.newUrl));

  await syncState();
  apply();

  return {
    lookup,
    route,
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
