import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackendSetting } from '@/lib/mood/types';
import { latestReading } from '@/lib/browser/reading-store';
import { BACKEND_CHOICES, backendSetting, FRESHNESS_CHOICES, moodFreshMinutes } from '@/lib/browser/settings';

export function Options() {
  const [backend, setBackend] = useState<BackendSetting | null>(null);
  const [fresh, setFresh] = useState<number | null>(null);
  const [saved, setSaved] = useState('');
  const savedTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => () => clearTimeout(savedTimer.current), []);

  useEffect(() => {
    void backendSetting.getValue().then(setBackend);
    void moodFreshMinutes.getValue().then(setFresh);
  }, []);

  function confirm(text: string) {
    // A second change restarts the two seconds: its confirmation must not vanish on the first one's timer.
    clearTimeout(savedTimer.current);
    setSaved(text);
    savedTimer.current = setTimeout(() => setSaved(''), 2000);
  }

  return (
    <main class="page narrow">
      <h1>
        <span class="logo">▶</span> MoodReel settings
      </h1>
      <div class="field">
        <label for="backend">Where the emotion model runs</label>
        <select
          id="backend"
          data-testid="backend-setting"
          value={backend ?? 'auto'}
          disabled={backend === null}
          onChange={async (e) => {
            const value = (e.currentTarget as HTMLSelectElement).value as BackendSetting;
            setBackend(value);
            await backendSetting.setValue(value);
            confirm('Saved. The next reading uses it.');
          }}
        >
          {BACKEND_CHOICES.map((c) => (
            <option value={c.value} key={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <span class="help">
          Automatic uses WebGPU on a real graphics card, else WebAssembly. If the chosen one is not available, the next
          fastest is used and the popup says which.
        </span>
      </div>
      <div class="field">
        <label for="fresh">Keep a mood for</label>
        <select
          id="fresh"
          data-testid="fresh-setting"
          value={String(fresh ?? 30)}
          disabled={fresh === null}
          onChange={async (e) => {
            const value = Number((e.currentTarget as HTMLSelectElement).value);
            setFresh(value);
            await moodFreshMinutes.setValue(value);
            confirm('Saved.');
          }}
        >
          {FRESHNESS_CHOICES.map((m) => (
            <option value={String(m)} key={m}>
              {m < 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}`}
            </option>
          ))}
        </select>
        <span class="help">After that the toolbar badge clears and the picks stop following it.</span>
      </div>
      <div class="field">
        <label>Your data</label>
        <span class="help">
          MoodReel keeps only your latest reading (the emotion and seven numbers), in this browser. No image is ever stored.
        </span>
        <div class="actions">
          <button
            class="primary"
            data-testid="forget-mood"
            onClick={async () => {
              await latestReading.setValue(null);
              confirm('Forgotten.');
            }}
          >
            Forget my last reading
          </button>
        </div>
      </div>
      <p class="saved" role="status">
        {saved}
      </p>
    </main>
  );
}
