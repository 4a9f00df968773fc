// @vitest-environment happy-dom
/**
 * The matcher on real streaming pages (../shared/pages, saved by people 2020–2026), tile by tile against the
 * hand labels in tests/fixtures/real-pages/labels.ts: no tile gets a film it does not show (series,
 * namesakes, newer films of an old film's name), and enough of the catalogue films still match.
 * Skipped, with a message, where ../shared is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBuiltinCatalogue } from '../catalogue/builtin';
import { buildTitleIndex, type TitleIndex } from '../catalogue/match';
import type { Film } from '../catalogue/types';
import { EMOTIONS } from '../mood/emotions';
import { decidePage, loadRealPage, isWrongMatch, scoreMood } from '../../tests/fixtures/real-pages/evaluate';
import { LABELLED_PAGES } from '../../tests/fixtures/real-pages/labels';
import { NETFLIX, PRIME } from './adapters';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PAGES_DIR = join(ROOT, '../shared/pages');
const hasPages = existsSync(PAGES_DIR);
if (!hasPages) console.warn(`Skipping the real-page tests: no saved pages at ${PAGES_DIR} (../shared is not here)`);

let index: TitleIndex;
let byId: Map<string, Film>;
beforeAll(() => {
  const { films } = decodeBuiltinCatalogue(readFileSync(join(ROOT, 'public/catalogue/movielens.json'), 'utf8'));
  index = buildTitleIndex(films);
  byId = new Map(films.map((film) => [film.id, film]));
});

describe.skipIf(!hasPages)('real pages, tile by tile', () => {
  for (const page of LABELLED_PAGES) {
    describe(page.file, () => {
      const decide = () => {
        loadRealPage(readFileSync(join(PAGES_DIR, `${page.file}.html`), 'utf8'));
        return decidePage(page.site === 'prime' ? PRIME : NETFLIX, index, page);
      };

      it('every tile is labelled, and no tile is matched to a film it does not show', () => {
        const decisions = decide();
        expect(decisions.length).toBeGreaterThan(0);
        expect(decisions.filter((d) => d.label === undefined).map((d) => d.title)).toEqual([]);
        const wrong = decisions
          .filter(isWrongMatch)
          .map((d) => `${d.title} → ${d.matched!.title} (${d.matched!.year}), labelled ${d.label}`);
        expect(wrong).toEqual([]);
      });

      it('badge precision is at least 0.95 for every mood', () => {
        const decisions = decide();
        for (const emotion of EMOTIONS) {
          const score = scoreMood(decisions, byId, emotion);
          if (score.precision !== null)
            expect(score.precision, `${emotion}: ${JSON.stringify(score)}`).toBeGreaterThanOrEqual(0.95);
        }
      });
    });
  }

  it('matches most labelled catalogue films over all pages (recall ≥ 0.6)', () => {
    let labelled = 0;
    let matched = 0;
    for (const page of LABELLED_PAGES) {
      loadRealPage(readFileSync(join(PAGES_DIR, `${page.file}.html`), 'utf8'));
      for (const d of decidePage(page.site === 'prime' ? PRIME : NETFLIX, index, page)) {
        if (!d.label?.startsWith('film:')) continue;
        labelled++;
        if (d.matched && !isWrongMatch(d)) matched++;
      }
    }
    expect(labelled).toBeGreaterThan(50);
    expect(matched / labelled).toBeGreaterThanOrEqual(0.6);
  });
});

describe.skipIf(!hasPages)('kind evidence on real pages', () => {
  it('reads row headings: TV rows say series, film rows say film, "new" rows say new, mixed rows say neither', () => {
    loadRealPage(readFileSync(join(PAGES_DIR, 'netflix/browse-2026-05.html'), 'utf8'));
    const page = LABELLED_PAGES.find((p) => p.file === 'netflix/browse-2026-05')!;
    const readings = new Map(decidePage(NETFLIX, index, page).map((d) => [d.title, d.tileText]));
    expect(readings.get('Outlander')?.kind).toBe('series');
    expect(readings.get('Say Anything')?.kind).toBe('movie');
    expect(readings.get('Straight to Hell')?.recent).toBe(true);
    expect(readings.get('Long Story Short')).toMatchObject({ kind: null, seriesToo: true });
    // Black Mirror in Continue Watching: the page's own data says "show" (and it is in a TV row further down).
    expect(readings.get('Black Mirror')?.kind).toBe('series');
    // The page's inline app state says what its first rows' titles are, whatever the row says.
    expect(readings.get('Love Is Blind')?.kind).toBe('series');
    expect(readings.get('The Royal Tenenbaums')?.kind).toBe('movie');
  });

  it('reads no kind from a page without the app state, and never runs its scripts', () => {
    loadRealPage(readFileSync(join(PAGES_DIR, 'netflix/search-2026-06.html'), 'utf8'));
    expect(NETFLIX.pageKinds!.read(document).size).toBe(0);
    loadRealPage(readFileSync(join(PAGES_DIR, 'netflix/browse-2026-05.html'), 'utf8'));
    const kinds = NETFLIX.pageKinds!.read(document);
    expect(kinds.get('80057281')).toBeUndefined(); // Stranger Things: not in the first rows' data
    expect(kinds.get('70264888')).toBe('series');
    expect([...document.scripts].every((script) => script.type === 'text/plain')).toBe(true);
  });

  it('reads Italian headings', () => {
    loadRealPage(readFileSync(join(PAGES_DIR, 'netflix/browse-2023-it.html'), 'utf8'));
    const page = LABELLED_PAGES.find((p) => p.file === 'netflix/browse-2023-it')!;
    const readings = new Map(decidePage(NETFLIX, index, page).map((d) => [d.title, d.tileText]));
    expect(readings.get('PLUTO')?.kind).toBe('series');
    expect(readings.get('Interstellar')?.kind).toBe('movie');
    expect(readings.get('Inside Job')?.kind).toBe('series');
    expect(readings.get('Sly')?.recent).toBe(true);
  });
});
