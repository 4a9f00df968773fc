/**
 * One frame through the whole pipeline: detect → crop/align/grey the largest faces → CNN.
 * The frame's pixels live only in a reused scratch canvas during the call; nothing is kept or returned.
 */
import {
  cropToGrey,
  faceCropBox,
  flipHorizontal,
  isReadableFace,
  type Box,
  type CropBox,
  type CropOptions,
} from '../preprocess';
import type { EmotionModel } from './emotion-model';
import { MODEL_INPUT_SIZE } from './emotion-model';
import { imageSize, type DetectedFace, type FaceDetectorHandle, type FaceImage } from './face-detector';

export interface ReadOptions {
  /**
   * Also run the mirrored crop and average, as the model was evaluated. Doubles the CNN time (a second
   * inference, ~+20 ms on WASM here), so off by default: worth it for a single photo, not per camera frame.
   */
  flip?: boolean;
  /** Search tiles too (see DetectOptions.tiled): for photos with small faces. */
  tiled?: boolean;
  crop?: Partial<CropOptions>;
}

/**
 * Past this many source pixels per output pixel the browser pre-shrinks the region with its own filtered
 * resize, so cropToGrey averages at most 2×2 samples a pixel instead of up to 8×8: the same smooth 48×48
 * face, at a sixteenth of the JavaScript work (it was about a third of the crop-and-CNN time per frame).
 */
const MAX_STEP = 2;

let scratch: OffscreenCanvasRenderingContext2D | null = null;

/** A reused 2D context at least w×h (one per page, so a camera loop does not allocate a canvas per frame). */
function scratchContext(w: number, h: number): OffscreenCanvasRenderingContext2D {
  if (!scratch || scratch.canvas.width < w || scratch.canvas.height < h) {
    const canvas = new OffscreenCanvas(
      Math.max(w, scratch?.canvas.width ?? 0),
      Math.max(h, scratch?.canvas.height ?? 0),
    );
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D context on OffscreenCanvas');
    scratch = ctx;
  }
  return scratch;
}

/**
 * The pixels that `crop` can touch, read back from the source once: only the crop's bounding box (clamped to
 * the image, so edge clamping is unchanged), pre-shrunk by the browser when the face is huge (a 12 MP photo),
 * with `crop` moved into the returned image's coordinates.
 */
function cropPixels(source: FaceImage, crop: CropBox, imgW: number, imgH: number): { image: ImageData; crop: CropBox } {
  const half = (crop.side / 2) * (Math.abs(Math.cos(crop.angle)) + Math.abs(Math.sin(crop.angle))) + 2;
  const x0 = Math.max(0, Math.min(imgW - 1, Math.floor(crop.cx - half)));
  const y0 = Math.max(0, Math.min(imgH - 1, Math.floor(crop.cy - half)));
  const x1 = Math.max(x0 + 1, Math.min(imgW, Math.ceil(crop.cx + half)));
  const y1 = Math.max(y0 + 1, Math.min(imgH, Math.ceil(crop.cy + half)));
  const scale = Math.min(1, (MAX_STEP * MODEL_INPUT_SIZE) / crop.side);
  const w = Math.max(1, Math.round((x1 - x0) * scale));
  const h = Math.max(1, Math.round((y1 - y0) * scale));
  const ctx = scratchContext(w, h);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high'; // a filtered shrink, not point sampling
  ctx.clearRect(0, 0, w, h);
  ctx.drawImage(source, x0, y0, x1 - x0, y1 - y0, 0, 0, w, h);
  const image = ctx.getImageData(0, 0, w, h);
  const sx = w / (x1 - x0);
  const sy = h / (y1 - y0);
  return {
    image,
    crop: { cx: (crop.cx - x0) * sx, cy: (crop.cy - y0) * sy, side: crop.side * Math.sqrt(sx * sy), angle: crop.angle },
  };
}

/** One face read in a frame. */
export interface FaceRead {
  box: Box;
  score: number;
  /** Seven probabilities in EMOTIONS order. */
  probabilities: number[];
}

/** Several faces of one frame: numbers only. */
export interface FacesReading {
  /** Readable faces found (see MIN_FACE_PIXELS), whether or not all were read. */
  found: number;
  /** Faces found but too small to read. */
  tooSmall: number;
  /** The largest `max` readable faces, largest first. */
  faces: FaceRead[];
  /** What the detector gave (or what was reused), for the next frame to reuse. */
  detected: DetectedFace[];
  /** True when this frame reused the previous frame's faces instead of detecting. */
  reused: boolean;
  detectMs: number;
  /** Crop + CNN milliseconds for all of them (0 when no face). */
  cnnMs: number;
}

/**
 * Detects faces in `source` and reads the largest `max` of them in one batched model call; never stores the
 * frame. With `flip`, each face is also read mirrored and the two averaged (as the model was evaluated).
 */
export async function readFaces(
  source: FaceImage,
  detector: FaceDetectorHandle,
  model: EmotionModel,
  options: ReadOptions & {
    max?: number;
    /** Faces found in the previous frame, to read again without detecting (see the reader's frame loop). */
    reuse?: readonly DetectedFace[];
  } = {},
): Promise<FacesReading> {
  const t0 = performance.now();
  const detected = options.reuse ? [...options.reuse] : detector.detect(source, { tiled: options.tiled ?? false });
  const detectMs = performance.now() - t0;
  const readable = detected.filter((f) => isReadableFace(f.box));
  const tooSmall = detected.length - readable.length;
  const chosen = readable.slice(0, options.max ?? 1);
  const reused = options.reuse !== undefined;
  if (chosen.length === 0) return { found: 0, tooSmall, faces: [], detected, reused, detectMs, cnnMs: 0 };
  const t1 = performance.now();
  const { width, height } = imageSize(source);
  const flip = options.flip ?? false;
  const inputs: Float32Array[] = [];
  for (const face of chosen) {
    const box = faceCropBox(face.box, face.keypoints, width, height, options.crop);
    const { image, crop } = cropPixels(source, box, width, height);
    const grey = cropToGrey(image, crop, MODEL_INPUT_SIZE);
    inputs.push(grey);
    if (flip) inputs.push(flipHorizontal(grey, MODEL_INPUT_SIZE));
  }
  const outputs = await model.predict(inputs);
  const perFace = flip ? 2 : 1;
  const faces = chosen.map((face, f) => {
    const own = outputs.slice(f * perFace, (f + 1) * perFace);
    const probabilities = own[0]!.map((_, i) => own.reduce((sum, o) => sum + o[i]!, 0) / own.length);
    return { box: face.box, score: face.score, probabilities };
  });
  return { found: readable.length, tooSmall, faces, detected, reused, detectMs, cnnMs: performance.now() - t1 };
}
