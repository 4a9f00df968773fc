import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmotionModel, MODEL_INPUT_SIZE, probeBackends } from './emotion-model';

const WASM_DIR = `${resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`;

/** A tiny stand-in with the real model's contract: [N,48,48,1] in, [N,7] softmax out. */
async function tinyModel(): Promise<tf.io.ModelArtifacts> {
  const m = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [MODEL_INPUT_SIZE, MODEL_INPUT_SIZE, 1] }),
      tf.layers.dense({ units: 7, activation: 'softmax', kernelInitializer: 'glorotUniform' }),
    ],
  });
  let saved: tf.io.ModelArtifacts | null = null;
  await m.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  m.dispose();
  return saved!;
}

describe('loadEmotionModel (node, tiny model)', () => {
  const loaded: { dispose(): void }[] = [];
  let artifacts: tf.io.ModelArtifacts;
  const images = [new Float32Array(2304).fill(0), new Float32Array(2304).map((_, i) => (i % 48) / 47)];
  // The tiny model itself is built on cpu (tf would otherwise pick webgpu, the highest priority, and fail).
  beforeAll(async () => {
    await tf.setBackend('cpu');
    artifacts = await tinyModel();
  });
  afterAll(() => loaded.forEach((m) => m.dispose()));

  it('loads on the forced cpu backend and returns one 7-way distribution per input', async () => {
    const model = await loadEmotionModel({ setting: 'cpu', model: tf.io.fromMemory(artifacts), wasmPath: WASM_DIR });
    loaded.push(model);
    expect(model.backend).toBe('cpu');
    expect(model.failed).toEqual([]);
    expect(model.loadMs).toBeGreaterThan(0);
    const out = await model.predict(images);
    expect(out).toHaveLength(2);
    for (const p of out) {
      expect(p).toHaveLength(7);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(await model.predict([])).toEqual([]);
    await expect(model.predict([new Float32Array(10)])).rejects.toThrow(/2304/);
  });

  it('auto picks single-threaded WASM when there is no GPU, and agrees with cpu', async () => {
    const caps = await probeBackends();
    expect(caps.webgpu).toBeNull();
    expect(caps.webgl).toBe(false);
    expect(caps.wasm).toBe(true);
    const cpu = await (
      await loadEmotionModel({ setting: 'cpu', model: tf.io.fromMemory(artifacts), wasmPath: WASM_DIR })
    ).predict(images);
    const model = await loadEmotionModel({ setting: 'auto', model: tf.io.fromMemory(artifacts), wasmPath: WASM_DIR });
    loaded.push(model);
    expect(model.backend).toBe('wasm');
    expect(tf.env().get('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
    const wasm = await model.predict(images);
    wasm.forEach((p, i) => p.forEach((v, j) => expect(v).toBeCloseTo(cpu[i]![j]!, 4)));
  });

  it('tries every backend in order and reports each failure when none can run the model', async () => {
    const broken = tf.io.fromMemory({
      modelTopology: { nonsense: true },
      weightSpecs: [],
      weightData: new ArrayBuffer(0),
    });
    const error = await loadEmotionModel({ setting: 'cpu', model: broken, wasmPath: WASM_DIR }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/cpu: [\s\S]*; wasm: /);
  });
});
