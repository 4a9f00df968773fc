/**
 * The Streaming sites section's live preview of the row MoodReel puts on a site's home page: the same
 * component and the same stylesheet its frame draws there (components/site-row/), at the same height, inside a
 * shadow root of its own. It shows what the row shows now: picks for the latest fresh reading, or films many
 * people love before any reading, and follows new readings and strategy changes. The accessibility checks run
 * on it as well as on the frame.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import rowCss from '@/components/site-row/site-row.css?inline';
import { PicksRow, ROW_PICKS, type RowView } from '@/components/site-row/PicksRow';
import { sendMessage } from '@/lib/browser/messages';
import { latestReading } from '@/lib/browser/reading-store';
import { customWeightsSetting, moodFreshMinutes, strategySetting } from '@/lib/browser/settings';
import { NETFLIX, searchUrl } from '@/lib/sites/adapters';
import { ROW_HEIGHT } from '@/lib/sites/row-frame';

async function latestView(): Promise<RowView> {
  try {
    const answer = await sendMessage('get-picks', { page: 0, pageSize: ROW_PICKS });
    return { kind: 'picks', mood: answer.mood, picks: answer.picks };
  } catch {
    return { kind: 'unavailable' };
  }
}

export function RowPreview() {
  const [view, setView] = useState<RowView>({ kind: 'loading' });
  const host = useRef<HTMLDivElement>(null);
  const root = useRef<ShadowRoot | null>(null);

  useEffect(() => {
    let current = true;
    let asked = 0;
    const refresh = () => {
      const request = ++asked;
      void latestView().then((next) => current && request === asked && setView(next));
    };
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
    if (!host.current) return;
    if (!root.current) {
      root.current = host.current.attachShadow({ mode: 'open' });
      // The row's own rules, at the row's one height, on the dark of the sites' pages it is drawn for. A
      // constructed sheet: the pages' CSP (style-src 'self') blocks <style>.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(
        `${rowCss}\n:host { display: block; height: ${ROW_HEIGHT}px; background: #141414; border-radius: 8px; overflow: hidden; } .mr-preview { height: 100%; }`,
      );
      root.current.adoptedStyleSheets = [sheet];
      const frame = document.createElement('div');
      frame.className = 'mr-preview';
      root.current.append(frame);
    }
    render(
      <PicksRow
        view={view}
        siteName={NETFLIX.name}
        searchUrl={(title) => searchUrl(NETFLIX, title)}
        linkTarget="_blank"
        onHide={() => undefined}
      />,
      root.current.querySelector('.mr-preview')!,
    );
  }, [view]);

  useEffect(
    () => () => {
      if (root.current) render(null, root.current.querySelector('.mr-preview')!);
    },
    [],
  );

  const mood = view.kind === 'picks' ? view.mood : null;
  return (
    <div class="field">
      <label id="row-preview-label">How the row looks on a site’s home page</label>
      <span class="help" data-testid="row-preview-note">
        {mood
          ? 'With your latest reading. Only you see it: the site’s own scripts cannot read the row or the badges.'
          : 'Before a reading the row shows films many people love, and asks you to read your mood. Only you see it.'}
      </span>
      <div
        class="row-preview"
        data-testid="row-preview"
        data-reading={mood ? 'fresh' : 'none'}
        ref={host}
        role="region"
        aria-labelledby="row-preview-label"
      />
    </div>
  );
}
