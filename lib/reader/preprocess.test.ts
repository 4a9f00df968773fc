import { describe, expect, it } from 'vitest';
import {
  cropToGrey,
  DEFAULT_CROP,
  eyeRollAngle,
  faceCropBox,
  flipHorizontal,
  iou,
  isReadableFace,
  MIN_FACE_PIXELS,
  mergeFaces,
  tileRects,
  luma,
  type RgbaImage,
} from './preprocess';

/** A w×h RGBA image filled by `f(x, y) → [r, g, b]`. */
function image(w: number, h: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [r, g, b] = f(x, y);
      data.set([r, g, b, 255], (y * w + x) * 4);
    }
  }
  return { width: w, height: h, data };
}

const grey = (v: number) => (): [number, number, number] => [v, v, v];
const at = (px: Float32Array, x: number, y: number, size = 48) => px[y * size + x]!;
const deg = (d: number) => (d * Math.PI) / 180;

describe('faceCropBox', () => {
  it('centres a square of scale × the longer side on the box', () => {
    const c = faceCropBox({ x: 100, y: 50, width: 80, height: 100 }, undefined, 640, 480, { scale: 1.5, shiftY: 0 });
    expect(c).toEqual({ cx: 140, cy: 100, side: 150, angle: 0 });
  });

  it('uses the default scale when no options are given', () => {
    const c = faceCropBox({ x: 0, y: 0, width: 100, height: 100 }, undefined, 1000, 1000);
    expect(c.side).toBeCloseTo(100 * DEFAULT_CROP.scale);
    expect(c.cx).toBeCloseTo(50);
    expect(c.cy).toBeCloseTo(50 + DEFAULT_CROP.shiftY * c.side);
  });

  it('shifts the centre down by shiftY × side', () => {
    const c = faceCropBox({ x: 0, y: 0, width: 100, height: 100 }, undefined, 1000, 1000, { scale: 1, shiftY: 0.1 });
    expect(c.cy).toBeCloseTo(60);
    expect(c.cx).toBeCloseTo(50);
  });

  it('levels the eyes: roll from the eye keypoints, whichever order they come in', () => {
    // Eyes at (40,40) and (60,60): the eye line descends at 45° (clockwise on screen).
    const eyes = [
      { x: 60, y: 60 },
      { x: 40, y: 40 },
    ];
    const c = faceCropBox({ x: 20, y: 20, width: 60, height: 60 }, eyes, 200, 200, { shiftY: 0 });
    expect(c.angle).toBeCloseTo(deg(45));
    const swapped = faceCropBox({ x: 20, y: 20, width: 60, height: 60 }, [eyes[1]!, eyes[0]!], 200, 200, { shiftY: 0 });
    expect(swapped.angle).toBeCloseTo(deg(45));
  });

  it('ignores tiny rolls, clamps huge ones and can be turned off', () => {
    const box = { x: 0, y: 0, width: 100, height: 100 };
    expect(
      faceCropBox(
        box,
        [
          { x: 30, y: 40 },
          { x: 70, y: 40.5 },
        ],
        100,
        100,
      ).angle,
    ).toBe(0);
    expect(
      faceCropBox(
        box,
        [
          { x: 50, y: 10 },
          { x: 51, y: 90 },
        ],
        100,
        100,
      ).angle,
    ).toBeCloseTo(DEFAULT_CROP.maxAngle);
    expect(
      faceCropBox(
        box,
        [
          { x: 30, y: 30 },
          { x: 70, y: 60 },
        ],
        100,
        100,
        { align: false },
      ).angle,
    ).toBe(0);
  });

  it('shifts along the tilted face axis', () => {
    const eyes = [
      { x: 40, y: 40 },
      { x: 60, y: 60 },
    ];
    const c = faceCropBox({ x: 0, y: 0, width: 100, height: 100 }, eyes, 1000, 1000, { scale: 1, shiftY: 0.1 });
    // Rotated 45° clockwise, the face's "down" points down-left on screen.
    expect(c.cx).toBeCloseTo(50 - 10 * Math.SQRT1_2);
    expect(c.cy).toBeCloseTo(50 + 10 * Math.SQRT1_2);
  });

  it('keeps the centre on the image when the box hangs off the edge', () => {
    const c = faceCropBox({ x: -80, y: 450, width: 100, height: 100 }, undefined, 640, 480, { shiftY: 0 });
    expect(c.cx).toBe(0);
    expect(c.cy).toBe(480);
  });
});

describe('eyeRollAngle', () => {
  it('is 0 for level eyes and negative when the right-hand eye is higher', () => {
    expect(eyeRollAngle({ x: 10, y: 5 }, { x: 30, y: 5 })).toBe(0);
    expect(eyeRollAngle({ x: 10, y: 20 }, { x: 30, y: 0 })).toBeCloseTo(deg(-45));
  });
});

describe('luma / grey conversion', () => {
  it('uses BT.601 weights for pure R, G and B', () => {
    expect(luma(255, 0, 0)).toBeCloseTo(0.299 * 255);
    expect(luma(0, 255, 0)).toBeCloseTo(0.587 * 255);
    expect(luma(0, 0, 255)).toBeCloseTo(0.114 * 255);
    expect(luma(255, 255, 255)).toBeCloseTo(255);
  });

  it('cropToGrey of pure R, G, B images gives the luma weights in [0,1]', () => {
    const crop = { cx: 8, cy: 8, side: 16, angle: 0 };
    for (const [rgb, want] of [
      [[255, 0, 0], 0.299],
      [[0, 255, 0], 0.587],
      [[0, 0, 255], 0.114],
    ] as const) {
      const px = cropToGrey(
        image(16, 16, () => [...rgb]),
        crop,
        48,
      );
      expect(Math.min(...px)).toBeCloseTo(want, 5);
      expect(Math.max(...px)).toBeCloseTo(want, 5);
    }
  });
});

describe('cropToGrey', () => {
  it('returns size×size values', () => {
    expect(cropToGrey(image(10, 10, grey(0)), { cx: 5, cy: 5, side: 10, angle: 0 }, 48)).toHaveLength(48 * 48);
    expect(cropToGrey(image(10, 10, grey(0)), { cx: 5, cy: 5, side: 10, angle: 0 }, 7)).toHaveLength(49);
  });

  it('keeps a constant image constant, up- or downscaling, rotated or not', () => {
    const img = image(300, 200, grey(128));
    for (const crop of [
      { cx: 150, cy: 100, side: 20, angle: 0 },
      { cx: 150, cy: 100, side: 180, angle: 0 },
      { cx: 150, cy: 100, side: 600, angle: deg(30) },
    ]) {
      for (const v of cropToGrey(img, crop)) expect(v).toBeCloseTo(128 / 255, 5);
    }
  });

  it('is an exact copy when the crop is the whole 48×48 image', () => {
    const img = image(48, 48, (x, y) => [(x * 5) % 256, (y * 5) % 256, (x + y) % 256]);
    const px = cropToGrey(img, { cx: 24, cy: 24, side: 48, angle: 0 });
    for (const [x, y] of [
      [0, 0],
      [47, 0],
      [13, 29],
      [47, 47],
    ] as const) {
      expect(at(px, x, y)).toBeCloseTo(luma((x * 5) % 256, (y * 5) % 256, (x + y) % 256) / 255, 5);
    }
  });

  it('puts a white square on black where it belongs, and averages when downscaling', () => {
    // 480×480 black image, white square covering [240,480)×[0,240): the top-right quadrant.
    const img = image(480, 480, (x, y) => (x >= 240 && y < 240 ? [255, 255, 255] : [0, 0, 0]));
    const px = cropToGrey(img, { cx: 240, cy: 240, side: 480, angle: 0 });
    expect(at(px, 40, 5)).toBeCloseTo(1, 5);
    expect(at(px, 5, 5)).toBeCloseTo(0, 5);
    expect(at(px, 40, 40)).toBeCloseTo(0, 5);
    // Every output pixel covers 10×10 source pixels exactly, so the edges are crisp at this scale.
    expect(at(px, 24, 10)).toBeCloseTo(1, 5);
    expect(at(px, 23, 10)).toBeCloseTo(0, 5);
    // The mean is preserved: a quarter of the area is white.
    const mean = px.reduce((a, b) => a + b, 0) / px.length;
    expect(mean).toBeCloseTo(0.25, 2);
  });

  it('crops a sub-region: a square centred on a white square fills the middle of the output', () => {
    const img = image(200, 200, (x, y) => (x >= 90 && x < 110 && y >= 90 && y < 110 ? [255, 255, 255] : [0, 0, 0]));
    // A 40 px crop around the 20 px square: the square covers the central half of the output.
    const px = cropToGrey(img, { cx: 100, cy: 100, side: 40, angle: 0 });
    expect(at(px, 24, 24)).toBeCloseTo(1, 5);
    expect(at(px, 14, 24)).toBeCloseTo(1, 2);
    expect(at(px, 8, 24)).toBeCloseTo(0, 5);
    expect(at(px, 24, 40)).toBeCloseTo(0, 5);
  });

  it('does not alias a fine stripe pattern when downscaling a lot', () => {
    // 1-px black/white stripes at 10× reduction: a point sampler would give 0s or 1s; the box filter gives ~0.5.
    const img = image(480, 480, (x) => (x % 2 ? [255, 255, 255] : [0, 0, 0]));
    const px = cropToGrey(img, { cx: 240, cy: 240, side: 480, angle: 0 });
    for (const v of px) expect(v).toBeCloseTo(0.5, 1);
  });

  it('rotates by the crop angle: 45° maps a diagonal line to a horizontal one', () => {
    // A white diagonal band along y = x (clockwise-descending at 45°).
    const img = image(200, 200, (x, y) => (Math.abs(x - y) < 4 ? [255, 255, 255] : [0, 0, 0]));
    const px = cropToGrey(img, { cx: 100, cy: 100, side: 80, angle: deg(45) });
    // In the crop's frame the band is the horizontal centre line.
    for (const x of [6, 24, 41]) {
      expect(at(px, x, 24)).toBeGreaterThan(0.9);
      expect(at(px, x, 8)).toBeLessThan(0.05);
      expect(at(px, x, 40)).toBeLessThan(0.05);
    }
    // Unrotated, the same crop shows a diagonal: the centre row is bright only in the middle.
    const flat = cropToGrey(img, { cx: 100, cy: 100, side: 80, angle: 0 });
    expect(at(flat, 24, 24)).toBeGreaterThan(0.9);
    expect(at(flat, 6, 24)).toBeLessThan(0.05);
  });

  it('rotates in the right direction: a point right of centre in the crop comes from down-right in the image', () => {
    // A single bright blob at (110, 110), 10√2 px from (100,100) along the 45° direction.
    const img = image(200, 200, (x, y) => ((x - 110) ** 2 + (y - 110) ** 2 < 9 ? [255, 255, 255] : [0, 0, 0]));
    const px = cropToGrey(img, { cx: 100, cy: 100, side: 48, angle: deg(45) });
    // 1 output px = 1 source px; the blob is on the centre row, 14 px right of centre.
    const row = Array.from({ length: 48 }, (_, x) => at(px, x, 24));
    const peak = row.indexOf(Math.max(...row));
    expect(Math.abs(peak + 0.5 - (24 + 10 * Math.SQRT2))).toBeLessThanOrEqual(1);
  });

  it('clamps samples outside the image to the nearest edge pixel', () => {
    // Left half black, right half white; a crop hanging 50 px off the right edge.
    const img = image(100, 100, (x) => (x < 50 ? [0, 0, 0] : [255, 255, 255]));
    const px = cropToGrey(img, { cx: 100, cy: 50, side: 100, angle: 0 });
    for (let y = 0; y < 48; y++) {
      expect(at(px, 47, y)).toBeCloseTo(1, 5);
      expect(at(px, 30, y)).toBeCloseTo(1, 5);
    }
    // A crop wholly off the top-left takes the corner pixel's value.
    const corner = image(10, 10, (x, y) => (x === 0 && y === 0 ? [255, 255, 255] : [0, 0, 0]));
    for (const v of cropToGrey(corner, { cx: -100, cy: -100, side: 20, angle: 0 }, 8)) expect(v).toBeCloseTo(1, 5);
  });

  it('flipHorizontal mirrors a crop left-right', () => {
    const img = image(64, 64, (x, y) => [x * 4, y * 4, 0]);
    const crop = { cx: 30, cy: 34, side: 50, angle: deg(10) };
    const a = cropToGrey(img, crop, 48);
    const b = flipHorizontal(a, 48);
    expect(at(b, 0, 10)).toBeCloseTo(at(a, 47, 10));
    expect(Array.from(flipHorizontal(b, 48))).toEqual(Array.from(a));
  });

  it('rejects bad input', () => {
    expect(() =>
      cropToGrey({ width: 0, height: 0, data: new Uint8ClampedArray() }, { cx: 0, cy: 0, side: 1, angle: 0 }),
    ).toThrow();
    expect(() => cropToGrey(image(4, 4, grey(0)), { cx: 2, cy: 2, side: 0, angle: 0 })).toThrow();
    expect(() =>
      cropToGrey({ width: 4, height: 4, data: new Uint8ClampedArray(10) }, { cx: 2, cy: 2, side: 4, angle: 0 }),
    ).toThrow();
  });
});

describe('iou / mergeFaces / tileRects', () => {
  const box = (x: number, y: number, s: number) => ({ x, y, width: s, height: s });

  it('computes intersection over union', () => {
    expect(iou(box(0, 0, 10), box(0, 0, 10))).toBe(1);
    expect(iou(box(0, 0, 10), box(5, 0, 10))).toBeCloseTo(50 / 150);
    expect(iou(box(0, 0, 10), box(20, 20, 10))).toBe(0);
  });

  it('keeps the best detection of each face and sorts largest first', () => {
    const faces = [
      { box: box(0, 0, 100), score: 0.7, id: 'a-whole' },
      { box: box(10, 10, 90), score: 0.9, id: 'a-tile' },
      { box: box(300, 0, 50), score: 0.6, id: 'b' },
      { box: box(10, 10, 40), score: 0.5, id: 'a-half' }, // a tile cut through face a: mostly inside it
      { box: box(500, 500, 120), score: 0.55, id: 'c' },
    ];
    expect(mergeFaces(faces).map((f) => f.id)).toEqual(['c', 'a-tile', 'b']);
  });

  it('tiles a 2×2 overlapping grid that covers the image', () => {
    const tiles = tileRects(1000, 500);
    expect(tiles).toEqual(
      [box(0, 0, 600), box(400, 0, 600), box(0, 200, 600), box(400, 200, 600)].map((b) => ({ ...b, height: 300 })),
    );
    expect(tileRects(100, 80, 1)).toEqual([{ x: 0, y: 0, width: 100, height: 80 }]);
  });
});

describe('isReadableFace', () => {
  it('reads faces of at least MIN_FACE_PIXELS on their larger side, and nothing smaller', () => {
    expect(MIN_FACE_PIXELS).toBe(24);
    expect(isReadableFace({ x: 0, y: 0, width: 48, height: 52 })).toBe(true);
    expect(isReadableFace({ x: 0, y: 0, width: 20, height: 24 })).toBe(true);
    expect(isReadableFace({ x: 0, y: 0, width: 7, height: 9 })).toBe(false);
    expect(isReadableFace({ x: 0, y: 0, width: 23.5, height: 23 })).toBe(false);
  });
});
