import { useState } from 'preact/hooks';
import type { MoodFailure } from '@/lib/mood/types';
import { cameraFailure } from '@/lib/reader/errors';
import { MoodError } from './MoodError';
import { MoodReader } from './MoodReader';

type Step = { kind: 'ask' } | { kind: 'asking' } | { kind: 'granted' } | { kind: 'failed'; failure: MoodFailure };

/**
 * Asks for the camera once, in a tab of ours (Chrome asks per extension, and neither the popup, which closes,
 * nor the offscreen document, which is invisible, can show the prompt), then reads a first mood with its picks.
 */
export function CameraPermission({ intro }: { intro?: string }) {
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

  if (step.kind === 'granted') {
    return (
      <>
        <p class="status" data-testid="camera-granted">
          Thanks, the camera is allowed. Here is your first reading; next time, just click the MoodReel icon.
        </p>
        <MoodReader autoRead />
      </>
    );
  }
  return (
    <>
      <p>
        {intro ?? 'MoodReel looks at your face for about a second to guess your mood, then suggests films to match.'}{' '}
        Everything happens on this computer: no picture is saved and nothing is sent anywhere. The camera turns off as
        soon as the reading is done.
      </p>
      <p class="help">Chrome will ask once. You can change your mind later in Chrome's site settings.</p>
      <div class="actions">
        <button class="primary" data-testid="allow-camera" disabled={step.kind === 'asking'} onClick={() => void ask()}>
          {step.kind === 'asking' ? 'Waiting for your answer…' : 'Allow the camera'}
        </button>
      </div>
      {step.kind === 'failed' && <MoodError failure={step.failure} />}
    </>
  );
}
