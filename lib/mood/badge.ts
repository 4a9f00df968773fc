/** What the toolbar badge shows for a reading. Pure; the background applies it. */
import { EMOTION_LABEL, type Emotion } from './emotions';

export const BADGE_COLOR: Record<Emotion, string> = {
  angry: '#d64545',
  disgust: '#6a9a3a',
  fear: '#7a5cc7',
  happy: '#e0a100',
  sad: '#3b78c4',
  surprise: '#e07b00',
  neutral: '#6b7280',
};

// Badge text fits about four characters; short words read better than emoji on every platform.
const BADGE_TEXT: Record<Emotion, string> = {
  angry: 'ANGR',
  disgust: 'DISG',
  fear: 'FEAR',
  happy: 'HAPY',
  sad: 'SAD',
  surprise: 'WOW',
  neutral: 'CALM',
};

export interface BadgeState {
  text: string;
  color: string;
  title: string;
}

export function badgeFor(emotion: Emotion | null): BadgeState {
  if (!emotion) return { text: '', color: '#6b7280', title: 'MoodReel: read my mood' };
  return {
    text: BADGE_TEXT[emotion],
    color: BADGE_COLOR[emotion],
    title: `MoodReel: you look ${EMOTION_LABEL[emotion].toLowerCase()}`,
  };
}
