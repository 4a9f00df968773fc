/** One reading: camera (several frames, smoothed) or photo (one image), through the same face pipeline. */
import { topEmotion } from '@/lib/emotions';
import type { BackendSetting, MoodReading, ReadOutcome } from '@/lib/messages';
import { BAD_PHOTO, cameraFailure, modelFailure, NO_FACE, type MoodFailure } from '@/lib/mood-errors';
import { DEFAULT_PLAN, nextStep } from '@/lib/reading-plan';
import { combineFrames, type FrameProbabilities } from '@/lib/smoothing';
import { median } from '@/lib/stats';
import { createFaceDetector, type FaceDetectorHandle } from '@/lib/vision/face-detector';
import { loadEmotionModel, type EmotionModel } from '@/lib/vision/emotion-model';
import { readFace, type FaceReading } from '@/lib/vision/read-face';
import { openCamera } from './camera';

interface Pipeline {
  detector: FaceDetectorHandle;
  model: EmotionModel;
  setting: BackendSetting;
}

let pipeline: Promise<Pipeline> | null = null;

/** Loads (once) the detector and the model on the chosen backend; a failed load is retried next time. */
export async function prepare(requested?: BackendSetting): Promise<Pipeline> {
  // Offscreen documents only get chrome.runtime, so the background passes the user's setting along.
  const setting = requested ?? 'auto';
  if (pipeline) {
    const ready = await pipeline.catch(() => null);
    if (ready && ready.setting === setting) return ready;
    if (ready) ready.model.dispose();
  }
  pipeline = (async () => {
    const [detector, model] = await Promise.all([createFaceDetector(), loadEmotionModel({ setting })]);
    return { detector, model, setting };
  })();
  pipeline.catch(() => {
    pipeline = null;
  });
  return pipeline;
}

function fail(failure: MoodFailure): ReadOutcome {
  return { ok: false, ...failure };
}

function reading(frames: FaceReading[], source: MoodReading['source'], backend: MoodReading['backend'], startedAt: number): ReadOutcome {
  const withFace = frames.filter((f): f is FaceReading & { probabilities: number[] } => f.probabilities !== null);
  const inputs: FrameProbabilities[] = withFace.map((f) => ({ probabilities: f.probabilities, weight: f.score }));
  const probabilities = combineFrames(inputs);
  if (!probabilities) return fail(NO_FACE);
  return {
    ok: true,
    reading: {
      emotion: topEmotion(probabilities),
      probabilities,
      backend,
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

export async function readFromCamera(backend?: BackendSetting): Promise<ReadOutcome> {
  const startedAt = performance.now();
  // Open the camera while the model finishes loading: both take hundreds of milliseconds.
  const cameraOpening = openCamera();
  let ready: Pipeline;
  try {
    ready = await prepare(backend);
  } catch (error) {
    void cameraOpening.then((camera) => camera.stop(), () => undefined);
    return fail(modelFailure(error));
  }
  let camera;
  try {
    camera = await cameraOpening;
  } catch (error) {
    return fail(cameraFailure(error));
  }
  const frames: FaceReading[] = [];
  try {
    let firstFrameAt: number | null = null;
    let firstFaceAt: number | null = null;
    for (;;) {
      const bitmap = await camera.nextFrame();
      const now = performance.now();
      firstFrameAt ??= now;
      try {
        const frame = await readFace(bitmap, ready.detector, ready.model);
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
        DEFAULT_PLAN,
      );
      if (decision === 'no-face') return fail(NO_FACE);
      if (decision === 'done') break;
    }
  } catch (error) {
    return fail(cameraFailure(error));
  } finally {
    camera.stop(); // the camera light goes off the moment we have what we need
  }
  return reading(frames, 'camera', ready.model.backend, startedAt);
}

export async function readFromPhoto(dataUrl: string, backend?: BackendSetting): Promise<ReadOutcome> {
  const startedAt = performance.now();
  let ready: Pipeline;
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
    // One still image: worth the mirrored second pass and the tiled search for small faces.
    const frame = await readFace(bitmap, ready.detector, ready.model, { flip: true, tiled: true });
    return reading([frame], 'photo', ready.model.backend, startedAt);
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
