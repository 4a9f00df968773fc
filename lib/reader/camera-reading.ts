/**
 * One camera reading, over injected parts (the camera, the loaded detector and model, and the step that reads
 * one frame with them), so the loop is unit-tested with fakes; entrypoints/offscreen/reader.ts wires in the
 * real ones. The rules:
 * - one overall deadline covers the model load, the camera's opening and every frame wait; it tightens to
 *   the plan's longest reading (plus a little) once frames can flow, so a frozen track ends in seconds;
 * - a cancel (the popup closed) ends the reading at once;
 * - however it ends (done, failed, deadline, cancelled), the camera is stopped before the answer is given,
 *   and a frame that arrives after the end is closed unread.
 */
import { topEmotion } from '../mood/emotions';
import type { Backend, FaceReading, MoodFailure, PersonMood, ReadOutcome } from '../mood/types';
import {
  cameraFailure,
  FACE_TOO_SMALL,
  modelFailure,
  NO_FACE,
  readingFailure,
  readingTimedOut,
  READING_CANCELLED,
} from './errors';
import { addFrame, peopleFrom, type Track } from './face-tracking';
import { nextStep, type ReadingPlan } from './reading-plan';
import { combineFrames } from './smoothing';
import { mean, median } from './stats';
import type { DetectedFace } from './vision/face-detector';
import type { FacesReading } from './vision/read-face';

/** Most people a movie-night reading reads (the CNN runs once per face per frame). */
export const MAX_PEOPLE = 8;

/** From the request to the end of the reading, whatever happens (a cold model load on a slow computer fits). */
const READING_DEADLINE_MS = 30_000;
/**
 * Once the camera and the model are ready: the plan's longest reading plus this, for a webcam's first frame
 * (often most of a second) and the last frame's work on a slow backend.
 */
const FRAME_GRACE_MS = 4_000;

/** What the loop needs of a camera: frames it closes after reading, and a stop that turns the light off. */
interface FrameSource<Frame extends { close(): void }> {
  nextFrame(): Promise<Frame>;
  stop(): void;
}

/** What the loop needs of the model: which backend ran it and which failed first (for the reading's record). */
export interface ModelInfo {
  backend: Backend;
  failed: { backend: Backend; error: string }[];
}

export interface FrameReadOptions {
  max: number;
  tiled?: boolean;
  /** Read the faces at these boxes instead of detecting again (see below). */
  reuse?: DetectedFace[];
}

export interface CameraReadingParts<Frame extends { close(): void }, Pipeline extends { model: ModelInfo }> {
  openCamera(): Promise<FrameSource<Frame>>;
  /** The detector and the model, loaded (or already loaded) for the user's backend. */
  loadPipeline(): Promise<Pipeline>;
  /** Runs the detector (unless `reuse` is given) and the model over one frame. */
  readFrame(frame: Frame, pipeline: Pipeline, options: FrameReadOptions): Promise<FacesReading>;
  /** Milliseconds, monotonic (performance.now in the browser). */
  now?: () => number;
}

export interface CameraReadingOptions {
  plan: ReadingPlan;
  group: boolean;
  /** Overall limit; READING_DEADLINE_MS unless a test says otherwise. */
  deadlineMs?: number;
  frameGraceMs?: number;
  /** Aborted when the reading is no longer wanted (the popup closed). */
  signal?: AbortSignal;
}

function fail(failure: MoodFailure): ReadOutcome {
  return { ok: false, ...failure };
}

export interface ReadingTiming {
  frames: FacesReading[];
  model: ModelInfo;
  startedAt: number;
  endedAt: number;
  source: FaceReading['source'];
  /** Epoch milliseconds of the answer. */
  at: number;
}

/** A finished reading from the distribution(s) read; the timings come from every frame. */
function reading(
  probabilities: number[],
  people: PersonMood[] | undefined,
  faceFrames: number,
  t: ReadingTiming,
): ReadOutcome {
  const withFace = t.frames.filter((f) => f.faces.length > 0);
  return {
    ok: true,
    reading: {
      emotion: topEmotion(probabilities),
      probabilities,
      backend: t.model.backend,
      failedBackends: t.model.failed,
      cnnMs: median(withFace.map((f) => f.cnnMs / f.faces.length)),
      detectMs: median(t.frames.filter((f) => !f.reused).map((f) => f.detectMs)),
      frameMs: mean(t.frames.map((f) => f.detectMs + f.cnnMs)),
      totalMs: Math.round(t.endedAt - t.startedAt),
      frames: faceFrames,
      faces: people ? people.length : Math.max(...t.frames.map((f) => f.found)),
      ...(people ? { people } : {}),
      source: t.source,
      at: t.at,
    },
  };
}

/** Largest face of each frame, smoothed: a single reading. */
function singleReading(t: ReadingTiming): ReadOutcome {
  const faces = t.frames.flatMap((f) => f.faces.slice(0, 1));
  const probabilities = combineFrames(faces.map((f) => ({ probabilities: f.probabilities, weight: f.score })));
  if (!probabilities) return fail(t.frames.some((f) => f.tooSmall > 0) ? FACE_TOO_SMALL : NO_FACE);
  return reading(probabilities, undefined, faces.length, t);
}

/** Everyone followed across frames; one person gives a single reading, none gives no-face. */
function groupReading(t: ReadingTiming): ReadOutcome {
  let tracks: Track[] = [];
  const faceFrames = t.frames.filter((f) => f.faces.length > 0);
  faceFrames.forEach((frame, i) => {
    tracks = addFrame(tracks, frame.faces, i);
  });
  const people = peopleFrom(tracks, faceFrames.length);
  if (people.length <= 1) return singleReading(t);
  // The group's mood: everyone counts the same, however long the detector saw them.
  const group = combineFrames(people.map((p) => ({ probabilities: p.probabilities })))!;
  const moods = people.map((p) => ({ emotion: topEmotion(p.probabilities), probabilities: p.probabilities }));
  return reading(group, moods, faceFrames.length, t);
}

/** The reading of the frames read (a camera's several, or a photo's one). */
export function outcomeOf(timing: ReadingTiming, group: boolean): ReadOutcome {
  return group ? groupReading(timing) : singleReading(timing);
}

/** Why a reading stopped before its plan said so. */
class Stopped extends Error {
  /** What the reading was waiting for when it stopped. */
  during: 'camera' | 'pipeline' = 'pipeline';
  constructor(readonly why: 'deadline' | 'cancelled') {
    super(why);
  }
}

/** A failure from one of the two places a frame loop can fail: the camera or the pipeline. */
class StageError extends Error {
  constructor(
    readonly stage: 'camera' | 'pipeline',
    override readonly cause: unknown,
  ) {
    super(String(cause));
  }
}

/**
 * The end of a reading as a promise that rejects with Stopped at the deadline or on cancel; `race` makes every
 * wait end there too. The deadline can only move earlier.
 */
function createLimit(deadlineMs: number, signal: AbortSignal | undefined) {
  let reject!: (error: Stopped) => void;
  const stopped = new Promise<never>((_, r) => {
    reject = r;
  });
  stopped.catch(() => undefined);
  let timer = setTimeout(() => reject(new Stopped('deadline')), deadlineMs);
  let deadlineAt = Date.now() + deadlineMs;
  const onAbort = () => reject(new Stopped('cancelled'));
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    /** Waits for `work` unless the reading stops first; `discard` tidies a result that came too late. */
    race<T>(work: Promise<T>, discard?: (late: T) => void): Promise<T> {
      return Promise.race([work, stopped]).catch((error: unknown) => {
        if (error instanceof Stopped && discard) work.then(discard, () => undefined);
        throw error;
      });
    },
    /** Moves the deadline to `ms` from now if that is earlier; says whether it moved. */
    tighten(ms: number): boolean {
      if (Date.now() + ms >= deadlineAt) return false;
      clearTimeout(timer);
      deadlineAt = Date.now() + ms;
      timer = setTimeout(() => reject(new Stopped('deadline')), ms);
      return true;
    },
    end() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

type Limit = ReturnType<typeof createLimit>;

async function stage<T>(name: StageError['stage'], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Stopped) {
      error.during = name;
      throw error;
    }
    throw new StageError(name, error);
  }
}

/** Reads frames until the plan says the reading is done; throws StageError or Stopped. */
async function readFrames<Frame extends { close(): void }, Pipeline extends { model: ModelInfo }>(
  parts: CameraReadingParts<Frame, Pipeline>,
  camera: FrameSource<Frame>,
  pipeline: Pipeline,
  { plan, group }: CameraReadingOptions,
  limit: Limit,
  now: () => number,
  /** Filled as frames are read, so a reading cut short by the deadline can still use them. */
  frames: FacesReading[],
): Promise<FacesReading[] | 'no-face'> {
  let faceFrames = 0;
  let firstFrameAt: number | null = null;
  let firstFaceAt: number | null = null;
  // A group sits further back: search tiles too, so faces a few metres away are found.
  const options = group ? { max: MAX_PEOPLE, tiled: true } : { max: 1 };
  // Faces move little in a tenth of a second (three frames at 30 fps): detect on one frame in three and read
  // the next ones at the boxes just found. Every frame is still read by the CNN from its own pixels.
  const detectEvery = 3;
  let previous: FacesReading | null = null;
  for (let index = 0; ; index++) {
    const frame = await stage('camera', () => limit.race(camera.nextFrame(), (late) => late.close()));
    const at = now();
    firstFrameAt ??= at;
    const reuse: DetectedFace[] | undefined =
      previous && previous.faces.length > 0 && index % detectEvery !== 0 ? previous.detected : undefined;
    try {
      const read: FacesReading = await stage('pipeline', () =>
        limit.race(parts.readFrame(frame, pipeline, { ...options, ...(reuse ? { reuse } : {}) })),
      );
      previous = read;
      frames.push(read);
      if (read.faces.length > 0) {
        faceFrames++;
        firstFaceAt ??= at;
      }
    } finally {
      frame.close();
    }
    const decision = nextStep(
      {
        elapsedMs: now() - firstFrameAt,
        faceFrames,
        sinceFirstFaceMs: firstFaceAt === null ? null : now() - firstFaceAt,
      },
      plan,
    );
    if (decision === 'no-face') return 'no-face';
    if (decision === 'done') return frames;
  }
}

/**
 * One camera reading: opens the camera while the model loads (both take hundreds of milliseconds), reads
 * frames until the plan is satisfied, and stops the camera before answering, whatever happened.
 */
export async function readCameraMood<Frame extends { close(): void }, Pipeline extends { model: ModelInfo }>(
  parts: CameraReadingParts<Frame, Pipeline>,
  options: CameraReadingOptions,
): Promise<ReadOutcome> {
  if (options.signal?.aborted) return fail(READING_CANCELLED); // cancelled before its turn: no camera at all
  const now = parts.now ?? (() => performance.now());
  const startedAt = now();
  const deadlineMs = options.deadlineMs ?? READING_DEADLINE_MS;
  const limit = createLimit(deadlineMs, options.signal);
  let camera: FrameSource<Frame> | null = null;
  let stopped = false;
  const stopCamera = () => {
    stopped = true;
    camera?.stop();
    camera = null;
  };
  // A camera that opens after the reading ended is stopped the moment it opens.
  const opening = parts.openCamera().then((opened) => {
    if (stopped) opened.stop();
    else camera = opened;
    return opened;
  });
  opening.catch(() => undefined);
  let limitMs = deadlineMs;
  const ended = (stop: Stopped): ReadOutcome =>
    fail(stop.why === 'cancelled' ? READING_CANCELLED : readingTimedOut(stop.during, limitMs / 1000));
  try {
    let pipeline: Pipeline;
    try {
      pipeline = await stage('pipeline', () => limit.race(parts.loadPipeline()));
    } catch (error) {
      if (error instanceof Stopped) return ended(error);
      return fail(modelFailure(error instanceof StageError ? error.cause : error));
    }
    try {
      await stage('camera', () => limit.race(opening));
    } catch (error) {
      if (error instanceof Stopped) return ended(error);
      return fail(cameraFailure(error instanceof StageError ? error.cause : error));
    }
    // Frames can flow now: the reading ends within the plan's longest span, whatever the camera does.
    const framesMs = options.plan.maxMs + (options.frameGraceMs ?? FRAME_GRACE_MS);
    if (limit.tighten(framesMs)) limitMs = framesMs;
    let frames: FacesReading[] | 'no-face';
    const read: FacesReading[] = [];
    try {
      frames = await readFrames(parts, camera!, pipeline, options, limit, now, read);
    } catch (error) {
      // The camera froze (or the model stalled) after enough faces for a reading: the plan would have ended
      // it at its longest anyway, so the faces read count.
      const enough = read.filter((f) => f.faces.length > 0).length >= options.plan.minFaceFrames;
      if (error instanceof Stopped && error.why === 'deadline' && enough) frames = read;
      else if (error instanceof Stopped) return ended(error);
      else if (error instanceof StageError) return fail(readingFailure(error.cause, error.stage));
      else return fail(readingFailure(error, 'pipeline'));
    }
    stopCamera(); // the camera light goes off the moment we have what we need
    if (frames === 'no-face') return fail(NO_FACE);
    return outcomeOf(
      { frames, model: pipeline.model, startedAt, endedAt: now(), source: 'camera', at: Date.now() },
      options.group,
    );
  } finally {
    stopCamera();
    limit.end();
  }
}
