import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CatalogueService } from '@/lib/browser/catalogue-service';
import { eraseDatabase, type Stores } from '@/lib/browser/database';
import { ERASED, eraseEverything } from '@/lib/browser/erase-everything';
import { forgetShownPicks } from '@/lib/browser/picks-service';
import { latestReading } from '@/lib/browser/reading-store';
import { ConfirmButton } from './ConfirmButton';

const ERASED_PARAM = 'erased';

export function PrivacySection({
  catalogue,
  stores,
  onChange,
}: {
  catalogue: CatalogueService;
  stores: Stores;
  onChange: (text: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  // The page reloads after "Erase everything" (every section shows its defaults); the address says it was done.
  const [erased] = useState(() => new URLSearchParams(location.search).has(ERASED_PARAM));
  useEffect(() => {
    if (!erased) return;
    history.replaceState(null, '', `${location.pathname}${location.hash}`); // a later reload says nothing
    document.getElementById('privacy')?.scrollIntoView();
  }, []);
  return (
    <>
      <div class="field">
        <label>What MoodReel keeps, and where</label>
        <ul class="help kept">
          <li>
            Your latest reading (an emotion and seven numbers; on movie night, each person's), in this browser's
            extension storage.
          </li>
          <li>
            Which films the picks showed for your last few readings, in the same storage, so the next picks are new
            ones.
          </li>
          <li>
            Your resting face, if you calibrate: seven numbers from two seconds of a relaxed face, in the same storage.
          </li>
          <li>Your settings, in the browser's extension storage (synced by the browser if you use sync).</li>
          <li>
            Your 👍/👎, your "Not this film" list, the films you import, and your mood history and the moods you
            corrected if you turn history on, in the extension's own database.
          </li>
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
          onClick={() =>
            void (async () => {
              setError(null);
              try {
                await Promise.all([latestReading.setValue(null), forgetShownPicks()]);
                onChange('Forgotten.');
              } catch (failure) {
                setError(`Your last reading could not be forgotten (${String(failure)}). Try again.`);
              }
            })()
          }
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
            setError(null);
            const result = await eraseEverything({
              eraseDatabase: () => eraseDatabase(stores),
              storageAreas: {
                sync: browser.storage.sync,
                local: browser.storage.local,
                ...(browser.storage.session ? { session: browser.storage.session } : {}),
              },
              reseed: async () => void (await catalogue.seed()),
            });
            if (!result.ok) {
              setError(result.message);
              return;
            }
            location.replace(`${location.pathname}?${ERASED_PARAM}#privacy`);
          }}
        />
      </div>
      {erased && (
        <p class="done" role="status" data-testid="erased">
          {ERASED}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-testid="privacy-error">
          {error}
        </p>
      )}
    </>
  );
}
