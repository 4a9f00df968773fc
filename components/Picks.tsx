import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage, type PicksResponse } from '@/lib/browser/messages';
import { strategySetting } from '@/lib/browser/settings';
import { MOOD_WORD } from '@/lib/mood/emotions';
import type { MoodReading } from '@/lib/mood/types';
import { STRATEGY_LABEL } from '@/lib/picks/strategy-labels';
import type { FilmPick, Strategy } from '@/lib/picks/types';
import { STRATEGIES } from '@/lib/picks/types';
import { DEFAULT_PAGE_SIZE } from '@/lib/picks/ordering';
import { hideInPlace, nextNewPick, undoHide, type HiddenPick } from './hide-in-place';
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
  const [hidden, setHidden] = useState<(HiddenPick & { list: number }) | null>(null);
  const [voteError, setVoteError] = useState<string | null>(null);
  // Answers can arrive out of order (a strategy change while a page loads): only the latest request counts.
  const requestId = useRef(0);
  /** Counts new lists (a strategy or a reading): Undo restores a list only into the list it came from. */
  const listNumber = useRef(0);
  const shown = useRef<FilmPick[]>([]);
  shown.current = picks;

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
    if (!append) listNumber.current++;
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

  /**
   * The film that takes a hidden one's place: the first the background now ranks (the 👎 is already kept, so
   * the hidden film is not among them) that the list does not show yet. Null when none fits, or on failure.
   */
  async function replacementFor(hiddenId: string, chosen: Strategy): Promise<FilmPick | null> {
    const lastPage = Math.floor(Math.max(0, shown.current.length - 1) / DEFAULT_PAGE_SIZE);
    for (let p = 0; p <= lastPage + 2; p++) {
      try {
        const answer = await sendMessage('get-picks', { page: p, pageSize: DEFAULT_PAGE_SIZE, strategy: chosen });
        const next = answer.mood ? nextNewPick(shown.current, hiddenId, answer.picks) : null;
        if (next || !answer.hasMore) return next;
      } catch {
        return null;
      }
    }
    return null;
  }

  async function vote(pick: FilmPick, value: 'up' | 'down' | null) {
    if (!(await sendVote(pick.id, value))) return;
    if (value === 'down') {
      const list = listNumber.current;
      const replacement = strategy ? await replacementFor(pick.id, strategy) : null;
      if (list !== listNumber.current) return; // a new list arrived meanwhile; it already leaves the film out
      const before = shown.current; // as it is now (an earlier 👎 may have changed it meanwhile)
      setPicks((current) => hideInPlace(current, pick.id, replacement));
      setHidden({ pick, before, replacement, list });
    } else {
      setVotes((current) => {
        const next = { ...current };
        if (value === 'up') next[pick.id] = 'up';
        else delete next[pick.id];
        return next;
      });
    }
  }

  async function undo() {
    if (!hidden) return;
    if (!(await sendVote(hidden.pick.id, null))) return;
    setHidden(null);
    if (hidden.list === listNumber.current) setPicks((current) => undoHide(current, hidden));
    else if (strategy) await fetchPage(0, false, strategy); // another list is shown now: the film comes back where it ranks
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
          <span>“{hidden.pick.title}” is hidden from your picks.</span>
          <button type="button" class="secondary-button" data-testid="undo-hide" onClick={() => void undo()}>
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
