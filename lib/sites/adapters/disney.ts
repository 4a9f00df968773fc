/**
 * Disney+ (www.disneyplus.com), the web app rebuilt in 2024.
 *
 * What this relies on (second-hand, 2025–2026; re-check when badges or the row stop appearing):
 * - Tiles are `a[data-testid="set-item"]` inside `[data-testid="set-shelf-item"]` items; rows are
 *   `[data-testid="set-section"]`.
 * - The tile's `aria-label` is a long localised sentence, sometimes with badges in front ("Subtitles
 *   Available Badge Avatar: Fire and Ash Rated 12+ Released 2025. Action and Adventure Select for details on
 *   this title."), so the clean title is the inner `img[alt]`; the year is the first year after the title in
 *   the label. In Continue Watching the image's alt is empty and the title is the second line of the
 *   `[data-testid="cw-set-item-metadata"]` link beside the tile; its label names a season/episode (series).
 * - Links are `/browse/entity-<id>` (with a locale in front, e.g. `/en-gb/browse/…`), which does not say
 *   movie or series; the older `/movies/<slug>/<id>` and `/series/<slug>/<id>` do.
 * - Home pages: `/home`, with an optional locale (`/en-gb/home`).
 * - Search: `/search?q=<title>`.
 * Sources: MoodReel product issue (sites), March 2026; public extensions' adapters and fixtures on GitHub,
 * 2025–2026 (`[data-testid="set-shelf-item"]` > `a[data-testid="set-item"]` with `img[alt]`,
 * `cw-set-item-wrapper`/`cw-set-item-metadata` in `[data-set-style="continue_watching"]` sections).
 */
import { normaliseText, parseYear } from '../read';
import type { SiteAdapter } from '../types';

/** The Continue Watching title: the metadata link's second line, beside the tile. */
function continueWatchingTitle(tile: Element): string | null {
  const metadata = tile
    .closest('[data-testid="cw-set-item-wrapper"]')
    ?.querySelector('[data-testid="cw-set-item-metadata"]');
  return metadata?.children[1]?.textContent ?? null;
}

/** The year in the label after the title (a title like "Blade Runner 2049" holds a number of its own). */
function yearAfterTitle(tile: Element): string | null {
  const label = normaliseText(tile.getAttribute('aria-label') ?? '');
  const title = normaliseText(tile.querySelector('img[alt]')?.getAttribute('alt') ?? '');
  if (!label) return null;
  const at = title ? label.indexOf(title) : -1;
  const rest = at >= 0 ? label.slice(at + title.length) : label;
  return parseYear(rest) ? rest : null;
}

export const DISNEY: SiteAdapter<'disney'> = {
  id: 'disney',
  name: 'Disney+',
  host: 'www.disneyplus.com',
  matches: ['*://www.disneyplus.com/*'],
  homePaths: [/^(\/[a-z]{2}(-[a-z]{2})?)?\/home\/?$/i],
  // Search, the Watchlist, a title's page ("Suggested"), brand and collection pages.
  listPaths: [/^(\/[a-z]{2}(-[a-z]{2})?)?\/(search|watchlist|browse|brand|collection|movies|series)\b/i],
  rows: ['[data-testid="set-section"]'],
  tiles: [
    {
      selector: 'a[data-testid="set-item"]',
      title: [{ attr: 'alt', at: 'img[alt]' }, { read: continueWatchingTitle }],
      year: [{ read: yearAfterTitle }],
      kind: [
        { from: { attr: 'href' }, movie: /\/movies\//, series: /\/series\// },
        // "Season 2", "3 Seasons", and the labels' "… Original Series".
        { from: { attr: 'aria-label' }, series: /\b(season|episode)\s+\d+|\b\d+\s+seasons?\b|\boriginal series\b/i },
      ],
    },
  ],
  titleAttributes: ['alt', 'aria-label', 'href'],
  searchPath: (title) => `/search?q=${encodeURIComponent(title)}`,
  sources: [
    'tiles a[data-testid=set-item] with img[alt] title, aria-label year, rows [data-testid=set-section], items [data-testid=set-shelf-item] (product issue, March 2026; public extensions, 2025–2026)',
    'continue watching [data-testid=cw-set-item-wrapper] > [data-testid=cw-set-item-metadata] second line (public extension fixtures, 2026)',
  ],
};
