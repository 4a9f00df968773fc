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
        <strong>MoodReel sends nothing anywhere.</strong> It has no server, no account, no analytics and no advertising.
        Its content security policy forbids the extension to connect to any other host, so it could not send data even
        by mistake.
      </p>
      <h2>The camera</h2>
      <p>
        The camera is on only while a reading runs (about a second; the camera light shows it). Frames are read in
        memory by a face detector and an emotion model that ship inside the extension, and dropped. No image is ever
        stored or sent. Movie night reads several faces the same way; nothing that could recognise a person is computed
        or kept.
      </p>
      <h2>What is kept, and where</h2>
      <p>Everything stays in this browser profile, in one of three places that only MoodReel's own pages can read:</p>
      <h3>The browser's extension storage (on this computer)</h3>
      <ul>
        <li>
          Your latest reading: an emotion, seven numbers, timings, which backend ran it, and on movie night each
          person's emotion and seven numbers (no image, no position, nothing that identifies anyone).
        </li>
        <li>
          Which films the picks showed for your last four readings (film numbers only), so the next picks are new ones.
        </li>
        <li>
          Your resting face, if you calibrate it: seven numbers read from about two seconds of your relaxed face (never
          an image), which later readings are corrected to. Its own button (Settings, Reading) erases it.
        </li>
        <li>Whether movie night is on.</li>
      </ul>
      <h3>The browser's synced extension storage</h3>
      <ul>
        <li>
          Your settings (how to pick films, your own genre table, the sites, on which sites the row shows, the backend,
          the reading length, how long a mood counts, whether history is kept). If you use the browser's sync, the
          browser synchronises them between your computers; MoodReel itself sends nothing.
        </li>
      </ul>
      <h3>The browser's session storage (forgotten when the browser closes)</h3>
      <ul>
        <li>The streaming sites you hid the picks row on “for now” (until the browser restarts).</li>
      </ul>
      <h3>The extension's own database (IndexedDB, on this computer)</h3>
      <ul>
        <li>
          Your 👍/👎 on picks: the film, the emotion it was for, and the time (a 👎 film is never suggested or badged
          again).
        </li>
        <li>
          The "Not this film" list: streaming-page titles you said were matched to the wrong film, so that match is not
          made again.
        </li>
        <li>The films you import, and the built-in film catalogue.</li>
        <li>Your mood history (each reading's emotion, seven numbers and time), only if you turn it on.</li>
        <li>
          With history on, your corrections: when you say "Not right? I feel…" under a reading, what MoodReel had read
          (its emotion and seven numbers) and the mood you chose.
        </li>
      </ul>
      <p>
        Streaming sites' pages cannot read any of it: the extension's storage is closed to everything but MoodReel's own
        pages, and the content script on a streaming site asks MoodReel's background for the few things it shows.
      </p>
      <p>
        <em>Forget my last reading</em> (Settings, Privacy) deletes the latest reading and the record of shown films.
        The options page exports what you imported, your feedback and your resting face, and your history and
        corrections as CSV, and <em>Erase everything</em> deletes all of the above: the database first, then the
        storage. Uninstalling the extension deletes it too.
      </p>
      <h2>Streaming sites</h2>
      <p>
        On Netflix, Prime Video (also under Amazon's /gp/video/) and Disney+ pages that list titles, MoodReel reads the
        titles shown on the page, on your computer, to mark the films that fit your mood. It does not read your account,
        history or anything else, and it can be turned off per site. The row and the badges are drawn where the site's
        own scripts cannot see them, so the site cannot read your mood from its page: the row is a MoodReel page in a
        frame of its own, which the site's page cannot read or search.
      </p>
      <h2>Permissions</h2>
      <ul>
        <li>
          <code>offscreen</code>: an invisible page that uses the camera during a reading.
        </li>
        <li>
          <code>storage</code>: your latest reading, the record of shown films and your settings.
        </li>
        <li>
          <code>alarms</code>: to clear the toolbar badge when a mood is no longer fresh.
        </li>
        <li>Access to the three streaming sites: to add the row of picks and the badges.</li>
      </ul>
      <p class="help">
        <a href={browser.runtime.getURL('/options.html')}>Settings</a>
      </p>
    </main>
  );
}
