/**
 * MediaPipe BlazeFace (short range) through @mediapipe/tasks-vision, loaded entirely from the extension:
 * the wasm from /mediapipe/wasm/ (copied there at build time), the model from /models/.
 */
import { FaceDetector, FilesetResolver, type Detection } from '@mediapipe/tasks-vision';
import { browser } from 'wxt/browser';
import { mergeFaces, tileRects, type Box, type Point } from '../preprocess';

/** Anything the detector and readFace accept. */
export type FaceImage = ImageBitmap | HTMLCanvasElement | OffscreenCanvas | HTMLImageElement;

/** One face, in pixels of the image it was found in. */
export interface DetectedFace {
  box: Box;
  /** BlazeFace's six keypoints: right eye, left eye, nose tip, mouth, right ear tragion, left ear tragion (the subject's right/left). */
  keypoints: Point[];
  score: number;
}

export interface DetectOptions {
  /**
   * Also search four overlapping tiles and merge (5 detections instead of 1): finds the small faces of a
   * group photo that the 128 px detector input loses. For photos, not for every camera frame.
   */
  tiled?: boolean;
}

export interface FaceDetectorHandle {
  /** Faces in `image`, largest first; synchronous (~7 ms a pass on the CPU delegate). */
  detect(image: FaceImage, options?: DetectOptions): DetectedFace[];
  /** Frees the wasm graph. */
  close(): void;
}

export interface DetectorOptions {
  minDetectionConfidence?: number;
  /** Folder of vision_wasm_internal.{js,wasm}; defaults to the packaged /mediapipe/wasm. */
  wasmPath?: string;
  /** BlazeFace .tflite URL; defaults to the packaged /models/blaze_face_short_range.tflite. */
  modelPath?: string;
}

/** Width and height of an image source, whichever kind it is. */
export function imageSize(image: FaceImage): { width: number; height: number } {
  if (typeof HTMLImageElement !== 'undefined' && image instanceof HTMLImageElement) {
    return { width: image.naturalWidth, height: image.naturalHeight };
  }
  return { width: image.width, height: image.height };
}

/** Converts tasks-vision detections (pixel box, normalised keypoints) to pixel faces, largest first. */
export function toDetectedFaces(detections: readonly Detection[], width: number, height: number): DetectedFace[] {
  const faces: DetectedFace[] = [];
  for (const d of detections) {
    const b = d.boundingBox;
    if (!b || !(b.width > 0 && b.height > 0)) continue;
    faces.push({
      box: { x: b.originX, y: b.originY, width: b.width, height: b.height },
      keypoints: d.keypoints.map((k) => ({ x: k.x * width, y: k.y * height })),
      score: d.categories[0]?.score ?? 0,
    });
  }
  return faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
}

/** Loads BlazeFace in IMAGE mode on the CPU delegate (the GPU delegate needs WebGL in this document). */
export async function createFaceDetector(options: DetectorOptions = {}): Promise<FaceDetectorHandle> {
  // The module-loader variant of the fileset fails in extension pages: point at the classic loader.
  const fileset = await FilesetResolver.forVisionTasks(options.wasmPath ?? browser.runtime.getURL('/mediapipe/wasm' as '/'));
  const detector = await FaceDetector.createFromOptions(fileset, {
    baseOptions: {
      modelAssetPath: options.modelPath ?? browser.runtime.getURL('/models/blaze_face_short_range.tflite' as '/'),
      delegate: 'CPU',
    },
    runningMode: 'IMAGE',
    minDetectionConfidence: options.minDetectionConfidence ?? 0.5,
  });
  return {
    detect(image, opts = {}) {
      const { width, height } = imageSize(image);
      if (!(width > 0 && height > 0)) return [];
      const whole = toDetectedFaces(detector.detect(image).detections, width, height);
      if (!opts.tiled) return whole;
      const found = [...whole];
      for (const t of tileRects(width, height)) {
        const canvas = new OffscreenCanvas(t.width, t.height);
        const ctx = canvas.getContext('2d');
        if (!ctx) break;
        ctx.drawImage(image, t.x, t.y, t.width, t.height, 0, 0, t.width, t.height);
        for (const f of toDetectedFaces(detector.detect(canvas).detections, t.width, t.height)) {
          found.push({
            box: { ...f.box, x: f.box.x + t.x, y: f.box.y + t.y },
            keypoints: f.keypoints.map((k) => ({ x: k.x + t.x, y: k.y + t.y })),
            score: f.score,
          });
        }
      }
      return mergeFaces(found);
    },
    close: () => detector.close(),
  };
}
