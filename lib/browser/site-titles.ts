/**
 * The background's answer to a page's titles (`match-titles`), and what it remembers of it. The page is told
 * only how to draw each badge (its words), never the reading; the background notes, by the tab and document
 * the browser says sent the message, which films it said fit there, for the popup's "Not this film".
 */
import { badgeDrawing, filmName } from '../sites/text';
import type { BadgedFilm, BadgedTabs } from './badged-tabs';
import type { From, MatchAnswer, TitleQuery } from './messages';
import type { PicksService, TitleMatch } from './picks-service';

function badgedFilmOf(query: TitleQuery, match: TitleMatch): BadgedFilm {
  return { title: query.title, filmId: match.filmId, name: filmName(match), genres: [...match.genres] };
}

export function createSiteTitles(
  picks: Pick<PicksService, 'matchTitles'>,
  tabs: BadgedTabs,
  moodKey: () => Promise<number>,
) {
  return {
    async matchTitles(titles: readonly TitleQuery[], sender: Pick<From, 'tabId' | 'documentId'>): Promise<MatchAnswer> {
      // The counter first: an answer computed while it moves is listed under the older one (and asked again).
      const key = await moodKey();
      const { results } = await picks.matchTitles(titles);
      const fits = results.map((match) => (match?.fit ? { match, fit: match.fit } : null));
      const tabId = sender.tabId ?? null;
      if (tabId !== null) {
        await tabs
          .record(
            { tabId, documentId: sender.documentId ?? null },
            key,
            titles.map((query) => query.title),
            fits.map((fit, i) => fit && badgedFilmOf(titles[i]!, fit.match)),
          )
          .catch(() => undefined);
      }
      return { results: fits.map((fit) => fit && badgeDrawing(fit.fit, fit.match)) };
    },

    async badgedOn(tabId: number): Promise<{ films: BadgedFilm[] }> {
      return { films: await tabs.list(tabId, await moodKey()) };
    },
  };
}
