/**
 * Pure geometry and pixel code that turns a detected face into the model's 48×48 grey input.
 * No browser APIs: everything here runs (and is tested) in Node.
 */

/** An axis-aligned box in pixels (the detector's face box). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in pixels. */
export interface Point {
  x: number;
  y: number;
}

/** A square region of the image, rotated by `angle` radians about its center (positive = clockwise on screen). */
export interface CropBox {
  cx: number;
  cy: number;
  side: number;
  angle: number;
}

/** An RGBA image as ImageData gives it. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface CropOptions {
  /** Side of the square crop as a multiple of max(box width, box height). */
  scale: number;
  /** Moves the crop center down by this fraction of the side; negative moves it up (toward the forehead). */
  shiftY: number;
  /** Level the eyes using the eye keypoints. */
  align: boolean;
  /** Rolls smaller than this (radians) are ignored: a 1-2° tilt is noise, not pose. */
  minAngle: number;
  /** Rolls are clamped to ±maxAngle (radians): beyond it the eye keypoints are more likely wrong than the head. */
  maxAngle: number;
}

/**
 * Measured, not guessed: BlazeFace run on 400 FER-2013 PublicTest images (upscaled 4×, 383 detected) puts a
 * box of median side 43.25 of the 48 px frame (p10 35, p90 48), horizontally centred, with its centre 3.25 px
 * (0.068 of the frame) below the frame's: FER frames include more forehead than BlazeFace's box does.
 * So the crop is 48/43.25 ≈ 1.11× the box, centred 0.065 of its side above the box centre.
 */
export const DEFAULT_CROP: CropOptions = {
  scale: 1.12,
  shiftY: -0.065,
  align: true,
  minAngle: (2 * Math.PI) / 180,
  maxAngle: (45 * Math.PI) / 180,
};

/** Indices of MediaPipe BlazeFace keypoints (tasks-vision FaceDetector order). */
const KEYPOINT = {
  rightEye: 0,
  leftEye: 1,
  noseTip: 2,
  mouth: 3,
  rightEarTragion: 4,
  leftEarTragion: 5,
} as const;

/**
 * Roll angle (radians, clockwise on screen) of the line through the two eyes.
 * The eyes are ordered by x first so the result does not depend on which is called "left", and a
 * mirrored (selfie) frame gives the same answer.
 */
export function eyeRollAngle(a: Point, b: Point): number {
  const [l, r] = a.x <= b.x ? [a, b] : [b, a];
  return Math.atan2(r.y - l.y, r.x - l.x);
}

/**
 * The square crop (center, side, roll) that frames a detected face the way FER-2013 frames its faces.
 * `keypoints` are in pixels, in BlazeFace order (right eye, left eye, …); only the eyes are used.
 */
export function faceCropBox(
  box: Box,
  keypoints: readonly Point[] | undefined,
  imageW: number,
  imageH: number,
  opts: Partial<CropOptions> = {},
): CropBox {
  const o = { ...DEFAULT_CROP, ...opts };
  const side = o.scale * Math.max(box.width, box.height);
  let angle = 0;
  const re = keypoints?.[KEYPOINT.rightEye];
  const le = keypoints?.[KEYPOINT.leftEye];
  if (o.align && re && le) {
    const raw = eyeRollAngle(re, le);
    if (Number.isFinite(raw) && Math.abs(raw) >= o.minAngle) angle = Math.max(-o.maxAngle, Math.min(o.maxAngle, raw));
  }
  // Shift "down" in the face's own frame, so a tilted head is shifted along its own vertical axis.
  const cx = box.x + box.width / 2 - Math.sin(angle) * o.shiftY * side;
  const cy = box.y + box.height / 2 + Math.cos(angle) * o.shiftY * side;
  // Keep the center on the image: a face half out of frame is still cropped around what is visible,
  // and whatever falls outside is filled by edge clamping in cropToGrey.
  return {
    cx: Math.max(0, Math.min(imageW, cx)),
    cy: Math.max(0, Math.min(imageH, cy)),
    side,
    angle,
  };
}

/** BT.601 luma of an RGB triple (0-255 in, 0-255 out). */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/** A rectangle of the image converted to BT.601 grey (0-255), so only the pixels a crop can touch are converted. */
interface GreyRegion {
  x0: number;
  y0: number;
  w: number;
  h: number;
  plane: Float32Array;
}

/** Grey plane of image columns [x0,x1) and rows [y0,y1) (already clamped to the image). */
function greyRegion(image: RgbaImage, x0: number, y0: number, x1: number, y1: number): GreyRegion {
  const w = x1 - x0;
  const h = y1 - y0;
  const plane = new Float32Array(w * h);
  const { data, width } = image;
  for (let y = 0; y < h; y++) {
    let p = ((y0 + y) * width + x0) * 4;
    const row = y * w;
    for (let x = 0; x < w; x++, p += 4) plane[row + x] = luma(data[p]!, data[p + 1]!, data[p + 2]!);
  }
  return { x0, y0, w, h, plane };
}

/**
 * Bilinear sample at image coordinates (x, y), where pixel i covers [i, i+1). Coordinates are clamped to
 * the region, which is the crop's bounding box clamped to the image, so outside samples take the edge value.
 */
function sampleBilinear(r: GreyRegion, x: number, y: number): number {
  const fx = Math.max(0, Math.min(r.w - 1, x - 0.5 - r.x0));
  const fy = Math.max(0, Math.min(r.h - 1, y - 0.5 - r.y0));
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(r.w - 1, x0 + 1);
  const y1 = Math.min(r.h - 1, y0 + 1);
  const tx = fx - x0;
  const ty = fy - y0;
  const p = r.plane;
  const a = p[y0 * r.w + x0]!;
  const b = p[y0 * r.w + x1]!;
  const c = p[y1 * r.w + x0]!;
  const d = p[y1 * r.w + x1]!;
  return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
}

/**
 * Samples the rotated square `crop` of `image` into a size×size grey image in [0,1] (row-major, float32),
 * ready for the model. Pixels outside the image repeat the nearest edge pixel.
 * When the crop is much larger than the output, each output pixel averages an n×n grid of bilinear
 * samples spread over its footprint (a box filter), so a 400 px face does not alias down to 48 px:
 * FER-2013 images are smooth, and the model never saw moiré or jagged edges.
 */
export function cropToGrey(image: RgbaImage, crop: CropBox, size = 48): Float32Array {
  const { width: w, height: h } = image;
  if (!(w > 0 && h > 0)) throw new Error('cropToGrey: empty image');
  if (image.data.length < w * h * 4) throw new Error('cropToGrey: data shorter than width×height×4');
  if (!(crop.side > 0) || !Number.isFinite(crop.side)) throw new Error('cropToGrey: crop side must be positive');
  if (!Number.isInteger(size) || size <= 0) throw new Error('cropToGrey: size must be a positive integer');
  const cos = Math.cos(crop.angle);
  const sin = Math.sin(crop.angle);
  // Bounding box of the rotated square, plus one pixel for the bilinear neighbours, clamped to the image
  // (and at least one pixel, so a crop wholly outside the image still clamps to the nearest edge).
  const half = (crop.side / 2) * (Math.abs(cos) + Math.abs(sin));
  const rx0 = Math.min(w - 1, Math.max(0, Math.floor(crop.cx - half) - 1));
  const ry0 = Math.min(h - 1, Math.max(0, Math.floor(crop.cy - half) - 1));
  const rx1 = Math.max(rx0 + 1, Math.min(w, Math.ceil(crop.cx + half) + 1));
  const ry1 = Math.max(ry0 + 1, Math.min(h, Math.ceil(crop.cy + half) + 1));
  const region = greyRegion(image, rx0, ry0, rx1, ry1);
  const step = crop.side / size; // source pixels per output pixel
  // About one sample per source pixel each way, capped to bound the cost (8×8×2304 ≈ 150k samples).
  const n = Math.max(1, Math.min(8, Math.ceil(step)));
  const out = new Float32Array(size * size);
  const inv = 1 / (n * n * 255);
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      let sum = 0;
      for (let sy = 0; sy < n; sy++) {
        // Offset from the crop center, in source pixels, in the crop's own (unrotated) frame.
        const v = (oy + (sy + 0.5) / n) * step - crop.side / 2;
        for (let sx = 0; sx < n; sx++) {
          const u = (ox + (sx + 0.5) / n) * step - crop.side / 2;
          // Rotate into the image: the crop's x axis runs along `angle` (the eye line).
          sum += sampleBilinear(region, crop.cx + u * cos - v * sin, crop.cy + u * sin + v * cos);
        }
      }
      out[oy * size + ox] = Math.min(1, Math.max(0, sum * inv));
    }
  }
  return out;
}

/** A size×size image mirrored left-right (a new array). */
export function flipHorizontal(pixels: Float32Array, size = 48): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) out[row + x] = pixels[row + size - 1 - x]!;
  }
  return out;
}

/** Intersection-over-union of two boxes (0 when either is empty). */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** Share of the smaller box covered by the larger one: catches a face cut in half by a tile border. */
function containment(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min(a.width * a.height, b.width * b.height);
}

/**
 * Greedy non-maximum suppression over faces found in overlapping passes (whole image + tiles):
 * the best-scoring detection of each face wins. Result sorted largest box first.
 */
export function mergeFaces<T extends { box: Box; score: number }>(
  faces: readonly T[],
  maxIou = 0.3,
  maxContainment = 0.6,
): T[] {
  const kept: T[] = [];
  for (const f of [...faces].sort((a, b) => b.score - a.score)) {
    if (kept.every((k) => iou(k.box, f.box) <= maxIou && containment(k.box, f.box) <= maxContainment)) kept.push(f);
  }
  return kept.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
}

/**
 * A grid×grid set of overlapping tiles, each `fraction` of the image's width and height, covering it:
 * BlazeFace short-range sees a 128 px square, so faces under ~1/8 of a big photo are lost without tiles.
 */
export function tileRects(width: number, height: number, grid = 2, fraction = 0.6): Box[] {
  if (grid < 1) throw new Error('grid must be ≥ 1');
  const tw = Math.min(width, Math.round(width * (grid === 1 ? 1 : fraction)));
  const th = Math.min(height, Math.round(height * (grid === 1 ? 1 : fraction)));
  const tiles: Box[] = [];
  for (let j = 0; j < grid; j++) {
    for (let i = 0; i < grid; i++) {
      const x = grid === 1 ? 0 : Math.round(((width - tw) * i) / (grid - 1));
      const y = grid === 1 ? 0 : Math.round(((height - th) * j) / (grid - 1));
      tiles.push({ x, y, width: tw, height: th });
    }
  }
  return tiles;
}

/**
 * The smallest face worth reading, in source pixels (the larger side of the detector's box). FER-2013 faces
 * are 48 px; below about half that an expression is a few blurred pixels, and the detector, fed an upscaled
 * thumbnail or tile, finds "faces" in noise. Such a face is no face: no mood is read from it.
 */
export const MIN_FACE_PIXELS = 24;

export function isReadableFace(box: Box): boolean {
  return Math.max(box.width, box.height) >= MIN_FACE_PIXELS;
}
