/**
 * What the content script and the row's frame agree on: the origins the frame is exposed to (from the site
 * registry), and which site a frame is on (its URL, checked against the origin the browser says embeds it).
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from './adapters';
import { frameSiteOf, rowFrameOrigins, rowFrameQuery, siteOfPage } from './row-frame';

describe("the row's frame", () => {
  it("is exposed to the sites' origins only: every content script's host, any path, http or https", () => {
    const origins = rowFrameOrigins();
    expect(origins).toContain('*://www.netflix.com/*');
    expect(origins).toContain('*://www.disneyplus.com/*');
    expect(origins).toContain('*://www.primevideo.com/*');
    // Prime Video under /gp/video/ on Amazon: Chrome takes no path here, so the store's origin.
    expect(origins).toContain('*://www.amazon.de/*');
    const hosts = new Set(Object.values(ADAPTERS).flatMap((a) => a.matches.map((m) => m.split('/')[2])));
    expect(origins.map((origin) => origin.split('/')[2]).sort()).toEqual([...hosts].sort());
    for (const origin of origins) expect(origin).toMatch(/^\*:\/\/[a-z0-9.-]+\/\*$/);
  });

  it('is told its site and the page language in its query (a language tag or nothing)', () => {
    expect(rowFrameQuery('netflix', 'it-IT')).toBe('?site=netflix&lang=it-IT');
    expect(rowFrameQuery('prime', '"><script>')).toBe('?site=prime');
    expect(rowFrameQuery('disney', '')).toBe('?site=disney');
  });

  it('draws for the site its URL names only when the browser says that site embeds it', () => {
    expect(frameSiteOf('?site=netflix&lang=en', ['https://www.netflix.com'])).toMatchObject({
      adapter: { id: 'netflix' },
      pageOrigin: 'https://www.netflix.com',
      lang: 'en',
    });
    // The pages' scheme is kept (the tests' fixture pages are http).
    expect(frameSiteOf('?site=netflix', ['http://www.netflix.com'])?.pageOrigin).toBe('http://www.netflix.com');
    expect(frameSiteOf('?site=prime', ['https://www.amazon.de'])?.adapter.id).toBe('prime');
    for (const [search, ancestors] of [
      ['?site=netflix', ['https://evil.example']],
      ['?site=prime', ['https://www.netflix.com']],
      ['?site=hulu', ['https://www.netflix.com']],
      ['?site=toString', ['https://www.netflix.com']],
      ['', ['https://www.netflix.com']],
      ['?site=netflix', []],
      ['?site=netflix', ['chrome-extension://abc']],
      ['?site=netflix', ['https://www.netflix.com.evil.example']],
    ] as const) {
      expect(frameSiteOf(search, ancestors), `${search} in ${ancestors.join()}`).toBeNull();
    }
    expect(frameSiteOf('?site=netflix', undefined)).toBeNull();
    expect(frameSiteOf('?site=netflix&lang=<b>', ['https://www.netflix.com'])?.lang).toBeNull();
  });

  it("tells which site a tab is on from its address, as the content scripts' matches say", () => {
    expect(siteOfPage('https://www.netflix.com/browse')).toBe('netflix');
    expect(siteOfPage('http://www.disneyplus.com/home')).toBe('disney');
    expect(siteOfPage('https://www.amazon.de/gp/video/storefront')).toBe('prime');
    expect(siteOfPage('https://www.amazon.de/dp/B0000')).toBeNull();
    expect(siteOfPage('https://evil.example/browse')).toBeNull();
    expect(siteOfPage('not a url')).toBeNull();
    expect(siteOfPage(undefined)).toBeNull();
  });
});
