/**
 * "Hide on this site for now": the sites the row is hidden on, in session storage (so it lasts until the
 * browser restarts), read and written by the background (content scripts ask it: `site-state`; the row's
 * frame asks `hide-row`) and by the popup and the options page, which bring the row back. These read and write
 * only when called, and callers catch.
 */
import { storage } from 'wxt/utils/storage';
import { SITE_IDS, type SiteId } from './adapters';

const KEY = 'session:siteRowHidden';

/**
 * The stored value as a list of site ids: a record of `site: true` (an earlier MoodReel stored `true`, meaning
 * every site); anything else hides nothing.
 */
function hiddenSitesOf(stored: unknown): SiteId[] {
  if (stored === true) return [...SITE_IDS];
  if (typeof stored !== 'object' || stored === null) return [];
  return SITE_IDS.filter((site) => (stored as Record<string, unknown>)[site] === true);
}

async function hiddenSites(): Promise<SiteId[]> {
  return hiddenSitesOf(await storage.getItem<unknown>(KEY));
}

async function store(sites: readonly SiteId[]): Promise<void> {
  if (sites.length) await storage.setItem(KEY, Object.fromEntries(sites.map((site) => [site, true])));
  else await storage.removeItem(KEY);
}

export const rowHidden = {
  /** The sites the row is hidden on now, in the registry's order. */
  sites: hiddenSites,
  async on(site: SiteId): Promise<boolean> {
    return (await hiddenSites()).includes(site);
  },
  async hide(site: SiteId): Promise<void> {
    const sites = await hiddenSites();
    if (!sites.includes(site)) await store([...sites, site]);
  },
  /** The row comes back on every site. */
  async showEverywhere(): Promise<void> {
    await store([]);
  },
  watch(callback: (sites: SiteId[]) => void): () => void {
    return storage.watch<unknown>(KEY, (stored) => callback(hiddenSitesOf(stored)));
  },
};
