/**
 * The picks row MoodReel adds on top of a streaming site's home page (drawn in its own frame, an extension page:
 * entrypoints/row-frame/; its styles are site-row.css), and its preview on the options page. Every string is
 * rendered as text: titles from the catalogue never become markup. Its controls answer only the user's own
 * input (`isTrusted`).
 *
 * Whatever it shows (picks for a mood, a movie night, films many people love before any reading, a note), it
 * has the same two keyboard stops: "Hide on this site for now", then one roving stop on the cards (arrow keys,
 * Home and End move along them and scroll, as the sites' own rows do; with no card, the note takes that stop).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PicksMood } from '@/lib/browser/messages';
import type { FilmPick } from '@/lib/picks/types';
import { displayGenres, rowHeading } from '@/lib/sites/text';

/** Picks asked for: enough to fill a row and scroll (the issue asks for at least five). */
export const ROW_PICKS = 10;

export type RowView =
  | { kind: 'loading' }
  | { kind: 'picks'; mood: PicksMood | null; picks: FilmPick[] }
  /** The background did not answer (the extension is starting or was updated). */
  | { kind: 'unavailable' };

export interface PicksRowProps {
  view: RowView;
  /** "Netflix": the cards' links search this site. */
  siteName: string;
  /** The site's search for a title, as a full address. */
  searchUrl(title: string): string;
  /** Where a card opens: the site's own tab (`_top`, from the frame) or a new tab (the options preview). */
  linkTarget: '_top' | '_blank';
  onHide(): void;
}

/** A link a script "clicks" goes nowhere. */
function ignoreUntrusted(event: Event): void {
  if (!event.isTrusted) event.preventDefault();
}

/** A poster-like gradient that stays the same for a film (no image is ever fetched). */
function posterBackground(id: string): string {
  let hash = 2166136261;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  // Golden-angle steps: neighbouring ids ("1", "2") get far-apart hues.
  const hue = Math.round((hash % 1000) * 137.508) % 360;
  return `linear-gradient(135deg, hsl(${hue} 55% 36%), hsl(${(hue + 70) % 360} 60% 14%))`;
}

function RowPickCard({
  pick,
  siteName,
  href,
  linkTarget,
  stop,
  onFocus,
}: {
  pick: FilmPick;
  siteName: string;
  href: string;
  linkTarget: PicksRowProps['linkTarget'];
  /** The card holding the row's one keyboard stop. */
  stop: boolean;
  onFocus(): void;
}) {
  const facts = [pick.year, displayGenres(pick.genres).slice(0, 3).join(' · ')].filter(Boolean).join(' · ');
  return (
    <li class="mr-row__item">
      <a
        onClick={ignoreUntrusted}
        onFocus={onFocus}
        class="mr-card"
        data-testid="pick"
        data-movie-id={pick.id}
        href={href}
        target={linkTarget}
        rel="noreferrer"
        tabIndex={stop ? 0 : -1}
        title={`Search ${siteName} for ${pick.title}`}
      >
        <span class="mr-card__poster" style={{ background: posterBackground(pick.id) }} aria-hidden="true">
          <span class="mr-card__poster-title">{pick.title}</span>
        </span>
        <span class="mr-card__body">
          <span class="mr-card__title">{pick.title}</span>
          {facts && <span class="mr-card__facts">{facts}</span>}
          <span class="mr-card__reason" data-testid="pick-reason">
            {/* On movie night how many it fits comes first: the reason may run to a second line. */}
            {pick.fitsPeople && (
              <strong class="mr-card__fits">
                fits {pick.fitsPeople.fits} of {pick.fitsPeople.of}
              </strong>
            )}
            {pick.fitsPeople && ' · '}
            {pick.reason}
          </span>
          <span class="mr-card__search">Search on {siteName} ›</span>
        </span>
      </a>
    </li>
  );
}

/** The keys that move along the cards, as in the sites' own rows. */
function nextIndex(key: string, current: number, count: number): number | null {
  if (key === 'ArrowRight' || key === 'ArrowDown') return Math.min(count - 1, current + 1);
  if (key === 'ArrowLeft' || key === 'ArrowUp') return Math.max(0, current - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

function Cards({
  picks,
  siteName,
  searchUrl,
  linkTarget,
}: Pick<PicksRowProps, 'siteName' | 'searchUrl' | 'linkTarget'> & { picks: FilmPick[] }) {
  const list = useRef<HTMLUListElement>(null);
  const [current, setCurrent] = useState(0);
  const [ends, setEnds] = useState({ start: true, end: true });
  const ids = picks.map((pick) => pick.id).join(',');

  const measure = () => {
    const el = list.current;
    if (!el) return;
    setEnds({ start: el.scrollLeft <= 1, end: el.scrollLeft + el.clientWidth >= el.scrollWidth - 1 });
  };

  // New picks start at the first card, scrolled to the start.
  useLayoutEffect(() => {
    setCurrent(0);
    if (list.current) list.current.scrollLeft = 0;
    measure();
  }, [ids]);

  useEffect(() => {
    const resized = () => measure();
    window.addEventListener('resize', resized);
    return () => window.removeEventListener('resize', resized);
  }, []);

  const cardAt = (index: number) => list.current?.querySelectorAll<HTMLElement>('[data-testid="pick"]')[index];

  const moveTo = (index: number) => {
    setCurrent(index);
    const card = cardAt(index);
    card?.focus({ preventScroll: true });
    card?.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.isTrusted) return;
    const index = nextIndex(event.key, current, picks.length);
    if (index === null) return;
    event.preventDefault();
    moveTo(index);
  };

  /** A click on an arrow scrolls; it does not take the focus from the card that holds the row's stop. */
  const keepFocus = (event: MouseEvent) => event.preventDefault();

  /** One arrow press scrolls by the cards in view (less one, so the last one seen stays in sight). */
  const scrollByPage = (direction: 1 | -1) => (event: MouseEvent) => {
    if (!event.isTrusted || !list.current) return;
    const el = list.current;
    const card = cardAt(0)?.parentElement?.getBoundingClientRect().width ?? 240;
    el.scrollBy({ left: direction * Math.max(card, el.clientWidth - card), behavior: 'smooth' });
  };

  return (
    <div class="mr-row__rail">
      <button
        type="button"
        class="mr-row__arrow mr-row__arrow--back"
        data-testid="scroll-back"
        aria-label="Scroll the picks back"
        tabIndex={-1}
        disabled={ends.start}
        onMouseDown={keepFocus}
        onClick={scrollByPage(-1)}
      >
        ‹
      </button>
      <ul class="mr-row__cards" ref={list} onScroll={measure} onKeyDown={onKeyDown} aria-label="Picks">
        {picks.map((pick, index) => (
          <RowPickCard
            key={pick.id}
            pick={pick}
            siteName={siteName}
            href={searchUrl(pick.title)}
            linkTarget={linkTarget}
            stop={index === Math.min(current, picks.length - 1)}
            onFocus={() => setCurrent(index)}
          />
        ))}
      </ul>
      <button
        type="button"
        class="mr-row__arrow mr-row__arrow--forward"
        data-testid="scroll-forward"
        aria-label="Scroll to more picks"
        tabIndex={-1}
        disabled={ends.end}
        onMouseDown={keepFocus}
        onClick={scrollByPage(1)}
      >
        ›
      </button>
    </div>
  );
}

function headingOf(view: RowView): string {
  if (view.kind !== 'picks') return 'MoodReel picks';
  return view.mood ? rowHeading(view.mood) : 'Films many people love';
}

/** The note that takes the cards' keyboard stop when there are no cards. */
function Note({ testid, children }: { testid: string; children: string }) {
  return (
    <p class="mr-row__note" data-testid={testid} tabIndex={0}>
      {children}
    </p>
  );
}

export function PicksRow({ view, siteName, searchUrl, linkTarget, onHide }: PicksRowProps) {
  const mood = view.kind === 'picks' ? view.mood : null;
  const picks = view.kind === 'picks' ? view.picks : [];
  return (
    <section class="mr-row" aria-label="MoodReel picks" data-testid="moodreel-row">
      <header class="mr-row__head">
        <h2 class="mr-row__title" data-testid="row-heading" data-emotion={mood?.emotion}>
          {headingOf(view)}
        </h2>
        {view.kind === 'picks' && !mood ? (
          <span class="mr-row__by mr-row__by--prompt" data-testid="no-reading">
            Read your mood for picks that fit it
          </span>
        ) : (
          <span class="mr-row__by">by MoodReel · read on your device</span>
        )}
        <button
          class="mr-row__hide"
          type="button"
          data-testid="hide-row"
          onClick={(event) => event.isTrusted && onHide()}
          title="The row comes back when the browser restarts, or from MoodReel's popup or settings"
        >
          Hide on this site for now
        </button>
      </header>
      {picks.length > 0 ? (
        <Cards picks={picks} siteName={siteName} searchUrl={searchUrl} linkTarget={linkTarget} />
      ) : view.kind === 'loading' ? (
        <Note testid="loading">Finding picks…</Note>
      ) : view.kind === 'unavailable' ? (
        <Note testid="unavailable">MoodReel is not answering right now; reload the page to try again.</Note>
      ) : mood ? (
        <Note testid="no-picks">No film in the catalogue fits this mood yet.</Note>
      ) : (
        <Note testid="no-loved-films">No films to show yet: MoodReel is still loading its catalogue.</Note>
      )}
    </section>
  );
}
