import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/browser/messages';
import type { BadgedFilm } from '@/lib/browser/badged-tabs';
import './BadgedOnThisTab.css';

/** How long "Not this film" offers its Undo in place. */
export const UNDO_MS = 8_000;
/** The list follows the tab while the popup is open (a page badges more as it is scrolled). */
const REFRESH_MS = 2_000;

/**
 * The tab the popup is about: `?tab=<id>` when a page of ours opens the popup in a tab of its own (the tests
 * do), else the active tab of the popup's window.
 */
async function currentTabId(): Promise<number | null> {
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(asked) && asked > 0) return asked;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return typeof tab?.id === 'number' ? tab.id : null;
}

type Row = { film: BadgedFilm; turnedDown: boolean };

/**
 * "Badged on this page": the films MoodReel badged on the current tab, each with "Not this film" (that title is
 * never matched again on this device; Undo in place for a few seconds, and on the options page after). It
 * lives here, not on the page, so the page can neither see nor press it. The background knows which films it
 * said fit for which tab; the page is never asked.
 */
export function BadgedOnThisTab() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const undoTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  async function refresh(tab: number) {
    let films: BadgedFilm[];
    try {
      ({ films } = await sendMessage('badged-on-tab', { tabId: tab }));
    } catch {
      return; // No answer now (the background is starting): the next refresh asks again.
    }
    setRows((current) => {
      // A title just turned down keeps its place (with Undo) until its time is up.
      const kept = current.filter((row) => row.turnedDown);
      const listed = films.filter((film) => !kept.some((row) => row.film.title === film.title));
      const byTitle = new Map(
        [...kept, ...listed.map((film) => ({ film, turnedDown: false }))].map((row) => [row.film.title, row]),
      );
      const order = [...current.map((row) => row.film.title), ...films.map((film) => film.title)];
      return [...new Set(order)].flatMap((title) => byTitle.get(title) ?? []);
    });
  }

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    void currentTabId().then((tab) => {
      if (tab === null) return;
      setTabId(tab);
      void refresh(tab);
      timer = setInterval(() => void refresh(tab), REFRESH_MS);
    });
    return () => {
      clearInterval(timer);
      for (const pending of undoTimers.current.values()) clearTimeout(pending);
    };
  }, []);

  function mark(title: string, turnedDown: boolean) {
    setRows((current) => current.map((row) => (row.film.title === title ? { ...row, turnedDown } : row)));
  }

  async function turnDown(film: BadgedFilm) {
    setError(null);
    try {
      await sendMessage('reject-title', { title: film.title });
    } catch (caught) {
      setError(`"${film.title}" is still matched: ${String(caught)}`);
      return;
    }
    mark(film.title, true);
    undoTimers.current.set(
      film.title,
      setTimeout(() => {
        undoTimers.current.delete(film.title);
        setRows((current) => current.filter((row) => !(row.film.title === film.title && row.turnedDown)));
      }, UNDO_MS),
    );
  }

  async function undo(film: BadgedFilm) {
    setError(null);
    try {
      await sendMessage('restore-title', { title: film.title });
    } catch (caught) {
      setError(`"${film.title}" stays turned down: ${String(caught)}`);
      return;
    }
    clearTimeout(undoTimers.current.get(film.title));
    undoTimers.current.delete(film.title);
    mark(film.title, false);
    if (tabId !== null) void refresh(tabId);
  }

  if (!rows.length && !error) return null;
  return (
    <section class="badged" aria-labelledby="badged-title" data-testid="badged-on-tab">
      <h2 id="badged-title" class="badged__title">
        Badged on this page
      </h2>
      <p class="help">Is a badge on the wrong film? Say so here: that title is not matched again on this device.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ul class="badged__list">
        {rows.map(({ film, turnedDown }) => (
          <li key={film.title} class="badged__film" data-testid="badged-film" data-title={film.title}>
            {turnedDown ? (
              <p class="badged__undo" role="status">
                <span>"{film.title}" will not be matched again.</span>{' '}
                <button
                  type="button"
                  class="link-button"
                  data-testid="undo-not-this-film"
                  onClick={() => void undo(film)}
                >
                  Undo
                </button>
              </p>
            ) : (
              <>
                <span class="badged__name">
                  {film.name}
                  {film.genres.length > 0 && <span class="help"> · {film.genres.join(' · ')}</span>}
                </span>
                <button
                  type="button"
                  class="secondary-button"
                  data-testid="not-this-film"
                  aria-label={`Not ${film.name}: stop matching "${film.title}" on this device`}
                  onClick={() => void turnDown(film)}
                >
                  Not this film
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
