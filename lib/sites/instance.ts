/**
 * One MoodReel content script per page, and no way for the page to stop it.
 *
 * WXT's ContentScriptContext finds an older copy of a content script (an extension update leaves the old one
 * running) by an event on `document`, `<extension id>:<name>:wxt:content-script-started`. The page can fire
 * that event too (the store id is public): every copy then took itself for the older one and stopped, row
 * and badges gone. So that event stops nothing here: the context ignores it, and an older copy is found
 * through a global of the isolated world, which the content scripts of one extension share and the page
 * cannot see, set or reach by any event.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The isolated world's slot for the running copy's "stop" (a registered symbol: every copy finds the same). */
const RUNNING = Symbol.for('moodreel.site-script');

type World = Record<symbol, unknown>;

/**
 * Makes `ctx` deaf to "content-script-started" events, whoever fires them: it then ends only when the
 * extension goes away (WXT checks `browser.runtime.id`) or when `claimPage` stops it for a newer copy.
 */
export function ignoreStartedEvents(ctx: ContentScriptContext): void {
  ctx.verifyScriptStartedEvent = () => false;
}

/**
 * This copy is the page's MoodReel from now on: an older copy still running in this world is stopped
 * first. Returns the function that gives the page up (when this copy stops).
 */
export function claimPage(stop: () => void, world: World = globalThis as unknown as World): () => void {
  const older = world[RUNNING];
  if (typeof older === 'function' && older !== stop) {
    try {
      (older as () => void)();
    } catch {
      // An older copy whose extension is gone may throw on the way out; it is over either way.
    }
  }
  world[RUNNING] = stop;
  return () => {
    if (world[RUNNING] === stop) delete world[RUNNING];
  };
}
