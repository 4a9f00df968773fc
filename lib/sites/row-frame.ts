/**
 * The row's frame: an extension page (entrypoints/row-frame/) drawn in an `<iframe>` inside the closed root of
 * `<moodreel-picks>`. Its text is in another origin's document, so the site's scripts cannot read it, search it
 * (`window.find` does not search cross-origin frames) or measure it; it asks the background for its picks
 * itself. What both sides agree on is here, pure: its path, the origins it is exposed to, and which site a
 * frame is on (from its URL, checked against the registry and against the origin the browser says embeds it).
 */
import { ADAPTERS, type SiteId } from './adapters';
import type { SiteAdapter } from './types';

/** The page WXT builds from entrypoints/row-frame/index.html. */
export const ROW_FRAME_PATH = '/row-frame.html';

/** The row's one height in CSS pixels, whatever it shows: its host on the page, and the options preview. */
export const ROW_HEIGHT = 318;

/** Match patterns (`*://host/*`) of the origins the sites' content scripts run on, from the site registry. */
export function rowFrameOrigins(adapters: readonly SiteAdapter[] = Object.values(ADAPTERS)): string[] {
  // Chrome takes no path in web_accessible_resources: Prime Video's /gp/video/* on Amazon becomes the store's origin.
  const origins = adapters.flatMap((adapter) =>
    adapter.matches.map((match) => match.replace(/^(\*:\/\/[^/]+)\/.*$/u, '$1/*')),
  );
  return [...new Set(origins)].sort();
}

/** Whether `url` is on a host one of the adapter's match patterns names, over http or https (`*://`). */
function onSiteHost(adapter: SiteAdapter, url: URL): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return adapter.matches.some((match) => /^\*:\/\/([^/]+)\//u.exec(match)?.[1] === url.hostname);
}

/** Whether `url` is a page the adapter's content script runs on (host and path, as its match patterns say). */
function onSitePage(adapter: SiteAdapter, url: URL): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return adapter.matches.some((match) => {
    const parts = /^\*:\/\/([^/]+)(\/.*)$/u.exec(match);
    if (!parts || parts[1] !== url.hostname) return false;
    const path = new RegExp(`^${parts[2]!.replace(/[.+?^${}()|[\]\\]/gu, '\\$&').replace(/\*/gu, '.*')}$`, 'u');
    return path.test(url.pathname);
  });
}

function parsed(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The registered site whose content script runs on `url` (a tab's address, as the browser reports it), or null. */
export function siteOfPage(url: string | undefined): SiteId | null {
  const page = url === undefined ? null : parsed(url);
  if (!page) return null;
  return (Object.values(ADAPTERS).find((adapter) => onSitePage(adapter, page))?.id as SiteId | undefined) ?? null;
}

/** The query string the content script gives the frame: the site's id and the page's language (for its `lang`). */
export function rowFrameQuery(site: SiteId, lang: string): string {
  const query = new URLSearchParams({ site });
  // A language tag, or nothing: the frame sets it on its <html> and never shows it.
  if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/u.test(lang)) query.set('lang', lang);
  return `?${query.toString()}`;
}

export interface FrameSite {
  adapter: SiteAdapter<SiteId>;
  /** The page's origin ("https://www.netflix.com"): the cards' search links go there. */
  pageOrigin: string;
  lang: string | null;
}

/**
 * Which site the frame is on, or null: its `?site=` must be a registered site, and the origin that embeds it
 * (`location.ancestorOrigins[0]`, which the browser sets, not the page) one of that site's hosts. A frame the
 * page embedded itself somewhere else, or was given another site's id, draws nothing.
 */
export function frameSiteOf(search: string, ancestorOrigins: ArrayLike<string> | undefined): FrameSite | null {
  const query = new URLSearchParams(search);
  const site = query.get('site');
  if (!site || !Object.hasOwn(ADAPTERS, site)) return null;
  const adapter = ADAPTERS[site as SiteId] as SiteAdapter<SiteId>;
  const parent = ancestorOrigins && ancestorOrigins.length > 0 ? parsed(ancestorOrigins[0]!) : null;
  if (!parent || !onSiteHost(adapter, parent)) return null;
  const lang = query.get('lang');
  return { adapter, pageOrigin: parent.origin, lang: lang && /^[A-Za-z0-9-]{1,35}$/u.test(lang) ? lang : null };
}
