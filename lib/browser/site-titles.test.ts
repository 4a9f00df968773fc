/**
 * The background's answer to a page's titles: only how to draw each badge (no reading, no film id, no score),
 * while it notes, by the tab the browser names, which films it said fit there.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BadgedTabs } from './badged-tabs';
import type { TitleMatch } from './picks-service';
import { createSiteTitles } from './site-titles';

const getSmart: TitleMatch = {
  filmId: '60074',
  title: 'Get Smart',
  year: 2008,
  genres: ['Action', 'Comedy'],
  fit: { emotion: 'happy', genre: 'Comedy', reason: 'Comedy · fits your happy mood' },
};
const heat: TitleMatch = { filmId: '6', title: 'Heat', year: 1995, genres: ['Action', 'Crime'], fit: null };

const picks = {
  matchTitles: async () => ({
    mood: { emotion: 'happy' as const, at: 1_234, faces: 1 },
    results: [getSmart, heat, null],
  }),
};
/** A content script in tab 6, as the router describes it to a handler. */
const CONTENT_SCRIPT = { kind: 'content-script' as const, tabId: 6, documentId: 'doc-1' };
const queries = [{ title: 'Get Smart' }, { title: 'Heat' }, { title: 'Stranger Things', kind: 'series' as const }];

describe('site titles', () => {
  beforeEach(() => fakeBrowser.reset());

  it("answers a page only its badges' words, one per title, null where no badge goes", async () => {
    const titles = createSiteTitles(picks, new BadgedTabs(null), async () => 3);
    const answer = await titles.matchTitles(queries, CONTENT_SCRIPT);
    expect(answer).toEqual({
      results: [
        {
          label: '😄 Comedy',
          film: '😄 Get Smart',
          year: ' (2008)',
          name: 'Fits your happy mood: Get Smart (2008), Action · Comedy',
        },
        null,
        null,
      ],
    });
    // Nothing of the reading beyond the words drawn: no time, no emotion field, no film id, no score.
    expect(JSON.stringify(answer)).not.toMatch(/1234|emotion|happy"|60074|reason|at"/);
  });

  it('lists, for the tab that asked and no other, the films it said fit', async () => {
    const titles = createSiteTitles(picks, new BadgedTabs(null), async () => 3);
    await titles.matchTitles(queries, CONTENT_SCRIPT);
    expect(await titles.badgedOn(6)).toEqual({
      films: [{ title: 'Get Smart', filmId: '60074', name: 'Get Smart (2008)', genres: ['Action', 'Comedy'] }],
    });
    expect(await titles.badgedOn(7)).toEqual({ films: [] });
    // An extension page asking (no tab) is answered the same, and noted nowhere.
    const fromPage = createSiteTitles(picks, new BadgedTabs(null), async () => 3);
    await fromPage.matchTitles(queries, {});
    expect(await fromPage.badgedOn(6)).toEqual({ films: [] });
  });
});
