/**
 * Which tiles of a big page are near the viewport, with a fake layout and IntersectionObserver: tiles laid out
 * one above the other in page order, 100 px apart, the viewport 100 px high, so the band (three screens above
 * and below) holds seven tiles around the one in view. Only the tiles of chunks that may reach the band are
 * observed; the tiles in the band are handed out, and taken back when they leave it.
 */
import { describe, expect, it } from 'vitest';
import { NearViewport, type ObserverFactory } from './near-viewport';

type Callback = Parameters<ObserverFactory>[0];

function layout(count: number) {
  const tiles = Array.from({ length: count }, (_, i) => ({ id: i, isConnected: true }) as unknown as Element);
  const observers: { callback: Callback; targets: Set<Element> }[] = [];
  /** The tile at the top of the viewport. */
  let scrolled = 0;
  const span = (tile: Element) => {
    const top = (tiles.indexOf(tile) - scrolled) * 100;
    return { top, bottom: top + 90 };
  };
  /** In the band: from three screens above the viewport to three below it. */
  const inBand = (tile: Element) => span(tile).bottom >= -300 && span(tile).top < 400;
  const factory: ObserverFactory = (callback) => {
    const observer = { callback, targets: new Set<Element>() };
    observers.push(observer);
    return {
      observe: (target) => void observer.targets.add(target),
      unobserve: (target) => void observer.targets.delete(target),
      disconnect: () => observer.targets.clear(),
    };
  };
  const geometry = { span, height: () => 100 };
  /** Scrolls to tile `to`: the viewport reads the sentinels again, and the observer reports its targets. */
  const scroll = (viewport: NearViewport, to: number) => {
    scrolled = to;
    viewport.refresh();
    for (const observer of observers)
      observer.callback([...observer.targets].map((target) => ({ target, isIntersecting: inBand(target) })));
  };
  return { tiles, factory, geometry, scroll, observed: () => observers.map((o) => o.targets.size) };
}

function follow(count: number, chunkSize = 10) {
  const page = layout(count);
  const near = new Set<Element>();
  const viewport = new NearViewport({
    chunkSize,
    observer: page.factory,
    geometry: page.geometry,
    onNear: (tiles) => tiles.forEach((tile) => near.add(tile)),
    onFar: (tiles) => tiles.forEach((tile) => near.delete(tile)),
  });
  for (const tile of page.tiles) viewport.add(tile);
  const ids = () => [...near].map((tile) => (tile as unknown as { id: number }).id).sort((a, b) => a - b);
  return { ...page, viewport, ids, scrollTo: (to: number) => page.scroll(viewport, to) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('NearViewport', () => {
  it('observes only the tiles of the chunks that may reach the band, and hands out those in it', () => {
    const { scrollTo, observed, ids, viewport } = follow(1_000);
    expect(observed()).toEqual([0]);
    scrollTo(0);
    // The viewport shows tile 0; the band reaches three screens below: tiles 0 to 3.
    expect(ids()).toEqual(range(0, 3));
    expect(observed()).toEqual([10]);
    expect(viewport.size).toBe(1_000);
  });

  it('follows the scrolling: tiles that leave the band are handed back, those that come in handed out', () => {
    const { scrollTo, ids, observed } = follow(1_000);
    scrollTo(0);
    scrollTo(505);
    expect(ids()).toEqual(range(502, 508));
    // The chunks of 500..509 only: the band lies inside it.
    expect(observed()).toEqual([10]);
    scrollTo(509);
    expect(ids()).toEqual(range(506, 512));
    expect(observed()).toEqual([20]);
  });

  it('opens the chunk the band lies inside, between two sentinels, and the last chunk at the very end', () => {
    const { scrollTo, ids } = follow(1_000, 50);
    scrollTo(520);
    expect(ids()).toEqual(range(517, 523));
    scrollTo(999);
    expect(ids()).toEqual(range(996, 999));
  });

  it('takes tiles found later into the last chunk, and a new chunk past it', () => {
    const page = follow(25, 10);
    page.scrollTo(24);
    expect(page.ids()).toEqual(range(21, 24));
    const more = Array.from({ length: 20 }, (_, i) => ({ id: 25 + i, isConnected: true }) as unknown as Element);
    page.tiles.push(...more);
    for (const tile of more) page.viewport.add(tile);
    page.viewport.add(more[0]!);
    expect(page.viewport.size).toBe(45);
    page.scrollTo(24);
    expect(page.ids()).toEqual(range(21, 27));
  });

  it('lets everything go on disconnect', () => {
    const { scrollTo, viewport, observed } = follow(100);
    scrollTo(0);
    viewport.disconnect();
    expect(viewport.near.size).toBe(0);
    expect(observed()).toEqual([0]);
  });
});
