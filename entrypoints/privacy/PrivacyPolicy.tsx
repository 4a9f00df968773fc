import { browser } from 'wxt/browser';
import { Logo } from '@/components/Logo';

/** The privacy policy, inside the extension so it can be read offline and matches this version exactly. */
export function PrivacyPolicy() {
  return (
    <main class="page narrow policy">
      <h1>
        <Logo size={28} /> MoodReel privacy policy
      </h1>
      <p>
        <strong>MoodReel sends nothing anywhere.</strong> It has no server, no account, no analytics and no
        advertising. Its content security policy forbids the extension to connect to any other host, so it could not
        send data even by mistake.
      </p>
      <h2>The camera</h2>
      <p>
        The camera is on only while a reading runs (about a second; the camera light shows it). Frames are read in
        memory by a face detector and an emotion model that ship inside the extension, and dropped. No image is ever
        stored or sent. Movie night reads several faces the same way; nothing that could recognise a person is
        computed or kept.
      </p>
      <h2>What is kept, and where</h2>
      <ul>
        <li>Your latest reading (an emotion, seven numbers, timings), in the browser's extension storage.</li>
        <li>Your settings, in the browser's extension storage (synchronised by the browser if you sync it).</li>
        <li>Your 👍/👎 on picks (the film, the emotion, the time) and the films you import, in the extension's own IndexedDB.</li>
        <li>Your mood history (each reading's emotion, seven numbers and time), only if you turn it on.</li>
      </ul>
      <p>
        The options page exports what you imported and your feedback, and <em>Erase everything</em> deletes all of it.
        Uninstalling the extension deletes it too.
      </p>
      <h2>Streaming sites</h2>
      <p>
        On Netflix, Prime Video and Disney+ home pages MoodReel reads the titles shown on the page, on your computer,
        to mark the films that fit your mood. It does not read your account, history or anything else, and it can be
        turned off per site.
      </p>
      <h2>Permissions</h2>
      <ul>
        <li><code>offscreen</code>: an invisible page that uses the camera during a reading.</li>
        <li><code>storage</code>: your latest reading and settings.</li>
        <li><code>alarms</code>: to clear the toolbar badge when a mood is no longer fresh.</li>
        <li>Access to the three streaming sites: to add the row of picks and the badges.</li>
      </ul>
      <p class="help">
        <a href={browser.runtime.getURL('/options.html')}>Settings</a>
      </p>
    </main>
  );
}
