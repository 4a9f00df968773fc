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

/** Chrome's words when a message finds no listener: the document is still starting (or was just closed). */
export function isNoReceiver(error: unknown): boolean {
  return /Receiving end does not exist|Could not establish connection/i.test(String(error));
}

/**
 * Runs `send` and retries it while the offscreen document has no listener yet: a few short waits, then the
 * error goes to the caller, who shows it.
 */
export async function retryWhileStarting<T>(send: () => Promise<T>, waitsMs: readonly number[] = [50, 150, 400, 1000]): Promise<T> {
  for (const wait of waitsMs) {
    try {
      return await send();
    } catch (error) {
      if (!isNoReceiver(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  return send();
}
