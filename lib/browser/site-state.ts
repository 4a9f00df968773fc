/**
 * The background's side of the streaming sites' state. Content scripts may not read extension storage (it is
 * open to trusted contexts only), so the background reads the settings and the session's hide flags for them
 * (`site-state`), and says "redraw" to every open site tab, and every row frame, when any of it changes, over
 * a port each opens (`SITE_CHANGES_PORT`); they then ask again.
 *
 * What the badges depend on (the reading, its freshness, the strategy and weights, the titles turned down)
 * is never told: only an opaque counter, `moodKey`, raised whenever any of it changes, so a tab knows to ask
 * its badges again without learning why. It lives in session storage, so it keeps counting when the service
 * worker stops and starts.
 */
import { browser, type Browser } from 'wxt/browser';
import { rowHidden } from '../sites/row-hidden';
import { defineCheckedItem } from './checked-item';
import { SITE_CHANGES_PORT, SITE_REDRAW, type SiteState } from './messages';
import { latestReading } from './reading-store';
import type { SiteId } from '../sites/adapters';
import { customWeightsSetting, moodFreshMinutes, rowSiteSettings, siteSettings, strategySetting } from './settings';
import { STALE_ALARM } from './toolbar-badge';

const moodKeyItem = defineCheckedItem<number>('session:siteMoodKey', 0, (stored) =>
  Number.isSafeInteger(stored) && (stored as number) >= 0 ? (stored as number) : undefined,
);

/** The counter now. */
export function currentMoodKey(): Promise<number> {
  return moodKeyItem.getValue().catch(() => 0);
}

let raising: Promise<number> = Promise.resolve(0);

/** Raises the counter (one raise at a time, so none is lost) and resolves to the new value. */
export function raiseMoodKey(): Promise<number> {
  raising = raising
    .catch(() => 0)
    .then(async () => {
      const next = (await currentMoodKey()) + 1;
      await moodKeyItem.setValue(next);
      return next;
    });
  return raising;
}

/** This site's state, read now; a value that cannot be read counts as its default. */
export async function readSiteState(site: SiteId): Promise<SiteState> {
  const [sites, rowSites, hidden, moodKey] = await Promise.all([
    siteSettings.getValue().catch(() => siteSettings.spec.fallback),
    rowSiteSettings.getValue().catch(() => rowSiteSettings.spec.fallback),
    rowHidden.on(site).catch(() => false),
    currentMoodKey(),
  ]);
  const known = Object.hasOwn(siteSettings.spec.fallback, site);
  return {
    // An id no adapter has (the request's check looks at its form only) is a site that is off.
    enabled: known && sites[site] !== false,
    rowHidden: hidden,
    rowOn: known && rowSites[site] !== false,
    moodKey,
  };
}

/**
 * Calls `changed` whenever anything `readSiteState` or the badges depend on changes, saying whether the
 * badges may be drawn otherwise (`true`: a reading, strategy, weights or freshness change, the reading going
 * stale) or only the site's settings changed; returns the function that stops.
 */
export function watchSiteState(changed: (badges: boolean) => void): () => void {
  const badges = () => changed(true);
  const site = () => changed(false);
  const onAlarm = (alarm: Browser.alarms.Alarm) => {
    // The toolbar badge's alarm: the reading has just gone stale.
    if (alarm.name === STALE_ALARM) badges();
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  const stops = [
    latestReading.watch(badges),
    strategySetting.watch(badges),
    customWeightsSetting.watch(badges),
    moodFreshMinutes.watch(badges),
    siteSettings.watch(site),
    rowSiteSettings.watch(site),
    rowHidden.watch(site),
    () => browser.alarms.onAlarm.removeListener(onAlarm),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * In the service worker: accept the change ports (from this extension's content scripts and row frames, which
 * run in tabs) and say "redraw" on each when the state changes, or when the reading goes stale (the toolbar
 * badge's alarm, which outlives the service worker). Returns `redraw`, for the background's own changes that
 * the badges depend on (a title turned down or taken back).
 */
export function serveSiteChanges(): { redraw(): Promise<void> } {
  const ports = new Set<Browser.runtime.Port>();
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== SITE_CHANGES_PORT) return;
    if (port.sender?.id !== browser.runtime.id || !port.sender.tab) {
      port.disconnect();
      return;
    }
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
  });
  const tell = () => {
    for (const port of ports) {
      try {
        port.postMessage(SITE_REDRAW);
      } catch {
        ports.delete(port);
      }
    }
  };
  const redraw = async () => {
    await raiseMoodKey().catch(() => undefined);
    tell();
  };
  watchSiteState((badges) => (badges ? void redraw() : tell()));
  return { redraw };
}
