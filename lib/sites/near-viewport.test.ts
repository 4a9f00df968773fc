/**
 * Which tiles of a big page are near the viewport, with a fake IntersectionObserver: tiles laid out one above
 * the other in page order, the test saying which are in the band around the viewport. Only sentinels and the
 * tiles of chunks that may reach the band are observed; the tiles in the band are handed out, and taken back
 * when they leave it.
 */
import { describe, expect, it } from 'vitest';
import { NearViewport, type ObserverFactory } from './near-viewport';

type Callback = Parameters<ObserverFactory>[0];

function layout(count: number) {
  const tiles = Array.from({ length: count }, (_, i) => ({ id: i }) as unknown as Element);
  const observers: { callback: Callback; targets: Set<Element> }[] = [];
  let band: [number, number] = [0, -1];
  const entry = (target: Element) => {
    const at = tiles.indexOf(target) * 100;
    return {
      target,
      isIntersecting: at >= band[0] * 100 && at <= band[1] * 100,
      boundingClientRect: { top: at, bottom: at + 90 },
      rootBounds: { top: band[0] * 100, bottom: band[1] * 100 + 90 },
    };
  };
  const factory: ObserverFactory = (callback) => {
    const observer = { callback, targets: new Set<Element>() };
    observers.push(observer);
    return {
      observe: (target) => void observer.targets.add(target),
      unobserve: (target) => void observer.targets.delete(target),
      disconnect: () => observer.targets.clear(),
    };
  };
  /** The band now covers tiles `from` to `to`; the observers report every target they hold. */
  const scroll = (from: number, to: number) => {
    band = [from, to];
    // Each round reports what changed; two rounds let the tiles of newly opened chunks report too.
    for (let round = 0; round < 2; round++)
      for (const observer of observers) observer.callback([...observer.targets].map(entry));
  };
  return { tiles, factory, scroll, observed: () => observers.map((o) => o.targets.size) };
}

function follow(count: number, chunkSize = 10) {
  const page = layout(count);
  const near = new Set<Element>();
  const viewport = new NearViewport({
    chunkSize,
    observer: page.factory,
    onNear: (tiles) => tiles.forEach((tile) => near.add(tile)),
    onFar: (tiles) => tiles.forEach((tile) => near.delete(tile)),
  });
  for (const tile of page.tiles) viewport.add(tile);
  const ids = () => [...near].map((tile) => (tile as unknown as { id: number }).id).sort((a, b) => a - b);
  return { ...page, viewport, ids };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('NearViewport', () => {
  it('observes one sentinel per chunk, and the tiles of the chunks that may reach the band', () => {
    const { scroll, observed, ids, viewport } = follow(1_000);
    expect(observed()).toEqual([100, 0]);
    scroll(0, 14);
    expect(ids()).toEqual(range(0, 14));
    expect(observed()).toEqual([100, 20]);
    expect(viewport.size).toBe(1_000);
  });

  it('follows the scrolling: tiles that leave the band are handed back, those that come in handed out', () => {
    const { scroll, ids, observed } = follow(1_000);
    scroll(0, 14);
    scroll(505, 523);
    expect(ids()).toEqual(range(505, 523));
    // The chunks around 500..529 only.
    expect(observed()).toEqual([100, 30]);
  });

  it('opens the chunk the band lies inside, between two sentinels, and the last chunk at the very end', () => {
    const { scroll, ids } = follow(1_000, 50);
    scroll(512, 520);
    expect(ids()).toEqual(range(512, 520));
    scroll(990, 999);
    expect(ids()).toEqual(range(990, 999));
  });

  it('takes tiles found later into the last chunk, and a new chunk past it', () => {
    const page = follow(25, 10);
    page.scroll(20, 40);
    expect(page.ids()).toEqual(range(20, 24));
    const more = Array.from({ length: 20 }, (_, i) => ({ id: 25 + i }) as unknown as Element);
    page.tiles.push(...more);
    for (const tile of more) page.viewport.add(tile);
    page.viewport.add(more[0]!);
    expect(page.viewport.size).toBe(45);
    page.scroll(20, 40);
    expect(page.ids()).toEqual(range(20, 40));
  });

  it('lets everything go on disconnect', () => {
    const { scroll, viewport, observed } = follow(100);
    scroll(0, 9);
    viewport.disconnect();
    expect(viewport.near.size).toBe(0);
    expect(observed()).toEqual([0, 0]);
  });
});
