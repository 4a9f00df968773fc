// @vitest-environment happy-dom
/**
 * The page watcher: many changes make one pass; title attribute changes are seen, other changes and our
 * own elements are not; the backstop re-scan runs; nothing runs once stopped or invalid.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPage, type PageWatcher, type PassWork, type WatcherOptions } from './watcher';

const timers = {
  setTimeout: (fn: () => void, ms: number) => window.setTimeout(fn, ms),
  setInterval: (fn: () => void, ms: number) => window.setInterval(fn, ms),
};

describe('watchPage', () => {
  let passes: PassWork[];
  let watcher: PageWatcher | undefined;

  function start(options: Partial<WatcherOptions> = {}) {
    watcher = watchPage({
      root: document.body,
      attributes: ['aria-label', 'href'],
      isOwn: (node) => node.nodeName.toLowerCase() === 'moodreel-badge',
      onPass: (work) => {
        passes.push(work);
      },
      timers,
      rescanMs: 60_000,
      ...options,
    });
    return watcher;
  }

  beforeEach(() => {
    passes = [];
    document.body.innerHTML = '<div id="row"></div><a id="tile" aria-label="Heat" href="/a"></a>';
  });

  afterEach(() => {
    watcher?.stop();
    vi.useRealTimers();
  });

  it('starts with one full pass', async () => {
    await start().flush();
    expect(passes).toEqual([{ changed: new Set(), full: true }]);
  });

  it('batches a burst of additions into one pass that holds each', async () => {
    const w = start();
    await w.flush();
    const row = document.getElementById('row')!;
    const added: Element[] = [];
    for (let i = 0; i < 200; i++) {
      const tile = document.createElement('a');
      tile.setAttribute('aria-label', `Film ${i}`);
      row.append(tile);
      added.push(tile);
    }
    await vi.waitFor(() => expect(passes).toHaveLength(2));
    expect(passes[1]!.full).toBe(false);
    expect([...passes[1]!.changed]).toEqual(added);
  });

  it('sees title attribute changes, not other attributes nor its own elements', async () => {
    const w = start();
    await w.flush();
    const tile = document.getElementById('tile')!;
    tile.setAttribute('class', 'hover');
    tile.append(document.createElement('moodreel-badge'));
    tile.setAttribute('data-moodreel-fit', 'happy');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(passes).toHaveLength(1);
    tile.setAttribute('aria-label', 'The Heat');
    tile.setAttribute('href', '/b');
    await vi.waitFor(() => expect(passes).toHaveLength(2));
    expect([...passes[1]!.changed]).toEqual([tile]);
  });

  it('keeps passes apart by at least the pass delay', async () => {
    vi.useFakeTimers();
    const w = start({ passDelayMs: 100 });
    await vi.advanceTimersByTimeAsync(20);
    expect(passes).toHaveLength(1);
    document.getElementById('tile')!.setAttribute('aria-label', 'A');
    await vi.advanceTimersByTimeAsync(50);
    expect(passes).toHaveLength(1);
    document.getElementById('tile')!.setAttribute('aria-label', 'B');
    await vi.advanceTimersByTimeAsync(60);
    expect(passes).toHaveLength(2);
    void w;
  });

  it('runs a full re-scan rescanMs after a change, backing off while the page stays the same', async () => {
    vi.useFakeTimers();
    const w = start({ rescanMs: 3_000, maxRescanMs: 12_000 });
    await vi.advanceTimersByTimeAsync(20);
    const fullAt = () => passes.filter((p) => p.full).length;
    // Nothing changes: re-scans at 3 s, then 6 s later, then 12 s later, and every 12 s from then on.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fullAt()).toBe(2);
    await vi.advanceTimersByTimeAsync(5_900);
    expect(fullAt()).toBe(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(fullAt()).toBe(3);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(fullAt()).toBe(4);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(fullAt()).toBe(5);
    expect(w.rescanDelay).toBe(12_000);
    // The page changes: the re-scan after the next comes rescanMs after it again.
    document.getElementById('tile')!.setAttribute('aria-label', 'A');
    await vi.advanceTimersByTimeAsync(12_000);
    expect(fullAt()).toBe(6);
    expect(w.rescanDelay).toBe(3_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fullAt()).toBe(7);
  });

  it('does nothing more once stopped', async () => {
    const w = start();
    await w.flush();
    w.stop();
    document.getElementById('tile')!.setAttribute('aria-label', 'Other');
    document.getElementById('row')!.append(document.createElement('a'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(passes).toHaveLength(1);
  });

  it('stops for good when the extension is gone', async () => {
    let valid = true;
    const w = start({ isValid: () => valid });
    await w.flush();
    valid = false;
    document.getElementById('tile')!.setAttribute('aria-label', 'Other');
    await new Promise((resolve) => setTimeout(resolve, 150));
    valid = true;
    document.getElementById('tile')!.setAttribute('aria-label', 'Again');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(passes).toHaveLength(1);
  });

  it('waits for a running pass before the next', async () => {
    let release: () => void = () => {};
    let running = 0;
    let overlapped = false;
    const w = start({
      onPass: async (work) => {
        running++;
        if (running > 1) overlapped = true;
        passes.push(work);
        if (passes.length === 2) await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
    });
    await w.flush();
    const tile = document.getElementById('tile')!;
    tile.setAttribute('aria-label', 'A');
    await vi.waitFor(() => expect(passes).toHaveLength(2));
    tile.setAttribute('aria-label', 'B');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(passes).toHaveLength(2);
    release();
    await vi.waitFor(() => expect(passes).toHaveLength(3));
    expect(overlapped).toBe(false);
  });
});
