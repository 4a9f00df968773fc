/**
 * One reading: camera (several frames, smoothed) or photo (one image), through the same face pipeline; for
 * movie night, every face (up to eight), each followed across frames and smoothed into its own reading.
 */
import { topEmotion } from '@/lib/mood/emotions';
import type { Backend, BackendSetting, BackendSpeed, MoodReading, PersonMood, ReadingLength, ReadOutcome } from '@/lib/mood/types';
import {
  BAD_PHOTO,
  cameraFailure,
  FACE_TOO_SMALL,
  modelFailure,
  NO_FACE,
  photoTooSmall,
  readingFailure,
  type MoodFailure,
} from '@/lib/reader/errors';
import { addFrame, peopleFrom, type Track } from '@/lib/reader/face-tracking';
import { createPipelineCache, type Pipeline } from '@/lib/reader/pipeline-cache';
import { MIN_FACE_PIXELS } from '@/lib/reader/preprocess';
import { nextStep, READING_PLANS, type ReadingPlan } from '@/lib/reader/reading-plan';
import { combineFrames } from '@/lib/reader/smoothing';
import { mean, median } from '@/lib/reader/stats';
import { createFaceDetector, type DetectedFace, type FaceDetectorHandle } from '@/lib/reader/vision/face-detector';
import { loadEmotionModel, type EmotionModel } from '@/lib/reader/vision/emotion-model';
import { readFaces, type FacesReading } from '@/lib/reader/vision/read-face';
import { openCamera, type Camera } from './camera';

type ReaderPipeline = Pipeline<FaceDetectorHandle, EmotionModel>;

/** Most people a movie-night reading reads (the CNN runs once per face per frame). */
export const MAX_PEOPLE = 8;

const pipelines = createPipelineCache<FaceDetectorHandle, EmotionModel>({
  loadDetector: () => createFaceDetector(),
  loadModel: (setting) => loadEmotionModel({ setting }),
  disposeModel: (model) => model.dispose(),
});

/**
 * Loads (once) the detector and the model for the user's backend setting. Offscreen documents only get
 * chrome.runtime, so the background passes the setting along with every request.
 */
export function prepare(setting: BackendSetting = 'auto'): Promise<ReaderPipeline> {
  return pipelines.get(setting);
}

function fail(failure: MoodFailure): ReadOutcome {
  return { ok: false, ...failure };
}

interface Timing {
  frames: FacesReading[];
  model: EmotionModel;
  startedAt: number;
  source: MoodReading['source'];
}

/** A finished reading from the distribution(s) read; the timings come from every frame. */
function reading(probabilities: number[], people: PersonMood[] | undefined, faceFrames: number, t: Timing): ReadOutcome {
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
      totalMs: Math.round(performance.now() - t.startedAt),
      frames: faceFrames,
      faces: people ? people.length : Math.max(...t.frames.map((f) => f.found)),
      ...(people ? { people } : {}),
      source: t.source,
      at: Date.now(),
    },
  };
}

/** Largest face of each frame, smoothed: today's single reading. */
function singleReading(t: Timing): ReadOutcome {
  const faces = t.frames.flatMap((f) => f.faces.slice(0, 1));
  const probabilities = combineFrames(faces.map((f) => ({ probabilities: f.probabilities, weight: f.score })));
  if (!probabilities) return fail(t.frames.some((f) => f.tooSmall > 0) ? FACE_TOO_SMALL : NO_FACE);
  return reading(probabilities, undefined, faces.length, t);
}

/** Everyone followed across frames; one person gives a single reading, none gives no-face. */
function groupReading(t: Timing): ReadOutcome {
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

/** A failure from one of the two places a frame loop can fail: the camera or the pipeline. */
class StageError extends Error {
  constructor(readonly stage: 'camera' | 'pipeline', override readonly cause: unknown) {
    super(String(cause));
  }
}

async function stage<T>(name: StageError['stage'], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StageError(name, error);
  }
}

/** Reads frames until the plan says the reading is done; throws StageError. */
async function readFrames(camera: Camera, ready: ReaderPipeline, plan: ReadingPlan, group: boolean): Promise<FacesReading[] | 'no-face'> {
  const frames: FacesReading[] = [];
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
    const bitmap = await stage('camera', () => camera.nextFrame());
    const now = performance.now();
    firstFrameAt ??= now;
    const reuse: DetectedFace[] | undefined = previous && previous.faces.length > 0 && index % detectEvery !== 0 ? previous.detected : undefined;
    try {
      const frame: FacesReading = await stage('pipeline', () => readFaces(bitmap, ready.detector, ready.model, { ...options, reuse }));
      previous = frame;
      frames.push(frame);
      if (frame.faces.length > 0) {
        faceFrames++;
        firstFaceAt ??= now;
      }
    } finally {
      bitmap.close();
    }
    const decision = nextStep(
      {
        elapsedMs: performance.now() - firstFrameAt,
        faceFrames,
        sinceFirstFaceMs: firstFaceAt === null ? null : performance.now() - firstFaceAt,
      },
      plan,
    );
    if (decision === 'no-face') return 'no-face';
    if (decision === 'done') return frames;
  }
}

export interface CameraReadOptions {
  backend?: BackendSetting;
  length?: ReadingLength;
  group?: boolean;
}

export async function readFromCamera({ backend, length = 'normal', group = false }: CameraReadOptions = {}): Promise<ReadOutcome> {
  const startedAt = performance.now();
  // Open the camera while the model finishes loading: both take hundreds of milliseconds.
  const cameraOpening = openCamera({ highResolution: group });
  let ready: ReaderPipeline;
  try {
    ready = await prepare(backend);
  } catch (error) {
    void cameraOpening.then((camera) => camera.stop(), () => undefined);
    return fail(modelFailure(error));
  }
  let camera: Camera;
  try {
    camera = await cameraOpening;
  } catch (error) {
    return fail(cameraFailure(error));
  }
  let frames: FacesReading[] | 'no-face';
  try {
    frames = await readFrames(camera, ready, READING_PLANS[length], group);
  } catch (error) {
    if (error instanceof StageError) return fail(readingFailure(error.cause, error.stage));
    return fail(readingFailure(error, 'pipeline'));
  } finally {
    camera.stop(); // the camera light goes off the moment we have what we need
  }
  if (frames === 'no-face') return fail(NO_FACE);
  const timing = { frames, model: ready.model, startedAt, source: 'camera' as const };
  return group ? groupReading(timing) : singleReading(timing);
}

export async function readFromPhoto(dataUrl: string, { backend, group = false }: CameraReadOptions = {}): Promise<ReadOutcome> {
  const startedAt = performance.now();
  let ready: ReaderPipeline;
  try {
    ready = await prepare(backend);
  } catch (error) {
    return fail(modelFailure(error));
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(dataUrlToBlob(dataUrl));
  } catch {
    return fail(BAD_PHOTO);
  }
  try {
    if (Math.min(bitmap.width, bitmap.height) < MIN_FACE_PIXELS) {
      return fail(photoTooSmall(bitmap.width, bitmap.height, MIN_FACE_PIXELS));
    }
    // One still image: worth the mirrored second pass and the tiled search for small faces.
    const frame = await readFaces(bitmap, ready.detector, ready.model, { flip: true, tiled: true, max: group ? MAX_PEOPLE : 1 });
    const timing = { frames: [frame], model: ready.model, startedAt, source: 'photo' as const };
    return group ? groupReading(timing) : singleReading(timing);
  } catch (error) {
    return fail(readingFailure(error, 'pipeline'));
  } finally {
    bitmap.close();
  }
}

/**
 * The options page's speed test: loads the model on each backend in turn (forced by name, so a software
 * WebGPU is measured too), times single-face inferences, then loads the user's own setting again.
 */
export async function testBackends(restore: BackendSetting): Promise<BackendSpeed[]> {
  // Three smooth synthetic 48×48 "faces": the timing does not depend on what the pixels show.
  const faces = [0.2, 0.5, 0.8].map((level) => Float32Array.from({ length: 48 * 48 }, (_, i) => level + 0.1 * Math.sin(i / 7)));
  const results: BackendSpeed[] = [];
  for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as Backend[]) {
    try {
      const started = performance.now();
      const { model } = await pipelines.get(backend);
      const loadMs = performance.now() - started;
      if (model.backend !== backend) {
        const why = model.failed.find((f) => f.backend === backend)?.error ?? 'this browser does not offer it';
        results.push({ backend, available: false, error: why });
        continue;
      }
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        await model.predict([faces[i % faces.length]!]);
        times.push(performance.now() - t0);
      }
      results.push({ backend, available: true, loadMs: Math.round(loadMs), msPerFace: Math.round(median(times) * 10) / 10 });
    } catch (error) {
      results.push({ backend, available: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  await pipelines.get(restore).catch(() => undefined);
  return results;
}

/** Decodes a data: URL without fetch (the CSP's connect-src 'self' refuses data: fetches). */
function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error('not a data URL');
  const [, type, base64, body] = match;
  const text = base64 ? atob(body!) : decodeURIComponent(body!);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Blob([bytes], { type: type || 'application/octet-stream' });
}
