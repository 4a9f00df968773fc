/**
 * The row as its frame runs it (entrypoints/row-frame/): it asks the background for its picks itself, follows
 * every change the background announces (a new reading, strategy or weights, the reading going stale) in place,
 * and hides itself on this site when asked. Nothing here comes from, or goes to, the site's page.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SiteId } from '@/lib/sites/adapters';
import type { RowServices, SiteAdapter } from '@/lib/sites/types';
import { PicksRow, ROW_PICKS, type RowView } from './PicksRow';

export interface RowFrameProps {
  adapter: SiteAdapter<SiteId>;
  /** The page's origin, where the cards' search links go (so they keep the page's scheme). */
  pageOrigin: string;
  services: RowServices;
}

export function RowFrame({ adapter, pageOrigin, services }: RowFrameProps) {
  const [view, setView] = useState<RowView>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    let asked = 0;
    const refresh = async () => {
      const request = ++asked;
      let next: RowView;
      try {
        const answer = await services.getPicks({ page: 0, pageSize: ROW_PICKS });
        next = { kind: 'picks', mood: answer.mood ?? null, picks: Array.isArray(answer.picks) ? answer.picks : [] };
      } catch {
        next = { kind: 'unavailable' };
      }
      // An older answer arriving late never replaces a newer one.
      if (live && request === asked) setView(next);
    };
    void refresh();
    const stop = services.watchChanges(() => void refresh());
    return () => {
      live = false;
      stop();
    };
  }, [services]);

  return (
    <PicksRow
      view={view}
      siteName={adapter.name}
      searchUrl={(title) => `${pageOrigin}${adapter.searchPath(title)}`}
      linkTarget="_top"
      onHide={() => void services.hide().catch(() => undefined)}
    />
  );
}
