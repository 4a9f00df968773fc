/**
 * The Streaming sites section's live preview of the row MoodReel puts on a site's home page: the same
 * component, the same stylesheet, inside a shadow root of its own (as on the site, where the page cannot see
 * into it). It shows the picks for the latest fresh reading, or a sample reading when there is none, and
 * follows new readings and strategy changes. The accessibility checks run on it, as the row on a site is
 * out of their reach.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import rowCss from '@/components/site-row/site-row.css?inline';
import { PicksRow, ROW_PICKS, type RowView } from '@/components/site-row/PicksRow';
import { sendMessage } from '@/lib/browser/messages';
import { latestReading } from '@/lib/browser/reading-store';
import { customWeightsSetting, moodFreshMinutes, strategySetting } from '@/lib/browser/settings';
import { NETFLIX } from '@/lib/sites/adapters';
import type { FilmPick } from '@/lib/picks/types';

/** Shown when there is no fresh reading: a happy mood and a few well-known comedies. */
const SAMPLE_PICKS: FilmPick[] = [
  {
    id: '1',
    title: 'Toy Story',
    year: 1995,
    genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
    rating: 3.9,
    source: 'builtin',
    reason: 'Comedy · fits your happy mood',
  },
  {
    id: '1265',
    title: 'Groundhog Day',
    year: 1993,
    genres: ['Comedy', 'Fantasy', 'Romance'],
    rating: 3.7,
    source: 'builtin',
    reason: 'Comedy · fits your happy mood',
  },
  {
    id: '4886',
    title: 'Monsters, Inc.',
    year: 2001,
    genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
    rating: 3.9,
    source: 'builtin',
    reason: 'Children · fits your happy mood',
  },
  {
    id: '2797',
    title: 'Big',
    year: 1988,
    genres: ['Comedy', 'Drama', 'Fantasy', 'Romance'],
    rating: 3.6,
    source: 'builtin',
    reason: 'Comedy · fits your happy mood',
  },
  {
    id: '4306',
    title: 'Shrek',
    year: 2001,
    genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy', 'Romance'],
    rating: 3.9,
    source: 'builtin',
    reason: 'Comedy · fits your happy mood',
  },
];

type Preview = { view: RowView; sample: boolean };

async function latestPreview(): Promise<Preview> {
  try {
    const answer = await sendMessage('get-picks', { page: 0, pageSize: ROW_PICKS });
    if (answer.mood && answer.picks.length)
      return { view: { kind: 'picks', mood: answer.mood, picks: answer.picks }, sample: false };
  } catch {
    // The background is starting: the sample shows meanwhile.
  }
  return {
    view: { kind: 'picks', mood: { emotion: 'happy', at: Date.now(), faces: 1 }, picks: SAMPLE_PICKS },
    sample: true,
  };
}

export function RowPreview() {
  const [preview, setPreview] = useState<Preview | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const root = useRef<ShadowRoot | null>(null);

  useEffect(() => {
    let current = true;
    const refresh = () => void latestPreview().then((next) => current && setPreview(next));
    refresh();
    const stops = [
      latestReading.watch(refresh),
      strategySetting.watch(refresh),
      customWeightsSetting.watch(refresh),
      moodFreshMinutes.watch(refresh),
    ];
    return () => {
      current = false;
      stops.forEach((stop) => stop());
    };
  }, []);

  useEffect(() => {
    if (!host.current || !preview) return;
    if (!root.current) {
      root.current = host.current.attachShadow({ mode: 'open' });
      // The row's own rules (its :host rules give the preview the row's one fixed size), on the dark of the
      // sites' pages it is drawn for. A constructed sheet: the pages' CSP (style-src 'self') blocks <style>.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`${rowCss}\n:host { background: #141414; border-radius: 8px; } .mr-preview { height: 100%; }`);
      root.current.adoptedStyleSheets = [sheet];
      const frame = document.createElement('div');
      frame.className = 'mr-preview';
      root.current.append(frame);
    }
    render(
      <PicksRow view={preview.view} siteName={NETFLIX.name} searchPath={NETFLIX.searchPath} onHide={() => undefined} />,
      root.current.querySelector('.mr-preview')!,
    );
  }, [preview]);

  useEffect(
    () => () => {
      if (root.current) render(null, root.current.querySelector('.mr-preview')!);
    },
    [],
  );

  return (
    <div class="field">
      <label id="row-preview-label">How the row looks on a site’s home page</label>
      <span class="help" data-testid="row-preview-note">
        {preview?.sample
          ? 'A sample: with no fresh reading the row says how to get one; after a reading it shows picks like these.'
          : 'With your latest reading. Only you see it: the site’s own scripts cannot read the row or the badges.'}
      </span>
      <div
        class="row-preview"
        data-testid="row-preview"
        data-sample={preview?.sample ? 'true' : 'false'}
        ref={host}
        role="region"
        aria-labelledby="row-preview-label"
      />
    </div>
  );
}
