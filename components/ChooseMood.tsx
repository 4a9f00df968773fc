import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/browser/messages';
import { EMOTIONS, EMOTION_EMOJI, EMOTION_LABEL, type Emotion } from '@/lib/mood/emotions';
import type { MoodReading } from '@/lib/mood/types';
import './mood-choice.css';

/**
 * The seven moods as chips, all visible at once: "Choose my mood" before any reading (MoodReel works without a
 * camera), "Not right? I feel…" under a reading, which the chosen mood then replaces. The background stores
 * the choice as a reading like any other, so the picks, the row, the badges and the toolbar follow it.
 */
export function ChooseMood({
  reading,
  disabled = false,
  onChosen,
}: {
  /** The reading on screen, which a choice corrects; null before any reading. */
  reading: MoodReading | null;
  disabled?: boolean;
  onChosen: (reading: MoodReading) => void;
}) {
  const [sending, setSending] = useState<Emotion | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(emotion: Emotion) {
    setSending(emotion);
    setError(null);
    try {
      const answer = await sendMessage('choose-mood', reading ? { emotion, corrects: reading.at } : { emotion });
      onChosen(answer.reading);
    } catch (failure) {
      setError(`Your mood could not be saved (${String(failure)}). Try again.`);
    } finally {
      setSending(null);
    }
  }

  const chosen = reading?.source === 'chosen' ? reading.emotion : null;
  const label = reading ? 'Not right? I feel…' : 'Choose my mood';
  return (
    <div class="choose-mood" role="group" aria-labelledby="choose-mood-label" data-testid="choose-mood">
      <p class="choose-mood__label" id="choose-mood-label">
        {label}
      </p>
      <div class="chips">
        {EMOTIONS.map((emotion) => (
          <button
            type="button"
            class="chip"
            key={emotion}
            data-emotion={emotion}
            aria-pressed={chosen === emotion}
            disabled={disabled || sending !== null}
            onClick={() => void choose(emotion)}
          >
            <span aria-hidden="true">{EMOTION_EMOJI[emotion]}</span> {EMOTION_LABEL[emotion]}
          </button>
        ))}
      </div>
      {error && (
        <p class="error" role="alert" data-testid="choose-mood-error">
          {error}
        </p>
      )}
    </div>
  );
}
