import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage, type PicksResponse } from '@/lib/browser/messages';
import { strategySetting } from '@/lib/browser/settings';
import { MOOD_WORD } from '@/lib/mood/emotions';
import type { MoodReading } from '@/lib/mood/types';
import { STRATEGY_LABEL } from '@/lib/picks/strategy-labels';
import type { FilmPick, Strategy } from '@/lib/picks/types';
import { STRATEGIES } from '@/lib/picks/types';
import { DEFAULT_PAGE_SIZE } from '@/lib/picks/ordering';
import { PopupPickCard } from './PopupPickCard';

/** `stale`: the background has no fresh reading any more (it went out of date while the popup was open). */
type Load = { kind: 'loading' } | { kind: 'ready' } | { kind: 'stale' } | { kind: 'failed'; message: string };

/** The films for a reading: the strategy control, the cards with 👍/👎, "More picks". */
export function Picks({ reading }: { reading: MoodReading }) {
  const [strategy, setStrategy] = useState<Strategy | null>(null);
  const [picks, setPicks] = useState<FilmPick[]>([]);
  const [page, setPage] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [votes, setVotes] = useState<Record<string, 'up'>>({});
  const [hidden, setHidden] = useState<FilmPick | null>(null);
  const [voteError, setVoteError] = useState<string | null>(null);
  // Answers can arrive out of order (a strategy change while a page loads): only the latest request counts.
  const requestId = useRef(0);

  useEffect(() => {
    void strategySetting.getValue().then(setStrategy);
    return strategySetting.watch((value) => setStrategy(value));
  }, []);

  async function fetchPage(nextPage: number, append: boolean, chosen: Strategy) {
    const id = ++requestId.current;
    setLoad({ kind: 'loading' });
    let answer: PicksResponse;
    try {
      answer = await sendMessage('get-picks', { page: nextPage, pageSize: DEFAULT_PAGE_SIZE, strategy: chosen });
    } catch (error) {
      if (id === requestId.current) setLoad({ kind: 'failed', message: String(error) });
      return;
    }
    if (id !== requestId.current) return;
    if (answer.mood === null) {
      // "No film fits" would be wrong: the reading is too old to pick for.
      setHasMore(false);
      setLoad({ kind: 'stale' });
      return;
    }
    setPicks((current) =>
      append ? [...current, ...answer.picks.filter((p) => !current.some((c) => c.id === p.id))] : answer.picks,
    );
    setPage(nextPage);
    setHasMore(answer.hasMore);
    setLoad({ kind: 'ready' });
  }

  useEffect(() => {
    if (strategy) void fetchPage(0, false, strategy);
  }, [strategy, reading.at]);

  /** Sends a vote; on failure says so and returns false, so nothing on screen pretends it was kept. */
  async function sendVote(filmId: string, value: 'up' | 'down' | null): Promise<boolean> {
    try {
      await sendMessage('feedback', { filmId, vote: value, emotion: reading.emotion });
      setVoteError(null);
      return true;
    } catch (error) {
      setVoteError(`Your vote could not be saved (${String(error)}). Try again.`);
      return false;
    }
  }

  async function vote(pick: FilmPick, value: 'up' | 'down' | null) {
    if (!(await sendVote(pick.id, value))) return;
    if (value === 'down') {
      setPicks((current) => current.filter((p) => p.id !== pick.id));
      setHidden(pick);
    } else {
      setVotes((current) => {
        const next = { ...current };
        if (value === 'up') next[pick.id] = 'up';
        else delete next[pick.id];
        return next;
      });
    }
  }

  async function undoHide() {
    if (!hidden) return;
    if (!(await sendVote(hidden.id, null))) return;
    setHidden(null);
    if (strategy) await fetchPage(0, false, strategy);
  }

  return (
    <section class="picks" aria-labelledby="picks-title" data-testid="picks" data-strategy={strategy ?? ''}>
      <div class="picks__header">
        <h2 id="picks-title" class="picks__title">
          {reading.people && reading.people.length > 1
            ? `Films for your movie night (${reading.people.length} people)`
            : `Films for your ${MOOD_WORD[reading.emotion]} mood`}
        </h2>
        <label class="picks__strategy">
          <span class="visually-hidden">How to pick</span>
          <select
            data-testid="strategy"
            value={strategy ?? 'match'}
            disabled={strategy === null}
            onChange={(e) => void strategySetting.setValue((e.currentTarget as HTMLSelectElement).value as Strategy)}
          >
            {STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {STRATEGY_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {hidden && (
        <p class="picks__undo" role="status">
          “{hidden.title}” is hidden from your picks.{' '}
          <button type="button" class="link-button" data-testid="undo-hide" onClick={() => void undoHide()}>
            Undo
          </button>
        </p>
      )}
      {voteError && (
        <p class="error" role="alert" data-testid="vote-error">
          {voteError}
        </p>
      )}
      {load.kind === 'stale' && (
        <p class="note" role="status" data-testid="picks-stale">
          This reading is too old to pick for. Read your mood again for fresh picks.
        </p>
      )}
      {load.kind === 'failed' && (
        <p class="error" role="alert">
          The picks could not load ({load.message}).
        </p>
      )}
      {load.kind !== 'failed' && picks.length === 0 && load.kind === 'ready' && (
        <p class="note" data-testid="no-picks">
          No film in the catalogue fits this mood with this way of picking. Try another one above.
        </p>
      )}
      <ol class="picks__list" aria-busy={load.kind === 'loading'}>
        {picks.map((pick) => (
          <PopupPickCard key={pick.id} pick={pick} liked={votes[pick.id] === 'up'} onVote={(v) => void vote(pick, v)} />
        ))}
      </ol>
      {load.kind === 'loading' && picks.length === 0 && (
        <p class="status" role="status">
          <span class="spinner" aria-hidden="true" /> Finding films…
        </p>
      )}
      {hasMore && (
        <button
          type="button"
          class="secondary-button"
          data-testid="more-picks"
          disabled={load.kind === 'loading' || strategy === null}
          onClick={() => strategy && void fetchPage(page + 1, true, strategy)}
        >
          More picks
        </button>
      )}
    </section>
  );
}
