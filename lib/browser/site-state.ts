/**
 * The background's side of the streaming sites' state. Content scripts may not read extension storage (it is
 * open to trusted contexts only), so the background reads the settings, the reading's time and the session's
 * hide flags for them (`site-state`), and tells every open site tab, and every row frame, when any of it
 * changes or the reading goes stale, over a port each opens (`SITE_CHANGES_PORT`); they then ask again.
 */
import { browser, type Browser } from 'wxt/browser';
import { isFresh } from '../mood/freshness';
import { rowHidden } from '../sites/row-hidden';
import { SITE_CHANGES_PORT, SITE_STATE_CHANGED, type SiteState } from './messages';
import { latestReading } from './reading-store';
import type { SiteId } from '../sites/adapters';
import { customWeightsSetting, moodFreshMinutes, rowSiteSettings, siteSettings, strategySetting } from './settings';
import { STALE_ALARM } from './toolbar-badge';

/** This site's state, read now; a value that cannot be read counts as its default. */
export async function readSiteState(site: SiteId, now = Date.now()): Promise<SiteState> {
  const [sites, rowSites, hidden, freshMinutes, reading, strategy, weights] = await Promise.all([
    siteSettings.getValue().catch(() => siteSettings.spec.fallback),
    rowSiteSettings.getValue().catch(() => rowSiteSettings.spec.fallback),
    rowHidden.on(site).catch(() => false),
    moodFreshMinutes.getValue().catch(() => moodFreshMinutes.spec.fallback),
    latestReading.getValue().catch(() => null),
    strategySetting.getValue().catch(() => null),
    customWeightsSetting.getValue().catch(() => null),
  ]);
  const known = Object.hasOwn(siteSettings.spec.fallback, site);
  // A reading that went stale moves the key as a new one does: the badges follow it without a reading time.
  const fresh = reading !== null && isFresh(reading, freshMinutes, now);
  return {
    // An id no adapter has (the request's check looks at its form only) is a site that is off.
    enabled: known && sites[site] !== false,
    rowHidden: hidden,
    rowOn: known && rowSites[site] !== false,
    freshMinutes,
    moodKey: JSON.stringify([fresh ? reading.at : null, strategy, weights, freshMinutes]),
  };
}

/** Calls `changed` whenever anything `readSiteState` reads changes; returns the function that stops. */
export function watchSiteState(changed: () => void): () => void {
  const stops = [
    latestReading.watch(changed),
    strategySetting.watch(changed),
    customWeightsSetting.watch(changed),
    moodFreshMinutes.watch(changed),
    siteSettings.watch(changed),
    rowSiteSettings.watch(changed),
    rowHidden.watch(changed),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * In the service worker: accept the change ports (from this extension's content scripts and row frames, which
 * run in tabs) and post on each when the state changes, or when the reading goes stale (the toolbar badge's
 * alarm, which outlives the service worker).
 */
export function serveSiteChanges(): void {
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
  const ping = () => {
    for (const port of ports) {
      try {
        port.postMessage(SITE_STATE_CHANGED);
      } catch {
        ports.delete(port);
      }
    }
  };
  watchSiteState(ping);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === STALE_ALARM) ping();
  });
}
