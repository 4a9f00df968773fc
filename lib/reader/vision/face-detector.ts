/**
 * MediaPipe BlazeFace (short range) through @mediapipe/tasks-vision, loaded entirely from the extension:
 * the wasm from /mediapipe/wasm/ (copied there at build time), the model from /models/.
 */
import { FaceDetector, FilesetResolver, type Detection } from '@mediapipe/tasks-vision';
import { browser } from 'wxt/browser';
import { mergeFaces, tileRects, type Box, type Point } from '../preprocess';

/** Anything the detector and readFaces accept. */
export type FaceImage = ImageBitmap | HTMLCanvasElement | OffscreenCanvas | HTMLImageElement;

/** One face, in pixels of the image it was found in. */
export interface DetectedFace {
  box: Box;
  /** BlazeFace's six keypoints: right eye, left eye, nose tip, mouth, right ear tragion, left ear tragion (the subject's right/left). */
  keypoints: Point[];
  score: number;
}

interface DetectOptions {
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

/**
 * BlazeFace short-range looks at a 128 px square whatever it is given, so a frame or tile is shrunk to at
 * most this many pixels on its long side before detection: the same faces are found, without converting
 * a 640×480 frame (or a 12-megapixel photo) into the detector's input pixel by pixel.
 */
export const DETECT_SIDE = 256;

/** How much to shrink a w×h region before detection (1 when it is small enough already). */
export function detectScale(width: number, height: number, side = DETECT_SIDE): number {
  return Math.min(1, side / Math.max(width, height));
}

/** A face found in a shrunk copy of `region` (scaled by sx, sy), in the source image's pixels. */
export function toSource(face: DetectedFace, region: Box, sx: number, sy: number): DetectedFace {
  return {
    box: {
      x: region.x + face.box.x / sx,
      y: region.y + face.box.y / sy,
      width: face.box.width / sx,
      height: face.box.height / sy,
    },
    keypoints: face.keypoints.map((k) => ({ x: region.x + k.x / sx, y: region.y + k.y / sy })),
    score: face.score,
  };
}

/** Loads BlazeFace in IMAGE mode on the CPU delegate (the GPU delegate needs WebGL in this document). */
export async function createFaceDetector(options: DetectorOptions = {}): Promise<FaceDetectorHandle> {
  // The module-loader variant of the fileset fails in extension pages: point at the classic loader.
  const fileset = await FilesetResolver.forVisionTasks(
    options.wasmPath ?? browser.runtime.getURL('/mediapipe/wasm' as '/'),
  );
  const detector = await FaceDetector.createFromOptions(fileset, {
    baseOptions: {
      modelAssetPath: options.modelPath ?? browser.runtime.getURL('/models/blaze_face_short_range.tflite' as '/'),
      delegate: 'CPU',
    },
    runningMode: 'IMAGE',
    minDetectionConfidence: options.minDetectionConfidence ?? 0.5,
  });
  // One reused canvas for every downscaled pass (a camera loop must not allocate one per frame).
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;

  /**
   * Faces in `region` of `image`, in `image` pixels; the region is shrunk to DETECT_SIDE first if larger.
   * `whole`: the region is the entire image, which the detector then takes as it is when small enough.
   */
  function detectIn(image: FaceImage, region: Box, whole: boolean): DetectedFace[] {
    const scale = detectScale(region.width, region.height);
    if (scale === 1 && whole) return toDetectedFaces(detector.detect(image).detections, region.width, region.height);
    const w = Math.max(1, Math.round(region.width * scale));
    const h = Math.max(1, Math.round(region.height * scale));
    if (!canvas || !context) {
      canvas = new OffscreenCanvas(w, h);
      context = canvas.getContext('2d');
      if (!context) return [];
    }
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    context.imageSmoothingEnabled = true;
    context.drawImage(image, region.x, region.y, region.width, region.height, 0, 0, w, h);
    return toDetectedFaces(detector.detect(canvas).detections, w, h).map((face) =>
      toSource(face, region, w / region.width, h / region.height),
    );
  }

  return {
    detect(image, opts = {}) {
      const { width, height } = imageSize(image);
      if (!(width > 0 && height > 0)) return [];
      const whole = detectIn(image, { x: 0, y: 0, width, height }, true);
      if (!opts.tiled) return whole;
      const found = [...whole];
      for (const tile of tileRects(width, height)) found.push(...detectIn(image, tile, false));
      return mergeFaces(found);
    },
    close: () => detector.close(),
  };
}
