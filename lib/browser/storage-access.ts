/**
 * Extension storage is for trusted contexts only: our pages and the service worker. Chrome lets content
 * scripts read and write `storage.local` and `storage.sync` unless told otherwise, and a content script runs
 * beside a streaming site's page (a compromised renderer can act as it), so the latest reading, the history
 * switch and the settings would be in the site's reach. Content scripts ask the background for what they need.
 */
import { browser } from 'wxt/browser';

interface AccessControlledArea {
  setAccessLevel(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void>;
}

/** Called when the service worker starts (the setting does not persist across browser restarts). */
export async function restrictStorageToTrustedContexts(
  areas: Record<string, AccessControlledArea> = { local: browser.storage.local, sync: browser.storage.sync },
): Promise<void> {
  await Promise.all(
    Object.entries(areas).map(([name, area]) =>
      Promise.resolve()
        .then(() => area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }))
        .catch((error: unknown) =>
          console.warn(`MoodReel: could not restrict storage.${name} to the extension`, error),
        ),
    ),
  );
}
