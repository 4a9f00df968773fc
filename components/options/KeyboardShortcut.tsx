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
        Change it at <code>chrome://extensions/shortcuts</code>.
      </span>
    </div>
  );
}
