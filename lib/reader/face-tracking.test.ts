import { describe, expect, it } from 'vitest';
import { addFrame, peopleFrom, type FaceObservation, type Track } from './face-tracking';

const HAPPY = [0, 0, 0, 1, 0, 0, 0];
const SAD = [0, 0, 0, 0, 1, 0, 0];
const SURPRISE = [0, 0, 0, 0, 0, 1, 0];
const face = (x: number, probabilities: number[], y = 100, size = 80): FaceObservation => ({
  box: { x, y, width: size, height: size },
  score: 0.9,
  probabilities,
});

/** Runs frames through the tracker and returns the people found. */
function track(frames: FaceObservation[][]) {
  let tracks: Track[] = [];
  frames.forEach((faces, i) => {
    tracks = addFrame(tracks, faces, i);
  });
  return { tracks, people: peopleFrom(tracks, frames.length) };
}

describe('face tracking', () => {
  it('keeps each of three still people apart and orders them left to right', () => {
    const frames = Array.from({ length: 6 }, () => [face(500, SAD), face(100, HAPPY), face(300, SURPRISE)]);
    const { people } = track(frames);
    expect(people.map((p) => p.probabilities.indexOf(1))).toEqual([3, 5, 4]);
    expect(people.every((p) => p.frames === 6)).toBe(true);
  });

  it('follows two faces that swap sides, one happy and one sad, without mixing their readings', () => {
    // Face A walks from x=100 to x=460 while B walks from 460 to 100, 40 px a frame: they cross mid-way.
    const frames = Array.from({ length: 10 }, (_, i) => [face(100 + 40 * i, HAPPY, 100), face(460 - 40 * i, SAD, 150)]);
    const { tracks, people } = track(frames);
    expect(tracks).toHaveLength(2);
    for (const t of tracks) {
      const tops = new Set(t.frames.map((f) => f.probabilities.indexOf(1)));
      expect(tops.size).toBe(1); // every frame of a track is the same person
    }
    expect(people).toHaveLength(2);
    // Pure readings: nothing of the other person leaked in.
    expect(people.map((p) => Math.max(...p.probabilities))).toEqual([1, 1]);
  });

  it('still counts a person who left halfway, ends their track, and gives a newcomer in their place a new one', () => {
    const stay = (x: number) => face(x, HAPPY);
    const frames: FaceObservation[][] = [
      [stay(100), face(400, SAD)],
      [stay(100), face(402, SAD)],
      [stay(100), face(404, SAD)],
      [stay(100)],
      [stay(100)],
      [stay(100)],
      [stay(100)],
      [stay(100), face(404, SURPRISE)], // someone else sits down where the sad person was, 4 frames later
      [stay(100), face(404, SURPRISE)],
      [stay(100), face(404, SURPRISE)],
    ];
    const { tracks, people } = track(frames);
    expect(tracks).toHaveLength(3);
    expect(people.map((p) => p.probabilities.indexOf(1)).sort()).toEqual([3, 4, 5]);
  });

  it('ignores a face seen in a single frame out of many (a poster, a passing blur)', () => {
    const frames = Array.from({ length: 8 }, (_, i) =>
      i === 3 ? [face(100, HAPPY), face(600, SAD, 20, 40)] : [face(100, HAPPY)],
    );
    const { people } = track(frames);
    expect(people).toHaveLength(1);
  });

  it('treats a single photo (one frame) as one frame per person', () => {
    const { people } = track([[face(100, HAPPY), face(300, SAD)]]);
    expect(people).toHaveLength(2);
  });
});
