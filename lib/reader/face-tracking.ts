/**
 * Movie night: follows each face across the frames of one camera reading by where it is (box overlap), so
 * each person's frames are smoothed into their own distribution. Nothing here can recognise a person: a
 * track is a box position and the model's seven numbers, forgotten when the reading ends.
 */
import type { Box } from './preprocess';
import { iou } from './preprocess';
import { combineFrames } from './smoothing';

/** One face in one frame: where it is, how sure the detector was, and what the model read. */
export interface FaceObservation {
  box: Box;
  score: number;
  probabilities: readonly number[];
}

export interface Track {
  /** Last seen position (a face moves a little between frames). */
  box: Box;
  /** Frames this face was seen in, with what the model read each time. */
  frames: { probabilities: readonly number[]; score: number; box: Box }[];
  /** Index of the last frame it was seen in. */
  lastSeen: number;
}

export interface TrackerOptions {
  /** Least overlap (intersection over union) for a face to continue a track. */
  minIou?: number;
  /** Frames a track may go unseen (a blink of the detector) before a face in its place starts a new one. */
  maxMissed?: number;
}

const DEFAULTS: Required<TrackerOptions> = { minIou: 0.3, maxMissed: 3 };

/**
 * Adds one frame's faces to the tracks: each face continues the unmatched track it overlaps most (pairs taken
 * best overlap first, so two faces never claim one track), or starts a new track. Returns new tracks.
 */
export function addFrame(
  tracks: readonly Track[],
  faces: readonly FaceObservation[],
  frameIndex: number,
  options: TrackerOptions = {},
): Track[] {
  const { minIou, maxMissed } = { ...DEFAULTS, ...options };
  const next = tracks.map((t) => ({ ...t, frames: [...t.frames] }));
  const live = next.map((t, i) => ({ t, i })).filter(({ t }) => frameIndex - t.lastSeen <= maxMissed + 1);
  const pairs: { face: number; track: number; overlap: number }[] = [];
  faces.forEach((face, f) => {
    for (const { t, i } of live) {
      const overlap = iou(face.box, t.box);
      if (overlap >= minIou) pairs.push({ face: f, track: i, overlap });
    }
  });
  pairs.sort((a, b) => b.overlap - a.overlap);
  const faceTaken = new Set<number>();
  const trackTaken = new Set<number>();
  for (const { face, track } of pairs) {
    if (faceTaken.has(face) || trackTaken.has(track)) continue;
    faceTaken.add(face);
    trackTaken.add(track);
    const observation = faces[face]!;
    const t = next[track]!;
    t.box = observation.box;
    t.lastSeen = frameIndex;
    t.frames.push({ probabilities: observation.probabilities, score: observation.score, box: observation.box });
  }
  faces.forEach((face, f) => {
    if (faceTaken.has(f)) return;
    next.push({
      box: face.box,
      lastSeen: frameIndex,
      frames: [{ probabilities: face.probabilities, score: face.score, box: face.box }],
    });
  });
  return next;
}

/** One person of a group reading: their own smoothed distribution and where they sat (for ordering only). */
export interface TrackedPerson {
  probabilities: number[];
  frames: number;
  /** Mean horizontal centre of their box, in source pixels. */
  centerX: number;
}

/**
 * The people of a reading, left to right: tracks seen in at least `minShare` of the frames (and at least
 * `minFrames`), so a face the detector saw once in the curtains is not a person, while one who left halfway
 * still counts. Each person's frames are combined as a single reading's are (weighted by detection score).
 */
export function peopleFrom(
  tracks: readonly Track[],
  totalFrames: number,
  { minShare = 0.3, minFrames = 2 } = {},
): TrackedPerson[] {
  const needed = Math.max(Math.min(minFrames, totalFrames), Math.ceil(minShare * totalFrames));
  const people: TrackedPerson[] = [];
  for (const track of tracks) {
    if (track.frames.length < needed) continue;
    const probabilities = combineFrames(track.frames.map((f) => ({ probabilities: f.probabilities, weight: f.score })));
    if (!probabilities) continue;
    const centerX = track.frames.reduce((sum, f) => sum + f.box.x + f.box.width / 2, 0) / track.frames.length;
    people.push({ probabilities, frames: track.frames.length, centerX });
  }
  return people.sort((a, b) => a.centerX - b.centerX);
}
