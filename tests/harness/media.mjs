// Test media: fake-camera videos from photos, blank frames, broken files (cached by content hash).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { FACES_DIR, TMP_DIR } from './paths.mjs';

function ffmpeg(args) {
  const result = spawnSync('nice', ['-n', '10', 'ffmpeg', '-hide_banner', '-loglevel', 'error', '-y', ...args], {
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`ffmpeg could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr}`);
}

function cached(name, key, ext, make) {
  const dir = path.join(TMP_DIR, 'media');
  fs.mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  const file = path.join(dir, `${name}-${hash}${ext}`);
  if (!fs.existsSync(file)) {
    const partial = `${file}.part${ext}`;
    make(partial);
    fs.renameSync(partial, file);
  }
  return file;
}

/**
 * A .y4m for Chromium's fake camera from a still image (cached in tests/.tmp/media by content hash).
 * `.mjpeg` would give solid green frames; y4m is what works.
 */
export function makeY4m(image, { seconds = 2, fps = 10, width = 640, noise = 0 } = {}) {
  const source = path.resolve(image);
  const key = `${createHash('sha256').update(fs.readFileSync(source)).digest('hex')}:${seconds}:${fps}:${width}${noise ? `:noise${noise}` : ''}`;
  // `noise`: a webcam's sensor noise, different in every frame (ffmpeg's temporal noise of that strength).
  const filters = [`scale=${width}:-2`, ...(noise ? [`noise=alls=${noise}:allf=t`] : [])].join(',');
  return cached(path.basename(source).replace(/\.[^.]+$/, ''), key, '.y4m', (out) =>
    ffmpeg([
      '-loop',
      '1',
      '-i',
      source,
      '-t',
      String(seconds),
      '-r',
      String(fps),
      '-vf',
      filters,
      '-pix_fmt',
      'yuv420p',
      '-f',
      'yuv4mpegpipe',
      out,
    ]),
  );
}

/** A solid-colour .y4m (a camera that sees no face). */
export function makeSolidY4m(color = 'gray', { seconds = 2, fps = 10, width = 640, height = 480 } = {}) {
  return cached(`solid-${color.replace(/\W/g, '')}`, `${color}:${seconds}:${fps}:${width}x${height}`, '.y4m', (out) =>
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `color=c=${color}:s=${width}x${height}:r=${fps}`,
      '-t',
      String(seconds),
      '-pix_fmt',
      'yuv420p',
      '-f',
      'yuv4mpegpipe',
      out,
    ]),
  );
}

/** A solid-colour JPEG (a photo with no face). */
export function makeSolidJpeg(color = 'gray', { width = 640, height = 480 } = {}) {
  return cached(`solid-${color.replace(/\W/g, '')}`, `${color}:${width}x${height}:jpeg`, '.jpeg', (out) =>
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `color=c=${color}:s=${width}x${height}`,
      '-frames:v',
      '1',
      '-f',
      'image2',
      '-c:v',
      'mjpeg',
      out,
    ]),
  );
}

/** A file named .jpg that is not an image (a broken upload). */
export function makeBrokenJpeg() {
  return cached('broken', 'broken-v1', '.jpg', (out) => fs.writeFileSync(out, 'this is not a JPEG\n'));
}

export function facePath(name) {
  return path.join(FACES_DIR, name);
}

/** A w×h PNG of noise (a thumbnail: too small to hold a readable face). */
export function makeTinyPng({ width = 12, height = 9 } = {}) {
  return cached('tiny', `tiny:${width}x${height}:v1`, '.png', (out) =>
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `nullsrc=s=${width}x${height},geq=random(1)*255:128:128`,
      '-frames:v',
      '1',
      '-f',
      'image2',
      '-c:v',
      'png',
      out,
    ]),
  );
}

/** A photo scaled up to `width` pixels wide (a camera original). */
export function makeLargeJpeg(image, { width = 7000 } = {}) {
  const source = path.resolve(image);
  const key = `${createHash('sha256').update(fs.readFileSync(source)).digest('hex')}:${width}:large`;
  return cached(`${path.basename(source).replace(/\.[^.]+$/, '')}-${width}`, key, '.jpeg', (out) =>
    ffmpeg([
      '-i',
      source,
      '-vf',
      `scale=${width}:-2`,
      '-q:v',
      '4',
      '-frames:v',
      '1',
      '-f',
      'image2',
      '-c:v',
      'mjpeg',
      out,
    ]),
  );
}

/** The first `fraction` of a real photo's bytes (a download cut short). */
export function makeTruncatedJpeg(image, { fraction = 0.3 } = {}) {
  const bytes = fs.readFileSync(path.resolve(image));
  const key = `${createHash('sha256').update(bytes).digest('hex')}:${fraction}:truncated`;
  return cached('truncated', key, '.jpg', (out) =>
    fs.writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * fraction))),
  );
}

/** An empty file named like a photo. */
export function makeEmptyJpeg() {
  return cached('empty', 'empty-v1', '.jpg', (out) => fs.writeFileSync(out, ''));
}

/** A vector image (SVG): not a photo the reader decodes. */
export function makeSvg() {
  return cached('drawing', 'svg-v1', '.svg', (out) =>
    fs.writeFileSync(
      out,
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="100" cy="100" r="80" fill="peru"/></svg>\n',
    ),
  );
}

/** Photos side by side at one height (a sofa of `images.length` people), as one JPEG. */
export function makeSideBySide(images, { height = 480 } = {}) {
  const sources = images.map((image) => path.resolve(image));
  const key = `${sources.map((s) => createHash('sha256').update(fs.readFileSync(s)).digest('hex')).join(':')}:${height}:side`;
  const inputs = sources.flatMap((s) => ['-i', s]);
  const scaled = sources.map((_, i) => `[${i}:v]scale=-2:${height}[v${i}]`).join(';');
  const stack = `${sources.map((_, i) => `[v${i}]`).join('')}hstack=inputs=${sources.length}`;
  return cached(`sofa-${sources.length}`, key, '.jpeg', (out) =>
    ffmpeg([
      ...inputs,
      '-filter_complex',
      sources.length > 1 ? `${scaled};${stack}` : `[0:v]scale=-2:${height}`,
      '-frames:v',
      '1',
      '-q:v',
      '3',
      '-f',
      'image2',
      '-c:v',
      'mjpeg',
      out,
    ]),
  );
}
