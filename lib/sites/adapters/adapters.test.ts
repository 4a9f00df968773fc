// @vitest-environment happy-dom
/**
 * Each adapter on its fixture page (tests/fixtures, the markup the sites serve as the adapters' notes
 * describe) reads exactly the titles, years and kinds a viewer sees, in page order; the page with no rows
 * gives nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { findFirstRow, findTiles, isHomePage, isListingPage, readTileText, ruleFor } from '../read';
import { readFixture as fixture } from '../../../tests/support/read-fixture';
import { loadPage } from '../../../tests/support/sites-testing';
import type { SiteAdapter } from '../types';
import { EXPECTED_READINGS, type ExpectedReading as Row } from '../../../tests/fixtures/expected-readings';
import { ADAPTERS, DISNEY, NETFLIX, PRIME, searchUrl } from './index';

function readPage(adapter: SiteAdapter): Row[] {
  return [...findTiles(adapter, [document])].map((tile) => {
    const reading = readTileText(tile, ruleFor(adapter, tile)!);
    return reading ? [reading.title, reading.year, reading.kind] : ['(skipped)', null, null];
  });
}

/** Tiles of the page whose reading is null (live events): not asked about, never badged. */
function skipped(adapter: SiteAdapter): number {
  return [...findTiles(adapter, [document])].filter((tile) => !readTileText(tile, ruleFor(adapter, tile)!)).length;
}

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe('Netflix, 2026 UI (the demo page)', () => {
  it('reads every card of every row: continue watching, top 10, rows; " (…)" suffixes cut', () => {
    loadPage(fixture('streaming-demo'));
    expect(readPage(NETFLIX)).toEqual<Row[]>(EXPECTED_READINGS['streaming-demo']);
    expect(readPage(NETFLIX)).toHaveLength(45);
  });

  it('puts the row before the first carousel section, below the billboard', () => {
    loadPage(fixture('streaming-demo'));
    const first = findFirstRow(NETFLIX);
    expect(first?.getAttribute('data-uia')).toBe('carousel-row-section-0');
    expect(first?.parentElement?.getAttribute('data-uia')).toBe('browse-page-sections');
  });

  it('reads a card by its title, whatever its hashed classes', () => {
    document.body.innerHTML = `<section data-uia="carousel-row-section-3"><div data-virtual-slot="0">
      <a data-uia="standard-card" class="x9f2-hash" href="/title/70111470" aria-label="&#x2066;Die Hard&#x2069;"></a></div></section>`;
    expect(readPage(NETFLIX)).toEqual<Row[]>([['Die Hard', null, null]]);
  });
});

describe('Netflix, old UI', () => {
  it('reads every title card of the lolomo rows', () => {
    loadPage(fixture('netflix-old'));
    expect(readPage(NETFLIX)).toEqual<Row[]>(EXPECTED_READINGS['netflix-old']);
    expect(findFirstRow(NETFLIX)?.classList.contains('lolomoRow')).toBe(true);
  });

  it('falls back on the fallback text when the link has no label', () => {
    loadPage(fixture('netflix-old'));
    const first = document.querySelector('a.slider-refocus')!;
    first.removeAttribute('aria-label');
    expect(readPage(NETFLIX)[0]).toEqual<Row>(['Stranger Things', null, null]);
  });
});

describe('Prime Video', () => {
  it('reads every card with its kind; live events are left out', () => {
    loadPage(fixture('prime'));
    expect(readPage(PRIME).filter(([title]) => title !== '(skipped)')).toEqual<Row[]>(EXPECTED_READINGS.prime);
    expect(skipped(PRIME)).toBe(2);
  });

  it('puts the row before the first standard carousel, not the hero', () => {
    loadPage(fixture('prime'));
    expect(findFirstRow(PRIME)?.getAttribute('aria-label')).toBe('Continue watching');
  });

  it('reads a card once when both of its selectors match it', () => {
    document.body.innerHTML = `<ul><li><article data-testid="card" data-card-title="Heat" data-card-entity-type="Movie">
      <div data-testid="packshot"><a href="/detail/0X" aria-label="Heat"></a></div></article></li></ul>`;
    expect(readPage(PRIME)).toEqual<Row[]>([['Heat', null, 'movie']]);
  });
});

describe('Disney+', () => {
  it('reads the clean title from the image, the year from the label, the kind where the page says it', () => {
    loadPage(fixture('disney'));
    expect(readPage(DISNEY)).toEqual<Row[]>(EXPECTED_READINGS.disney);
    expect(findFirstRow(DISNEY)?.getAttribute('data-set-style')).toBe('continue_watching');
  });

  it('takes no year from a title that holds a number', () => {
    document.body.innerHTML = `<div data-testid="set-shelf-item"><a data-testid="set-item" href="/browse/entity-1"
      aria-label="Blade Runner 2049 Select for details on this title."><img alt="Blade Runner 2049"></a></div>`;
    expect(readPage(DISNEY)).toEqual<Row[]>([['Blade Runner 2049', null, null]]);
  });
});

describe('a page with no rows (Netflix profile gate)', () => {
  it('has no tiles and no place for the row', () => {
    loadPage(fixture('no-rows'));
    for (const adapter of Object.values(ADAPTERS)) {
      expect(findTiles(adapter, [document]).size).toBe(0);
      expect(findFirstRow(adapter)).toBeNull();
    }
  });
});

describe('home pages and search links', () => {
  const home = (adapter: SiteAdapter, path: string) => isHomePage(adapter, new URL(path, 'https://example.test'));

  it('Netflix: /browse, also with a title open over it', () => {
    expect(['/browse', '/browse/', '/browse?jbv=80057281'].map((p) => home(NETFLIX, p))).toEqual([true, true, true]);
    expect(
      ['/', '/browse/my-list', '/browse/genre/83', '/title/80057281', '/watch/1', '/search?q=x'].map((p) =>
        home(NETFLIX, p),
      ),
    ).toEqual([false, false, false, false, false, false]);
  });

  it('Prime Video: the storefront, with region, language and ref', () => {
    const yes = [
      '/',
      '/storefront',
      '/storefront/',
      '/storefront/home',
      '/region/eu/storefront',
      '/-/de/storefront/home',
      '/storefront/ref=atv_nb_hom',
    ];
    const no = [
      '/detail/0QX0P4OK8HRX488C6WE3IXVRCO',
      '/storefront/movie',
      '/search/ref=atv_nb_sr?phrase=heat',
      '/settings',
    ];
    expect(yes.map((p) => home(PRIME, p))).toEqual(yes.map(() => true));
    expect(no.map((p) => home(PRIME, p))).toEqual(no.map(() => false));
  });

  it('Prime Video on the Amazon stores: home under /gp/video/, listing pages too; the content script runs only there', () => {
    expect(
      ['/gp/video/', '/gp/video/storefront', '/gp/video/storefront/ref=atv_hm'].map((p) => home(PRIME, p)),
    ).toEqual([true, true, true]);
    const listing = (path: string) => isListingPage(PRIME, new URL(path, 'https://www.amazon.de'));
    expect(
      [
        '/gp/video/detail/0TMFS1J1ABCHOVP5KNMOTJKDOO',
        '/gp/video/search/ref=atv_nb_sr?phrase=heat',
        '/gp/video/mystuff/watchlist',
        '/gp/video/storefront/movie',
        '/detail/0X',
        '/region/eu/search?phrase=x',
      ].map(listing),
    ).toEqual([true, true, true, true, true, true]);
    expect(['/gp/video/settings', '/gp/video/watch/0X', '/settings'].map(listing)).toEqual([false, false, false]);
    expect(PRIME.matches).toEqual([
      '*://www.primevideo.com/*',
      ...['com', 'co.uk', 'de', 'co.jp', 'fr', 'it', 'es', 'ca', 'com.au', 'in'].map(
        (tld) => `*://www.amazon.${tld}/gp/video/*`,
      ),
    ]);
  });

  it('badges (no row) on the pages that list titles: search, My List, genres, a title page', () => {
    const listing = (adapter: SiteAdapter, path: string) =>
      isListingPage(adapter, new URL(path, 'https://example.test'));
    expect(
      [
        '/search?q=x',
        '/browse/my-list',
        '/browse/genre/83',
        '/browse/m/genre/1',
        '/title/80057281',
        '/latest',
        '/browse',
      ].map((p) => listing(NETFLIX, p)),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(['/watch/1', '/', '/YourAccount'].map((p) => listing(NETFLIX, p))).toEqual([false, false, false]);
    expect(['/search?q=x', '/watchlist', '/browse/entity-1', '/home'].map((p) => listing(DISNEY, p))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['/video/1', '/'].map((p) => listing(DISNEY, p))).toEqual([false, false]);
  });

  it('Disney+: /home, with a locale', () => {
    expect(['/home', '/en-gb/home', '/fr/home'].map((p) => home(DISNEY, p))).toEqual([true, true, true]);
    expect(['/', '/browse/entity-1', '/search', '/watchlist'].map((p) => home(DISNEY, p))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('search links are paths on the current origin, the title encoded', () => {
    expect(NETFLIX.searchPath('Monsters, Inc. & Co')).toBe('/search?q=Monsters%2C%20Inc.%20%26%20Co');
    expect(PRIME.searchPath('Heat')).toBe('/search/ref=atv_nb_sr?phrase=Heat&ie=UTF8');
    expect(DISNEY.searchPath('Coco')).toBe('/search?q=Coco');
    // The popup links to the same searches on the real sites.
    expect(searchUrl(PRIME, 'Heat')).toBe('https://www.primevideo.com/search/ref=atv_nb_sr?phrase=Heat&ie=UTF8');
    expect(searchUrl(NETFLIX, 'Up')).toBe('https://www.netflix.com/search?q=Up');
  });
});
