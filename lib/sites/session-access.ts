/**
 * For the background: session storage (where the row's "hide until the browser restarts" flag lives, key
 * siteRowHidden, lib/sites/row-hidden.ts) is for trusted contexts only. That is Chrome's default, but an
 * earlier MoodReel opened it to content scripts and the level lasts for the browser session, so the service
 * worker sets it back when it starts. Content scripts ask the background instead (`site-state`, `hide-row`).
 */
import { browser } from 'wxt/browser';

export async function closeSessionStorageToContentScripts(): Promise<void> {
  await browser.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}
