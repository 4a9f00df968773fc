import { browser } from 'wxt/browser';
import { CameraPermission } from '@/components/CameraPermission';
import { Logo } from '@/components/Logo';
import { RestingFaceCalibration } from '@/components/RestingFace';

/** Opened once, on install: what MoodReel does, the camera, the privacy promise, a first reading and its picks. */
export function Onboarding() {
  return (
    <main class="page narrow onboarding">
      <h1>
        <Logo size={28} /> Welcome to MoodReel
      </h1>
      <ol class="steps">
        <li>
          <h2>Films for the mood you are in</h2>
          <p>
            Click the MoodReel icon in the toolbar and look at the camera for a second. MoodReel reads one of seven
            emotions from your face and suggests films to match it, or to lift it. On Netflix, Prime Video and Disney+
            it also adds a row of picks to the home page and marks the films that fit wherever the site lists titles.
          </p>
        </li>
        <li>
          <h2>Nothing leaves your computer</h2>
          <p>
            The face is read by a small model inside the extension. No picture is kept, and no picture, mood or request
            is ever sent anywhere. <a href={browser.runtime.getURL('/privacy.html')}>Read the privacy policy</a>.
          </p>
        </li>
        <li>
          <h2>Try it now</h2>
          <CameraPermission intro="To read your mood MoodReel needs the camera, for about a second at a time." />
        </li>
        <li>
          <h2>Your resting face (optional)</h2>
          <RestingFaceCalibration titled={false} />
        </li>
      </ol>
      <p class="help">
        Settings (how picks are chosen, which sites, your data) are on the{' '}
        <a href={browser.runtime.getURL('/options.html')}>options page</a>.
      </p>
    </main>
  );
}
