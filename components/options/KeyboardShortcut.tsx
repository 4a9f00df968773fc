import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** The keyboard shortcut that opens the popup, as Chrome has it now (the user may have changed it). */
export function KeyboardShortcut() {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    void browser.commands
      .getAll()
      .then((commands) => setShortcut(commands.find((c) => c.name === '_execute_action')?.shortcut ?? ''))
      .catch(() => setShortcut(''));
  }, []);
  return (
    <div class="field">
      <label>Keyboard shortcut</label>
      <span class="help" data-testid="shortcut">
        {shortcut === null ? (
          '…'
        ) : shortcut ? (
          <>
            Press <kbd>{shortcut}</kbd> to open MoodReel.
          </>
        ) : (
          'No shortcut is set.'
        )}{' '}
        {/* A link to a chrome:// page is not followed; tabs.create opens it. */}
        <button
          type="button"
          class="link-button"
          data-testid="change-shortcut"
          onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}
        >
          Change it in Chrome's shortcuts
        </button>
        .
      </span>
    </div>
  );
}
