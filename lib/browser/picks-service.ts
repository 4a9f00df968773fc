/**
 * Browser glue in the background: answers the popup's and the content scripts' picks, title and feedback
 * messages from the latest fresh reading, the user's strategy and the catalogue (without a fresh reading, picks
 * are broadly loved films and `mood` is null). The ranking itself is pure code in lib/picks; this file only
 * gathers its inputs.
 */
import type { Feedback, Genre } from '../catalogue/types';
import { isFresh } from '../mood/freshness';
import type { Emotion } from '../mood/emotions';
import type { MoodReading } from '../mood/types';
import { matchPageTitle } from '../catalogue/match';
import { hiddenFrom, nudgesFrom } from '../picks/feedback';
import { fitsMood } from '../picks/fit';
import { rankGroupPicks } from '../picks/group';
import { DEFAULT_PAGE_SIZE } from '../picks/ordering';
import { rankLoved, rankPicks } from '../picks/rank';
import { genreTones } from '../picks/genre-tone';
import { moodScorer } from '../picks/relevance';
import { weightsFor } from '../picks/strategies';
import type { MoodScorer } from '../picks/relevance';
import type { Fit, GenreWeights, Strategy } from '../picks/types';
import type { CatalogueService, CatalogueSnapshot } from './catalogue-service';
import { defineCheckedItem } from './checked-item';
import type { PicksMood, PicksRequest, PicksResponse, TitleQuery } from './messages';
import { latestReading } from './reading-store';
import { customWeightsSetting, moodFreshMinutes, strategySetting } from './settings';

/** Films shown for each recent reading, so the next reading's picks are new ones ("novelty"). */
interface ShownForReading {
  /** The reading's time, which identifies it. */
  at: number;
  ids: string[];
}
const shownPicks = defineCheckedItem<ShownForReading[]>('local:shownPicks', [], parseShownPicks);

/** A stored record of shown picks: a short list of { at, ids } (see NOVELTY_READINGS); anything else is unusable. */
export function parseShownPicks(stored: unknown): ShownForReading[] | undefined {
  if (!Array.isArray(stored) || stored.length > 20) return undefined;
  const clean: ShownForReading[] = [];
  for (const entry of stored) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { at, ids } = entry as Record<string, unknown>;
    if (typeof at !== 'number' || !Number.isFinite(at) || !Array.isArray(ids) || ids.length > 1000) return undefined;
    if (!ids.every((id) => typeof id === 'string' && id.length <= 200)) return undefined;
    clean.push({ at, ids: [...(ids as string[])] });
  }
  return clean;
}

/** Forgets which films were shown ("Forget my last reading" forgets this with the reading). */
export function forgetShownPicks(): Promise<void> {
  return shownPicks.removeValue();
}
/** "Not what the last three readings showed." */
const NOVELTY_READINGS = 3;
/** Films shown for the readings before those (up to this many back) come after fresh ones: no cycles. */
const SEEN_READINGS = 8;

/**
 * The one "fits the mood" scorer of a reading (relevance.ts), with the user's nudges: one per reading, strategy
 * and catalogue snapshot, so a batch of titles builds it once.
 */
const scorers = new WeakMap<object, { key: string; scorer: MoodScorer }>();
function scorerFor(
  reading: MoodReading,
  snapshot: CatalogueSnapshot,
  strategy: Strategy,
  weights: GenreWeights,
): MoodScorer {
  const key = `${reading.at}|${strategy}|${JSON.stringify(weights)}`;
  const cached = scorers.get(snapshot);
  if (cached && cached.key === key) return cached.scorer;
  const genresOf = (id: string) => snapshot.byId.get(id)?.genres;
  // Films without a tone of their own are judged by their genres' mean, as the picks judge them (one rule).
  const scorer = moodScorer(reading.probabilities, strategy, weights, nudgesFrom(snapshot.feedback, genresOf), {
    genreTones: genreTones(snapshot.films),
  });
  scorers.set(snapshot, { key, scorer });
  return scorer;
}

/**
 * A page's title as the background matched it: the catalogue film and, when a fresh reading exists, whether it
 * fits the mood. The background's own; a page is answered only how to draw its badge (site-titles.ts).
 */
export interface TitleMatch {
  filmId: string;
  title: string;
  year: number | null;
  genres: Genre[];
  fit: Fit | null;
}

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

  const moodOf = (reading: MoodReading): PicksMood => ({
    emotion: reading.emotion,
    at: reading.at,
    faces: reading.people?.length ?? 1,
  });

  /** Films shown for the last three other readings (`recent`) and for the five before them (`seen`). */
  async function shownBefore(reading: MoodReading | null): Promise<{ recent: Set<string>; seen: Set<string> }> {
    await recording;
    const shown = await shownPicks.getValue();
    const earlier = shown.filter((s) => s.at !== reading?.at).slice(-SEEN_READINGS);
    const recent = new Set(earlier.slice(-NOVELTY_READINGS).flatMap((s) => s.ids));
    const seen = new Set(
      earlier
        .slice(0, -NOVELTY_READINGS)
        .flatMap((s) => s.ids)
        .filter((id) => !recent.has(id)),
    );
    return { recent, seen };
  }

  // Writes of the record are chained, so two pages asked at once never overwrite each other's ids.
  let recording: Promise<void> = Promise.resolve();
  function remember(reading: MoodReading, ids: readonly string[]): Promise<void> {
    recording = recording.then(() => record(reading, ids)).catch(() => undefined);
    return recording;
  }

  async function record(reading: MoodReading, ids: readonly string[]) {
    // A reading forgotten or erased meanwhile (the answer was already on its way) leaves no record behind;
    // one merely followed by a newer reading still counts for the next readings' novelty.
    const latest = await latestReading.getValue();
    if (!latest || latest.at < reading.at) return;
    const shown = await shownPicks.getValue();
    const current = shown.find((s) => s.at === reading.at);
    const next = current
      ? shown.map((s) => (s === current ? { at: s.at, ids: [...new Set([...s.ids, ...ids])] } : s))
      : [...shown, { at: reading.at, ids: [...ids] }];
    await shownPicks.setValue(next.slice(-(SEEN_READINGS + 1)));
  }

  return {
    async getPicks(request) {
      const reading = await freshReading();
      const { strategy, weights } = await strategyAndWeights(request.strategy);
      const snapshot = await catalogue.snapshot();
      if (!reading) {
        // No mood to pick for: broadly loved films, "Loved by MovieLens viewers" (the row is never empty; the
        // popup keeps asking for a reading). Films of the recent readings come last, as for any reading.
        const loved = rankLoved({
          films: snapshot.films,
          hidden: hiddenFrom(snapshot.feedback),
          ...(await shownBefore(null)),
          page: request.page ?? 0,
          pageSize: request.pageSize ?? DEFAULT_PAGE_SIZE,
        });
        return { mood: null, strategy, picks: loved.picks, hasMore: loved.hasMore };
      }
      const genresOf = (id: string) => snapshot.byId.get(id)?.genres;
      const common = {
        films: snapshot.films,
        strategy,
        weights,
        nudges: nudgesFrom(snapshot.feedback, genresOf),
        hidden: hiddenFrom(snapshot.feedback),
        ...(await shownBefore(reading)),
        page: request.page ?? 0,
        pageSize: request.pageSize ?? DEFAULT_PAGE_SIZE,
      };
      const page =
        reading.people && reading.people.length > 1
          ? rankGroupPicks({ ...common, members: reading.people.map((p) => p.probabilities) })
          : rankPicks({ ...common, probabilities: reading.probabilities });
      // Answer first; the record of what was shown (for the next reading's novelty) is written after.
      void remember(
        reading,
        page.picks.map((p) => p.id),
      );
      return { mood: moodOf(reading), strategy, picks: page.picks, hasMore: page.hasMore };
    },

    async matchTitles(titles) {
      const [reading, snapshot, { strategy, weights }] = await Promise.all([
        freshReading(),
        catalogue.snapshot(),
        strategyAndWeights(),
      ]);
      const hidden = hiddenFrom(snapshot.feedback);
      const scorer = reading ? scorerFor(reading, snapshot, strategy, weights) : null;
      const results = titles.map((query): TitleMatch | null => {
        const film = matchPageTitle(snapshot.index, query, { rejected: snapshot.unmatched });
        if (!film) return null;
        // A film the user turned down is never badged as a fit, whatever its genres.
        const fit = scorer && !hidden.has(film.id) ? fitsMood(film, scorer) : null;
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
