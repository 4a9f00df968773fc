import { EMOTIONS, EMOTION_EMOJI, EMOTION_LABEL } from '@/lib/mood/emotions';
import { describeAge } from '@/lib/mood/freshness';
import type { MoodReading } from '@/lib/mood/types';
import { CalibratedNote, ChosenMoodResult, MixedMoodWords } from './MoodNotes';

const BACKEND_NAME = { webgpu: 'WebGPU', wasm: 'WebAssembly', webgl: 'WebGL', cpu: 'CPU' } as const;

/** The read emotion and how sure; a bar per emotion and how it was read, on request (the picks come first). */
export function MoodResult({ reading, now }: { reading: MoodReading; now: number }) {
  if (reading.source === 'chosen') return <ChosenMoodResult reading={reading} now={now} />;
  const percent = (p: number) => `${(p * 100).toFixed(p >= 0.995 ? 0 : 1)}%`;
  return (
    <section
      class="mood"
      data-testid="mood"
      data-emotion={reading.emotion}
      data-backend={reading.backend}
      data-faces={reading.faces}
      data-source={reading.source}
      data-calibrated={reading.calibrated ? 'true' : undefined}
      aria-live="polite"
    >
      <div class="mood__headline">
        <span class="mood__emoji" aria-hidden="true">
          {EMOTION_EMOJI[reading.emotion]}
        </span>
        <div>
          <div class="mood__word">
            {reading.people
              ? `Movie night: ${EMOTION_LABEL[reading.emotion].toLowerCase()}`
              : EMOTION_LABEL[reading.emotion]}
          </div>
          <div class="mood__when">
            {percent(reading.probabilities[EMOTIONS.indexOf(reading.emotion)] ?? 0)} sure ·{' '}
            {reading.source === 'photo' ? 'from a photo' : 'from the camera'} · {describeAge(reading.at, now)}
          </div>
          <MixedMoodWords probabilities={reading.probabilities} />
        </div>
      </div>
      {reading.people && (
        <ol class="people" aria-label={`${reading.people.length} people, left to right`} data-testid="people">
          {reading.people.map((person, i) => (
            <li class="person" key={i} data-testid="face-mood" data-emotion={person.emotion}>
              <span class="person__number">{i + 1}</span>
              <span aria-hidden="true">{EMOTION_EMOJI[person.emotion]}</span> {EMOTION_LABEL[person.emotion]}
            </li>
          ))}
        </ol>
      )}
      {!reading.people && reading.faces > 1 && (
        <p class="note" data-testid="several-faces">
          {reading.faces} faces were seen; the largest one was read. Turn on Movie night to read everyone.
        </p>
      )}
      <details class="mood__details" data-testid="mood-details">
        <summary>All seven emotions and how it was read</summary>
        <ul
          class="bars"
          aria-label={reading.people ? 'The group’s mood: probability of each emotion' : 'Probability of each emotion'}
        >
          {EMOTIONS.map((emotion, i) => {
            const p = reading.probabilities[i] ?? 0;
            return (
              <li class={`bar${emotion === reading.emotion ? ' bar--top' : ''}`} key={emotion} data-emotion={emotion}>
                <span class="bar__label">
                  {EMOTION_EMOJI[emotion]} {EMOTION_LABEL[emotion]}
                </span>
                <span class="bar__track">
                  <span class="bar__fill" style={{ width: `${Math.max(0, Math.min(100, p * 100))}%` }} />
                </span>
                <span class="bar__value">{percent(p)}</span>
              </li>
            );
          })}
        </ul>
        <p class="meta">
          {BACKEND_NAME[reading.backend]} · model {reading.cnnMs.toFixed(1)} ms · face finding{' '}
          {reading.detectMs.toFixed(1)} ms
          {reading.frameMs !== undefined && ` · ${reading.frameMs.toFixed(1)} ms a frame`}
          {reading.source === 'camera' ? ` · ${reading.frames} frames` : ''} · {(reading.totalMs / 1000).toFixed(2)} s
          in all
        </p>
        <CalibratedNote reading={reading} />
        {reading.failedBackends && reading.failedBackends.length > 0 && (
          <details class="meta" data-testid="failed-backends">
            <summary>
              {reading.failedBackends.map((f) => BACKEND_NAME[f.backend]).join(', ')} could not run the model here
            </summary>
            <ul>
              {reading.failedBackends.map((f) => (
                <li key={f.backend}>
                  {BACKEND_NAME[f.backend]}: {f.error}
                </li>
              ))}
            </ul>
          </details>
        )}
      </details>
    </section>
  );
}
