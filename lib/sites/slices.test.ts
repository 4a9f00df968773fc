// @vitest-environment happy-dom
/**
 * Work in slices: a slice ends once its budget is spent, and a badge pass over many tiles gives the page its
 * turn between slices, draws every badge all the same, and stops drawing when the badges are cleared meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { NETFLIX } from './adapters';
import { BADGE_TAG } from './badges';
import { Badger } from './badger';
import { findTiles } from './read';
import { Frames, TimeSlice } from './slices';
import { fakeBackground, loadPage, mood } from '../../tests/support/sites-testing';
import { readFixture } from '../../tests/support/read-fixture';
import { TitleLookup } from './title-lookup';

describe('TimeSlice', () => {
  it('is spent once its budget has run, and starts a new slice after giving way', async () => {
    let now = 0;
    let gaveWay = 0;
    const slice = new TimeSlice(
      8,
      async () => {
        gaveWay++;
        now += 4;
      },
      () => now,
    );
    now = 7;
    expect(slice.spent).toBe(false);
    now = 8;
    expect(slice.spent).toBe(true);
    await slice.next();
    expect([gaveWay, slice.yields, slice.spent]).toEqual([1, 1, false]);
    now += 8;
    expect(slice.spent).toBe(true);
  });
});

describe('Frames', () => {
  it('runs every read of a frame before its changes, once a frame', async () => {
    const requests: (() => void)[] = [];
    const frames = new Frames((callback) => requests.push(callback));
    const order: string[] = [];
    void frames.write().then(() => order.push('change 1'));
    frames.read(() => order.push('read 1'));
    void frames.write().then(() => order.push('change 2'));
    frames.read(() => order.push('read 2'));
    expect(requests).toHaveLength(1);
    requests.shift()!();
    await Promise.resolve();
    expect(order).toEqual(['read 1', 'read 2', 'change 1', 'change 2']);
    frames.read(() => order.push('read 3'));
    expect(requests).toHaveLength(1);
  });
});

describe('a badge pass in slices', () => {
  /** A slice that is spent after every item: the most yields a pass can make. */
  const everyItem = (turns: { count: number }) => () =>
    new TimeSlice(0, async () => {
      turns.count++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

  it('gives the page its turn between tiles and still badges exactly the fitting ones', async () => {
    loadPage(readFixture('streaming-demo'));
    const turns = { count: 0 };
    const background = fakeBackground({ mood: mood('happy') });
    const sliced = new Badger(NETFLIX, new TitleLookup(background.matchTitles), everyItem(turns));
    await sliced.pass(findTiles(NETFLIX, [document]));
    const tiles = findTiles(NETFLIX, [document]).size;
    expect(turns.count).toBeGreaterThanOrEqual(tiles);
    expect(sliced.badges.count).toBe(7);
    expect(sliced.badges.hosts).toBe(tiles);
  });

  it('on a big page, puts in (and takes out) only a few hosts between two frames', async () => {
    loadPage(readFixture('streaming-demo'));
    let frames = 0;
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(
      NETFLIX,
      new TitleLookup(background.matchTitles),
      () =>
        new TimeSlice(
          1_000,
          async () => undefined,
          () => 0,
          async () => void frames++,
        ),
    );
    badger.hostsPerFrame = 5;
    const tiles = [...findTiles(NETFLIX, [document])];
    await badger.pass(tiles);
    expect(badger.badges.hosts).toBe(tiles.length);
    // One frame to start in, then one every five hosts.
    expect(frames).toBe(1 + Math.floor(tiles.length / 5));
    frames = 0;
    await badger.release(tiles.slice(0, 12));
    expect(frames).toBe(3);
    expect(badger.badges.hosts).toBe(tiles.length - 12);
  });

  it('draws nothing more once the badges are cleared between two slices', async () => {
    loadPage(readFixture('streaming-demo'));
    const turns = { count: 0 };
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(NETFLIX, new TitleLookup(background.matchTitles), everyItem(turns));
    const pass = badger.pass(findTiles(NETFLIX, [document]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    badger.clear();
    await pass;
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(0);
    expect(background.matchRequests).toHaveLength(0);
  });
});
