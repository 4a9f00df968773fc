/**
 * The options page's speed test: loads the model on each backend in turn (forced by name, so a software
 * WebGPU is measured too), times single-face inferences, then loads the user's own setting again. Loading a
 * backend replaces (disposes) the model before it, so the caller runs each measurement one at a time with
 * readings.
 */
import type { Backend, BackendSetting, BackendSpeed } from '../mood/types';
import type { PipelineCache } from './pipeline-cache';
import { median } from './stats';

interface MeasuredModel {
  backend: Backend;
  failed: { backend: Backend; error: string }[];
  predict(batch: readonly Float32Array[]): Promise<unknown>;
}

/** The backends the speed test measures, in its order. */
export const MEASURED_BACKENDS: readonly Backend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** A backend that has not loaded in this long is reported as unavailable, so the test always ends. */
const BACKEND_LOAD_LIMIT_MS = 60_000;

function withinLimit<T>(work: Promise<T>, ms: number, backend: Backend): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${backend} did not load within ${Math.round(ms / 1000)} seconds`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/**
 * Measures one backend (the options page asks for each in turn, so it can show each result as it comes), then
 * loads `restore` (the user's own setting) when given: the page passes it with the last backend.
 */
export async function measureBackend<Detector>(
  pipelines: PipelineCache<Detector, MeasuredModel>,
  backend: Backend,
  restore: BackendSetting | null,
  now: () => number = () => performance.now(),
  loadLimitMs = BACKEND_LOAD_LIMIT_MS,
): Promise<BackendSpeed> {
  const result = await timeBackend(pipelines, backend, now, loadLimitMs);
  if (restore !== null) await withinLimit(pipelines.get(restore), loadLimitMs, 'cpu').catch(() => undefined);
  return result;
}

async function timeBackend<Detector>(
  pipelines: PipelineCache<Detector, MeasuredModel>,
  backend: Backend,
  now: () => number,
  loadLimitMs: number,
): Promise<BackendSpeed> {
  // Three smooth synthetic 48×48 "faces": the timing does not depend on what the pixels show.
  const faces = [0.2, 0.5, 0.8].map((level) =>
    Float32Array.from({ length: 48 * 48 }, (_, i) => level + 0.1 * Math.sin(i / 7)),
  );
  try {
    const started = now();
    const { model } = await withinLimit(pipelines.get(backend), loadLimitMs, backend);
    const loadMs = now() - started;
    if (model.backend !== backend) {
      const why = model.failed.find((f) => f.backend === backend)?.error ?? 'this browser does not offer it';
      return { backend, available: false, error: why };
    }
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = now();
      await model.predict([faces[i % faces.length]!]);
      times.push(now() - t0);
    }
    return { backend, available: true, loadMs: Math.round(loadMs), msPerFace: Math.round(median(times) * 10) / 10 };
  } catch (error) {
    return { backend, available: false, error: error instanceof Error ? error.message : String(error) };
  }
}
