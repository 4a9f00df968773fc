/**
 * The offscreen document's reader: the real camera, detector and model wired into the camera reading
 * (lib/reader/camera-reading.ts), photo readings, warm-ups and the backend speed test. All of them run one at
 * a time, so the speed test never disposes a model a reading is using.
 */
import type { Backend, BackendSetting, BackendSpeed, ReadingLength, ReadOutcome } from '@/lib/mood/types';
import { measureBackend } from '@/lib/reader/backend-speed';
import { MAX_PEOPLE, outcomeOf, readCameraMood } from '@/lib/reader/camera-reading';
import { BAD_PHOTO, modelFailure, photoTooSmall, readingFailure } from '@/lib/reader/errors';
import { oneAtATime } from '@/lib/reader/one-at-a-time';
import { createPipelineCache, type Pipeline } from '@/lib/reader/pipeline-cache';
import { MIN_FACE_PIXELS } from '@/lib/reader/preprocess';
import { READING_PLANS } from '@/lib/reader/reading-plan';
import { createFaceDetector, type FaceDetectorHandle } from '@/lib/reader/vision/face-detector';
import { loadEmotionModel, type EmotionModel } from '@/lib/reader/vision/emotion-model';
import { readFaces } from '@/lib/reader/vision/read-face';
import { openCamera } from './camera';

type ReaderPipeline = Pipeline<FaceDetectorHandle, EmotionModel>;

const pipelines = createPipelineCache<FaceDetectorHandle, EmotionModel>({
  loadDetector: () => createFaceDetector(),
  loadModel: (setting) => loadEmotionModel({ setting }),
  disposeModel: (model) => model.dispose(),
});

/** Readings, warm-ups and the speed test, one at a time (see one-at-a-time.ts). */
const serial = oneAtATime();

/**
 * Loads (once) the detector and the model for the user's backend setting. Offscreen documents only get
 * chrome.runtime, so the background passes the setting along with every request.
 */
export function prepare(setting: BackendSetting = 'auto'): Promise<ReaderPipeline> {
  return serial(() => pipelines.get(setting));
}

export interface CameraReadOptions {
  backend?: BackendSetting;
  length?: ReadingLength;
  group?: boolean;
}

export function readFromCamera(
  { backend = 'auto', length = 'normal', group = false }: CameraReadOptions = {},
  signal?: AbortSignal,
): Promise<ReadOutcome> {
  return serial(() =>
    readCameraMood(
      {
        openCamera: () => openCamera({ highResolution: group }),
        loadPipeline: () => pipelines.get(backend),
        readFrame: (bitmap, ready, options) => readFaces(bitmap, ready.detector, ready.model, options),
      },
      { plan: READING_PLANS[length], group, signal },
    ),
  );
}

export function readFromPhoto(
  dataUrl: string,
  { backend = 'auto', group = false }: CameraReadOptions = {},
): Promise<ReadOutcome> {
  return serial(async () => {
    const startedAt = performance.now();
    let ready: ReaderPipeline;
    try {
      ready = await pipelines.get(backend);
    } catch (error) {
      return { ok: false, ...modelFailure(error) };
    }
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(dataUrlToBlob(dataUrl));
    } catch {
      return { ok: false, ...BAD_PHOTO };
    }
    try {
      if (Math.min(bitmap.width, bitmap.height) < MIN_FACE_PIXELS) {
        return { ok: false, ...photoTooSmall(bitmap.width, bitmap.height, MIN_FACE_PIXELS) };
      }
      // One still image: worth the mirrored second pass and the tiled search for small faces.
      const frame = await readFaces(bitmap, ready.detector, ready.model, {
        flip: true,
        tiled: true,
        max: group ? MAX_PEOPLE : 1,
      });
      return outcomeOf(
        { frames: [frame], model: ready.model, startedAt, endedAt: performance.now(), source: 'photo', at: Date.now() },
        group,
      );
    } catch (error) {
      return { ok: false, ...readingFailure(error, 'pipeline') };
    } finally {
      bitmap.close();
    }
  });
}

/**
 * One backend of the options page's speed test; it waits for a reading in progress, and a reading asked for
 * meanwhile waits for it.
 */
export function testBackend(backend: Backend, restore: BackendSetting | null): Promise<BackendSpeed> {
  return serial(() => measureBackend(pipelines, backend, restore));
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
