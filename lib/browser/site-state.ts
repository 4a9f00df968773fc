/**
 * The background's side of the streaming sites' state. Content scripts may not read extension storage (it is
 * open to trusted contexts only), so the background reads the settings, the reading's time and the session's
 * hide flag for them (`site-state`), keeps the hide flag (`hide-row`), and tells every open site tab when any
 * of it changes, over a port each content script opens (`SITE_CHANGES_PORT`); the tab then asks again.
 */
import { browser, type Browser } from 'wxt/browser';
import { rowHidden } from '../sites/row-hidden';
import { SITE_CHANGES_PORT, SITE_STATE_CHANGED, type SiteState } from './messages';
import { latestReading } from './reading-store';
import type { SiteId } from '../sites/adapters';
import { customWeightsSetting, moodFreshMinutes, siteSettings, strategySetting } from './settings';

/** This site's state, read now; a value that cannot be read counts as its default. */
export async function readSiteState(site: SiteId): Promise<SiteState> {
  const [sites, hidden, freshMinutes, reading, strategy, weights] = await Promise.all([
    siteSettings.getValue().catch(() => siteSettings.spec.fallback),
    rowHidden.get().catch(() => false),
    moodFreshMinutes.getValue().catch(() => moodFreshMinutes.spec.fallback),
    latestReading.getValue().catch(() => null),
    strategySetting.getValue().catch(() => null),
    customWeightsSetting.getValue().catch(() => null),
  ]);
  return {
    // An id no adapter has (the request's check looks at its form only) is a site that is off.
    enabled: Object.hasOwn(siteSettings.spec.fallback, site) && sites[site] !== false,
    rowHidden: hidden,
    freshMinutes,
    moodKey: JSON.stringify([reading?.at ?? null, strategy, weights, freshMinutes]),
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
    rowHidden.watch(changed),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * In the service worker: accept the sites' change ports (from this extension's content scripts only) and
 * post on each when the state changes.
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
  watchSiteState(() => {
    for (const port of ports) {
      try {
        port.postMessage(SITE_STATE_CHANGED);
      } catch {
        ports.delete(port);
      }
    }
  });
}
