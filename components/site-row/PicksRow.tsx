/**
 * The picks row MoodReel adds on top of a streaming site's home page (inside a closed shadow root; its styles
 * are site-row.css), and its preview on the options page. Every string is rendered as text: titles from the
 * catalogue never become markup. Its controls answer only the user's own input (`isTrusted`): a click or key
 * a page script makes up does nothing.
 */
import type { PicksMood } from '@/lib/browser/messages';
import type { FilmPick } from '@/lib/picks/types';
import { rowHeading } from '@/lib/sites/text';

/** Picks asked for: enough to fill a row (the issue asks for at least five). */
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
  searchPath(title: string): string;
  onHide(): void;
}

/** A link a page script "clicks" goes nowhere. */
function ignoreUntrusted(event: Event): void {
  if (!event.isTrusted) event.preventDefault();
}

/** A poster-like gradient that stays the same for a film (no image is ever fetched). */
function posterStyle(id: string): string {
  let hash = 2166136261;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  // Golden-angle steps: neighbouring ids ("1", "2") get far-apart hues.
  const hue = Math.round((hash % 1000) * 137.508) % 360;
  return `background: linear-gradient(135deg, hsl(${hue} 55% 36%), hsl(${(hue + 70) % 360} 60% 14%))`;
}

function RowPickCard({
  pick,
  siteName,
  searchPath,
}: {
  pick: FilmPick;
  siteName: string;
  searchPath(title: string): string;
}) {
  const facts = [pick.year, pick.genres.slice(0, 3).join(' · ')].filter(Boolean).join(' · ');
  return (
    <li class="mr-row__item">
      <a
        onClick={ignoreUntrusted}
        class="mr-card"
        data-testid="pick"
        data-movie-id={pick.id}
        href={searchPath(pick.title)}
        title={`Search ${siteName} for ${pick.title}`}
      >
        <span class="mr-card__poster" style={posterStyle(pick.id)} aria-hidden="true">
          <span class="mr-card__poster-title">{pick.title}</span>
        </span>
        <span class="mr-card__body">
          <span class="mr-card__title">{pick.title}</span>
          {facts && <span class="mr-card__facts">{facts}</span>}
          <span class="mr-card__reason">
            {pick.reason}
            {pick.fitsPeople && ` · fits ${pick.fitsPeople.fits} of ${pick.fitsPeople.of}`}
          </span>
          <span class="mr-card__search">Search on {siteName} ›</span>
        </span>
      </a>
    </li>
  );
}

export function PicksRow({ view, siteName, searchPath, onHide }: PicksRowProps) {
  const mood = view.kind === 'picks' ? view.mood : null;
  return (
    <section class="mr-row" aria-label="MoodReel picks" data-testid="moodreel-row">
      <header class="mr-row__head">
        <h2 class="mr-row__title" data-testid="row-heading" data-emotion={mood?.emotion}>
          {mood ? rowHeading(mood) : 'MoodReel picks for your mood'}
        </h2>
        <span class="mr-row__by">by MoodReel · read on your device</span>
        <button
          class="mr-row__hide"
          type="button"
          data-testid="hide-row"
          onClick={(event) => event.isTrusted && onHide()}
          title="Hide this row until the browser restarts"
        >
          Hide
        </button>
      </header>
      {view.kind === 'loading' && <p class="mr-row__note">Finding picks for your mood…</p>}
      {view.kind === 'unavailable' && (
        <p class="mr-row__note" data-testid="unavailable">
          MoodReel is not answering right now; reload the page to try again.
        </p>
      )}
      {view.kind === 'picks' && !mood && (
        <p class="mr-row__note" data-testid="no-reading">
          No fresh mood reading yet. Click the MoodReel icon in the browser's toolbar and choose “Read my mood”: picks
          for your mood appear here.
        </p>
      )}
      {view.kind === 'picks' && mood && view.picks.length === 0 && (
        <p class="mr-row__note" data-testid="no-picks">
          No film in the catalogue fits this mood yet.
        </p>
      )}
      {view.kind === 'picks' && mood && view.picks.length > 0 && (
        <ul class="mr-row__cards">
          {view.picks.map((pick) => (
            <RowPickCard key={pick.id} pick={pick} siteName={siteName} searchPath={searchPath} />
          ))}
        </ul>
      )}
    </section>
  );
}
