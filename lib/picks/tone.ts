/**
 * What tone each mood asks for, per strategy: a happy viewer matched gets light films, not dark comedies; lift
 * calms and absorbs an angry viewer, warms and cheers a sad one, keeps a fearful one safe and light.
 * A film's tone (light, warm, tense, sad, absorbing; lib/catalogue/tone.ts) meets a profile by a dot product.
 */
import { TONE_AXES, type ToneAxis } from '../catalogue/types';
import type { Emotion } from '../mood/emotions';
import type { Strategy } from './types';

type Profile = Partial<Record<ToneAxis, number>>;

/** Match: the tone of the mood itself. Each profile's weights add up to 1 in absolute value. */
const MATCH_TONE: Record<Emotion, Profile> = {
  angry: { tense: 0.6, light: -0.2, absorbing: 0.2 },
  // Disgust: the dark and unsettling, not the sad ghost story.
  disgust: { light: -0.4, tense: 0.4, sad: -0.2 },
  fear: { tense: 0.8, light: -0.2 },
  happy: { light: 0.6, warm: 0.3, sad: -0.1 },
  sad: { sad: 0.6, light: -0.2, warm: 0.2 },
  surprise: { absorbing: 0.6, tense: 0.2, light: 0.2 },
  neutral: { absorbing: 0.7, light: 0.3 },
};

/**
 * Lift (mood management, Zillmann 1988): what ends the mood. Every profile leans light: a dark film lifts no one.
 */
const LIFT_TONE: Record<Emotion, Profile> = {
  // Calming and absorbing: something to get lost in, nothing tense.
  angry: { tense: -0.4, absorbing: 0.3, light: 0.3 },
  // Something pleasant: warm, beautiful, light.
  disgust: { warm: 0.4, light: 0.4, absorbing: 0.2 },
  // Safe and light.
  fear: { tense: -0.4, light: 0.3, warm: 0.3 },
  // Keep it going: fun to get absorbed in.
  happy: { light: 0.5, absorbing: 0.3, warm: 0.2 },
  // Warm and uplifting, not another sad story.
  sad: { warm: 0.5, light: 0.3, sad: -0.2 },
  // Wonder: something to get absorbed in.
  surprise: { absorbing: 0.6, light: 0.3, warm: 0.1 },
  // Brighten: light and warm.
  neutral: { light: 0.6, warm: 0.4 },
};

/**
 * How much tone weighs against the genre part (a film's best genre weighs at most 1 under match). Under lift
 * tone decides: the genre part is small (relevance.ts) and tone weighs in full.
 */
const TONE_WEIGHT = 0.8;
const LIFT_TONE_WEIGHT = 1;

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
export function toneFit(profile: Float64Array, tone: ArrayLike<number> | null | undefined): number {
  if (!tone) return 0;
  let sum = 0;
  for (let a = 0; a < profile.length; a++) sum += profile[a]! * (tone[a] ?? 0);
  return sum;
}
