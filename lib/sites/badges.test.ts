// @vitest-environment happy-dom
/**
 * Badges as a viewer meets them: on the tile that fits, with the mood and the genre in words, inside a
 * closed shadow root; gone or changed when the site recycles the tile for another title. And as the page
 * meets them: the same empty-looking host in every tile read, badged or not, with no text to search.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NETFLIX, PRIME } from './adapters';
import { BADGE_TAG, TileBadges } from './badges';
import { Badger } from './badger';
import { TitleLookup } from './title-lookup';
import { readFixture } from '../../tests/support/read-fixture';
import { badgeDrawing } from './text';
import { fakeBackground, loadPage, mood, recordShadowRoots, userEvent } from '../../tests/support/sites-testing';
import { findTiles } from './read';

const comedy = badgeDrawing({ emotion: 'happy', genre: 'Comedy', reason: '' }, null);
const drama = badgeDrawing({ emotion: 'sad', genre: 'Drama', reason: '' }, null);
const getSmart = badgeDrawing(
  { emotion: 'happy', genre: 'Comedy', reason: '' },
  { title: 'Get Smart', year: 2008, genres: ['Action', 'Comedy'] },
);

function tileTitled(label: string): Element {
  const tile = document.querySelector(`[aria-label="${label}"], [data-card-title="${label}"]`);
  if (!tile) throw new Error(`no tile ${label}`);
  return tile;
}

let roots: ReturnType<typeof recordShadowRoots>;
beforeEach(() => {
  roots = recordShadowRoots();
});
afterEach(() => roots.restore());

const hostOf = (tile: Element) => tile.querySelector(BADGE_TAG) as HTMLElement | null;
/** The badge drawn inside the tile's closed root (null when none). */
const badgeOf = (tile: Element) =>
  roots.rootOf(hostOf(tile))?.querySelector<HTMLElement>('[data-testid="fit-badge"]') ?? null;
/** What the badge shows: its generated content, from the attributes its stylesheet draws. */
const shown = (tile: Element) =>
  [...(badgeOf(tile)?.querySelectorAll('[data-text]') ?? [])].map((part) => part.getAttribute('data-text')).join('');
/** The tiles of the page with a badge drawn, by their label, with what the badge shows. */
const badgedTiles = (selector: string) =>
  [...document.querySelectorAll(selector)]
    .filter((tile) => badgeOf(tile))
    .map((tile) => [tile.getAttribute('aria-label') ?? tile.getAttribute('data-card-title'), shown(tile)]);

describe('TileBadges', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="slot"><a id="tile" aria-label="Toy Story"><div class="poster"></div></a></div>';
  });

  it('draws one badge in the tile, in a closed shadow root, with no text node: its words are drawn from attributes', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, tile, 'toy story');
    badges.show(tile, 'toy story', comedy, 'Toy Story');
    expect(tile.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    expect(tile.firstElementChild?.tagName.toLowerCase()).toBe(BADGE_TAG);
    // The page sees a bare host: no attribute, no open root, no text.
    expect(hostOf(tile)?.attributes).toHaveLength(0);
    expect(hostOf(tile)?.shadowRoot).toBeNull();
    expect(tile.textContent).toBe('');
    expect(tile.attributes).toHaveLength(2);
    // Inside: no text a search could find, only what the stylesheet draws.
    expect(badgeOf(tile)?.textContent).toBe('');
    expect(shown(tile)).toBe('😄 Comedy');
    const root = roots.rootOf(hostOf(tile))!;
    const css =
      root.querySelector('style')?.textContent ??
      [...root.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    expect(css).toMatch(/::before[^{]*\{[^}]*content: attr\(data-text\)/);
    // Screen readers get the words: an image with its name.
    expect(badgeOf(tile)?.getAttribute('role')).toBe('img');
    expect(badgeOf(tile)?.getAttribute('aria-label')).toBe('Fits your happy mood: Comedy');
    expect(badgeOf(tile)?.getAttribute('data-title')).toBe('Toy Story');
    // Placed by its own :host rules, !important: a page rule matching any element cannot move it.
    expect(css).toMatch(/:host \{[^}]*position: absolute !important/);
    expect(css).toMatch(/:host \{[^}]*pointer-events: none !important/);
    // Drawing the same again changes nothing.
    badges.show(tile, 'toy story', { ...comedy }, 'Toy Story');
    expect(tile.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    expect(roots.rootOf(hostOf(tile))?.querySelectorAll('[data-testid="fit-badge"]')).toHaveLength(1);
  });

  it('names the film it means, and shows it while the user (not a script) is on the tile', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, tile, 'get smart');
    badges.show(tile, 'get smart', getSmart, 'Get Smart');
    expect(badgeOf(tile)?.getAttribute('aria-label')).toBe('Fits your happy mood: Get Smart (2008), Action · Comedy');
    expect(shown(tile)).toBe('😄 Comedy');
    // Events a script makes up change nothing.
    tile.dispatchEvent(new Event('pointerenter'));
    tile.dispatchEvent(new FocusEvent('focusin'));
    expect(shown(tile)).toBe('😄 Comedy');
    tile.dispatchEvent(userEvent(new Event('pointerenter')));
    expect(shown(tile)).toBe('😄 Get Smart (2008)');
    tile.dispatchEvent(userEvent(new Event('pointerleave')));
    expect(shown(tile)).toBe('😄 Comedy');
    // Nothing in it takes focus or the pointer: no button, no link, no tabindex.
    const root = roots.rootOf(hostOf(tile))!;
    expect(root.querySelectorAll('button, a, input, [tabindex]')).toHaveLength(0);
    expect(hostOf(tile)?.attributes).toHaveLength(0);
  });

  it('gives a tile that does not fit the very same host, empty inside', () => {
    document.body.innerHTML += '<a id="other" aria-label="Heat"><div class="poster"></div></a>';
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    const other = document.getElementById('other')!;
    badges.see(tile, tile, 'toy story');
    badges.see(other, other, 'heat');
    badges.show(tile, 'toy story', comedy, 'Toy Story');
    badges.show(other, 'heat', null, 'Heat');
    expect(hostOf(other)?.outerHTML).toBe(hostOf(tile)?.outerHTML);
    expect(badgeOf(other)).toBeNull();
    expect(badges.count).toBe(1);
    expect(badges.hosts).toBe(2);
  });

  it('changes the badge in place for a new mood, and takes it away when it no longer fits', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, tile, 'k');
    badges.show(tile, 'k', comedy, 'Toy Story');
    const first = badgeOf(tile);
    const host = hostOf(tile);
    badges.show(tile, 'k', drama, 'Toy Story');
    expect(badgeOf(tile)).toBe(first);
    expect(shown(tile)).toBe('😢 Drama');
    expect(badgeOf(tile)?.getAttribute('aria-label')).toBe('Fits your sad mood: Drama');
    badges.show(tile, 'k', null, 'Toy Story');
    expect(badgeOf(tile)).toBeNull();
    // The host stays, as it is in every tile read.
    expect(hostOf(tile)).toBe(host);
  });

  it('a recycled tile loses its badge at once, and a late answer for its old title is not drawn', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, tile, 'toy story');
    badges.show(tile, 'toy story', comedy, 'Toy Story');
    tile.setAttribute('aria-label', 'The Shining');
    badges.see(tile, tile, 'the shining');
    expect(badgeOf(tile)).toBeNull();
    badges.show(tile, 'toy story', comedy, 'Toy Story');
    expect(badgeOf(tile)).toBeNull();
  });

  it("takes every badge away on clear, and one tile's host and badge on forget", () => {
    document.body.innerHTML += '<a id="other" aria-label="Heat"><div class="poster"></div></a>';
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    const other = document.getElementById('other')!;
    badges.see(tile, tile, 'k');
    badges.see(other, other, 'heat');
    badges.show(tile, 'k', comedy, 'Toy Story');
    badges.forget(tile);
    expect(hostOf(tile)).toBeNull();
    expect(badges.hosts).toBe(1);
    badges.clear();
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(0);
  });
});

describe('Badger on the Netflix demo page', () => {
  beforeEach(() => loadPage(readFixture('streaming-demo')));

  it('badges exactly the fitting films, asking the background once', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(NETFLIX, new TitleLookup(background.matchTitles));
    await badger.pass(findTiles(NETFLIX, [document]));
    const tiles = [...findTiles(NETFLIX, [document])];
    const badged = tiles.filter((tile) => badgeOf(tile)).map((tile) => tile.getAttribute('aria-label'));
    // The fake catalogue: comedies and children's films fit happy; "Heat" is a thriller, "The Heat" a comedy.
    expect(badged).toEqual([
      'Forrest Gump',
      'The Heat',
      'Moana',
      'Coco',
      'Toy Story',
      'Ace Ventura: Pet Detective',
      'The Lion King (1994)',
    ]);
    // Every tile read holds one host, all alike; the badge's title is the one read from the tile.
    expect(tiles.every((tile) => tile.querySelectorAll(BADGE_TAG).length === 1)).toBe(true);
    expect(new Set(tiles.map((tile) => hostOf(tile)!.outerHTML)).size).toBe(1);
    expect(
      badgeOf(tiles.find((tile) => tile.getAttribute('aria-label') === 'The Lion King (1994)')!)?.getAttribute(
        'data-title',
      ),
    ).toBe('The Lion King');
    expect(background.matchRequests).toHaveLength(1);
    // Each distinct title once, with what the page says of it.
    expect(background.matchRequests[0]).toHaveLength(45);
    expect(background.matchRequests[0]).toContainEqual({ title: 'The Lion King', year: 1994, kind: null });
    expect(background.matchRequests[0]).toContainEqual({ title: 'Wednesday', year: null, kind: 'series' });
  });

  it('draws nothing without a fresh reading', async () => {
    const background = fakeBackground({ mood: null });
    const badger = new Badger(NETFLIX, new TitleLookup(background.matchTitles));
    await badger.pass(findTiles(NETFLIX, [document]));
    expect(badgedTiles('a[data-uia]')).toEqual([]);
    // The hosts are there all the same: the page cannot tell "no reading" from "nothing fits".
    expect(document.querySelectorAll(BADGE_TAG).length).toBeGreaterThan(40);
  });

  it('a recycled tile changes or loses its badge on the next pass', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(NETFLIX, new TitleLookup(background.matchTitles));
    await badger.pass(findTiles(NETFLIX, [document]));
    const toyStory = tileTitled('Toy Story');
    toyStory.setAttribute('aria-label', 'The Shining');
    const heat = tileTitled('Heat');
    heat.setAttribute('aria-label', 'Ace Ventura: Pet Detective');
    await badger.pass([toyStory, heat]);
    expect(badgeOf(toyStory)).toBeNull();
    expect(shown(heat)).toBe('😄 Comedy');
    expect(badgeOf(heat)?.getAttribute('data-title')).toBe('Ace Ventura: Pet Detective');
    // The Shining was known from its own row; Ace Ventura now sits in a Top 10 *Movies* row, which says film:
    // asked anew, and only that.
    expect(background.matchRequests).toHaveLength(2);
    expect(background.matchRequests[1]!.map((q) => [q.title, q.kind])).toEqual([
      ['Ace Ventura: Pet Detective', 'movie'],
    ]);
  });

  it('draws nothing after clear, even for an answer that was on its way', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(NETFLIX, new TitleLookup(background.matchTitles));
    const pass = badger.pass(findTiles(NETFLIX, [document]));
    badger.clear();
    await pass;
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(0);
  });
});

describe('badge placement on Prime Video', () => {
  it('sits in the packshot of the card', async () => {
    loadPage(readFixture('prime'));
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(PRIME, new TitleLookup(background.matchTitles));
    await badger.pass(findTiles(PRIME, [document]));
    const card = tileTitled('The Heat');
    expect(shown(card)).toBe('😄 Comedy');
    expect(card.querySelector('[data-testid="packshot"]')?.firstElementChild?.tagName.toLowerCase()).toBe(BADGE_TAG);
    // Series are asked as series (the background refuses them), live events not at all.
    const asked = background.matchRequests[0]!;
    expect(asked).toContainEqual({ title: 'The Boys', year: null, kind: 'series' });
    expect(asked.map((query) => query.title)).not.toContain('Premier League: Arsenal v Chelsea');
  });
});
