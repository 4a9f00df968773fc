/**
 * Netflix, both UIs: the new one (rolling out since March 2026) and the old one some accounts still get.
 *
 * What this relies on (second-hand, 2025–2026; re-check when badges or the row stop appearing):
 * - New UI: class names are hashed per deploy, so nothing here selects on a class. Netflix's own test hooks
 *   (`data-uia`) name the cards: `a[data-uia="standard-card"]` (rows), `a[data-uia="progress-card"]`
 *   (Continue Watching), `a[data-uia="ranked-card"]` (Top 10); the title is the card's `aria-label`,
 *   sometimes with a " (…)" suffix; links are `/browse?jbv=<id>` (older `/watch/<id>`, `/title/<id>`); each card
 *   sits in a `div[data-virtual-slot]` cell, recycled as the row scrolls; rows are `<section>`s,
 *   `section[data-uia^="carousel-row-section"]` inside `[data-uia="browse-page-sections"]`.
 *   Sources: MoodReel product issue (sites), March 2026; public extensions' adapters on GitHub, 2026
 *   (card selectors `standard-card`/`progress-card`/`ranked-card` with `aria-label` titles; cards looked up
 *   through `[data-virtual-slot]` cells and `section` rows).
 * - Old UI: `.lolomo` > `.lolomoRow` rows; `.slider-item` > `.title-card-container` > `.title-card` >
 *   `.ptrack-content` > `a.slider-refocus[aria-label]` (title) with `p.fallback-text` (the same title, shown
 *   while the box art loads) inside `.boxart-container`; links `/watch/<id>`.
 *   Sources: public scrapers and extensions on GitHub, 2019–2025 (`a.slider-refocus` aria-label,
 *   `p.fallback-text`, `div.title-card-container div.title-card div.ptrack-content`).
 * - Home page: `/browse` (a title opens over it as `/browse?jbv=<id>`: still home).
 * - Search: `/search?q=<title>`.
 * Netflix tiles carry neither a year nor the movie/series kind; a " (Season 2)"-like suffix says series.
 */
import type { SiteAdapter } from '../types';

/**
 * Row headings, as real pages word them (2020–2026; English, Italian and Latin-American Spanish UIs):
 * "US TV Comedies", "Award-Winning TV Shows", "European TV Dramas", "Serie TV corali", "Commedie TV",
 * "TV d'animazione", "Top 10 delle serie TV in Italia oggi", "Catch Up on Unwatched Episodes" say series;
 * "Action Movies", "Romantic Comedy Movies", "Film di Hollywood", "Top 10 Movies in …" say films;
 * "Movies & TV Shows Dubbed in Telugu" says both, so neither. "New on Netflix", "Only on Netflix",
 * "Netflix Originals", "New Releases", "Nuove uscite", "Recently Added" say new.
 */
const SERIES_HEADING = new RegExp(
  [
    '\\bTV\\b',
    '\\bseries\\b',
    '\\bserie\\b',
    '\\bséries?\\b',
    '\\bserien\\b',
    '\\bshows?\\b',
    '\\bepisod',
    '\\bdocuseries\\b',
    '\\breality\\b',
    '\\bsitcoms?\\b',
    '\\bk-?dramas?\\b',
    '\\btelenovelas?\\b',
    '\\badult animation\\b',
    '\\banimazione per adulti\\b',
    '\\banimación para adultos\\b',
    '^anime$',
  ].join('|'),
  'iu',
);
const MOVIE_HEADING = /\bmovies?\b|\bfilms?\b|\bfilme\b|\bpel[ií]culas?\b|\bcinema\b/iu;
const RECENT_HEADING =
  /\bnew\b|\bonly on\b|\boriginals?\b|\brecently added\b|\bnuov[aei]\b|\bnovità|\bsolo su\b|\bnuev[ao]s?\b|\bestrenos?\b|\bsolo en\b|\bneu\b|\bnouveau/iu;

/**
 * The page's inline app state (`netflix.reactContext`/falcor cache, in a <script> of the first HTML) describes
 * the titles of its first rows: `…"id":81483318,"type":"show"…` or `"type":"movie"`. Seen on the saved 2023 and
 * 2026 pages. Only the text is read; nothing is run.
 */
const STATED_KIND = /\\?"id\\?":(\d{5,10}),\\?"type\\?":\\?"(show|movie)\\?"/g;

function statedKinds(doc: Document): Map<string, 'movie' | 'series'> {
  const kinds = new Map<string, 'movie' | 'series'>();
  for (const script of doc.scripts) {
    if (script.src) continue;
    const text = script.textContent ?? '';
    if (!text.includes('"type"') && !text.includes('\\"type')) continue;
    for (const [, id, type] of text.matchAll(STATED_KIND)) kinds.set(id!, type === 'show' ? 'series' : 'movie');
  }
  return kinds;
}

/** The title id a card links to: /watch/<id>, /title/<id>, or ?jbv=<id>. */
function linkedTitleId(tile: Element): string | null {
  const link = tile.matches('a[href]') ? tile : tile.querySelector('a[href]');
  const found = /(?:\/watch\/|\/title\/|[?&]jbv=)(\d{5,10})/.exec(link?.getAttribute('href') ?? '');
  return found ? found[1]! : null;
}

const NEW_CARDS = ['standard-card', 'progress-card', 'ranked-card'].map((uia) => `a[data-uia="${uia}"]`).join(', ');

export const NETFLIX: SiteAdapter<'netflix'> = {
  id: 'netflix',
  name: 'Netflix',
  host: 'www.netflix.com',
  matches: ['*://www.netflix.com/*'],
  homePaths: [/^\/browse\/?$/],
  // Search, My List, genre and category pages, "Latest"/"New & Popular"; a title page's "More like this".
  listPaths: [
    /^\/search\/?$/,
    /^\/browse\/(my-list|genre\/\d+|m\/|latest|new-and-popular|original-audio)/,
    /^\/(title|latest|new-and-popular)\b/,
  ],
  pageKinds: { read: statedKinds, tileId: linkedTitleId },
  rowEvidence: {
    row: '.lolomoRow, section[data-uia^="carousel-row-section"], [data-list-context]',
    heading: ['.row-header-title', '.rowTitle', 'h2', '[data-uia*="row-title"]'],
    series: SERIES_HEADING,
    movie: MOVIE_HEADING,
    recent: RECENT_HEADING,
  },
  rows: [
    '[data-uia="browse-page-sections"] > section[data-uia^="carousel-row-section"]',
    'section[data-uia^="carousel-row-section"]',
    '.lolomo > .lolomoRow_title_card',
    '.lolomo > .lolomoRow',
    '.lolomoRow',
  ],
  tiles: [
    {
      selector: NEW_CARDS,
      title: [{ attr: 'aria-label' }, { attr: 'alt', at: 'img[alt]' }],
    },
    {
      selector: '.title-card-container',
      title: [
        { attr: 'aria-label', at: 'a.slider-refocus[aria-label]' },
        { attr: 'aria-label', at: 'a[aria-label]' },
        { text: '.fallback-text' },
      ],
      badgeAt: ['.boxart-container', '.title-card'],
    },
  ],
  titleAttributes: ['aria-label', 'href', 'alt'],
  searchPath: (title) => `/search?q=${encodeURIComponent(title)}`,
  sources: [
    'new UI cards a[data-uia=standard-card|progress-card|ranked-card], aria-label title, div[data-virtual-slot] cells, section[data-uia^=carousel-row-section] rows in [data-uia=browse-page-sections] (product issue, March 2026; public extensions, 2026)',
    'old UI .lolomo/.lolomoRow, .title-card-container, a.slider-refocus[aria-label], p.fallback-text (public scrapers and extensions, 2019–2025)',
  ],
};
