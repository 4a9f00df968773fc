import { describe, expect, it } from 'vitest';
import type { Feedback, Genre } from '../catalogue/types';
import { EMOTIONS } from '../mood/emotions';
import {
  NO_NUDGES,
  NUDGE_LIMIT,
  NUDGE_STEP,
  currentVotes,
  effectiveWeights,
  hiddenFrom,
  nudgeLines,
  nudgesFrom,
} from './feedback';
import { MATCH_WEIGHTS } from './strategies';

const GENRES_OF: Record<string, Genre[]> = {
  amelie: ['Comedy', 'Romance'],
  up: ['Adventure', 'Animation', 'Children', 'Drama'],
  saw: ['Horror', 'Thriller'],
};
const genresOf = (id: string) => GENRES_OF[id] ?? (id.startsWith('comedy') ? (['Comedy'] as Genre[]) : undefined);

let clock = 0;
function vote(filmId: string, kind: Feedback['vote'], emotion: Feedback['emotion'] = 'happy'): Feedback {
  clock += 1;
  return { filmId, vote: kind, emotion, at: clock };
}

describe('feedback nudges', () => {
  it("moves the film's genres for the emotion it was given for, and only those", () => {
    const nudges = nudgesFrom([vote('amelie', 'up')], genresOf);
    expect(nudges.happy).toEqual({ Comedy: NUDGE_STEP, Romance: NUDGE_STEP });
    for (const emotion of EMOTIONS.filter((e) => e !== 'happy')) expect(nudges[emotion]).toEqual({});
    expect(nudgesFrom([vote('saw', 'down', 'fear')], genresOf).fear).toEqual({
      Horror: -NUDGE_STEP,
      Thriller: -NUDGE_STEP,
    });
  });

  it('adds votes up and bounds the total per emotion and genre', () => {
    const many = Array.from({ length: 12 }, (_, i) => vote(`comedy-${i}`, 'up'));
    expect(nudgesFrom(many.slice(0, 3), genresOf).happy.Comedy).toBeCloseTo(3 * NUDGE_STEP, 10);
    expect(nudgesFrom(many, genresOf).happy.Comedy).toBe(NUDGE_LIMIT);
    const opposed = [vote('amelie', 'up'), vote('comedy-x', 'down')];
    expect(nudgesFrom(opposed, genresOf).happy).toEqual({ Romance: NUDGE_STEP });
  });

  it('counts only the latest vote on a film for an emotion (taking it back removes it)', () => {
    const first = vote('amelie', 'up');
    const changed = vote('amelie', 'down');
    expect(currentVotes([first, changed])).toEqual([changed]);
    expect(nudgesFrom([first, changed], genresOf).happy.Comedy).toBe(-NUDGE_STEP);
    // The same film may carry a vote per emotion.
    expect(currentVotes([first, vote('amelie', 'down', 'sad')])).toHaveLength(2);
  });

  it('is derived from the list alone: any order gives the same, an empty list gives none', () => {
    const votes = [vote('amelie', 'up'), vote('up', 'down'), vote('saw', 'up', 'fear'), vote('comedy-1', 'up')];
    expect(nudgesFrom([...votes].reverse(), genresOf)).toEqual(nudgesFrom(votes, genresOf));
    expect(nudgesFrom([], genresOf)).toEqual(NO_NUDGES);
  });

  it('ignores votes on films the catalogue no longer has', () => {
    expect(nudgesFrom([vote('gone', 'up')], genresOf)).toEqual(NO_NUDGES);
  });

  it('hides the films with a 👎 in force', () => {
    const down = vote('saw', 'down', 'fear');
    expect(hiddenFrom([down, vote('amelie', 'up')])).toEqual(new Set(['saw']));
    expect(hiddenFrom([down, vote('saw', 'up', 'fear')])).toEqual(new Set());
  });

  it('adds nudges to a table within [-1, 1]', () => {
    const nudges = { ...NO_NUDGES, happy: { Comedy: 0.5, Drama: 0.2 }, sad: { Drama: -0.3 } };
    const effective = effectiveWeights(MATCH_WEIGHTS, nudges);
    expect(effective.happy.Comedy).toBe(1);
    expect(effective.happy.Drama).toBe(0.2);
    expect(effective.happy.Children).toBe(MATCH_WEIGHTS.happy.Children);
    expect(effective.sad.Drama).toBeCloseTo(MATCH_WEIGHTS.sad.Drama! - 0.3);
  });

  it('lists the non-zero nudges per emotion for the options page', () => {
    const nudges = nudgesFrom([vote('amelie', 'up'), vote('comedy-1', 'up'), vote('saw', 'down', 'fear')], genresOf);
    const lines = nudgeLines(nudges);
    expect(lines.map((line) => line.emotion)).toEqual(['fear', 'happy']);
    expect(lines[1]!.nudges).toEqual([
      { genre: 'Comedy', delta: 0.2 },
      { genre: 'Romance', delta: 0.1 },
    ]);
    expect(lines[1]!.text).toBe('Happy: Comedy +0.2, Romance +0.1');
    expect(lines[0]!.text).toBe('Afraid: Horror −0.1, Thriller −0.1');
    expect(nudgeLines(NO_NUDGES)).toEqual([]);
  });
});
