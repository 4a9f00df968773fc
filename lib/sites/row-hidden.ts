/**
 * "Hide the row until the browser restarts": a flag in session storage. Not a WXT `defineItem`: an item
 * defined at load reads its value at once, and a content script may not read session storage until the
 * background opens it (lib/sites/session-access.ts), so every page would log an uncaught error. These read
 * and write only when called, and callers catch.
 */
import { storage } from 'wxt/utils/storage';

const KEY = 'session:siteRowHidden';

export const rowHidden = {
  async get(): Promise<boolean> {
    return (await storage.getItem<boolean>(KEY)) === true;
  },
  async set(hidden: boolean): Promise<void> {
    await storage.setItem<boolean>(KEY, hidden);
  },
  watch(callback: (hidden: boolean) => void): () => void {
    return storage.watch<boolean>(KEY, (hidden) => callback(hidden === true));
  },
};
