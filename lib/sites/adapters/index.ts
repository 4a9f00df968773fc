/** The supported sites, by the id their on/off setting uses. */
import type { SiteId } from '../../browser/settings';
import type { SiteAdapter } from '../types';
import { DISNEY } from './disney';
import { NETFLIX } from './netflix';
import { PRIME } from './prime';

export { DISNEY, NETFLIX, PRIME };
export { AMAZON_VIDEO_HOSTS, PRIME_MATCHES } from './prime';

export const ADAPTERS: Record<SiteId, SiteAdapter> = { netflix: NETFLIX, prime: PRIME, disney: DISNEY };

/** The site's search for `title` as a full address (the popup's links; the row uses searchPath on the page). */
export function searchUrl(adapter: SiteAdapter, title: string): string {
  return `https://${adapter.host}${adapter.searchPath(title)}`;
}
