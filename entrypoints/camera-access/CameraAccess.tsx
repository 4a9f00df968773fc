import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MoodError } from '@/components/MoodError';
import { MoodReader } from '@/components/MoodReader';
import { cameraFailure, type MoodFailure } from '@/lib/reader/errors';

type Step = { kind: 'ask' } | { kind: 'asking' } | { kind: 'granted' } | { kind: 'failed'; failure: MoodFailure };

/**
 * Chrome asks for the camera per extension, and neither the popup (it closes) nor the offscreen
 * document (it is invisible) can show the prompt, so this tab asks once, then reads the mood itself.
 */
export function CameraAccess() {
  const [step, setStep] = useState<Step>({ kind: 'ask' });

  async function ask() {
    setStep({ kind: 'asking' });
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      for (const track of stream.getTracks()) track.stop(); // the grant is all we wanted from here
      setStep({ kind: 'granted' });
    } catch (error) {
      setStep({ kind: 'failed', failure: cameraFailure(error) });
    }
  }

  return (
    <main class="page narrow">
      <h1>
        <span class="logo">▶</span> MoodReel needs your camera
      </h1>
      {step.kind !== 'granted' && (
        <>
          <p>
            MoodReel looks at your face for about a second to guess your mood, then suggests films to match.
            Everything happens on this computer: no picture is saved and nothing is sent anywhere. The camera
            turns off as soon as the reading is done.
          </p>
          <p class="help">Chrome will ask once. You can change your mind later in Chrome's site settings.</p>
          <div class="actions">
            <button class="primary" data-testid="allow-camera" disabled={step.kind === 'asking'} onClick={() => void ask()}>
              {step.kind === 'asking' ? 'Waiting for your answer…' : 'Allow the camera'}
            </button>
          </div>
          {step.kind === 'failed' && (
            <MoodError reason={step.failure.reason} message={step.failure.message} extensionId={browser.runtime.id} />
          )}
        </>
      )}
      {step.kind === 'granted' && (
        <>
          <p class="status" data-testid="camera-granted">
            Thanks, the camera is allowed. Here is your first reading; next time, just click the MoodReel icon.
          </p>
          <MoodReader autoRead />
        </>
      )}
    </main>
  );
}
