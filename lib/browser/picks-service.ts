/**
 * Browser glue in the background: answers the popup's and the content scripts' picks, title and feedback
 * messages from the latest fresh reading, the user's strategy and the catalogue. The ranking itself is pure
 * code in lib/picks; this file only gathers its inputs.
 */
import { storage } from 'wxt/utils/storage';
import type { Feedback } from '../catalogue/types';
import { isFresh } from '../mood/freshness';
import type { Emotion } from '../mood/emotions';
import type { MoodReading } from '../mood/types';
import { matchPageTitle } from '../catalogue/match';
import { hiddenFrom, nudgesFrom } from '../picks/feedback';
import { fitFor } from '../picks/fit';
import { rankGroupPicks } from '../picks/group';
import { rankPicks } from '../picks/rank';
import { weightsFor } from '../picks/strategies';
import type { Strategy } from '../picks/types';
import type { CatalogueService } from './catalogue-service';
import type { PicksMood, PicksRequest, PicksResponse, TitleMatch, TitleQuery } from './messages';
import { latestReading } from './reading-store';
import { customWeightsSetting, moodFreshMinutes, strategySetting } from './settings';

/** Films shown for each recent reading, so the next reading's picks are new ones ("novelty"). */
interface ShownForReading {
  /** The reading's time, which identifies it. */
  at: number;
  ids: string[];
}
const shownPicks = storage.defineItem<ShownForReading[]>('local:shownPicks', { fallback: [] });
/** "Not what the last three readings showed." */
const NOVELTY_READINGS = 3;

export interface PicksService {
  getPicks(request: PicksRequest): Promise<PicksResponse>;
  matchTitles(titles: readonly TitleQuery[]): Promise<{ mood: PicksMood | null; results: (TitleMatch | null)[] }>;
  feedback(request: { filmId: string; vote: Feedback['vote'] | null; emotion: Emotion }): Promise<{ ok: boolean }>;
}

export function createPicksService(catalogue: CatalogueService, clock: () => number = Date.now): PicksService {
  /** The reading picks follow: the latest one while it is fresh. */
  async function freshReading(): Promise<MoodReading | null> {
    const [reading, minutes] = await Promise.all([latestReading.getValue(), moodFreshMinutes.getValue()]);
    return reading && isFresh(reading, minutes, clock()) ? reading : null;
  }

  async function strategyAndWeights(requested?: Strategy) {
    const strategy = requested ?? (await strategySetting.getValue());
    return { strategy, weights: weightsFor(strategy, await customWeightsSetting.getValue()) };
  }

  const moodOf = (reading: MoodReading): PicksMood => ({ emotion: reading.emotion, at: reading.at, faces: reading.people?.length ?? 1 });

  async function recentFor(reading: MoodReading): Promise<Set<string>> {
    await recording;
    const shown = await shownPicks.getValue();
    const earlier = shown.filter((s) => s.at !== reading.at).slice(-NOVELTY_READINGS);
    return new Set(earlier.flatMap((s) => s.ids));
  }

  // Writes of the record are chained, so two pages asked at once never overwrite each other's ids.
  let recording: Promise<void> = Promise.resolve();
  function remember(reading: MoodReading, ids: readonly string[]): Promise<void> {
    recording = recording.then(() => record(reading, ids)).catch(() => undefined);
    return recording;
  }

  async function record(reading: MoodReading, ids: readonly string[]) {
    const shown = await shownPicks.getValue();
    const current = shown.find((s) => s.at === reading.at);
    const next = current
      ? shown.map((s) => (s === current ? { at: s.at, ids: [...new Set([...s.ids, ...ids])] } : s))
      : [...shown, { at: reading.at, ids: [...ids] }];
    await shownPicks.setValue(next.slice(-(NOVELTY_READINGS + 1)));
  }

  return {
    async getPicks(request) {
      const reading = await freshReading();
      const { strategy, weights } = await strategyAndWeights(request.strategy);
      if (!reading) return { mood: null, strategy, picks: [], hasMore: false };
      const snapshot = await catalogue.snapshot();
      const genresOf = (id: string) => snapshot.byId.get(id)?.genres;
      const common = {
        films: snapshot.films,
        strategy,
        weights,
        nudges: nudgesFrom(snapshot.feedback, genresOf),
        hidden: hiddenFrom(snapshot.feedback),
        recent: await recentFor(reading),
        page: request.page ?? 0,
        pageSize: request.pageSize ?? 5,
      };
      const page = reading.people && reading.people.length > 1
        ? rankGroupPicks({ ...common, members: reading.people.map((p) => p.probabilities) })
        : rankPicks({ ...common, probabilities: reading.probabilities });
      // Answer first; the record of what was shown (for the next reading's novelty) is written after.
      void remember(reading, page.picks.map((p) => p.id));
      return { mood: moodOf(reading), strategy, picks: page.picks, hasMore: page.hasMore };
    },

    async matchTitles(titles) {
      const [reading, snapshot, { strategy, weights }] = await Promise.all([freshReading(), catalogue.snapshot(), strategyAndWeights()]);
      const hidden = hiddenFrom(snapshot.feedback);
      const results = titles.map((query): TitleMatch | null => {
        const film = matchPageTitle(snapshot.index, query, { rejected: snapshot.unmatched });
        if (!film) return null;
        // A film the user turned down is never badged as a fit, whatever its genres.
        const fit = reading && !hidden.has(film.id) ? fitFor(film, reading.emotion, strategy, weights) : null;
        return { filmId: film.id, title: film.title, year: film.year, genres: film.genres, fit };
      });
      return { mood: reading ? moodOf(reading) : null, results };
    },

    async feedback({ filmId, vote, emotion }) {
      const { repository } = catalogue;
      if (vote === null) await repository.clearFeedback(filmId);
      else await repository.setFeedback({ filmId, vote, emotion, at: clock() });
      return { ok: true };
    },
  };
}
