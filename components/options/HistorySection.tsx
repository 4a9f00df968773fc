import { useEffect, useState } from 'preact/hooks';
import { historySetting } from '@/lib/browser/settings';
import { BADGE_COLOR } from '@/lib/mood/badge';
import { EMOTIONS, EMOTION_EMOJI, EMOTION_LABEL } from '@/lib/mood/emotions';
import { bucketHistory, historyToCsv, type BucketUnit, type HistoryEntry } from '@/lib/mood/history';
import type { HistoryStore } from '@/lib/mood/history-store';
import { ExportEraseActions } from './ExportEraseActions';

const RANGES: Record<BucketUnit, { count: number; label: string }> = {
  day: { count: 14, label: 'Last 14 days' },
  week: { count: 12, label: 'Last 12 weeks' },
};

/** The mood history chart (moods per day or week), its CSV export and its eraser; shown while history is on. */
export function HistorySection({ store, onChange }: { store: HistoryStore; onChange: (text: string) => void }) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [unit, setUnit] = useState<BucketUnit>('day');

  const reload = () => store.all().then(setEntries, () => setEntries([]));
  useEffect(() => {
    void historySetting.getValue().then(setEnabled);
    void reload();
    return historySetting.watch((on) => {
      setEnabled(on);
      void reload();
    });
  }, []);

  if (!enabled && entries.length === 0) return null;
  const buckets = bucketHistory(entries, unit, RANGES[unit].count, Date.now());
  const shown = buckets.reduce((sum, b) => sum + b.total, 0);
  return (
    <div class="field history">
      <div class="history__controls">
        <label for="history-range">Show</label>
        <select
          id="history-range"
          value={unit}
          onChange={(e) => setUnit((e.currentTarget as HTMLSelectElement).value as BucketUnit)}
        >
          {Object.entries(RANGES).map(([value, r]) => (
            <option key={value} value={value}>
              {r.label}
            </option>
          ))}
        </select>
        <button type="button" class="secondary-button" onClick={() => void reload()}>
          Refresh
        </button>
      </div>
      <HistoryChart buckets={buckets} shown={shown} />
      <ExportEraseActions
        name="history"
        count={entries.length}
        exportLabel="Export history as CSV"
        csv={() => historyToCsv(entries)}
        eraseLabel="Erase my history"
        eraseQuestion={`Erase all ${entries.length} readings of your mood history?`}
        onErase={async () => {
          await store.clear();
          await reload();
          onChange('History erased.');
        }}
      />
    </div>
  );
}

/**
 * One column a day (or week), stacked by top emotion. Readable without colour: every segment tall enough
 * carries its emoji, the legend pairs emoji and word, and the same numbers are in a table below.
 */
function HistoryChart({ buckets, shown }: { buckets: ReturnType<typeof bucketHistory>; shown: number }) {
  const width = 640;
  const height = 200;
  const top = 10;
  const bottom = 34;
  const most = Math.max(1, ...buckets.map((b) => b.total));
  const column = width / buckets.length;
  const scale = (height - top - bottom) / most;
  return (
    <figure class="history__figure" data-testid="history-chart" data-points={String(shown)}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Your moods: ${shown} readings, one column per ${buckets.length > 12 ? 'day' : 'week'}`}
      >
        {buckets.map((bucket, i) => {
          let y = height - bottom;
          const x = i * column + column * 0.15;
          const w = column * 0.7;
          return (
            <g key={bucket.start}>
              {EMOTIONS.filter((e) => bucket.counts[e] > 0).map((emotion) => {
                const h = bucket.counts[emotion] * scale;
                y -= h;
                return (
                  <g key={emotion}>
                    <rect
                      x={x}
                      y={y}
                      width={w}
                      height={h}
                      fill={BADGE_COLOR[emotion]}
                      stroke="#101114"
                      stroke-width="1"
                    >
                      <title>
                        {bucket.label}: {bucket.counts[emotion]} {EMOTION_LABEL[emotion].toLowerCase()}
                      </title>
                    </rect>
                    {h >= 14 && (
                      <text x={x + w / 2} y={y + h / 2 + 5} text-anchor="middle" font-size="12" aria-hidden="true">
                        {EMOTION_EMOJI[emotion]}
                      </text>
                    )}
                  </g>
                );
              })}
              <text
                x={i * column + column / 2}
                y={height - bottom + 14}
                text-anchor="middle"
                font-size="10"
                fill="currentColor"
              >
                {bucket.label.replace('Week of ', '').split(' ').slice(-2).join(' ')}
              </text>
              {bucket.total > 0 && (
                <text
                  x={i * column + column / 2}
                  y={height - bottom + 27}
                  text-anchor="middle"
                  font-size="10"
                  fill="currentColor"
                >
                  {bucket.total}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {EMOTIONS.map((e) => (
          <span key={e}>
            <span class="swatch" style={{ background: BADGE_COLOR[e] }} /> {EMOTION_EMOJI[e]} {EMOTION_LABEL[e]}
          </span>
        ))}
      </figcaption>
      <details>
        <summary>Show as a table</summary>
        <table class="speed">
          <thead>
            <tr>
              <th scope="col">When</th>
              {EMOTIONS.map((e) => (
                <th scope="col" key={e}>
                  {EMOTION_LABEL[e]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{b.label}</th>
                {EMOTIONS.map((e) => (
                  <td key={e}>{b.counts[e]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
