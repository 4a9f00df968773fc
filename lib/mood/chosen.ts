/**
 * A mood the user chose in the popup, as a reading like any other (probability 1 on it), and what it says when
 * it corrects the reading on screen ("Not right? I feel…").
 */
import { EMOTIONS, type Emotion } from './emotions';
import type { ChosenReading, CorrectedReading, MoodReading } from './types';

/**
 * What a correction of `reading` replaces: a read mood as it was shown (with the model's own numbers when it
 * was calibrated); for a mood chosen earlier, what that one corrected, so choosing twice still says what
 * MoodReel had read.
 */
export function correctedOf(reading: MoodReading): CorrectedReading | undefined {
  if (reading.source === 'chosen') return reading.corrects;
  return {
    emotion: reading.emotion,
    probabilities: [...reading.probabilities],
    ...(reading.uncalibrated ? { uncalibrated: [...reading.uncalibrated] } : {}),
    source: reading.source,
    faces: reading.people?.length ?? 1,
    at: reading.at,
  };
}

/** The chosen mood, replacing `replaced` (the reading on screen) when there is one. */
export function chosenReading(emotion: Emotion, at: number, replaced?: MoodReading | null): ChosenReading {
  const corrects = replaced ? correctedOf(replaced) : undefined;
  return {
    emotion,
    probabilities: EMOTIONS.map((e) => (e === emotion ? 1 : 0)),
    faces: 1,
    source: 'chosen',
    at,
    ...(corrects ? { corrects } : {}),
  };
}
