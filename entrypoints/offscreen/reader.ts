/** One reading: camera (several frames, smoothed) or photo (one image), through the same face pipeline. */
import { topEmotion } from '@/lib/mood/emotions';
import type { BackendSetting, MoodReading, ReadingLength, ReadOutcome } from '@/lib/mood/types';
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
import { createPipelineCache, type Pipeline } from '@/lib/reader/pipeline-cache';
import { MIN_FACE_PIXELS } from '@/lib/reader/preprocess';
import { nextStep, READING_PLANS, type ReadingPlan } from '@/lib/reader/reading-plan';
import { combineFrames, type FrameProbabilities } from '@/lib/reader/smoothing';
import { median } from '@/lib/reader/stats';
import { createFaceDetector, type FaceDetectorHandle } from '@/lib/reader/vision/face-detector';
import { loadEmotionModel, type EmotionModel } from '@/lib/reader/vision/emotion-model';
import { readFace, type FaceReading } from '@/lib/reader/vision/read-face';
import { openCamera, type Camera } from './camera';

type ReaderPipeline = Pipeline<FaceDetectorHandle, EmotionModel>;

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

function reading(frames: FaceReading[], source: MoodReading['source'], model: EmotionModel, startedAt: number): ReadOutcome {
  const withFace = frames.filter((f): f is FaceReading & { probabilities: number[] } => f.probabilities !== null);
  const inputs: FrameProbabilities[] = withFace.map((f) => ({ probabilities: f.probabilities, weight: f.score }));
  const probabilities = combineFrames(inputs);
  if (!probabilities) return fail(frames.some((f) => f.tooSmall > 0) ? FACE_TOO_SMALL : NO_FACE);
  return {
    ok: true,
    reading: {
      emotion: topEmotion(probabilities),
      probabilities,
      backend: model.backend,
      failedBackends: model.failed,
      cnnMs: median(withFace.map((f) => f.cnnMs)),
      detectMs: median(frames.map((f) => f.detectMs)),
      totalMs: Math.round(performance.now() - startedAt),
      frames: withFace.length,
      faces: Math.max(...frames.map((f) => f.faces)),
      source,
      at: Date.now(),
    },
  };
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
async function readFrames(camera: Camera, ready: ReaderPipeline, plan: ReadingPlan): Promise<FaceReading[] | 'no-face'> {
  const frames: FaceReading[] = [];
  let firstFrameAt: number | null = null;
  let firstFaceAt: number | null = null;
  for (;;) {
    const bitmap = await stage('camera', () => camera.nextFrame());
    const now = performance.now();
    firstFrameAt ??= now;
    try {
      const frame = await stage('pipeline', () => readFace(bitmap, ready.detector, ready.model));
      frames.push(frame);
      if (frame.probabilities) firstFaceAt ??= now;
    } finally {
      bitmap.close();
    }
    const decision = nextStep(
      {
        elapsedMs: performance.now() - firstFrameAt,
        faceFrames: frames.filter((f) => f.probabilities).length,
        sinceFirstFaceMs: firstFaceAt === null ? null : performance.now() - firstFaceAt,
      },
      plan,
    );
    if (decision === 'no-face') return 'no-face';
    if (decision === 'done') return frames;
  }
}

export async function readFromCamera(backend?: BackendSetting, length: ReadingLength = 'normal'): Promise<ReadOutcome> {
  const startedAt = performance.now();
  // Open the camera while the model finishes loading: both take hundreds of milliseconds.
  const cameraOpening = openCamera();
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
  let frames: FaceReading[] | 'no-face';
  try {
    frames = await readFrames(camera, ready, READING_PLANS[length]);
  } catch (error) {
    if (error instanceof StageError) return fail(readingFailure(error.cause, error.stage));
    return fail(readingFailure(error, 'pipeline'));
  } finally {
    camera.stop(); // the camera light goes off the moment we have what we need
  }
  if (frames === 'no-face') return fail(NO_FACE);
  return reading(frames, 'camera', ready.model, startedAt);
}

export async function readFromPhoto(dataUrl: string, backend?: BackendSetting): Promise<ReadOutcome> {
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
    const frame = await readFace(bitmap, ready.detector, ready.model, { flip: true, tiled: true });
    return reading([frame], 'photo', ready.model, startedAt);
  } catch (error) {
    return fail(readingFailure(error, 'pipeline'));
  } finally {
    bitmap.close();
  }
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
