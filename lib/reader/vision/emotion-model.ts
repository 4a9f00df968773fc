/**
 * Loads the emotion CNN on the best TensorFlow.js backend this browser really has, and runs it.
 * Extension pages only: the WASM binaries and the model are fetched from the extension itself.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { browser } from 'wxt/browser';
import { chooseBackends, type BackendCaps } from '../backend-choice';
import { EMOTIONS } from '../../mood/emotions';
import type { Backend, BackendSetting } from '../../mood/types';

export const MODEL_INPUT_SIZE = 48;
const PIXELS = MODEL_INPUT_SIZE * MODEL_INPUT_SIZE;

export interface LoadOptions {
  /** 'auto' or a backend to try first. */
  setting?: BackendSetting;
  /** model.json URL, or a tf.io handler (tests); defaults to the packaged /models/emotion/model.json. */
  model?: string | tf.io.IOHandler;
  /** Folder holding the tfjs-backend-wasm .wasm files; defaults to the packaged /tfjs/. */
  wasmPath?: string;
}

/** A loaded model bound to the backend it runs on. */
export interface EmotionModel {
  /** The backend actually in use (may differ from the setting if that one failed). */
  backend: Backend;
  /** Milliseconds from the call to a warmed-up model: backend init, fetch, first inference. */
  loadMs: number;
  /** Milliseconds of the warm-up inference alone (shader compilation on GPU backends). */
  warmupMs: number;
  /** Backends tried before `backend`, with why each failed. */
  failed: { backend: Backend; error: string }[];
  /** Probabilities ([7] each, EMOTIONS order) for 48×48 grey [0,1] images, one per input. */
  predict(batch: readonly Float32Array[]): Promise<number[][]>;
  /** Frees the weights. */
  dispose(): void;
}

/** Must run before the WASM backend initialises (the first tf.setBackend('wasm')). */
function configureWasm(wasmPath: string): void {
  // Threaded WASM spawns blob: workers, which the extension CSP blocks (and the page dies): single thread.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  try {
    setWasmPaths(wasmPath);
  } catch {
    // Only throws after a failed WASM init, when the path no longer matters: that backend is out anyway.
  }
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

/** What this browser offers; every probe is defensive, since a throwing probe means "no". */
export async function probeBackends(): Promise<BackendCaps> {
  let webgpu: BackendCaps['webgpu'] = null;
  try {
    const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu; // typed loosely: adapter.info is newer than @webgpu/types
    const adapter = gpu ? await gpu.requestAdapter() : null;
    // Chrome ≥ 136 reports it on adapter.info; older versions on the adapter itself.
    if (adapter) webgpu = { isFallbackAdapter: Boolean(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) };
  } catch {
    webgpu = null;
  }
  const wasm = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  let wasmSimd: boolean;
  try {
    wasmSimd = wasm && (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  } catch {
    wasmSimd = false;
  }
  let webgl: boolean;
  try {
    webgl = typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('webgl2') !== null;
  } catch {
    webgl = false;
  }
  return { webgpu, wasm, wasmSimd, webgl };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Stacks 48×48 images into the model's [N,48,48,1] input. */
function toInput(batch: readonly Float32Array[]): tf.Tensor4D {
  const data = new Float32Array(batch.length * PIXELS);
  batch.forEach((img, i) => {
    if (img.length !== PIXELS) throw new Error(`expected ${PIXELS} pixels, got ${img.length}`);
    data.set(img, i * PIXELS);
  });
  return tf.tensor4d(data, [batch.length, MODEL_INPUT_SIZE, MODEL_INPUT_SIZE, 1]);
}

async function run(model: tf.LayersModel, batch: readonly Float32Array[]): Promise<number[][]> {
  if (batch.length === 0) return [];
  const input = toInput(batch);
  const output = model.predict(input) as tf.Tensor;
  try {
    if (output.shape.length !== 2 || output.shape[1] !== EMOTIONS.length) {
      throw new Error(`model output shape ${JSON.stringify(output.shape)}, expected [N,${EMOTIONS.length}]`);
    }
    // data() rather than dataSync(): GPU backends read back without blocking the page.
    const flat = await output.data();
    return batch.map((_, i) => Array.from(flat.subarray(i * EMOTIONS.length, (i + 1) * EMOTIONS.length)));
  } finally {
    input.dispose();
    output.dispose();
  }
}

/**
 * Picks a backend with chooseBackends(setting, probeBackends()), loads the model on it and warms it up;
 * a backend that fails to initialise, load or run is skipped for the next one. Throws when all fail.
 */
export async function loadEmotionModel(options: LoadOptions = {}): Promise<EmotionModel> {
  const started = performance.now();
  const setting = options.setting ?? 'auto';
  const source = options.model ?? browser.runtime.getURL('/models/emotion/model.json' as '/');
  configureWasm(options.wasmPath ?? browser.runtime.getURL('/tfjs/' as '/'));
  const order = chooseBackends(setting, await probeBackends());
  const failed: EmotionModel['failed'] = [];
  for (const backend of order) {
    let model: tf.LayersModel | null = null;
    try {
      if (!(await tf.setBackend(backend))) throw new Error('backend did not initialise');
      await tf.ready();
      model = await tf.loadLayersModel(source);
      const warmStart = performance.now();
      const probe = await run(model, [new Float32Array(PIXELS).fill(0.5)]);
      if (!probe[0]!.every(Number.isFinite)) throw new Error('warm-up gave non-finite output');
      const warmupMs = performance.now() - warmStart;
      const loaded = model;
      return {
        backend,
        loadMs: performance.now() - started,
        warmupMs,
        failed,
        predict: async (batch) => {
          // tf's backend is global: a later loadEmotionModel in the same page may have switched it.
          if (tf.getBackend() !== backend) throw new Error(`backend switched to ${tf.getBackend()}; reload the model`);
          return run(loaded, batch);
        },
        dispose: () => loaded.dispose(),
      };
    } catch (error) {
      model?.dispose();
      failed.push({ backend, error: message(error) });
    }
  }
  throw new Error(
    `no backend could run the emotion model: ${failed.map((f) => `${f.backend}: ${f.error}`).join('; ')}`,
  );
}
