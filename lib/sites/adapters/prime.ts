/**
 * Prime Video (www.primevideo.com).
 *
 * What this relies on (second-hand, 2025–2026; re-check when badges or the row stop appearing):
 * - Cards are `article[data-card-title]`, also `article[data-testid="card"]`: the title in `data-card-title`,
 *   the kind in `data-card-entity-type` ("Movie", "TV Show"; live events are skipped), the link
 *   `/detail/<id>` (or `/gp/video/detail/<id>` on amazon.com) and the image in `[data-testid="packshot"]`.
 * - Rows are `section[data-testid*="carousel"]` (`standard-carousel`, …) holding `ul > li` items; the hero
 *   carousel at the top is not a row.
 * - Home pages: `/`, `/storefront`, `/storefront/home`, with an optional `/region/<r>` and `/-/<lang>` in
 *   front and a `ref=…` segment behind.
 * - Search: `/search/ref=atv_nb_sr?phrase=<title>&ie=UTF8`.
 * Sources: MoodReel product issue (sites), March 2026; public extensions and scrapers on GitHub, 2025–2026
 * (`article[data-testid="card"]` with `data-card-title`, `data-card-entity-type` "Movie"/"TV Show",
 * `[data-testid="packshot"]` holding the `/detail/` link, `standard-carousel` rows).
 */
import type { SiteAdapter } from '../types';

/** The Amazon stores that serve Prime Video under /gp/video/ (the same cards as primevideo.com). */
const AMAZON_VIDEO_HOSTS = [
  'www.amazon.com',
  'www.amazon.co.uk',
  'www.amazon.de',
  'www.amazon.co.jp',
  'www.amazon.fr',
  'www.amazon.it',
  'www.amazon.es',
  'www.amazon.ca',
  'www.amazon.com.au',
  'www.amazon.in',
];

/** On an Amazon store every Prime Video path starts with /gp/video; on primevideo.com nothing does. */
const AMAZON_PREFIX = '(\\/gp\\/video)?';

export const PRIME: SiteAdapter<'prime'> = {
  id: 'prime',
  name: 'Prime Video',
  host: 'www.primevideo.com',
  // primevideo.com, and Prime Video's path on each Amazon store, nothing else of Amazon.
  matches: ['*://www.primevideo.com/*', ...AMAZON_VIDEO_HOSTS.map((host) => `*://${host}/gp/video/*`)],
  homePaths: [
    new RegExp(
      `^${AMAZON_PREFIX}(\\/region\\/[a-z]+)?(\\/-\\/[a-z]{2}(_[a-z]{2})?)?(\\/storefront(\\/home)?)?\\/?(ref=[^/]*\\/?)?$`,
      'i',
    ),
  ],
  // Search, Watchlist / My Stuff, the movie and TV storefronts, genre and collection pages, a title's
  // "Customers also watched".
  listPaths: [
    new RegExp(
      `^${AMAZON_PREFIX}(\\/region\\/[a-z]+)?(\\/-\\/[a-z]{2}(_[a-z]{2})?)?\\/(search|detail|mystuff|watchlist|storefront\\/|genre|collection|browse|channels?)`,
      'i',
    ),
  ],
  rows: [
    'section[data-testid="standard-carousel"]',
    'section[data-testid*="carousel"]:not([data-testid*="hero"]):not([data-testid*="super"])',
  ],
  tiles: [
    {
      selector: 'article[data-card-title], article[data-testid="card"]',
      title: [{ attr: 'data-card-title' }, { attr: 'aria-label', at: 'a[href*="/detail/"][aria-label]' }],
      kind: [
        {
          from: { attr: 'data-card-entity-type' },
          movie: /^movie$/i,
          series: /^tv\b|\bshow\b|series|season|episode/i,
          other: /event|live|channel|sport|linear/i,
        },
      ],
      badgeAt: ['[data-testid="packshot"]'],
    },
  ],
  titleAttributes: ['data-card-title', 'data-card-entity-type', 'aria-label', 'href'],
  searchPath: (title) => `/search/ref=atv_nb_sr?phrase=${encodeURIComponent(title)}&ie=UTF8`,
  sources: [
    'article[data-card-title] / article[data-testid=card], data-card-title, data-card-entity-type Movie|TV Show, [data-testid=packshot], /detail/<id> (product issue, March 2026; public extensions, 2025–2026)',
    'rows section[data-testid*=carousel] with ul > li items (product issue, March 2026)',
  ],
};
