/** The model's seven outputs, in its output order (FER-2013's label numbering). */
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const EMOTION_EMOJI: Record<Emotion, string> = {
  angry: '😠',
  disgust: '🤢',
  fear: '😨',
  happy: '😄',
  sad: '😢',
  surprise: '😮',
  neutral: '😐',
};

export const EMOTION_LABEL: Record<Emotion, string> = {
  angry: 'Angry',
  disgust: 'Disgusted',
  fear: 'Afraid',
  happy: 'Happy',
  sad: 'Sad',
  surprise: 'Surprised',
  neutral: 'Neutral',
};

/** The emotion as it reads in "your … mood" ("your afraid mood" reads wrong, so not EMOTION_LABEL). */
export const MOOD_WORD: Record<Emotion, string> = {
  angry: 'angry',
  disgust: 'disgusted',
  fear: 'fearful',
  happy: 'happy',
  sad: 'sad',
  surprise: 'surprised',
  neutral: 'neutral',
};

/** "an angry", "a fearful": the mood word with its indefinite article. */
export function moodWithArticle(emotion: Emotion): string {
  const word = MOOD_WORD[emotion];
  return `${/^[aeiou]/u.test(word) ? 'an' : 'a'} ${word}`;
}

export function isEmotion(value: unknown): value is Emotion {
  return typeof value === 'string' && (EMOTIONS as readonly string[]).includes(value);
}

/** The emotion with the highest probability; `probabilities` is in EMOTIONS order. */
export function topEmotion(probabilities: readonly number[]): Emotion {
  if (probabilities.length !== EMOTIONS.length) {
    throw new Error(`expected ${EMOTIONS.length} probabilities, got ${probabilities.length}`);
  }
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i]! > probabilities[best]!) best = i;
  return EMOTIONS[best]!;
}
