/** What the toolbar badge shows for a reading. Pure; the background applies it. */
import { EMOTION_EMOJI, EMOTION_LABEL, type Emotion } from './emotions';

/** Each mood's colour (the mood history's chart). */
export const BADGE_COLOR: Record<Emotion, string> = {
  angry: '#d64545',
  disgust: '#6a9a3a',
  fear: '#7a5cc7',
  happy: '#e0a100',
  sad: '#3b78c4',
  surprise: '#e07b00',
  neutral: '#6b7280',
};

/**
 * Behind the emoji, one dark fill for every mood: the faces are yellow, and a yellow (happy) or orange
 * (surprise) fill would swallow them. The emoji says the mood; BADGE_COLOR still colours the history chart.
 */
const BADGE_FILL = '#2b2d33';

export interface BadgeState {
  text: string;
  color: string;
  title: string;
}

export function badgeFor(emotion: Emotion | null): BadgeState {
  if (!emotion) return { text: '', color: BADGE_FILL, title: 'MoodReel: read my mood' };
  return {
    // The mood's emoji, as the popup shows it: one sign that needs no language and no four-letter short word.
    text: EMOTION_EMOJI[emotion],
    color: BADGE_FILL,
    title: `MoodReel: you look ${EMOTION_LABEL[emotion].toLowerCase()}`,
  };
}
