/**
 * Watching a streaming page that renders rows lazily and recycles tiles: ONE MutationObserver for the page,
 * looking only at added nodes and at the attributes that carry titles; what it sees is batched into at most
 * one pass per `passDelayMs`; a full re-scan `rescanMs` after the last catches anything missed, and backs off
 * (twice as long each time, up to `maxRescanMs`) while the page does not change.
 */

export interface PassWork {
  /** Nodes added and elements whose title attributes changed since the last pass. */
  changed: Set<Element>;
  /** A full re-scan: look at the whole page (the first pass and the periodic backstop). */
  full: boolean;
}

/** The timers the watcher uses: a content script's `ctx` (cleared on invalidation) or plain ones in tests. */
interface WatcherTimers {
  setTimeout(handler: () => void, ms: number): number;
}

export interface WatcherOptions {
  /** The page's root (document.body; documentElement where the body is replaced). */
  root: Node;
  /** Attributes whose change may mean another title (aria-label, data-card-title, alt, href). */
  attributes: string[];
  /** Our own elements (row host, badges): their changes are not the page's. */
  isOwn(node: Node): boolean;
  /** The pass; the next one waits until it is done. */
  onPass(work: PassWork): Promise<void> | void;
  timers: WatcherTimers;
  passDelayMs?: number;
  /** The first re-scan's delay (default 3 s)... */
  rescanMs?: number;
  /** ...doubled after each re-scan that follows no change on the page, up to this (default 48 s). */
  maxRescanMs?: number;
  /** Checked before each pass: false stops the watcher for good (the extension went away). */
  isValid?: () => boolean;
}

export interface PageWatcher {
  /** Run the pending pass now (tests) and resolve once no pass is running or pending. */
  flush(): Promise<void>;
  /** Ask for a full pass soon (a new mood, a setting). */
  requestFullPass(): void;
  /** Elements to look at again in the next pass, as if they had changed (tiles come near the viewport). */
  add(elements: Iterable<Element>): void;
  stop(): void;
  /** Passes run so far (tests and the bench). */
  readonly passes: number;
  /** How long until the re-scan after the next (tests and the bench). */
  readonly rescanDelay: number;
}

export function watchPage(options: WatcherOptions): PageWatcher {
  const passDelayMs = options.passDelayMs ?? 100;
  const rescanMs = options.rescanMs ?? 3_000;
  const maxRescanMs = Math.max(rescanMs, options.maxRescanMs ?? 48_000);
  let rescanDelay = rescanMs;
  let rescanTimer: number | null = null;
  /** The page changed since the last re-scan was planned. */
  let changedSinceRescan = false;
  let changed = new Set<Element>();
  let full = true;
  let scheduled: number | null = null;
  let running: Promise<void> | null = null;
  let lastPassAt = -Infinity;
  let stopped = false;
  let passes = 0;

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.target instanceof Element && !options.isOwn(record.target)) changed.add(record.target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node instanceof Element && !options.isOwn(node)) changed.add(node);
      }
    }
    if (changed.size) {
      changedSinceRescan = true;
      schedule();
    }
  });

  /** The next backstop re-scan: soon after a change, ever later while the page stays as it is. */
  function planRescan(): void {
    if (stopped) return;
    rescanDelay = changedSinceRescan ? rescanMs : Math.min(maxRescanMs, rescanDelay * 2);
    changedSinceRescan = false;
    rescanTimer = options.timers.setTimeout(() => {
      rescanTimer = null;
      full = true;
      schedule();
      planRescan();
    }, rescanDelay);
  }

  function schedule(): void {
    if (stopped || scheduled !== null || running) return;
    const wait = Math.max(0, lastPassAt + passDelayMs - performance.now());
    // A first change after a quiet spell still waits a frame's worth, so a burst lands in one pass.
    scheduled = options.timers.setTimeout(
      () => {
        scheduled = null;
        void run();
      },
      Math.max(wait, 16),
    );
  }

  async function run(): Promise<void> {
    if (stopped) return;
    if (options.isValid && !options.isValid()) {
      stop();
      return;
    }
    if (!changed.size && !full) return;
    const work: PassWork = { changed, full };
    changed = new Set();
    full = false;
    lastPassAt = performance.now();
    passes++;
    running = Promise.resolve()
      .then(() => options.onPass(work))
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (changed.size || full) schedule();
      });
    await running;
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    if (scheduled !== null) clearTimeout(scheduled);
    if (rescanTimer !== null) clearTimeout(rescanTimer);
    scheduled = null;
    rescanTimer = null;
  }

  observer.observe(options.root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: options.attributes,
  });
  // The first re-scan comes `rescanMs` after the start, like any after a change.
  changedSinceRescan = true;
  planRescan();
  schedule();

  return {
    async flush() {
      while (!stopped && (scheduled !== null || running || changed.size || full)) {
        if (running) {
          await running;
          continue;
        }
        if (scheduled !== null) {
          clearTimeout(scheduled);
          scheduled = null;
        }
        await run();
      }
    },
    requestFullPass() {
      full = true;
      changedSinceRescan = true;
      schedule();
    },
    add(elements) {
      for (const element of elements) changed.add(element);
      schedule();
    },
    stop,
    get passes() {
      return passes;
    },
    get rescanDelay() {
      return rescanDelay;
    },
  };
}
