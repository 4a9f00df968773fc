/**
 * Node-side helpers for the exported emotion model: load public/models/emotion from disk into
 * tfjs-layers (no fetch, no HTTP server), and stream FER-2013 rows from ../shared at test time.
 * Shared by tests/model/*.test.ts and the benchmark.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODEL_DIR = join(REPO_ROOT, 'public', 'models', 'emotion');
export const FER2013_CSV = resolve(REPO_ROOT, '..', 'shared', 'data', 'fer2013', 'fer2013.csv.gz');
const IMAGE_SIZE = 48;

interface WeightsGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: object;
  weightsManifest: WeightsGroup[];
  userDefinedMetadata?: Record<string, unknown>;
}

export interface ModelFiles {
  json: ModelJson;
  /** All weight files concatenated in manifest order. */
  weightData: ArrayBuffer;
  /** sha256 (hex) of each weights file, by file name. */
  sha256: Record<string, string>;
}

/** Read model.json and its weight files from a folder. */
function readModelFiles(dir: string = MODEL_DIR): ModelFiles {
  const jsonPath = join(dir, 'model.json');
  if (!existsSync(jsonPath)) {
    throw new Error(`${jsonPath} is missing: run \`npm run export-model\` first`);
  }
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson;
  const buffers: Buffer[] = [];
  const sha256: Record<string, string> = {};
  for (const group of json.weightsManifest) {
    for (const path of group.paths) {
      const bytes = readFileSync(join(dir, path));
      sha256[path] = createHash('sha256').update(bytes).digest('hex');
      buffers.push(bytes);
    }
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  return { json, weightData, sha256 };
}

/** An IOHandler that serves already-read files to tf.loadLayersModel. */
function memoryHandler(files: ModelFiles): tf.io.IOHandler {
  return {
    load: async () => ({
      modelTopology: files.json.modelTopology,
      weightSpecs: files.json.weightsManifest.flatMap((group) => group.weights),
      weightData: files.weightData,
      format: files.json.format,
      generatedBy: files.json.generatedBy,
      convertedBy: files.json.convertedBy ?? undefined,
      userDefinedMetadata: files.json.userDefinedMetadata as { [key: string]: object } | undefined,
    }),
  };
}

/** Select a tfjs backend (default 'cpu', which needs nothing native) and wait until it is ready. */
export async function useBackend(name = 'cpu'): Promise<void> {
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend ${name} could not be initialised`);
  }
  await tf.ready();
}

/** Load the exported emotion model from disk (default public/models/emotion). */
export async function loadEmotionModel(dir: string = MODEL_DIR): Promise<{ model: tf.LayersModel; files: ModelFiles }> {
  const files = readModelFiles(dir);
  const model = await tf.loadLayersModel(memoryHandler(files));
  return { model, files };
}

/** Grey uint8 pixels (0-255, row-major 48x48 each) -> float32 [N,48,48,1] in [0,1], the model's input. */
function pixelsToInput(images: ArrayLike<number>[]): tf.Tensor4D {
  const size = IMAGE_SIZE * IMAGE_SIZE;
  const data = new Float32Array(images.length * size);
  images.forEach((image, n) => {
    if (image.length !== size) throw new Error(`image ${n} has ${image.length} pixels, expected ${size}`);
    for (let i = 0; i < size; i++) data[n * size + i] = image[i]! / 255;
  });
  return tf.tensor4d(data, [images.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
}

/** Run the model and return plain probability rows. */
export async function predict(model: tf.LayersModel, images: ArrayLike<number>[]): Promise<number[][]> {
  const input = pixelsToInput(images);
  try {
    const output = model.predict(input) as tf.Tensor;
    try {
      return (await output.array()) as number[][];
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
}

export interface FerRow {
  /** 1-based line number in the CSV. */
  line: number;
  emotion: number;
  usage: string;
  pixels: Uint8Array;
}

/**
 * Stream rows of the Kaggle fer2013.csv(.gz) (emotion,pixels,Usage). `take` decides per row whether to
 * keep it and returns 'stop' to end early (so a test reads only the part of the file it needs).
 */
export async function readFerRows(
  take: (row: { emotion: number; usage: string }) => boolean | 'stop',
  path: string = FER2013_CSV,
): Promise<FerRow[]> {
  const raw = createReadStream(path);
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const out: FerRow[] = [];
  let header: string[] | null = null;
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (header === null) {
        header = line.trim().split(',');
        for (const col of ['emotion', 'pixels', 'Usage']) {
          if (!header.includes(col)) throw new Error(`${path}: line 1 has no ${col} column`);
        }
        continue;
      }
      if (!line.trim()) continue;
      const fields = line.split(',');
      const emotion = Number(fields[header.indexOf('emotion')]);
      const usage = (fields[header.indexOf('Usage')] ?? '').trim();
      const decision = take({ emotion, usage });
      if (decision === 'stop') break;
      if (!decision) continue;
      const values = (fields[header.indexOf('pixels')] ?? '').trim().split(/\s+/).map(Number);
      if (values.length !== IMAGE_SIZE * IMAGE_SIZE) {
        throw new Error(`${path}: line ${lineNo} has ${values.length} pixels`);
      }
      out.push({ line: lineNo, emotion, usage, pixels: Uint8Array.from(values) });
    }
  } finally {
    lines.close();
    raw.destroy();
  }
  return out;
}
