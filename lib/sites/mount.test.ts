// @vitest-environment happy-dom
/**
 * The content script as a viewer meets it, on the fixture pages in happy-dom, with WXT's fake browser for
 * storage and a fake background: the row on top of the rows, the badges on the fitting tiles, both
 * following readings, settings, the page's own changes and navigation, and gone when they should be.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { latestReading } from '../browser/reading-store';
import { siteSettings, strategySetting } from '../browser/settings';
import type { MoodReading } from '../mood/types';
import { ADAPTERS, DISNEY, NETFLIX, PRIME } from './adapters';
import { BADGE_TAG, FIT_ATTRIBUTE } from './badges';
import { mount, type SiteMount } from './mount';
import { ROW_TAG } from './row';
import { rowHidden } from './row-hidden';
import { readFixture } from './read-fixture';
import { fakeBackground, fakePick, loadPage, mood, type FakeBackground } from './testing';
import type { SiteAdapter } from './types';

const picks = [
  fakePick('1', 'Toy Story', { year: 1995, genres: ['Adventure', 'Animation', 'Children'] }),
  fakePick('344', 'Ace Ventura: Pet Detective', { year: 1994 }),
  fakePick('9999', '<img src=x onerror="window.__pwned = 1">', { year: null, genres: [] }),
  fakePick('500', 'Mrs. Doubtfire', { year: 1993 }),
  fakePick('1265', 'Groundhog Day', { year: 1993 }),
  fakePick('4306', 'Shrek', { year: 2001 }),
];

const reading = (emotion: MoodReading['emotion'], faces = 1): MoodReading => ({
  emotion,
  probabilities: [0, 0, 0, 1, 0, 0, 0],
  backend: 'wasm',
  cnnMs: 5,
  detectMs: 5,
  totalMs: 500,
  frames: 5,
  faces,
  source: 'camera',
  at: Date.now(),
});

let contexts: ContentScriptContext[] = [];
let background: FakeBackground;
let notes: string[];

async function start(adapter: SiteAdapter = NETFLIX, rescanMs = 60_000): Promise<SiteMount> {
  const ctx = new ContentScriptContext(adapter.id);
  contexts.push(ctx);
  const mounted = await mount(ctx, adapter, { services: background, passDelayMs: 0, rescanMs, debug: (note) => notes.push(note) });
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
const inRow = (selector: string) => [...(row().shadowRoot?.querySelectorAll(selector) ?? [])];
/** The badged tiles, by the title the fixture says each shows, with the emotion of the mark. */
const badged = () =>
  [...document.querySelectorAll(`[${FIT_ATTRIBUTE}]`)].map((tile) => [
    tile.closest('[data-title]')?.getAttribute('data-title') ?? tile.getAttribute('aria-label'),
    tile.getAttribute(FIT_ATTRIBUTE),
  ]);
const tileTitled = (label: string) => document.querySelector(`[aria-label="${label}"]`)!;
const askedTitles = () => background.matchRequests.map((request) => request.map((query) => query.title));

beforeEach(() => {
  fakeBrowser.reset();
  background = fakeBackground({ mood: mood('happy'), picks });
  notes = [];
  visit('streaming-demo', '/browse');
});

afterEach(() => {
  for (const ctx of contexts) ctx.notifyInvalidated();
  contexts = [];
  delete (window as { __pwned?: number }).__pwned;
});

describe('on the Netflix home page', () => {
  it('shows one row on top of the rows, titled with the mood, its picks as text, each linking to a search', async () => {
    await start();
    const host = row();
    expect(host.getAttribute('data-emotion')).toBe('happy');
    expect(host.nextElementSibling?.getAttribute('data-uia')).toBe('carousel-row-section-0');
    expect(inRow('.mr-row__title')[0]?.textContent).toBe('Picks for your happy mood 😄');
    const cards = inRow('[data-testid="pick"]');
    expect(cards.map((card) => card.getAttribute('data-movie-id'))).toEqual(['1', '344', '9999', '500', '1265', '4306']);
    expect(cards[0]?.getAttribute('href')).toBe('/search?q=Toy%20Story');
    expect(cards[0]?.querySelector('.mr-card__facts')?.textContent).toBe('1995 · Adventure · Animation · Children');
    expect(cards[0]?.querySelector('.mr-card__reason')?.textContent).toBe('Comedy · fits your happy mood');
    // A title that looks like markup stays text.
    expect(cards[2]?.querySelector('.mr-card__title')?.textContent).toBe('<img src=x onerror="window.__pwned = 1">');
    expect(host.shadowRoot?.querySelectorAll('img')).toHaveLength(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
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

  it('says how to get a reading when there is no fresh one, and badges nothing', async () => {
    background.mood = null;
    await start();
    expect(row().hasAttribute('data-emotion')).toBe(false);
    expect(inRow('[data-testid="no-reading"]')[0]?.textContent).toContain('Click the MoodReel icon');
    expect(inRow('[data-testid="pick"]')).toHaveLength(0);
    expect(badged()).toEqual([]);
  });

  it('titles a group reading as a movie night', async () => {
    background.mood = mood('happy', 3);
    await start();
    expect(inRow('.mr-row__title')[0]?.textContent).toBe('Picks for your movie night, 3 people');
  });

  it('follows a new reading in place: same row, new mood, badges redrawn after one message for the matched titles', async () => {
    const mounted = await start();
    const host = row();
    background.mood = mood('sad');
    await latestReading.setValue(reading('sad'));
    await vi.waitFor(() => expect(host.getAttribute('data-emotion')).toBe('sad'));
    await mounted.settled();
    expect(row()).toBe(host);
    expect(inRow('.mr-row__title')[0]?.textContent).toBe('Picks for your sad mood 😢');
    expect(badged()).toEqual([
      ['Forrest Gump', 'sad'],
      ['The Lion King', 'sad'],
      ['The Shawshank Redemption', 'sad'],
    ]);
    expect(askedTitles()[1]?.sort()).toEqual(
      ['Ace Ventura: Pet Detective', 'Coco', 'Forrest Gump', 'Heat', 'Moana', 'The Exorcist', 'The Heat', 'The Lion King', 'The Shawshank Redemption', 'The Shining', 'Toy Story'].sort(),
    );
    expect(background.matchRequests).toHaveLength(2);
  });

  it('when the reading goes stale, the row and the badges follow without a reload', async () => {
    // Fresh for 30 minutes (the default): this one has 100 ms left.
    background.mood = { emotion: 'happy', at: Date.now() - 30 * 60_000 + 100, faces: 1 };
    const mounted = await start();
    expect(row().getAttribute('data-emotion')).toBe('happy');
    background.mood = null;
    await vi.waitFor(() => expect(row().getAttribute('data-state')).toBe('no-reading'), { timeout: 3_000 });
    await mounted.settled();
    expect(badged()).toEqual([]);
  });

  it('follows a strategy change the same way', async () => {
    const mounted = await start();
    const picksAsked = background.pickRequests;
    await strategySetting.setValue('lift');
    await vi.waitFor(() => expect(background.pickRequests).toBe(picksAsked + 1));
    await mounted.settled();
    expect(background.matchRequests).toHaveLength(2);
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
    await vi.waitFor(() => expect(section.querySelectorAll(`[${FIT_ATTRIBUTE}]`)).toHaveLength(2));
    await mounted.settled();
    expect(askedTitles()).toEqual([expect.any(Array), ['Superbad', 'Die Hard']]);
    expect(section.querySelector(`[aria-label="Die Hard"]`)?.hasAttribute(FIT_ATTRIBUTE)).toBe(false);
  });

  it('a recycled tile loses or changes its badge', async () => {
    const mounted = await start();
    const toyStory = tileTitled('Toy Story');
    const heat = tileTitled('Heat');
    toyStory.setAttribute('aria-label', 'The Shining');
    toyStory.setAttribute('href', '/browse?jbv=80001258');
    heat.setAttribute('aria-label', 'Superbad');
    await vi.waitFor(() => expect(heat.getAttribute(FIT_ATTRIBUTE)).toBe('happy'));
    await mounted.settled();
    expect(toyStory.hasAttribute(FIT_ATTRIBUTE)).toBe(false);
    expect(toyStory.querySelector(BADGE_TAG)).toBeNull();
    // The badge names the film it means, with its year and genres.
    expect(heat.querySelector(BADGE_TAG)?.getAttribute('title')).toBe('Fits your happy mood: Superbad (2007), Comedy');
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

  it('takes everything away when the site is turned off, and brings it back when turned on', async () => {
    const mounted = await start();
    await siteSettings.setValue({ netflix: false, prime: true, disney: true });
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
    expect(document.querySelectorAll(`${BADGE_TAG}, [${FIT_ATTRIBUTE}]`)).toHaveLength(0);
    await siteSettings.setValue({ netflix: true, prime: true, disney: true });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await mounted.settled();
    expect(badged()).toHaveLength(7);
  });

  it('adds nothing when the site is off from the start', async () => {
    await siteSettings.setValue({ netflix: false, prime: true, disney: true });
    await start();
    expect(rows()).toHaveLength(0);
    expect(badged()).toEqual([]);
    expect(background.matchRequests).toHaveLength(0);
  });

  it('leaves the home page without its row and badges, and comes back to them (wxt:locationchange)', async () => {
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
    expect(inRow('[data-testid="pick"]')).toHaveLength(6);
    expect(document.querySelectorAll(`${BADGE_TAG}`)).toHaveLength(7);
  });

  it('stops cleanly when the extension goes away: nothing left, nothing asked', async () => {
    await start();
    const ctx = contexts[0]!;
    ctx.notifyInvalidated();
    expect(rows()).toHaveLength(0);
    expect(document.querySelectorAll(`${BADGE_TAG}, [${FIT_ATTRIBUTE}]`)).toHaveLength(0);
    tileTitled('Heat').setAttribute('aria-label', 'Superbad');
    await latestReading.setValue(reading('sad'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(background.matchRequests).toHaveLength(1);
    expect(rows()).toHaveLength(0);
  });

  it('hides the row (not the badges) with its Hide control, until the browser restarts', async () => {
    const mounted = await start();
    (inRow('[data-testid="hide-row"]')[0] as HTMLButtonElement).click();
    expect(rows()).toHaveLength(0);
    await mounted.settled();
    expect(badged()).toHaveLength(7);
    expect(await rowHidden.get()).toBe(true);
    // Another tab (or a reload) in the same browser session: no row.
    await start();
    expect(rows()).toHaveLength(0);
  });

  it('says the background is not answering, without an error', async () => {
    const error = vi.spyOn(console, 'error');
    background.failing = true;
    await start();
    expect(inRow('[data-testid="unavailable"]')).toHaveLength(1);
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
    expect(document.querySelectorAll(`${BADGE_TAG}, [${FIT_ATTRIBUTE}]`)).toHaveLength(0);
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
      expect(background.pickRequests, path).toBe(0);
    }
  });

  it('"Not this film" on a badge takes that title\'s badges away and tells the background', async () => {
    const rejected: string[] = [];
    background.rejectTitle = async (title: string) => {
      rejected.push(title);
      return { ok: true };
    };
    const mounted = await start();
    const tile = tileTitled('Moana');
    const button = tile.querySelector(BADGE_TAG)!.shadowRoot!.querySelector<HTMLButtonElement>('button.not-this')!;
    expect(button.textContent).toBe('Not this film');
    expect(button.getAttribute('aria-label')).toBe('Not Moana (2016): stop matching this title on this device');
    button.click();
    await vi.waitFor(() => expect(tile.querySelector(BADGE_TAG)).toBeNull());
    await mounted.settled();
    expect(rejected).toEqual(['Moana']);
    expect(badged()).toHaveLength(6);
  });
});

describe('on each site', () => {
  const cases: [SiteAdapter, string, string, [string | null | undefined, string | null][]][] = [
    [NETFLIX, 'netflix-old', '/browse', [['Forrest Gump', 'happy'], ['Toy Story', 'happy'], ['Ace Ventura: Pet Detective', 'happy'], ['Superbad', 'happy'], ['The Heat', 'happy']]],
    [PRIME, 'prime', '/storefront', [['The Grand Budapest Hotel', 'happy'], ['The Heat', 'happy']]],
    [DISNEY, 'disney', '/home', [['Moana', 'happy'], ['Frozen', 'happy'], ['Coco', 'happy']]],
  ];
  for (const [adapter, fixture, path, expected] of cases) {
    it(`${adapter.name} (${fixture}): one row before the first row, the fitting tiles badged`, async () => {
      visit(fixture, path);
      await start(adapter);
      const host = row();
      expect(host.nextElementSibling).toBe(document.querySelector(adapter.rows.find((s) => document.querySelector(s))!));
      expect(inRow('[data-testid="pick"]')[0]?.getAttribute('href')).toBe(ADAPTERS[adapter.id].searchPath('Toy Story'));
      expect(badged()).toEqual(expected);
      expect(background.matchRequests).toHaveLength(1);
    });
  }
});
