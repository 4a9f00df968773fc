import { browser } from 'wxt/browser';
import type { MoodFailure } from '@/lib/mood/types';
import { cameraSettingsUrl } from '@/lib/reader/errors';

/** What went wrong, in words (its title says what happened), with what the user can do next. */
export function MoodError({ failure, onRetry }: { failure: MoodFailure; onRetry?: () => void }) {
  return (
    <section class="error" role="alert" data-testid="mood-error" data-reason={failure.reason}>
      <h2 class="error__title">{failure.title}</h2>
      <p>{failure.message}</p>
      {failure.detail && <p class="help error__detail">Chrome said: {failure.detail}</p>}
      {failure.reason === 'camera-denied' && <CameraSettingsSteps />}
      {onRetry && (
        <div class="error__actions">
          <button type="button" class="secondary-button" data-testid="mood-retry" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}

/** How to allow the camera again: a button to the very settings page, and the same way in words. */
function CameraSettingsSteps() {
  return (
    <>
      <ol class="error__steps">
        <li>Open MoodReel's settings in Chrome with the button below.</li>
        <li>
          Next to <strong>Camera</strong>, choose <strong>Allow</strong>.
        </li>
        <li>Then read your mood again, or use a photo instead.</li>
      </ol>
      <div class="error__actions">
        <button
          type="button"
          class="primary"
          data-testid="open-camera-settings"
          onClick={() => void browser.tabs.create({ url: cameraSettingsUrl(browser.runtime.id) })}
        >
          Open camera settings
        </button>
      </div>
      <p class="help">
        Without the button: Chrome's menu (⋮) → Settings → Privacy and security → Site settings → Camera, then MoodReel
        under “Not allowed to use your camera”, and set Camera to Allow.
      </p>
    </>
  );
}
