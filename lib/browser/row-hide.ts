/**
 * The background's side of the row's "Hide on this site for now" (`hide-row`, sent by the row's frame): the site
 * named must be a registered one, and the tab the frame runs in must be on that site when the browser says
 * where the tab is (the site id comes from the frame's URL, which the page's content script wrote).
 */
import { ADAPTERS, type SiteId } from '../sites/adapters';
import { siteOfPage } from '../sites/row-frame';
import { rowHidden } from '../sites/row-hidden';

export async function hideRowOn(site: SiteId, tabUrl: string | undefined): Promise<{ ok: boolean }> {
  if (!Object.hasOwn(ADAPTERS, site)) return { ok: false };
  if (tabUrl !== undefined && siteOfPage(tabUrl) !== site) return { ok: false };
  await rowHidden.hide(site);
  return { ok: true };
}
