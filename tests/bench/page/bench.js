// Runs in the bench page. window.bench.run(config) returns raw samples; tests/bench/run.mjs summarises them.
import { FaceDetector, FilesetResolver } from '/mediapipe/vision_bundle.mjs';

const tf = /** @type {any} */ (window).tf;
const log = (text) => {
  document.getElementById('log').textContent += `${text}\n`;
};

async function loadImage(url) {
  const img = new Image();
  img.src = url;
  await img.decode();
  return img;
}

async function makeDetector(delegate) {
  const fileset = await FilesetResolver.forVisionTasks('/mediapipe/wasm');
  return FaceDetector.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: '/models/blaze_face_short_range.tflite', delegate },
    runningMode: 'IMAGE',
    minDetectionConfidence: 0.5,
  });
}

/** Square crop (1.25 × the larger side, as lib/preprocess's default) → size×size grey in [0,1]. */
function cropGrey(img, box, size) {
  const side = Math.max(box.width, box.height) * 1.25;
  const cx = box.originX + box.width / 2;
  const cy = box.originY + box.height / 2;
  const canvas = new OffscreenCanvas(size, size);
  const g = canvas.getContext('2d', { willReadFrequently: true });
  g.drawImage(img, cx - side / 2, cy - side / 2, side, side, 0, 0, size, size);
  const { data } = g.getImageData(0, 0, size, size);
  const out = new Float32Array(size * size);
  for (let i = 0; i < out.length; i++) {
    out[i] = (0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2]) / 255;
  }
  return out;
}

async function setBackend(name) {
  try {
    if (name === 'wasm') tf.wasm.setWasmPaths('/tfjs/tfjs-backend-wasm/dist/');
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name ? null : `setBackend(${name}) gave ${tf.getBackend()}`;
  } catch (error) {
    return String(error && error.message ? error.message : error);
  }
}

async function loadModel(url) {
  const json = await (await fetch(url)).json();
  const model = json.format === 'graph-model' ? await tf.loadGraphModel(url) : await tf.loadLayersModel(url);
  return { model, format: json.format };
}

function inputSize(model) {
  const shape = model.inputs[0].shape; // [-1, h, w, c]
  return { h: shape[1], w: shape[2], c: shape[3] ?? 1 };
}

function predict(model, input, size, normalise) {
  const t0 = performance.now();
  const probs = tf.tidy(() => {
    let x = tf.tensor4d(input, [1, size, size, 1]);
    if (normalise === 'minus1to1') x = x.sub(0.5).mul(2);
    let y = model.predict(x);
    if (Array.isArray(y)) y = y[0];
    return y;
  });
  const values = Array.from(probs.dataSync());
  probs.dispose();
  return { ms: performance.now() - t0, values };
}

const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const top = (values) => EMOTIONS[values.indexOf(Math.max(...values))];

window.bench = {
  async webgpuInfo() {
    if (!navigator.gpu) return 'navigator.gpu absent';
    const adapter = await navigator.gpu.requestAdapter().catch((e) => null);
    if (!adapter) return 'no adapter';
    const info = adapter.info ?? {};
    return `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`.trim() || 'adapter';
  },

  /**
   * config: { images: [{name, url}], singleFace: [names], models: [{id, url, normalise}], backends: [..],
   *           detectReps, cnnReps, delegates: ['CPU','GPU'] }
   */
  async run(config) {
    const images = [];
    for (const { name, url } of config.images) images.push({ name, img: await loadImage(url) });
    const result = { detection: [], cnn: [], faces: [], labels: {} };

    // Face detection per MediaPipe delegate.
    let boxesByImage = null;
    for (const delegate of config.delegates) {
      let detector;
      const t0 = performance.now();
      try {
        detector = await makeDetector(delegate);
      } catch (error) {
        result.detection.push({ delegate, error: String(error) });
        continue;
      }
      const loadMs = performance.now() - t0;
      const t1 = performance.now();
      detector.detect(images[0].img);
      const firstMs = performance.now() - t1;
      const samples = [];
      const boxes = {};
      const facesPerImage = {};
      for (const { name, img } of images) {
        const found = detector.detect(img).detections;
        boxes[name] = found.map((d) => d.boundingBox);
        facesPerImage[name] = found.length;
        if (!config.singleFace.includes(name)) continue;
        for (let i = 0; i < config.detectReps; i++) {
          const t = performance.now();
          detector.detect(img);
          samples.push(performance.now() - t);
        }
      }
      detector.close();
      boxesByImage ??= boxes;
      result.detection.push({ delegate, loadMs, firstMs, samples, facesPerImage });
      log(`detect ${delegate}: ${samples.length} samples`);
    }
    if (!boxesByImage) throw new Error('No face detector could start');

    for (const model of config.models) {
      const sizes = {};
      for (const backend of config.backends) {
        const problem = await setBackend(backend);
        if (problem) {
          result.cnn.push({ model: model.id, backend, error: problem });
          continue;
        }
        try {
          const t0 = performance.now();
          const { model: net, format } = await loadModel(model.url);
          const loadMs = performance.now() - t0;
          const { h } = inputSize(net);
          if (!sizes[h]) {
            sizes[h] = [];
            for (const { name, img } of images) {
              for (const [i, box] of (boxesByImage[name] ?? []).entries())
                sizes[h].push({ face: `${name}#${i}`, input: cropGrey(img, box, h) });
            }
          }
          const faces = sizes[h];
          if (!faces.length) throw new Error('no face crops');
          const first = predict(net, faces[0].input, h, model.normalise);
          const samples = [];
          const labels = {};
          for (let r = 0; r < config.cnnReps; r++) {
            for (const face of faces) {
              const p = predict(net, face.input, h, model.normalise);
              samples.push(p.ms);
              if (r === 0) labels[face.face] = top(p.values);
            }
          }
          net.dispose();
          result.cnn.push({
            model: model.id,
            backend,
            format,
            input: h,
            loadMs,
            firstMs: first.ms,
            samples,
            faces: faces.length,
          });
          result.labels[`${model.id}/${backend}`] = labels;
          log(`cnn ${model.id} ${backend}: ${samples.length} samples`);
        } catch (error) {
          result.cnn.push({ model: model.id, backend, error: String(error && error.message ? error.message : error) });
        }
      }
    }
    return result;
  },
};
window.benchReady = true;
