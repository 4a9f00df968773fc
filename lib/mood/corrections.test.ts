import { describe, expect, it } from 'vitest';
import { chosenReading, correctedOf } from './chosen';
import {
  correctionKinds,
  correctionOf,
  correctionsToCsv,
  describeCorrectionKind,
  isCorrection,
  type Correction,
} from './corrections';
import type { FaceReading } from './types';
import { cameraReading } from '../../tests/support/readings';

const SAD = [0.05, 0.01, 0.06, 0.03, 0.55, 0.02, 0.28];
const face = (over: Partial<FaceReading> = {}): FaceReading =>
  cameraReading({ emotion: 'sad', probabilities: SAD, ...over });

describe('a chosen mood', () => {
  it('is a reading with probability 1 on the chosen emotion and nothing of how a face was read', () => {
    const chosen = chosenReading('happy', 5_000);
    expect(chosen).toEqual({
      emotion: 'happy',
      probabilities: [0, 0, 0, 1, 0, 0, 0],
      faces: 1,
      source: 'chosen',
      at: 5_000,
    });
  });

  it('says what it corrects: the reading as shown, with the model’s own numbers when it was calibrated', () => {
    const calibrated = face({ calibrated: true, uncalibrated: [0, 0, 0, 0, 0.8, 0, 0.2] });
    expect(chosenReading('neutral', 5_000, calibrated).corrects).toEqual({
      emotion: 'sad',
      probabilities: SAD,
      uncalibrated: [0, 0, 0, 0, 0.8, 0, 0.2],
      source: 'camera',
      faces: 1,
      at: 1_000,
    });
  });

  it('choosing again keeps what MoodReel had read, not the earlier choice', () => {
    const first = chosenReading('neutral', 5_000, face());
    const second = chosenReading('happy', 6_000, first);
    expect(second.corrects).toEqual(correctedOf(face()));
    expect(chosenReading('sad', 7_000, chosenReading('happy', 6_000)).corrects).toBeUndefined();
  });

  it('counts a movie night’s people as what was corrected', () => {
    const group = face({
      people: [
        { emotion: 'sad', probabilities: SAD },
        { emotion: 'sad', probabilities: SAD },
      ],
    });
    expect(chosenReading('happy', 5_000, group).corrects?.faces).toBe(2);
  });
});

describe('corrections', () => {
  it('records what was read and what was said; the model’s numbers only for a single reading', () => {
    expect(correctionOf(chosenReading('neutral', 5_000, face()))).toEqual({
      readAt: 1_000,
      at: 5_000,
      read: 'sad',
      readProbabilities: SAD,
      modelProbabilities: SAD,
      chosen: 'neutral',
      source: 'camera',
      faces: 1,
    });
    const group = face({
      people: [
        { emotion: 'sad', probabilities: SAD },
        { emotion: 'sad', probabilities: SAD },
      ],
    });
    expect(correctionOf(chosenReading('neutral', 5_000, group))).not.toHaveProperty('modelProbabilities');
  });

  it('records nothing for a choice that corrects nothing, or says what was read', () => {
    expect(correctionOf(chosenReading('neutral', 5_000))).toBeNull();
    expect(correctionOf(chosenReading('sad', 5_000, face()))).toBeNull();
  });

  const correction = (read: Correction['read'], chosen: Correction['chosen'], at: number): Correction =>
    correctionOf(chosenReading(chosen, at + 1, face({ emotion: read, at })))!;

  it('shows a kind from three corrections on, the most frequent first, with those that can fold', () => {
    const list = [
      correction('sad', 'neutral', 1),
      correction('fear', 'neutral', 2),
      correction('sad', 'neutral', 3),
      correction('neutral', 'happy', 4),
      correction('sad', 'neutral', 5),
      correction('neutral', 'happy', 6),
      correction('neutral', 'happy', 7),
      correction('sad', 'neutral', 8),
    ];
    const kinds = correctionKinds(list);
    expect(kinds.map((k) => describeCorrectionKind(k))).toEqual([
      'MoodReel reads you as sad when you say neutral, 4 times',
      'MoodReel reads you as neutral when you say happy, 3 times',
    ]);
    expect(kinds[0]!.foldable.map((c) => c.readAt)).toEqual([1, 3, 5, 8]);
    expect(kinds[1]!.foldable).toEqual([]);
    expect(correctionKinds(list.slice(0, 4))).toEqual([]);
  });

  it('never folds a movie night’s correction into one person’s resting face', () => {
    const group = face({
      people: [
        { emotion: 'sad', probabilities: SAD },
        { emotion: 'sad', probabilities: SAD },
      ],
    });
    const list = [1, 2, 3].map((at) => correctionOf(chosenReading('neutral', at + 1, { ...group, at }))!);
    expect(correctionKinds(list)[0]).toMatchObject({ count: 3, foldable: [] });
  });

  it('exports as CSV with both sets of numbers', () => {
    const csv = correctionsToCsv([correction('sad', 'neutral', Date.UTC(2026, 0, 2))]);
    const [header, row] = csv.trim().split('\n');
    expect(header).toBe(
      'corrected_at,read_at,read,chosen,source,faces,shown_angry,shown_disgust,shown_fear,shown_happy,shown_sad,shown_surprise,shown_neutral,model_angry,model_disgust,model_fear,model_happy,model_sad,model_surprise,model_neutral',
    );
    expect(row).toBe(
      '2026-01-02T00:00:00.001Z,2026-01-02T00:00:00.000Z,sad,neutral,camera,1,0.05,0.01,0.06,0.03,0.55,0.02,0.28,0.05,0.01,0.06,0.03,0.55,0.02,0.28',
    );
  });

  it('trusts a stored row only when it has the right shape', () => {
    const good = correction('sad', 'neutral', 1);
    expect(isCorrection(good)).toBe(true);
    for (const bad of [null, { ...good, read: 'bored' }, { ...good, readProbabilities: [1] }, { ...good, faces: 0 }]) {
      expect(isCorrection(bad)).toBe(false);
    }
  });
});
