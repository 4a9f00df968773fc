/**
 * The supported sites: the one place a site is registered. Its id (the key, and the id its on/off setting and
 * messages use), its name, and where its content script runs all come from here.
 */
import type { SiteAdapter } from '../types';
import { DISNEY } from './disney';
import { NETFLIX } from './netflix';
import { PRIME } from './prime';

export { DISNEY, NETFLIX, PRIME };

/** Each adapter under its own id (the type refuses `prime: NETFLIX`). */
function registry<T extends { [Id in keyof T]: SiteAdapter<Id & string> }>(adapters: T): T {
  return adapters;
}

/** Every site, in the order the options page lists them. */
export const ADAPTERS = registry({ netflix: NETFLIX, prime: PRIME, disney: DISNEY });

export type SiteId = keyof typeof ADAPTERS;

export const SITE_IDS = Object.keys(ADAPTERS) as SiteId[];

/** The site's search for `title` as a full address (the popup's links; the row uses searchPath on the page). */
export function searchUrl(adapter: SiteAdapter, title: string): string {
  return `https://${adapter.host}${adapter.searchPath(title)}`;
}
