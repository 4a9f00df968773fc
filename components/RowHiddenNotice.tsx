/**
 * "The row is hidden on Netflix for now. Show it again": in the popup and on the options page, only while the
 * row is hidden on some site (its "Hide on this site for now" lasts until the browser restarts, or until this).
 * Extension pages read and write the session flag themselves; the sites' tabs hear of it from the background.
 */
import { useEffect, useState } from 'preact/hooks';
import { ADAPTERS, type SiteId } from '@/lib/sites/adapters';
import { rowHidden } from '@/lib/sites/row-hidden';
import './RowHiddenNotice.css';

/** "Netflix", "Netflix and Disney+", "Netflix, Prime Video and Disney+". */
function namesOf(sites: readonly SiteId[]): string {
  const names = sites.map((site) => ADAPTERS[site].name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

export function RowHiddenNotice() {
  const [sites, setSites] = useState<SiteId[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    rowHidden
      .sites()
      .then((hidden) => live && setSites(hidden))
      .catch(() => undefined);
    const stop = rowHidden.watch((hidden) => live && setSites(hidden));
    return () => {
      live = false;
      stop();
    };
  }, []);

  if (!sites.length) return null;
  const show = () => {
    setFailed(false);
    rowHidden.showEverywhere().catch(() => setFailed(true));
  };
  return (
    <div class="row-hidden" data-testid="row-hidden-notice">
      <span>
        MoodReel’s row of picks is hidden on {namesOf(sites)} until the browser restarts.
        {failed && ' It could not be shown again; try once more.'}
      </span>
      <button type="button" class="row-hidden__show" data-testid="show-row" onClick={show}>
        Show it again
      </button>
    </div>
  );
}
