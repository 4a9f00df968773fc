import { browser } from 'wxt/browser';
import type { CatalogueService } from '@/lib/browser/catalogue-service';
import { latestReading } from '@/lib/browser/reading-store';
import { ConfirmButton } from './ConfirmButton';

/**
 * Erases everything MoodReel keeps: settings (sync and local storage), the latest reading, the session's
 * state, and the IndexedDB (imported films, feedback, history). The built-in catalogue is seeded again, so
 * the picks keep working.
 */
export async function eraseEverything(catalogue: CatalogueService): Promise<void> {
  await Promise.all([browser.storage.sync.clear(), browser.storage.local.clear(), browser.storage.session?.clear()]);
  await catalogue.repository.eraseAll();
  await catalogue.seed();
}

export function PrivacySection({ catalogue, onChange }: { catalogue: CatalogueService; onChange: (text: string) => void }) {
  return (
    <>
      <div class="field">
        <label>What MoodReel keeps, and where</label>
        <ul class="help kept">
          <li>Your latest reading (an emotion and seven numbers), in this browser's extension storage.</li>
          <li>Your settings, in the browser's extension storage (synced by the browser if you use sync).</li>
          <li>Your 👍/👎, the films you import, and your mood history if you turn it on, in the extension's own database.</li>
          <li>No image, ever. Nothing is sent anywhere: the extension is not allowed to connect to any other host.</li>
        </ul>
        <a href={browser.runtime.getURL('/privacy.html')} target="_blank" rel="noreferrer">
          The privacy policy
        </a>
      </div>
      <div class="actions wrap">
        <button
          type="button"
          class="secondary-button"
          data-testid="forget-mood"
          onClick={async () => {
            await latestReading.setValue(null);
            onChange('Forgotten.');
          }}
        >
          Forget my last reading
        </button>
        <ConfirmButton
          testId="erase-all"
          confirmTestId="erase-confirm"
          label="Erase everything"
          question="Erase your settings, readings, history, 👍/👎 and imported films? This cannot be undone."
          confirmLabel="Yes, erase everything"
          onConfirm={async () => {
            await eraseEverything(catalogue);
            onChange('Everything was erased.');
            setTimeout(() => location.reload(), 600); // every section shows its defaults again
          }}
        />
      </div>
    </>
  );
}
