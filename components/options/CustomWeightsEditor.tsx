import { useEffect, useState } from 'preact/hooks';
import { customWeightsSetting, strategySetting } from '@/lib/browser/settings';
import { GENRES, type Genre } from '@/lib/catalogue/types';
import { EMOTIONS, EMOTION_EMOJI, EMOTION_LABEL, type Emotion } from '@/lib/mood/emotions';
import { customFrom, sanitizeWeights } from '@/lib/picks/strategies';
import type { GenreWeights, Strategy } from '@/lib/picks/types';

/**
 * "My own mix": a weight from -1 (never) to 1 (the best fit) for each genre and emotion, started from the
 * Match or the Lift table, saved as it is edited. Used when the strategy is "My own mix".
 */
export function CustomWeightsEditor({ onSaved }: { onSaved: (text: string) => void }) {
  const [weights, setWeights] = useState<GenreWeights | null>(null);
  const [strategy, setStrategy] = useState<Strategy>('match');

  useEffect(() => {
    void customWeightsSetting.getValue().then((stored) => setWeights(stored ?? customFrom('match')));
    void strategySetting.getValue().then(setStrategy);
    const stopStrategy = strategySetting.watch(setStrategy);
    const stopWeights = customWeightsSetting.watch((stored) => setWeights(stored ?? customFrom('match')));
    return () => {
      stopStrategy();
      stopWeights();
    };
  }, []);

  if (!weights) return null;

  async function save(next: GenreWeights, text = 'Saved.') {
    const clean = sanitizeWeights(next);
    setWeights(clean);
    await customWeightsSetting.setValue(clean);
    onSaved(text);
  }

  function setOne(emotion: Emotion, genre: Genre, raw: string) {
    const value = Math.max(-1, Math.min(1, Number(raw)));
    if (!Number.isFinite(value)) return;
    const row = { ...weights![emotion] };
    if (value === 0) delete row[genre];
    else row[genre] = Math.round(value * 10) / 10;
    void save({ ...weights!, [emotion]: row });
  }

  return (
    <details class="field custom-weights" open={strategy === 'custom'} data-testid="custom-weights">
      <summary>My own mix: a weight for each genre and mood</summary>
      <p class="help">
        1 is the best fit, 0 no preference, −1 never.{' '}
        {strategy !== 'custom' && 'Choose “My own mix” above to pick films with this table.'}
      </p>
      <div class="actions wrap">
        <button
          type="button"
          class="secondary-button"
          data-testid="custom-from-match"
          onClick={() => void save(customFrom('match'), 'Started from Match my mood.')}
        >
          Start from Match my mood
        </button>
        <button
          type="button"
          class="secondary-button"
          data-testid="custom-from-lift"
          onClick={() => void save(customFrom('lift'), 'Started from Lift my mood.')}
        >
          Start from Lift my mood
        </button>
      </div>
      <div class="weights-scroll">
        <table class="weights">
          <caption class="visually-hidden">Genre weights per emotion</caption>
          <thead>
            <tr>
              <th scope="col">Genre</th>
              {EMOTIONS.map((e) => (
                <th scope="col" key={e}>
                  <span aria-hidden="true">{EMOTION_EMOJI[e]}</span> {EMOTION_LABEL[e]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {GENRES.map((genre) => (
              <tr key={genre}>
                <th scope="row">{genre}</th>
                {EMOTIONS.map((emotion) => {
                  const value = weights[emotion][genre] ?? 0;
                  return (
                    <td key={emotion} class={value > 0 ? 'plus' : value < 0 ? 'minus' : ''}>
                      <input
                        type="number"
                        min={-1}
                        max={1}
                        step={0.1}
                        value={value}
                        aria-label={`${genre} when ${EMOTION_LABEL[emotion].toLowerCase()}`}
                        data-emotion={emotion}
                        data-genre={genre}
                        onChange={(e) => setOne(emotion, genre, (e.currentTarget as HTMLInputElement).value)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
