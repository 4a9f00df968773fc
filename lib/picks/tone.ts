/**
 * What tone each mood asks for, per strategy: a happy viewer matched gets light films, not dark comedies; lift
 * calms and absorbs an angry viewer, warms and cheers a sad one, keeps a fearful one safe and light.
 * A film's tone (light, warm, tense, sad, absorbing; lib/catalogue/tone.ts) meets a profile by a dot product.
 */
import { TONE_AXES, type Genre, type ToneAxis } from '../catalogue/types';
import type { Emotion } from '../mood/emotions';
import type { Strategy } from './types';

type Profile = Partial<Record<ToneAxis, number>>;

/** Match: the tone of the mood itself. Each profile's weights add up to 1 in absolute value. */
const MATCH_TONE: Record<Emotion, Profile> = {
  angry: { tense: 0.6, light: -0.2, absorbing: 0.2 },
  disgust: { light: -0.5, tense: 0.3, absorbing: 0.2 },
  fear: { tense: 0.8, light: -0.2 },
  happy: { light: 0.6, warm: 0.3, sad: -0.1 },
  sad: { sad: 0.6, warm: 0.2, tense: -0.2 },
  surprise: { absorbing: 0.6, tense: 0.2, light: 0.2 },
  neutral: { absorbing: 0.7, light: 0.3 },
};

/** Lift (mood management, Zillmann 1988): what ends the mood. */
const LIFT_TONE: Record<Emotion, Profile> = {
  // Calming and absorbing: something to get lost in, nothing tense.
  angry: { tense: -0.5, absorbing: 0.3, light: 0.2 },
  // Something pleasant: warm, beautiful, light.
  disgust: { warm: 0.4, absorbing: 0.3, light: 0.3 },
  // Safe and light.
  fear: { tense: -0.4, light: 0.3, warm: 0.3 },
  happy: { light: 0.6, warm: 0.4 },
  // Warm and uplifting, not another sad story.
  sad: { warm: 0.6, light: 0.2, sad: -0.2 },
  surprise: { absorbing: 0.6, light: 0.4 },
  neutral: { light: 0.6, warm: 0.1, absorbing: 0.3 },
};

/**
 * How much tone weighs against the genre table (a film's best genre weighs at most 1). Lift's genre tables
 * mostly start with Comedy; tone is what tells calming from warming from reassuring, so it weighs more there.
 */
const TONE_WEIGHT = 0.6;
const LIFT_TONE_WEIGHT = 0.9;

/** The tone weight of a strategy. */
export function toneWeight(strategy: Strategy): number {
  return strategy === 'lift' ? LIFT_TONE_WEIGHT : TONE_WEIGHT;
}

/** A profile as weights in TONE_AXES order. */
function vector(profile: Profile): Float64Array {
  return Float64Array.from(TONE_AXES, (axis) => profile[axis] ?? 0);
}

const PROFILES = {
  match: Object.fromEntries(Object.entries(MATCH_TONE).map(([e, p]) => [e, vector(p)])),
  lift: Object.fromEntries(Object.entries(LIFT_TONE).map(([e, p]) => [e, vector(p)])),
} as Record<'match' | 'lift', Record<Emotion, Float64Array>>;

/** The tone a strategy asks of an emotion; a custom table is matched in tone, as its reasons say "fits". */
export function toneProfile(strategy: Strategy, emotion: Emotion): Float64Array {
  return PROFILES[strategy === 'lift' ? 'lift' : 'match'][emotion];
}

/** How well a tone meets a profile, in [-1, 1]; 0 for a film with no tone. */
export function toneFit(profile: Float64Array, tone: readonly number[] | null | undefined): number {
  if (!tone) return 0;
  let sum = 0;
  for (let a = 0; a < profile.length; a++) sum += profile[a]! * (tone[a] ?? 0);
  return sum;
}

/** The adjective of an axis' side ("light", "dark"…), or null where none reads well. */
const AXIS_WORD: Record<ToneAxis, [positive: string | null, negative: string | null]> = {
  light: ['light', 'dark'],
  warm: ['warm', null],
  tense: ['tense', 'gentle'],
  sad: ['moving', 'cheerful'],
  absorbing: ['absorbing', null],
};

/** Below this, an axis' part of the fit is too small to name. */
const NAMED_TONE_MIN = 0.12;

/** The word for what the tone contributed most to a fit ("warm"), or null when tone did not help. */
export function toneWord(profile: Float64Array, tone: readonly number[] | null | undefined): string | null {
  if (!tone) return null;
  let best = NAMED_TONE_MIN;
  let word: string | null = null;
  TONE_AXES.forEach((axis, a) => {
    const part = profile[a]! * (tone[a] ?? 0);
    const side = AXIS_WORD[axis][tone[a]! >= 0 ? 0 : 1];
    if (part > best && side) {
      best = part;
      word = side;
    }
  });
  return word;
}

/** A genre as a noun in a sentence. */
const GENRE_NOUN: Record<Genre, string> = {
  'Action': 'action film',
  'Adventure': 'adventure',
  'Animation': 'animated film',
  'Children': 'family film',
  'Comedy': 'comedy',
  'Crime': 'crime film',
  'Documentary': 'documentary',
  'Drama': 'drama',
  'Fantasy': 'fantasy',
  'Film-Noir': 'film noir',
  'Horror': 'horror film',
  'IMAX': 'IMAX film',
  'Musical': 'musical',
  'Mystery': 'mystery',
  'Romance': 'romance',
  'Sci-Fi': 'science-fiction film',
  'Thriller': 'thriller',
  'War': 'war film',
  'Western': 'western',
};

/** "a warm comedy", "an absorbing mystery", "a drama". */
export function describedGenre(genre: Genre, word: string | null): string {
  const phrase = word ? `${word} ${GENRE_NOUN[genre]}` : GENRE_NOUN[genre];
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}
