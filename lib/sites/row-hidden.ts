/**
 * "Hide the row until the browser restarts": a flag in session storage, read and written by the background
 * only (content scripts ask it: `site-state`, `hide-row`). These read and write only when called, and
 * callers catch.
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
