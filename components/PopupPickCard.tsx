import { shownGenres } from '@/lib/catalogue/shown-genres';
import type { FilmPick } from '@/lib/picks/types';
import { ADAPTERS, searchUrl } from '@/lib/sites/adapters';

/** One pick: title, year, genres, rating, why it fits, where to look for it, and 👍/👎. Titles are text. */
export function PopupPickCard({
  pick,
  liked,
  onVote,
}: {
  pick: FilmPick;
  liked: boolean;
  onVote: (vote: 'up' | 'down' | null) => void;
}) {
  const heading = pick.year ? `${pick.title} (${pick.year})` : pick.title;
  const genres = shownGenres(pick.genres);
  return (
    <li class="pick" data-testid="pick" data-movie-id={pick.id}>
      <div class="pick__main">
        <h3 class="pick__title">{heading}</h3>
        {(genres.length > 0 || pick.rating !== null || (pick.userRating != null && pick.source === 'builtin')) && (
          <p class="pick__facts">
            {genres.join(' · ')}
            {pick.rating !== null && (
              <span class="pick__rating" aria-label={`rated ${pick.rating.toFixed(1)} out of 5`}>
                {' '}
                ★ {pick.rating.toFixed(1)}
              </span>
            )}
            {pick.userRating != null && pick.source === 'builtin' && (
              <span class="pick__yours" data-testid="pick-your-rating">
                {' '}
                · your rating ★ {pick.userRating.toFixed(1)}
              </span>
            )}
          </p>
        )}
        <p class="pick__reason">{pick.reason}</p>
        {pick.fitsPeople && pick.fitsPeople.fits > 0 && (
          <p class="pick__people" data-testid="pick-fits-people">
            Fits {pick.fitsPeople.fits} of {pick.fitsPeople.of} of you
          </p>
        )}
        <p class="pick__links">
          Find it on{' '}
          {Object.values(ADAPTERS).map((site, i) => (
            <span key={site.id}>
              {i > 0 && ', '}
              <a href={searchUrl(site, pick.title)} target="_blank" rel="noreferrer noopener">
                {site.name}
              </a>
            </span>
          ))}
        </p>
      </div>
      <div class="pick__votes">
        <button
          type="button"
          class="vote"
          data-testid="pick-like"
          aria-pressed={liked}
          aria-label={`More like ${pick.title}`}
          title="More like this"
          onClick={() => onVote(liked ? null : 'up')}
        >
          👍
        </button>
        <button
          type="button"
          class="vote"
          data-testid="pick-dislike"
          aria-label={`Not ${pick.title}: hide it`}
          title="Not for me: hide it"
          onClick={() => onVote('down')}
        >
          👎
        </button>
      </div>
    </li>
  );
}
