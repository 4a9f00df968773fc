/** The words the row and the badges show (plain strings; rendered as text, never as HTML). */
import type { PicksMood } from '../browser/messages';
import { EMOTION_EMOJI, type Emotion } from '../mood/emotions';
import type { Fit } from '../picks/types';

/** The emotion as it reads in "your … mood". */
const MOOD_WORD: Record<Emotion, string> = {
  angry: 'angry',
  disgust: 'disgusted',
  fear: 'fearful',
  happy: 'happy',
  sad: 'sad',
  surprise: 'surprised',
  neutral: 'neutral',
};

export function moodWord(emotion: Emotion): string {
  return MOOD_WORD[emotion];
}

/** "Picks for your happy mood 😄"; a group reading: "Picks for your movie night, 3 people". */
export function rowHeading(mood: PicksMood): string {
  if (mood.faces > 1) return `Picks for your movie night, ${mood.faces} people`;
  return `Picks for your ${MOOD_WORD[mood.emotion]} mood ${EMOTION_EMOJI[mood.emotion]}`;
}

/** The badge's tooltip: "Fits your happy mood: Comedy". */
export function fitTooltip(fit: Fit): string {
  return `Fits your ${MOOD_WORD[fit.emotion]} mood: ${fit.genre}`;
}

/** The badge's short label: "😄 Comedy". */
export function fitLabel(fit: Fit): string {
  return `${EMOTION_EMOJI[fit.emotion]} ${fit.genre}`;
}
