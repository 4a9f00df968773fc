/**
 * The content script's link to the background: one message per batch, as the protocol says, and a port on
 * which the background says only "redraw" when the site's state may have changed (the content script cannot
 * read or watch storage). The row's frame follows the same port (lib/browser/row-frame-services.ts).
 */
import { browser } from 'wxt/browser';
import { SITE_CHANGES_PORT, SITE_REDRAW, matchTitlesInBatches, sendMessage } from './messages';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mount, type SiteMount } from '../sites/mount';
import type { SiteId } from '../sites/adapters';
import type { SiteAdapter, SiteServices } from '../sites/types';

/** Reconnect waits (ms) after a port that dropped at once; a port that lived a while reconnects at once. */
const RECONNECT_MS = [0, 250, 1_000, 5_000, 30_000];

/**
 * Open the changes port and keep it open: the service worker drops it when it stops, and reconnecting wakes
 * it. Every (re)connection counts as a change, so nothing said while the port was down is missed.
 */
export function watchChanges(changed: () => void): () => void {
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    if (stopped) return;
    const openedAt = Date.now();
    try {
      port = browser.runtime.connect({ name: SITE_CHANGES_PORT });
    } catch {
      return; // The extension was reloaded or removed: this content script is over.
    }
    port.onMessage.addListener((message) => {
      if (message === SITE_REDRAW) changed();
    });
    port.onDisconnect.addListener(() => {
      port = null;
      if (stopped || !browser.runtime?.id) return;
      failures = Date.now() - openedAt > 5_000 ? 0 : failures + 1;
      timer = setTimeout(
        () => {
          connect();
          changed();
        },
        RECONNECT_MS[Math.min(failures, RECONNECT_MS.length - 1)],
      );
    });
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    port?.disconnect();
  };
}

const backgroundServices: SiteServices = {
  // A page with more tiles than one message may carry asks in batches (the background refuses more).
  matchTitles: (titles) => matchTitlesInBatches(titles),
  siteState: (site) => sendMessage('site-state', { site }),
  watchChanges,
};

/** What a site's content script runs: the row's frame and the badges, asking the background by runtime messages. */
export function mountSite(ctx: ContentScriptContext, adapter: SiteAdapter<SiteId>): Promise<SiteMount> {
  return mount(ctx, adapter, { services: backgroundServices });
}
