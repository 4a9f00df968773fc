/**
 * What the popup says about a reading beyond its emotion: a chosen mood's own headline, a mixed reading in words,
 * and a calibrated reading's note. Kept apart from MoodResult so each stays short.
 */
import { EMOTION_EMOJI, EMOTION_LABEL, MOOD_WORD } from '@/lib/mood/emotions';
import { describeAge } from '@/lib/mood/freshness';
import { describeShares, mixedMoodWords } from '@/lib/mood/mixed-mood';
import type { ChosenReading, FaceReading } from '@/lib/mood/types';

/** A mood the user chose: what it is, and what it replaced. */
export function ChosenMoodResult({ reading, now }: { reading: ChosenReading; now: number }) {
  const read = reading.corrects;
  const how = !read
    ? 'You chose it'
    : read.emotion === reading.emotion
      ? `You said so, as MoodReel read it`
      : `You said so; MoodReel had read ${MOOD_WORD[read.emotion]}`;
  return (
    <section
      class="mood"
      data-testid="mood"
      data-emotion={reading.emotion}
      data-source="chosen"
      data-faces="1"
      aria-live="polite"
    >
      <div class="mood__headline">
        <span class="mood__emoji" aria-hidden="true">
          {EMOTION_EMOJI[reading.emotion]}
        </span>
        <div>
          <div class="mood__word">{EMOTION_LABEL[reading.emotion]}</div>
          <div class="mood__when">
            {how} · {describeAge(reading.at, now)}
          </div>
        </div>
      </div>
    </section>
  );
}

/** "mostly neutral, a bit happy" under a mixed reading's emotion; nothing for a clear one. */
export function MixedMoodWords({ probabilities }: { probabilities: readonly number[] }) {
  const words = mixedMoodWords(probabilities);
  return words ? (
    <div class="mood__mixed" data-testid="mixed-mood">
      {words[0]!.toUpperCase() + words.slice(1)}
    </div>
  ) : null;
}

/** In the details: the reading was corrected relative to the resting face, and what the model read. */
export function CalibratedNote({ reading }: { reading: FaceReading }) {
  if (!reading.calibrated || !reading.uncalibrated) return null;
  return (
    <p class="meta" data-testid="calibrated">
      Calibrated to your resting face. As read before that: {describeShares(reading.uncalibrated)}.
    </p>
  );
}
