/**
 * Owns the offscreen document's life: creates it on first need, recreates it if Chrome closed it,
 * and makes concurrent callers share one creation.
 */
import { browser } from 'wxt/browser';

const OFFSCREEN_PATH = '/offscreen.html';
let creating: Promise<void> | null = null;

async function offscreenExists(): Promise<boolean> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const contexts = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType],
    documentUrls: [url],
  });
  return contexts.length > 0;
}

export async function ensureOffscreenDocument(): Promise<void> {
  // While a creation is in flight the document already counts as existing, but its listeners may not be
  // registered yet: wait for the creation instead (the popup's warm-up and a quick click race like this).
  if (creating) return creating;
  if (await offscreenExists()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['USER_MEDIA' as chrome.offscreen.Reason],
      justification: 'Reads the face from the camera on this device to suggest films.',
    })
    .catch((error: unknown) => {
      // Another caller won the race: the document exists, which is all we wanted.
      if (!String(error).includes('Only a single offscreen')) throw error;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}
