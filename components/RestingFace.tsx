import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { READING_PORT_PREFIX, sendMessage } from '@/lib/browser/messages';
import { restingFace } from '@/lib/browser/reading-store';
import type { RestingFace } from '@/lib/mood/calibration';
import { EMOTIONS, EMOTION_EMOJI, EMOTION_LABEL } from '@/lib/mood/emotions';
import { describeShares } from '@/lib/mood/mixed-mood';
import type { MoodFailure } from '@/lib/mood/types';
import { canTryAgain, readingInterrupted } from '@/lib/reader/errors';
import { MoodError } from './MoodError';
import './mood-choice.css';

type Step = { kind: 'idle' } | { kind: 'reading' } | { kind: 'failed'; failure: MoodFailure };

/**
 * "Calibrate to my resting face" (options page, Reading; onboarding): about two seconds of the camera through the
 * reading path, whose seven numbers become the reference later readings are corrected to (never an image). Shows
 * the reference, and erases it.
 */
export function RestingFaceCalibration({
  onChange,
  titled = true,
}: {
  onChange?: (text: string) => void;
  /** False where the page already names the part (onboarding's step heading). */
  titled?: boolean;
}) {
  const [face, setFace] = useState<RestingFace | null | undefined>(undefined);
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  useEffect(() => {
    void restingFace.getValue().then(setFace, () => setFace(null));
    return restingFace.watch(setFace);
  }, []);

  async function calibrate() {
    setStep({ kind: 'reading' });
    // As a reading does: the port lives as long as the calibration, so closing the page stops the camera.
    const readingId = crypto.randomUUID();
    const port = browser.runtime.connect({ name: `${READING_PORT_PREFIX}${readingId}` });
    try {
      const outcome = await sendMessage('calibrate-resting-face', { readingId });
      if (!outcome.ok) {
        const { ok: _ok, ...failure } = outcome;
        setStep({ kind: 'failed', failure });
        return;
      }
      setFace(outcome.restingFace);
      setStep({ kind: 'idle' });
      onChange?.('Calibrated to your resting face.');
    } catch (error) {
      // The service worker stopped or restarted mid-calibration.
      setStep({ kind: 'failed', failure: readingInterrupted(error) });
    } finally {
      port.disconnect();
    }
  }

  async function erase() {
    await restingFace.removeValue();
    setFace(null);
    onChange?.('Your resting face was erased.');
  }

  const reading = step.kind === 'reading';
  return (
    <div class="field resting-face" data-testid="resting-face" data-calibrated={face ? 'true' : 'false'}>
      {titled && <label>Your resting face</label>}
      <p class="help">
        Many relaxed faces read a little sad or afraid. Look at the camera for about two seconds with a relaxed face:
        later readings are corrected so that this face reads neutral, while a clear smile, frown or surprise still reads
        as itself. Only seven numbers are kept, never an image.
      </p>
      {face ? (
        <>
          <p data-testid="resting-face-summary">
            Your resting face reads {describeShares(face.probabilities)}
            {face.samples > 1 ? ` (${face.samples} readings together)` : ''}. Readings are calibrated to it.
          </p>
          <ul class="bars" aria-label="Your resting face: probability of each emotion">
            {EMOTIONS.map((emotion, i) => {
              const p = face.probabilities[i] ?? 0;
              return (
                <li class="bar" key={emotion} data-emotion={emotion}>
                  <span class="bar__label">
                    {EMOTION_EMOJI[emotion]} {EMOTION_LABEL[emotion]}
                  </span>
                  <span class="bar__track">
                    <span class="bar__fill" style={{ width: `${Math.max(0, Math.min(100, p * 100))}%` }} />
                  </span>
                  <span class="bar__value">{Math.round(p * 100)} %</span>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        face === null && <p class="help">Not calibrated: readings are as the model reads them.</p>
      )}
      {reading && (
        <p class="status" role="status" data-testid="calibrating">
          <span class="spinner" aria-hidden="true" />
          Relax your face and look at the camera for two seconds…
        </p>
      )}
      {step.kind === 'failed' && (
        <MoodError
          failure={step.failure}
          onRetry={canTryAgain(step.failure, 'camera') ? () => void calibrate() : undefined}
        />
      )}
      <div class="actions wrap">
        <button
          type="button"
          class="secondary-button"
          data-testid="calibrate"
          disabled={reading}
          onClick={() => void calibrate()}
        >
          {face ? 'Calibrate again' : 'Calibrate to my resting face'}
        </button>
        <button
          type="button"
          class="secondary-button"
          data-testid="erase-resting-face"
          disabled={!face || reading}
          onClick={() => void erase()}
        >
          Erase my resting face
        </button>
      </div>
    </div>
  );
}
