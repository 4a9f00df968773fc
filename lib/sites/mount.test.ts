// @vitest-environment happy-dom
/**
 * The content script as a viewer meets it, on the fixture pages in happy-dom, with a fake background (the
 * content script reads no storage: the background answers `site-state` and pings on changes): the row's frame
 * on top of the rows, the badges on the fitting tiles, both following readings, settings, the page's own
 * changes and navigation, and gone when they should be. The row and the badges live in closed shadow roots;
 * these tests read them through `recordShadowRoots` (one world here, unlike a browser). What the frame shows
 * is tested on its own (tests/unit/site-row.test.tsx) and in Chromium (tests/e2e/sites.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ADAPTERS, DISNEY, NETFLIX, PRIME, type SiteId } from './adapters';
import { BADGE_TAG } from './badges';
import { mount, type MountOptions, type SiteMount } from './mount';
import { ROW_TAG } from './row';
import { readFixture } from '../../tests/support/read-fixture';
import {
  fakeBackground,
  loadPage,
  mood,
  recordShadowRoots,
  type FakeBackground,
} from '../../tests/support/sites-testing';
import type { SiteAdapter } from './types';

let contexts: ContentScriptContext[] = [];
let background: FakeBackground;
let notes: string[];
let roots: ReturnType<typeof recordShadowRoots>;

/** What the background does when a new reading is stored: the picks answer for it, and every tab hears "redraw". */
function newReading(next: ReturnType<typeof mood> | null) {
  background.newMood(next);
}

async function start(
  adapter: SiteAdapter<SiteId> = NETFLIX,
  rescanMs = 60_000,
  extra: Partial<MountOptions> = {},
): Promise<SiteMount> {
  const ctx = new ContentScriptContext(adapter.id);
  contexts.push(ctx);
  const mounted = await mount(ctx, adapter, {
    services: background,
    passDelayMs: 0,
    rescanMs,
    debug: (note) => notes.push(note),
    ...extra,
  });
  await mounted.settled();
  return mounted;
}

function visit(fixture: string, path: string) {
  loadPage(readFixture(fixture));
  history.replaceState({}, '', path);
}

const rows = () => document.querySelectorAll(ROW_TAG);
const row = () => {
  const hosts = rows();
  expect(hosts).toHaveLength(1);
  return hosts[0] as HTMLElement;
};
const inRow = (selector: string) => [...(roots.rootOf(row())?.querySelectorAll(selector) ?? [])];
/** The row's frame: the one thing in its closed root. */
const frame = () => {
  const frames = inRow('iframe') as HTMLIFrameElement[];
  expect(frames).toHaveLength(1);
  return frames[0]!;
};
const frameQuery = () => new URL(frame().getAttribute('src')!).searchParams;
/** The badge drawn in a tile's closed root (null when none). */
const badgeIn = (tile: Element) =>
  roots.rootOf(tile.querySelector(BADGE_TAG))?.querySelector('[data-testid="fit-badge"]') ?? null;
/** The mood a badge names in its accessible name ("Fits your happy mood: …"). */
const moodOf = (badge: Element | null) =>
  badge?.getAttribute('aria-label')?.match(/^Fits your (\w+) mood/)?.[1] ?? null;
/** The badged tiles, by the title the fixture says each shows, with the mood the badge names. */
const badged = () =>
  [...document.querySelectorAll(BADGE_TAG)]
    .filter((host) => roots.rootOf(host)?.querySelector('[data-testid="fit-badge"]'))
    .map((host) => [
      host.closest('[data-title]')?.getAttribute('data-title') ??
        host.closest('[aria-label]')?.getAttribute('aria-label'),
      moodOf(roots.rootOf(host)!.querySelector('[data-testid="fit-badge"]')),
    ]);
const tileTitled = (label: string) => document.querySelector(`[aria-label="${label}"]`)!;
const askedTitles = () => background.matchRequests.map((request) => request.map((query) => query.title));

beforeEach(() => {
  fakeBrowser.reset();
  roots = recordShadowRoots();
  background = fakeBackground({ mood: mood('happy') });
  notes = [];
  visit('streaming-demo', '/browse');
});

afterEach(() => {
  for (const ctx of contexts) ctx.notifyInvalidated();
  contexts = [];
  roots.restore();
  delete (window as { __pwned?: number }).__pwned;
});

describe('on the Netflix home page', () => {
  it("puts one row on top of the rows: a bare host whose closed root holds only the row's frame, for this site", async () => {
    await start();
    const host = row();
    // The page sees a bare host with a closed root.
    expect(host.attributes).toHaveLength(0);
    expect(host.shadowRoot).toBeNull();
    expect(host.nextElementSibling?.getAttribute('data-uia')).toBe('carousel-row-section-0');
    const src = new URL(frame().getAttribute('src')!);
    expect(src.protocol).toBe('chrome-extension:');
    expect(src.pathname).toBe('/row-frame.html');
    expect(frameQuery().get('site')).toBe('netflix');
    // A title that says nothing of what the frame shows, and no name a page could target.
    expect(frame().title).toBe('MoodReel picks');
    expect(frame().hasAttribute('name')).toBe(false);
    // No word of the row, no pick, in the content script's root: the frame draws them.
    expect(roots.rootOf(host)?.querySelector('body')?.textContent?.trim()).toBe('');
    expect(roots.rootOf(host)?.querySelector('body')?.children).toHaveLength(1);
  });

  it('badges exactly the fitting tiles, after one match-titles message for the whole page', async () => {
    await start();
    expect(badged()).toEqual([
      ['Forrest Gump', 'happy'],
      ['The Heat', 'happy'],
      ['Moana', 'happy'],
      ['Coco', 'happy'],
      ['Toy Story', 'happy'],
      ['Ace Ventura: Pet Detective', 'happy'],
      ['The Lion King', 'happy'],
    ]);
    expect(background.matchRequests).toHaveLength(1);
  });

  it('badges nothing when there is no fresh reading, and puts the same row there', async () => {
    background.mood = null;
    await start();
    expect(badged()).toEqual([]);
    expect(frameQuery().get('site')).toBe('netflix');
    expect(row().attributes).toHaveLength(0);
  });

  it("gives the row's frame the page's language", async () => {
    document.documentElement.lang = 'fr-CA';
    await start();
    expect(frameQuery().get('lang')).toBe('fr-CA');
    document.documentElement.removeAttribute('lang');
  });

  it('follows a new reading in place: same row, new mood, badges redrawn after one message for the page', async () => {
    const mounted = await start();
    const host = row();
    const before = frame();
    newReading(mood('sad'));
    await vi.waitFor(() => expect(badged()[0]?.[1]).toBe('sad'));
    await mounted.settled();
    // The same host and the same frame (it hears of the reading itself and follows in place).
    expect(row()).toBe(host);
    expect(frame()).toBe(before);
    expect(badged()).toEqual([
      ['Forrest Gump', 'sad'],
      ['The Lion King', 'sad'],
      ['The Shawshank Redemption', 'sad'],
    ]);
    // The content script is told only "redraw": it asks about every title again, in one message.
    expect(askedTitles()[1]?.sort()).toEqual(askedTitles()[0]?.sort());
    expect(background.matchRequests).toHaveLength(2);
  });

  it('when the background says the reading went stale (the counter moves), the badges go without a reload', async () => {
    const mounted = await start();
    expect(badged()).toHaveLength(7);
    // The background's alarm: the reading is stale; the page only hears "redraw".
    newReading(null);
    await vi.waitFor(() => expect(badged()).toEqual([]), { timeout: 3_000 });
    await mounted.settled();
    expect(rows()).toHaveLength(1);
  });

  it('follows a strategy change the same way', async () => {
    const mounted = await start();
    background.change({ moodKey: background.state.moodKey + 1 });
    await vi.waitFor(() => expect(background.matchRequests).toHaveLength(2));
    await mounted.settled();
    expect(rows()).toHaveLength(1);
  });

  it('badges a row the page adds later, asking only about its new titles', async () => {
    const mounted = await start();
    const section = document.createElement('section');
    section.setAttribute('data-uia', 'carousel-row-section-9');
    for (const [i, title] of ['Superbad', 'Die Hard', 'Toy Story'].entries()) {
      const slot = document.createElement('div');
      slot.setAttribute('data-virtual-slot', String(i));
      const card = document.createElement('a');
      card.setAttribute('data-uia', 'standard-card');
      card.setAttribute('aria-label', title);
      slot.append(card);
      section.append(slot);
    }
    document.querySelector('[data-uia="browse-page-sections"]')!.append(section);
    await vi.waitFor(() => expect([...section.querySelectorAll('a')].filter(badgeIn)).toHaveLength(2));
    await mounted.settled();
    expect(askedTitles()).toEqual([expect.any(Array), ['Superbad', 'Die Hard']]);
    expect(badgeIn(section.querySelector(`[aria-label="Die Hard"]`)!)).toBeNull();
    expect(section.querySelector(`[aria-label="Die Hard"]`)?.querySelectorAll(BADGE_TAG)).toHaveLength(1);
  });

  it('a recycled tile loses or changes its badge', async () => {
    const mounted = await start();
    const toyStory = tileTitled('Toy Story');
    const heat = tileTitled('Heat');
    toyStory.setAttribute('aria-label', 'The Shining');
    toyStory.setAttribute('href', '/browse?jbv=80001258');
    heat.setAttribute('aria-label', 'Superbad');
    await vi.waitFor(() => expect(moodOf(badgeIn(heat))).toBe('happy'));
    await mounted.settled();
    expect(badgeIn(toyStory)).toBeNull();
    // The badge names the film it means, with its year and genres.
    expect(badgeIn(heat)?.getAttribute('aria-label')).toBe('Fits your happy mood: Superbad (2007), Comedy');
    expect(badgeIn(heat)?.getAttribute('data-title')).toBe('Superbad');
  });

  it('puts its row back when the site re-renders the rows', async () => {
    const mounted = await start();
    const sections = document.querySelector('[data-uia="browse-page-sections"]')!;
    const html = sections.innerHTML;
    sections.innerHTML = '';
    sections.innerHTML = html.replace(/<moodreel-picks[\s\S]*?<\/moodreel-picks>/, '');
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await mounted.settled();
    expect(row().nextElementSibling?.getAttribute('data-uia')).toBe('carousel-row-section-0');
    expect(badged()).toHaveLength(7);
  });

  it('tries the row again on the next pass when creating it failed once', async () => {
    const attach = Element.prototype.attachShadow;
    let failures = 0;
    Element.prototype.attachShadow = function attachShadow(this: Element, init: ShadowRootInit) {
      if (this.localName === ROW_TAG && failures++ === 0) throw new Error('no shadow root this time');
      return attach.call(this, init);
    };
    const mounted = await start();
    expect(
      notes.some((note) => note.includes('the row could not be created') && note.includes('no shadow root this time')),
    ).toBe(true);
    expect(badged()).toHaveLength(7);
    // The site renders something (as it does all the time): a pass follows, and the row is there.
    document.querySelector('[data-uia="browse-page-sections"]')!.append(document.createElement('div'));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await mounted.settled();
    expect(frameQuery().get('site')).toBe('netflix');
    expect(failures).toBe(2);
  });

  it('takes everything away when the site is turned off, and brings it back when turned on', async () => {
    const mounted = await start();
    background.change({ enabled: false });
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(0);
    background.change({ enabled: true });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await mounted.settled();
    expect(badged()).toHaveLength(7);
  });

  it('adds nothing when the site is off from the start', async () => {
    background.state.enabled = false;
    await start();
    expect(rows()).toHaveLength(0);
    expect(badged()).toEqual([]);
    expect(background.matchRequests).toHaveLength(0);
  });

  it('leaves the home page without its row and badges, and comes back to them (in-page navigation)', async () => {
    const mounted = await start();
    history.pushState({}, '', '/watch/80000001');
    await vi.waitFor(() => expect(rows()).toHaveLength(0), { timeout: 3_000 });
    expect(badged()).toEqual([]);
    history.pushState({}, '', '/browse?jbv=80000001');
    await vi.waitFor(() => expect(rows()).toHaveLength(1), { timeout: 3_000 });
    await mounted.settled();
    expect(badged()).toHaveLength(7);
    // Everything was known: nothing asked again.
    expect(background.matchRequests).toHaveLength(1);
  });

  it('never shows two rows: a second run of the script, a stray host, repeated passes', async () => {
    document.body.append(document.createElement(ROW_TAG));
    await start();
    const second = await start();
    second.route(new URL('https://www.netflix.com/browse'));
    await second.settled();
    expect(rows()).toHaveLength(1);
    expect(inRow('iframe')).toHaveLength(1);
    expect(badged()).toHaveLength(7);
    // One host per tile read, never two.
    const hosts = [...document.querySelectorAll(BADGE_TAG)];
    expect(new Set(hosts.map((host) => host.parentElement)).size).toBe(hosts.length);
  });

  it('stops cleanly when the extension goes away: nothing left, nothing asked', async () => {
    await start();
    const ctx = contexts[0]!;
    ctx.notifyInvalidated();
    expect(rows()).toHaveLength(0);
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(0);
    tileTitled('Heat').setAttribute('aria-label', 'Superbad');
    newReading(mood('sad'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(background.matchRequests).toHaveLength(1);
    expect(rows()).toHaveLength(0);
  });

  it('takes the row (not the badges) away when it is hidden on this site, and brings it back when shown', async () => {
    const mounted = await start();
    // What the background says once the frame's "Hide on this site for now" was pressed.
    background.change({ rowHidden: true });
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
    await mounted.settled();
    expect(badged()).toHaveLength(7);
    // Another tab (or a reload) in the same browser session: no row.
    await start();
    expect(rows()).toHaveLength(0);
    // The popup or the options page brought it back.
    background.change({ rowHidden: false });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
  });

  it('puts no row on a site whose "Show the row on home pages" is off; its badges stay', async () => {
    background.state.rowOn = false;
    const mounted = await start();
    expect(rows()).toHaveLength(0);
    expect(badged()).toHaveLength(7);
    background.change({ rowOn: true });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    background.change({ rowOn: false });
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
    await mounted.settled();
    expect(badged()).toHaveLength(7);
  });

  it('puts the row there without an error when the background is not answering (its frame says so)', async () => {
    const error = vi.spyOn(console, 'error');
    background.failing = true;
    await start();
    expect(rows()).toHaveLength(1);
    expect(badged()).toEqual([]);
    expect(error).not.toHaveBeenCalled();
  });
});

describe('on a page without rows', () => {
  it('adds nothing, notes it once, raises no error', async () => {
    const error = vi.spyOn(console, 'error');
    visit('no-rows', '/browse');
    const mounted = await start(NETFLIX, 50);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await mounted.settled();
    expect(rows()).toHaveLength(0);
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(0);
    expect(background.matchRequests).toHaveLength(0);
    expect(notes.filter((note) => note.includes('no rows'))).toHaveLength(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('adds nothing on a page that lists no titles (the player)', async () => {
    visit('streaming-demo', '/watch/80057281');
    await start();
    expect(rows()).toHaveLength(0);
    expect(badged()).toEqual([]);
  });

  it('badges the tiles of search, My List, genre and title pages, with no row there', async () => {
    for (const path of ['/search?q=heat', '/browse/my-list', '/browse/genre/83', '/title/80057281']) {
      for (const ctx of contexts) ctx.notifyInvalidated();
      contexts = [];
      visit('streaming-demo', path);
      const mounted = await start();
      await mounted.settled();
      expect(rows(), path).toHaveLength(0);
      expect(badged(), path).toHaveLength(7);
    }
  });

  it('offers nothing on the page to press: no button, no link, nothing focusable in any badge', async () => {
    await start();
    const hosts = [...document.querySelectorAll(BADGE_TAG)];
    expect(hosts.length).toBeGreaterThan(20);
    for (const host of hosts) {
      expect(
        roots.rootOf(host)!.querySelectorAll('button, a, input, [tabindex], [data-testid="not-this-film"]'),
      ).toHaveLength(0);
      expect(host.getAttribute('tabindex')).toBeNull();
    }
  });
});

describe('a page that tries to switch MoodReel off', () => {
  /** WXT's "content script started" event name for `entry`, as its own context fires it. */
  function startedEventType(entry: string): string {
    const dispatch = vi.spyOn(document, 'dispatchEvent');
    const probe = new ContentScriptContext(entry);
    const type = (dispatch.mock.calls[0]![0] as Event).type;
    dispatch.mockRestore();
    probe.abort();
    return type;
  }

  it("replaying WXT's content-script-started event takes nothing away, and later tiles are still badged", async () => {
    const type = startedEventType(NETFLIX.id);
    // Without the guard, that very event stops a WXT context: the test can tell.
    const unguarded = new ContentScriptContext(NETFLIX.id);
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: NETFLIX.id, messageId: 'page' } }));
    expect(unguarded.isValid).toBe(false);

    const mounted = await start();
    const ctx = contexts.at(-1)!;
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: NETFLIX.id, messageId: 'page' } }));
    window.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: NETFLIX.id, messageId: 'page' } }));
    // A made-up location change says nothing either: the URL is read from the page itself.
    window.dispatchEvent(new Event(type.replace('content-script-started', 'locationchange')));
    expect(ctx.isValid).toBe(true);
    expect(rows()).toHaveLength(1);
    expect(badged()).toHaveLength(7);
    const card = document.createElement('a');
    card.setAttribute('data-uia', 'standard-card');
    card.setAttribute('aria-label', 'Superbad');
    document.querySelector('[data-uia="carousel-row-section-0"]')!.append(card);
    await vi.waitFor(() => expect(badgeIn(card)).not.toBeNull());
    await mounted.settled();
    expect(badged()).toHaveLength(8);
  });

  it('a newer copy of the content script (an update) stops the older one through the isolated world', async () => {
    await start();
    const older = contexts[0]!;
    await start();
    expect(older.isValid).toBe(false);
    expect(contexts[1]!.isValid).toBe(true);
    expect(rows()).toHaveLength(1);
    expect(badged()).toHaveLength(7);
  });
});

describe('on a big page', () => {
  /**
   * A fake layout and IntersectionObserver over the page's tiles, laid out one above the other (10 px each, in
   * page order), the viewport 10 px high: the test scrolls by saying which tile is at the top of the viewport,
   * and the band (three screens above and below) holds the seven tiles around it.
   */
  function fakeViewport(tiles: Element[]) {
    type Entry = { target: Element; isIntersecting: boolean };
    const observers: { callback: (entries: Entry[]) => void; targets: Set<Element> }[] = [];
    let scrolled = 0;
    const span = (tile: Element) => {
      const top = (tiles.indexOf(tile) - scrolled) * 10;
      return { top, bottom: top + 8 };
    };
    const entry = (target: Element): Entry => ({
      target,
      isIntersecting: span(target).bottom >= -30 && span(target).top < 40,
    });
    const factory = (callback: (entries: Entry[]) => void) => {
      const observer = { callback, targets: new Set<Element>() };
      observers.push(observer);
      return {
        observe: (target: Element) => {
          observer.targets.add(target);
          queueMicrotask(() => callback([entry(target)]));
        },
        unobserve: (target: Element) => void observer.targets.delete(target),
        disconnect: () => observer.targets.clear(),
      };
    };
    return {
      factory,
      geometry: { span, height: () => 10 },
      observed: () => observers.reduce((sum, o) => sum + o.targets.size, 0),
      /** The user scrolls to tile `to`: the page says so, the observer reports its targets. */
      async scroll(to: number) {
        scrolled = to;
        window.dispatchEvent(new Event('scroll'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        for (const observer of observers) observer.callback([...observer.targets].map(entry));
      },
      /** The tiles in the band around tile `at`. */
      around: (at: number) => tiles.slice(Math.max(0, at - 3), at + 4),
    };
  }

  const pageTiles = () => [
    ...document.querySelectorAll('a[data-uia="standard-card"], a[data-uia="ranked-card"], a[data-uia="progress-card"]'),
  ];

  it('gives hosts and matches only to the tiles near the viewport, and follows the scrolling', async () => {
    const all = pageTiles();
    const viewport = fakeViewport(all);
    const mounted = await start(NETFLIX, 60_000, {
      bigPageTiles: 20,
      observer: viewport.factory,
      geometry: viewport.geometry,
    });
    const hosted = () => all.filter((tile) => tile.querySelector(BADGE_TAG));
    await vi.waitFor(() => expect(hosted()).toEqual(viewport.around(0)));
    await mounted.settled();
    expect(mounted.big).toBe(true);
    // Far fewer observed than tiles: the tiles of the chunks near the viewport.
    expect(viewport.observed()).toBeLessThan(all.length);
    // Scrolled to the end: the first tiles lose their hosts, the last ones get theirs, and their badges.
    const nearOnce = new Set(viewport.around(0));
    for (const at of [all.length - 1, 30, 12]) {
      await viewport.scroll(at);
      await vi.waitFor(() => expect(hosted()).toEqual(viewport.around(at)));
      await mounted.settled();
      viewport.around(at).forEach((tile) => nearOnce.add(tile));
    }
    // Each badge is the background's answer for its tile: the fake's fitting films near the viewport.
    const fits = [
      'Forrest Gump',
      'The Heat',
      'Moana',
      'Coco',
      'Toy Story',
      'Ace Ventura: Pet Detective',
      'The Lion King',
    ];
    const titleOf = (tile: Element) => tile.closest('[data-title]')?.getAttribute('data-title') ?? '';
    expect(badged().map(([title]) => title)).toEqual(
      viewport
        .around(12)
        .map(titleOf)
        .filter((title) => fits.includes(title)),
    );
    // Only the titles that came near the viewport were ever asked about.
    const asked = new Set(askedTitles().flat());
    for (const tile of all) {
      const title = tile.getAttribute('aria-label')!;
      if (![...nearOnce].some((near) => near.getAttribute('aria-label') === title)) expect(asked).not.toContain(title);
    }
  });

  it('an ordinary page is badged whole, near the viewport or not', async () => {
    const viewport = fakeViewport(pageTiles());
    const mounted = await start(NETFLIX, 60_000, { observer: viewport.factory, geometry: viewport.geometry });
    expect(mounted.big).toBe(false);
    expect(viewport.observed()).toBe(0);
    expect(badged()).toHaveLength(7);
  });
});

describe('on each site', () => {
  const cases: [SiteAdapter<SiteId>, string, string, [string | null | undefined, string | null][]][] = [
    [
      NETFLIX,
      'netflix-old',
      '/browse',
      [
        ['Forrest Gump', 'happy'],
        ['Toy Story', 'happy'],
        ['Ace Ventura: Pet Detective', 'happy'],
        ['Superbad', 'happy'],
        ['The Heat', 'happy'],
      ],
    ],
    [
      PRIME,
      'prime',
      '/storefront',
      [
        ['The Grand Budapest Hotel', 'happy'],
        ['The Heat', 'happy'],
      ],
    ],
    [
      DISNEY,
      'disney',
      '/home',
      [
        ['Moana', 'happy'],
        ['Frozen', 'happy'],
        ['Coco', 'happy'],
      ],
    ],
  ];
  for (const [adapter, fixture, path, expected] of cases) {
    it(`${adapter.name} (${fixture}): one row before the first row, the fitting tiles badged`, async () => {
      visit(fixture, path);
      await start(adapter);
      const host = row();
      expect(host.nextElementSibling).toBe(
        document.querySelector(adapter.rows.find((s) => document.querySelector(s))!),
      );
      expect(frameQuery().get('site')).toBe(ADAPTERS[adapter.id].id);
      expect(badged()).toEqual(expected);
      expect(background.matchRequests).toHaveLength(1);
    });
  }
});
