// @vitest-environment happy-dom
/**
 * Badges as a viewer meets them: on the tile that fits, with the mood and the genre in its tooltip, inside
 * its own shadow root; gone or changed when the site recycles the tile for another title.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Fit } from '../picks/types';
import { NETFLIX, PRIME } from './adapters';
import { BADGE_TAG, FIT_ATTRIBUTE, TileBadges } from './badges';
import { Badger } from './badger';
import { TitleLookup } from './title-lookup';
import { readFixture } from './read-fixture';
import { fakeBackground, loadPage, mood } from './testing';
import { findTiles } from './read';

const comedy: Fit = { emotion: 'happy', genre: 'Comedy', reason: 'Comedy · fits your happy mood' };
const drama: Fit = { emotion: 'sad', genre: 'Drama', reason: 'Drama · fits your sad mood' };

function tileTitled(label: string): Element {
  const tile = document.querySelector(`[aria-label="${label}"], [data-card-title="${label}"]`);
  if (!tile) throw new Error(`no tile ${label}`);
  return tile;
}

const badgeOf = (tile: Element) => tile.querySelector(BADGE_TAG) as HTMLElement | null;
const badgeText = (tile: Element) => badgeOf(tile)?.shadowRoot?.querySelector('.badge')?.textContent ?? null;

describe('TileBadges', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="slot"><a id="tile" aria-label="Toy Story"><div class="poster"></div></a></div>';
  });

  it('names the film it means in its tooltip and accessible name, and offers "Not this film"', () => {
    const said: string[] = [];
    const badges = new TileBadges({ onNotThisFilm: (title) => said.push(title) });
    const tile = document.getElementById('tile')!;
    badges.see(tile, 'get smart');
    badges.show(tile, tile, 'get smart', comedy, 'Get Smart', { title: 'Get Smart', year: 2008, genres: ['Action', 'Comedy'] });
    const root = badgeOf(tile)!.shadowRoot!;
    expect(root.querySelector('.badge')?.getAttribute('aria-label')).toBe('Fits your happy mood: Get Smart (2008), Action · Comedy');
    expect(badgeOf(tile)?.getAttribute('title')).toBe('Fits your happy mood: Get Smart (2008), Action · Comedy');
    root.querySelector<HTMLButtonElement>('button.not-this')!.click();
    expect(said).toEqual(['Get Smart']);
    // Without the hook there is no button.
    const plain = new TileBadges();
    plain.see(tile, 'other');
    plain.show(tile, tile, 'other', comedy, 'Other');
    expect(tile.querySelectorAll(BADGE_TAG)[0]!.shadowRoot!.querySelector('button')).toBeNull();
  });

  it('draws one badge in the tile, in its own shadow root, with the mood in words', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, 'toy story');
    badges.show(tile, tile, 'toy story', comedy, 'Toy Story');
    expect(tile.getAttribute(FIT_ATTRIBUTE)).toBe('happy');
    expect(tile.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    expect(tile.firstElementChild?.tagName.toLowerCase()).toBe(BADGE_TAG);
    expect(badgeOf(tile)?.getAttribute('title')).toBe('Fits your happy mood: Comedy');
    expect(badgeText(tile)).toBe('😄 Comedy');
    // Placed by its own :host rules, !important: a page rule matching any element cannot move it.
    expect(badgeOf(tile)?.shadowRoot?.querySelector('style')?.textContent).toMatch(/:host \{[^}]*position: absolute !important/);
    // Drawing the same again changes nothing.
    badges.show(tile, tile, 'toy story', { ...comedy }, 'Toy Story');
    expect(tile.querySelectorAll(BADGE_TAG)).toHaveLength(1);
  });

  it('changes the badge in place for a new mood, and takes it away when it no longer fits', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, 'k');
    badges.show(tile, tile, 'k', comedy, 'Toy Story');
    const first = badgeOf(tile);
    badges.show(tile, tile, 'k', drama, 'Toy Story');
    expect(badgeOf(tile)).toBe(first);
    expect(tile.getAttribute(FIT_ATTRIBUTE)).toBe('sad');
    expect(badgeOf(tile)?.getAttribute('title')).toBe('Fits your sad mood: Drama');
    badges.show(tile, tile, 'k', null, 'Toy Story');
    expect(badgeOf(tile)).toBeNull();
    expect(tile.hasAttribute(FIT_ATTRIBUTE)).toBe(false);
  });

  it('a recycled tile loses its badge at once, and a late answer for its old title is not drawn', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, 'toy story');
    badges.show(tile, tile, 'toy story', comedy, 'Toy Story');
    tile.setAttribute('aria-label', 'The Shining');
    badges.see(tile, 'the shining');
    expect(badgeOf(tile)).toBeNull();
    expect(tile.hasAttribute(FIT_ATTRIBUTE)).toBe(false);
    badges.show(tile, tile, 'toy story', comedy, 'Toy Story');
    expect(badgeOf(tile)).toBeNull();
  });

  it('takes every badge away on clear', () => {
    const badges = new TileBadges();
    const tile = document.getElementById('tile')!;
    badges.see(tile, 'k');
    badges.show(tile, tile, 'k', comedy, 'Toy Story');
    badges.clear();
    expect(document.querySelectorAll(`${BADGE_TAG}, [${FIT_ATTRIBUTE}]`)).toHaveLength(0);
  });
});

describe('Badger on the Netflix demo page', () => {
  beforeEach(() => loadPage(readFixture('streaming-demo')));

  it('badges exactly the fitting films, asking the background once', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(NETFLIX, new TitleLookup(background.matchTitles));
    await badger.pass(findTiles(NETFLIX, [document]));
    const badged = [...document.querySelectorAll(`[${FIT_ATTRIBUTE}]`)].map((tile) => tile.getAttribute('aria-label'));
    // The fake catalogue: comedies and children's films fit happy; "Heat" is a thriller, "The Heat" a comedy.
    expect(badged).toEqual(['Forrest Gump', 'The Heat', 'Moana', 'Coco', 'Toy Story', 'Ace Ventura: Pet Detective', 'The Lion King (1994)']);
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
    expect(document.querySelectorAll(`[${FIT_ATTRIBUTE}]`)).toHaveLength(0);
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
    expect(toyStory.hasAttribute(FIT_ATTRIBUTE)).toBe(false);
    expect(badgeOf(toyStory)).toBeNull();
    expect(heat.getAttribute(FIT_ATTRIBUTE)).toBe('happy');
    expect(badgeOf(heat)?.getAttribute('data-for')).toBe('Ace Ventura: Pet Detective');
    // The Shining was known from its own row; Ace Ventura now sits in a Top 10 *Movies* row, which says film:
    // asked anew, and only that.
    expect(background.matchRequests).toHaveLength(2);
    expect(background.matchRequests[1]!.map((q) => [q.title, q.kind])).toEqual([['Ace Ventura: Pet Detective', 'movie']]);
  });

  it('draws nothing after clear, even for an answer that was on its way', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(NETFLIX, new TitleLookup(background.matchTitles));
    const pass = badger.pass(findTiles(NETFLIX, [document]));
    badger.clear();
    await pass;
    expect(document.querySelectorAll(`${BADGE_TAG}, [${FIT_ATTRIBUTE}]`)).toHaveLength(0);
  });
});

describe('badge placement on Prime Video', () => {
  it('sits in the packshot, the mark on the card', async () => {
    loadPage(readFixture('prime'));
    const background = fakeBackground({ mood: mood('happy') });
    const badger = new Badger(PRIME, new TitleLookup(background.matchTitles));
    await badger.pass(findTiles(PRIME, [document]));
    const card = tileTitled('The Heat');
    expect(card.getAttribute(FIT_ATTRIBUTE)).toBe('happy');
    expect(card.querySelector('[data-testid="packshot"]')?.firstElementChild?.tagName.toLowerCase()).toBe(BADGE_TAG);
    // Series are asked as series (the background refuses them), live events not at all.
    const asked = background.matchRequests[0]!;
    expect(asked).toContainEqual({ title: 'The Boys', year: null, kind: 'series' });
    expect(asked.map((query) => query.title)).not.toContain('Premier League: Arsenal v Chelsea');
  });
});
