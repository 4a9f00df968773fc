import { describe, expect, it } from 'vitest';
import {
  correctForRestingFace,
  foldIntoRestingFace,
  NEUTRAL_TARGET,
  parseRestingFace,
  totalVariation,
} from './calibration';
import { EMOTIONS, topEmotion, type Emotion } from './emotions';

/** A distribution from the listed parts; what they leave is shared by the other emotions. */
function reading(parts: Partial<Record<Emotion, number>>): number[] {
  const given = Object.values(parts).reduce((a, b) => a + b, 0);
  const rest = EMOTIONS.filter((e) => parts[e] === undefined);
  return EMOTIONS.map((e) => parts[e] ?? (1 - given) / rest.length);
}

/** Resting faces as the model reads relaxed faces: mostly neutral with some sad, and ones far from neutral. */
const RESTING_FACES = {
  'typical (54 % neutral, 25 % sad)': reading({ neutral: 0.54, sad: 0.25, fear: 0.08, angry: 0.06, happy: 0.04 }),
  '70 % sad': reading({ sad: 0.7, neutral: 0.13, fear: 0.06, angry: 0.05 }),
  '50 % fear': reading({ fear: 0.5, neutral: 0.15, sad: 0.15, angry: 0.1 }),
  '60 % angry': reading({ angry: 0.6, neutral: 0.15, sad: 0.1 }),
  '60 % happy (a smiling resting face)': reading({ happy: 0.6, neutral: 0.3 }),
  '95 % neutral': reading({ neutral: 0.95 }),
  '2 % neutral, 68 % sad, 30 % happy': reading({ sad: 0.68, happy: 0.3, neutral: 0.02 }),
};

const STRONG = {
  'a smile (90 % happy)': reading({ happy: 0.9, neutral: 0.05 }),
  'an angry frown (85 % angry)': reading({ angry: 0.85, sad: 0.04, neutral: 0.03 }),
  'a sad frown (85 % sad)': reading({ sad: 0.85, neutral: 0.05, fear: 0.04 }),
  'surprise (90 %)': reading({ surprise: 0.9, fear: 0.04 }),
};

/** A seeded generator (mulberry32), so the property checks see the same references every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random distribution, peaked at times (cubes of uniforms). */
function randomDistribution(next: () => number): number[] {
  const raw = EMOTIONS.map(() => next() ** 3 + 1e-4);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}

/** Moves `amount` of probability from one emotion to another. */
function shifted(p: readonly number[], from: Emotion, to: Emotion, amount: number): number[] {
  const out = [...p];
  const i = EMOTIONS.indexOf(from);
  const moved = Math.min(amount, out[i]!);
  out[i]! -= moved;
  out[EMOTIONS.indexOf(to)]! += moved;
  return out;
}

const sum = (p: readonly number[]) => p.reduce((a, b) => a + b, 0);

describe('resting-face correction', () => {
  it.each(Object.entries(RESTING_FACES))('makes the resting face itself read neutral: %s', (_, reference) => {
    const corrected = correctForRestingFace(reference, reference);
    expect(topEmotion(corrected)).toBe('neutral');
    expect(corrected[EMOTIONS.indexOf('neutral')]).toBeGreaterThanOrEqual(0.76 - 1e-9);
    expect(sum(corrected)).toBeCloseTo(1, 9);
  });

  it('makes any resting face read neutral (2,000 random ones, peaked ones included)', () => {
    const next = random(20);
    for (let n = 0; n < 2000; n++) {
      const reference = randomDistribution(next);
      expect(topEmotion(correctForRestingFace(reference, reference)), JSON.stringify(reference)).toBe('neutral');
    }
  });

  it('makes a resting face read exactly like a clearly neutral face (76 % neutral) when every part is 1 % or more', () => {
    const reference = RESTING_FACES['70 % sad'];
    correctForRestingFace(reference, reference).forEach((p, i) => expect(p).toBeCloseTo(NEUTRAL_TARGET[i]!, 9));
  });

  it('leaves readings as they are for a resting face that already reads like a clearly neutral face', () => {
    for (const read of [...Object.values(STRONG), RESTING_FACES['typical (54 % neutral, 25 % sad)']]) {
      correctForRestingFace(read, NEUTRAL_TARGET).forEach((p, i) => expect(p).toBeCloseTo(read[i]!, 9));
    }
  });

  /** Clear expressions keep their emotion against resting faces that hold at most 60 % of it. */
  const keeps = (strong: number[], reference: number[]) => reference[EMOTIONS.indexOf(topEmotion(strong))]! <= 0.6;

  it.each(Object.entries(STRONG))(
    'keeps %s as itself against any resting face with 60 %% of it or less',
    (_, strong) => {
      const emotion = topEmotion(strong);
      for (const [name, reference] of Object.entries(RESTING_FACES)) {
        if (!keeps(strong, reference)) continue;
        const corrected = correctForRestingFace(strong, reference);
        expect(topEmotion(corrected), name).toBe(emotion);
        if (topEmotion(reference) !== emotion) expect(corrected[EMOTIONS.indexOf(emotion)], name).toBeGreaterThan(0.5);
      }
    },
  );

  it('a resting face that is 70 % sad cannot flip a 90 % happy reading', () => {
    const corrected = correctForRestingFace(STRONG['a smile (90 % happy)'], RESTING_FACES['70 % sad']);
    expect(topEmotion(corrected)).toBe('happy');
    expect(corrected[EMOTIONS.indexOf('happy')]).toBeGreaterThan(0.85);
  });

  it('no resting face with under half an emotion flips a 90 % reading of it (2,000 random pairs)', () => {
    const next = random(7);
    let checked = 0;
    for (let n = 0; n < 2000; n++) {
      const reference = randomDistribution(next);
      const emotion = EMOTIONS[Math.floor(next() * EMOTIONS.length)]!;
      if (reference[EMOTIONS.indexOf(emotion)]! >= 0.5) continue;
      const others = randomDistribution(next).map((p) => p * 0.1);
      const strong = others.map((p, i) => (EMOTIONS[i] === emotion ? 0.9 + p : p));
      const corrected = correctForRestingFace(strong, reference);
      expect(topEmotion(corrected), `${emotion} against ${JSON.stringify(reference)}`).toBe(emotion);
      checked++;
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('a smiling resting face still lets a real smile read happy', () => {
    const corrected = correctForRestingFace(
      STRONG['a smile (90 % happy)'],
      RESTING_FACES['60 % happy (a smiling resting face)'],
    );
    expect(topEmotion(corrected)).toBe('happy');
  });

  /** A relaxed face that reads this much more sad (or afraid) than at rest, the rest taken from neutral. */
  const RELAXED_DRIFT = 0.3;

  it('reads a relaxed face as neutral though it reads 30 points sadder or more afraid than at rest', () => {
    const reference = RESTING_FACES['typical (54 % neutral, 25 % sad)'];
    for (const to of ['sad', 'fear'] as const) {
      const relaxed = shifted(reference, 'neutral', to, RELAXED_DRIFT);
      expect(topEmotion(relaxed), `as read: ${to}`).toBe(to);
      expect(topEmotion(correctForRestingFace(relaxed, reference)), to).toBe('neutral');
    }
  });

  it('fades with the square of (1 − distance): the one power of 0–4 that passes every check above', () => {
    const passes = (fadePower: number) => {
      const correct = (p: number[], r: number[]) => topEmotion(correctForRestingFace(p, r, { fadePower }));
      const references = Object.values(RESTING_FACES);
      const selfNeutral = references.every((r) => correct(r, r) === 'neutral');
      const strongKept = Object.values(STRONG).every((strong) =>
        references.every((r) => !keeps(strong, r) || correct(strong, r) === topEmotion(strong)),
      );
      const typical = RESTING_FACES['typical (54 % neutral, 25 % sad)'];
      const relaxedNeutral = (['sad', 'fear'] as const).every(
        (to) => correct(shifted(typical, 'neutral', to, RELAXED_DRIFT), typical) === 'neutral',
      );
      return selfNeutral && strongKept && relaxedNeutral;
    };
    expect([0, 1, 2, 3, 4].filter(passes)).toEqual([2]);
  });

  it('is a distribution for any input, and needs seven numbers', () => {
    const next = random(3);
    for (let n = 0; n < 200; n++) {
      const corrected = correctForRestingFace(randomDistribution(next), randomDistribution(next));
      expect(sum(corrected)).toBeCloseTo(1, 9);
      expect(corrected.every((p) => p >= 0 && p <= 1)).toBe(true);
    }
    expect(() => correctForRestingFace(NEUTRAL_TARGET, [0.5, 0.5])).toThrow(/7 probabilities/);
  });

  it('measures distance as total variation', () => {
    expect(totalVariation(NEUTRAL_TARGET, NEUTRAL_TARGET)).toBe(0);
    expect(totalVariation(reading({ happy: 1 }), reading({ sad: 1 }))).toBeCloseTo(1, 9);
  });
});

describe('the stored resting face', () => {
  const stored = { probabilities: RESTING_FACES['70 % sad'], at: 1_000, samples: 1 };

  it('is read back as stored, and refused when anything is off', () => {
    expect(parseRestingFace(stored)).toEqual(stored);
    for (const bad of [
      null,
      'sad',
      { ...stored, probabilities: [1, 0] },
      { ...stored, probabilities: EMOTIONS.map(() => 0.5) },
      { ...stored, probabilities: [...RESTING_FACES['70 % sad'].slice(0, 6), Number.NaN] },
      { ...stored, at: -1 },
      { ...stored, samples: 0 },
      { ...stored, samples: 1.5 },
    ]) {
      expect(parseRestingFace(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('folds relaxed readings in as a running mean (each calibration and each reading counting once)', () => {
    const relaxed = reading({ neutral: 0.6, sad: 0.3 });
    const folded = foldIntoRestingFace(stored, [relaxed, relaxed, relaxed], 2_000)!;
    expect(folded.samples).toBe(4);
    expect(folded.at).toBe(2_000);
    const sad = EMOTIONS.indexOf('sad');
    expect(folded.probabilities[sad]).toBeCloseTo((0.7 + 3 * 0.3) / 4, 2);
    expect(foldIntoRestingFace(null, [relaxed], 3_000)).toMatchObject({ samples: 1, at: 3_000 });
    expect(foldIntoRestingFace(stored, [], 3_000)).toBe(stored);
    expect(foldIntoRestingFace(null, [[0.5, 0.5]], 3_000)).toBeNull();
  });
});
