import { useEffect, useState } from 'preact/hooks';
import { restingFace } from '@/lib/browser/reading-store';
import { historySetting } from '@/lib/browser/settings';
import { foldIntoRestingFace } from '@/lib/mood/calibration';
import type { CorrectionStore } from '@/lib/mood/correction-store';
import {
  correctionKinds,
  correctionsToCsv,
  describeCorrectionKind,
  SHOWN_FROM,
  type Correction,
  type CorrectionKind,
} from '@/lib/mood/corrections';
import { ExportEraseActions } from './ExportEraseActions';

/**
 * The corrections kept with the history ("Not right? I feel…" in the popup): what they say once a kind comes
 * up three times, folding those to neutral into the resting face, their CSV export and their eraser.
 */
export function CorrectionsSummary({ store, onChange }: { store: CorrectionStore; onChange: (text: string) => void }) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [corrections, setCorrections] = useState<Correction[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = () => store.all().then(setCorrections, () => setCorrections([]));
  useEffect(() => {
    void historySetting.getValue().then(setEnabled);
    void reload();
    return historySetting.watch((on) => {
      setEnabled(on);
      void reload();
    });
  }, []);

  async function fold(kind: CorrectionKind) {
    setError(null);
    try {
      const readings = kind.foldable.map((c) => c.modelProbabilities!);
      await restingFace.setValue(foldIntoRestingFace(await restingFace.getValue(), readings, Date.now()));
      // Folded ones are forgotten, so they are never counted twice.
      await store.removeMany(kind.foldable.map((c) => c.readAt));
      await reload();
      onChange(`${readings.length} corrections folded into your resting face.`);
    } catch (failure) {
      setError(`They could not be folded in (${String(failure)}). Try again.`);
    }
  }

  if (!enabled && corrections.length === 0) return null;
  const kinds = correctionKinds(corrections);
  return (
    <div class="field corrections" data-testid="corrections" data-count={String(corrections.length)}>
      <label>Your corrections</label>
      <p class="help">
        {corrections.length === 1 ? 'One correction' : `${corrections.length} corrections`} kept: what MoodReel read and
        the mood you said instead ("Not right? I feel…" in the popup), only while history is on.
        {kinds.length === 0 && ` From ${SHOWN_FROM} of the same kind, they are summed up here.`}
      </p>
      {kinds.length > 0 && (
        <ul class="kept">
          {kinds.map((kind) => (
            <li
              key={`${kind.read}-${kind.chosen}`}
              data-testid="correction-kind"
              data-read={kind.read}
              data-chosen={kind.chosen}
              data-count={String(kind.count)}
            >
              {describeCorrectionKind(kind)}.{' '}
              {kind.foldable.length > 0 ? (
                <button
                  type="button"
                  class="link-button"
                  data-testid="fold-corrections"
                  onClick={() => void fold(kind)}
                >
                  Fold {kind.foldable.length === kind.count ? 'them' : `the ${kind.foldable.length} single readings`}{' '}
                  into my resting face
                </button>
              ) : (
                <span class="help">Only corrections of one face to neutral can join your resting face.</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ExportEraseActions
        name="corrections"
        count={corrections.length}
        exportLabel="Export corrections as CSV"
        csv={() => correctionsToCsv(corrections)}
        eraseLabel="Erase my corrections"
        eraseQuestion={`Erase all ${corrections.length} corrections?`}
        onErase={async () => {
          await store.clear();
          await reload();
          onChange('Corrections erased.');
        }}
      />
    </div>
  );
}
