import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { BAD_PHOTO, canTryAgain, readingInterrupted } from '@/lib/reader/errors';
import { isFresh } from '@/lib/mood/freshness';
import { READING_PORT_PREFIX, sendMessage } from '@/lib/browser/messages';
import type { MoodFailure, MoodReading, ReadOutcome, ReadRequest } from '@/lib/mood/types';
import { latestReading } from '@/lib/browser/reading-store';
import { moodFreshMinutes, movieNightSetting } from '@/lib/browser/settings';
import { ChooseMood } from './ChooseMood';
import { MoodError } from './MoodError';
import { MoodResult } from './MoodResult';
import { Picks } from './Picks';
import { photoToDataUrl } from './photo';

type View =
  | { kind: 'idle' }
  | { kind: 'reading'; source: ReadRequest['source'] }
  | { kind: 'result'; reading: MoodReading; previous: boolean }
  /** `retry`: the request "Try again" repeats, when trying again can help. */
  | { kind: 'error'; failure: MoodFailure; retry: ReadRequest | null };

export interface MoodReaderProps {
  /**
   * Called when the camera was refused only because nobody has been asked yet; the popup opens the
   * page that can ask. Returns true when it took over.
   */
  onCameraNeverAsked?: () => Promise<boolean>;
  /** Read from the camera as soon as this mounts (the camera-access page after a grant). */
  autoRead?: boolean;
}

async function cameraPermission(): Promise<PermissionState | 'unknown'> {
  try {
    return (await navigator.permissions.query({ name: 'camera' as PermissionName })).state;
  } catch {
    return 'unknown';
  }
}

/** The "Read my mood" button, the photo input and every state of a reading. */
export function MoodReader({ onCameraNeverAsked, autoRead }: MoodReaderProps) {
  const [view, setView] = useState<View>({ kind: 'idle' });
  const [now, setNow] = useState(Date.now());
  const [movieNight, setMovieNight] = useState(false);

  useEffect(() => {
    void movieNightSetting.getValue().then(setMovieNight);
    void sendMessage('prepare-reader', null).catch(() => undefined);
    void (async () => {
      const [previous, freshMinutes] = await Promise.all([latestReading.getValue(), moodFreshMinutes.getValue()]);
      if (previous && isFresh(previous, freshMinutes, Date.now())) {
        setView((v) => (v.kind === 'idle' ? { kind: 'result', reading: previous, previous: true } : v));
      }
    })();
    if (autoRead) void read({ source: 'camera' });
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  async function read(request: ReadRequest) {
    request = { ...request, group: request.group ?? (await movieNightSetting.getValue()) };
    setView({ kind: 'reading', source: request.source });
    // The port lives as long as this reading in this page: closing the popup closes it, and the background
    // then stops the camera and stores nothing.
    const readingId = crypto.randomUUID();
    const port = browser.runtime.connect({ name: `${READING_PORT_PREFIX}${readingId}` });
    let outcome: ReadOutcome;
    try {
      outcome = await sendMessage('read-mood', { ...request, readingId });
    } catch (error) {
      // The service worker stopped before it answered (Chrome stops idle workers, and on updates).
      outcome = { ok: false, ...readingInterrupted(error) };
    } finally {
      port.disconnect();
    }
    if (!outcome) outcome = { ok: false, ...readingInterrupted() };
    if (!outcome.ok && outcome.reason === 'camera-denied' && request.source === 'camera' && onCameraNeverAsked) {
      if ((await cameraPermission()) === 'prompt' && (await onCameraNeverAsked())) return;
    }
    setNow(Date.now());
    if (outcome.ok) {
      setView({ kind: 'result', reading: outcome.reading, previous: false });
    } else {
      const { ok: _, ...failure } = outcome;
      setView({ kind: 'error', failure, retry: canTryAgain(failure, request.source) ? request : null });
    }
  }

  /** A chosen mood (or a correction) is the reading on screen from now on. */
  function showChosen(reading: MoodReading) {
    setNow(Date.now());
    setView({ kind: 'result', reading, previous: false });
  }

  async function readPhoto(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again should read it again
    if (!file) return;
    let dataUrl: string;
    try {
      dataUrl = await photoToDataUrl(file);
    } catch {
      setView({ kind: 'error', failure: BAD_PHOTO, retry: null });
      return;
    }
    await read({ source: 'photo', dataUrl });
  }

  const busy = view.kind === 'reading';
  const retry = view.kind === 'error' ? view.retry : null;
  return (
    <div class="reader" aria-busy={busy}>
      <div class="actions">
        <button class="primary" data-testid="read-mood" disabled={busy} onClick={() => void read({ source: 'camera' })}>
          {busy && view.source === 'camera' ? 'Reading…' : 'Read my mood'}
        </button>
        <label class={`secondary${busy ? ' secondary--disabled' : ''}`}>
          Use a photo instead
          <input
            type="file"
            accept="image/*"
            data-testid="photo-input"
            disabled={busy}
            onChange={(event) => void readPhoto(event)}
          />
        </label>
      </div>
      {view.kind !== 'result' && <ChooseMood reading={null} disabled={busy} onChosen={showChosen} />}
      <label class="switch">
        <input
          type="checkbox"
          data-testid="movie-night"
          checked={movieNight}
          disabled={busy}
          onChange={(e) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            setMovieNight(on);
            void movieNightSetting.setValue(on);
          }}
        />
        Movie night: read everyone on the sofa (up to eight)
      </label>
      {view.kind === 'reading' && (
        <p class="status" data-testid="reading" role="status">
          <span class="spinner" aria-hidden="true" />
          {view.source === 'camera'
            ? movieNight
              ? 'Everyone look at the camera for a second…'
              : 'Look at the camera for a second…'
            : 'Reading the photo…'}
        </p>
      )}
      {view.kind === 'result' && (
        <>
          {view.previous && <p class="status">Your last reading:</p>}
          <MoodResult reading={view.reading} now={now} />
          <ChooseMood reading={view.reading} onChosen={showChosen} />
          <Picks reading={view.reading} />
        </>
      )}
      {view.kind === 'error' && (
        <MoodError failure={view.failure} onRetry={retry ? () => void read(retry) : undefined} />
      )}
      {view.kind === 'idle' && (
        <p class="intro">
          One second of camera, read on this device. No frame, no mood and no request ever leaves your computer.
        </p>
      )}
    </div>
  );
}
