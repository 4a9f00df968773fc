// @vitest-environment happy-dom
/**
 * Badges as a viewer meets them: on the tile that fits, with the mood and the genre in words, inside a
 * closed shadow root; gone or changed when the site recycles the tile for another title. And as the page
 * meets them: the same empty-looking host in every tile read, badged or not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fit } from '../picks/types';
import { NETFLIX, PRIME } from './adapters';
import { BADGE_TAG, TileBadges } from './badges';
import { Badger } from './badger';
import { TitleLookup } from './title-lookup';
import { readFixture } from './read-fixture';
import { fakeBackground, loadPage, mood, recordShadowRoots } from './testing';
import { findTiles } from './read';

const comedy: Fit = { emotion: 'happy', genre: 'Comedy', reason: 'Comedy · fits your happy mood' };
const drama: Fit = { emotion: 'sad', genre: 'Drama', reason: 'Drama · fits your sad mood' };

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
const badgeText = (tile: Element) => badgeOf(tile)?.textContent ?? null;
/** The tiles of the page with a badge drawn, by their label, with the badge's emotion. */
const badgedTiles = (selector: string) =>
  [...document.querySelectorAll(selector)]
    .filter((tile) => badgeOf(tile))
    .map((tile) => [
      tile.getAttribute('aria-label') ?? tile.getAttribute('data-card-title'),
      badgeOf(tile)!.getAttribute('data-emotion'),
    ]);

describe('TileBadges', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="slot"><a id="tile" aria-label="Toy Story"><div class="poster"></div></a></div>';
  });

  it('names the film it means in its accessible name, and offers a "Not this film" the page cannot reveal or press', () => {
    const said: string[] = [];
    const badges = new TileBadges({ onNotThisFilm: (title) => said.push(title) });
    const tile = document.getElementById('tile')!;
    badges.see(tile, tile, 'get smart');
    badges.show(tile, 'get smart', comedy, 'Get Smart', {
      title: 'Get Smart',
      year: 2008,
      genres: ['Action', 'Comedy'],
    });
    const root = roots.rootOf(hostOf(tile))!;
    expect(badgeOf(tile)?.getAttribute('aria-label')).toBe('Fits your happy mood: Get Smart (2008), Action · Comedy');
    const button = root.querySelector<HTMLButtonElement>('[data-testid="not-this-film"]')!;
    expect(button.getAttribute('aria-label')).toBe('Not Get Smart (2008): stop matching this title on this device');
    // Hidden until the user's own pointer or focus is on the tile; events a script makes up change nothing.
    expect(button.hidden).toBe(true);
    tile.dispatchEvent(new Event('pointerenter'));
    tile.dispatchEvent(new FocusEvent('focusin'));
    expect(button.hidden).toBe(true);
    button.click();
    expect(said).toEqual([]);
    // The page still sees the bare host.
    expect(hostOf(tile)?.attributes).toHaveLength(0);
    // Without the hook there is no button.
    document.body.innerHTML += '<a id="plain" aria-label="Other"></a>';
    const plainTile = document.getElementById('plain')!;
    const plain = new TileBadges();
    plain.see(plainTile, plainTile, 'other');
    plain.show(plainTile, 'other', comedy, 'Other');
    expect(roots.rootOf(hostOf(plainTile))!.querySelector('button')).toBeNull();
  });

  it('draws one badge in the tile, in a closed shadow root, with the mood in words and the test hooks', () => {
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
    expect(badgeText(tile)).toBe('😄 Comedy');
    expect(badgeOf(tile)?.getAttribute('aria-label')).toBe('Fits your happy mood: Comedy');
    expect([badgeOf(tile)?.getAttribute('data-emotion'), badgeOf(tile)?.getAttribute('data-title')]).toEqual([
      'happy',
      'Toy Story',
    ]);
    // Placed by its own :host rules, !important: a page rule matching any element cannot move it.
    const root = roots.rootOf(hostOf(tile))!;
    const css =
      root.querySelector('style')?.textContent ??
      [...root.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    expect(css).toMatch(/:host \{[^}]*position: absolute !important/);
    // Drawing the same again changes nothing.
    badges.show(tile, 'toy story', { ...comedy }, 'Toy Story');
    expect(tile.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    expect(roots.rootOf(hostOf(tile))?.querySelectorAll('[data-testid="fit-badge"]')).toHaveLength(1);
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
    expect(badgeOf(tile)?.getAttribute('data-emotion')).toBe('sad');
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

  it('takes every badge away on clear', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, tile, 'k');
    badges.show(tile, 'k', comedy, 'Toy Story');
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
    expect(badgeOf(heat)?.getAttribute('data-emotion')).toBe('happy');
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
    expect(badgeOf(card)?.getAttribute('data-emotion')).toBe('happy');
    expect(card.querySelector('[data-testid="packshot"]')?.firstElementChild?.tagName.toLowerCase()).toBe(BADGE_TAG);
    // Series are asked as series (the background refuses them), live events not at all.
    const asked = background.matchRequests[0]!;
    expect(asked).toContainEqual({ title: 'The Boys', year: null, kind: 'series' });
    expect(asked.map((query) => query.title)).not.toContain('Premier League: Arsenal v Chelsea');
  });
});
