/**
 * For the background (the lead wires it): content scripts may not use `storage.session` until a trusted
 * context allows it. The picks row's "Hide until the browser restarts" keeps its flag there
 * (key siteRowHidden, lib/sites/row-hidden.ts); call this once
 * when the service worker starts. It opens all of session storage to content scripts: nothing else of
 * MoodReel's is kept there today; keep nothing private there.
 */
import { browser } from 'wxt/browser';

export async function allowSessionStorageInContentScripts(): Promise<void> {
  await browser.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
}
