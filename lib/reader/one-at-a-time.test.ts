/**
 * The speed test and a reading share the offscreen document's model cache: loading each backend in turn
 * disposes the model before it. Run one at a time, as the offscreen reader does, a reading keeps its model.
 */
import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../mood/emotions';
import type { Backend, BackendSetting, ReadOutcome } from '../mood/types';
import { MEASURED_BACKENDS, measureBackend } from './backend-speed';
import { readCameraMood } from './camera-reading';
import { oneAtATime } from './one-at-a-time';
import { createPipelineCache } from './pipeline-cache';
import { DEFAULT_PLAN } from './reading-plan';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

function fakeModel(setting: BackendSetting) {
  const backend: Backend = setting === 'auto' ? 'wasm' : setting;
  const model = {
    backend,
    failed: [],
    disposed: false,
    async predict(batch: readonly Float32Array[]) {
      await tick();
      if (model.disposed) throw new Error(`the ${backend} model was disposed`);
      return batch.map(() => EMOTIONS.map((e) => (e === 'happy' ? 0.7 : 0.05)));
    },
    dispose() {
      model.disposed = true;
    },
  };
  return model;
}

type FakeModel = ReturnType<typeof fakeModel>;

function setup() {
  const pipelines = createPipelineCache<null, FakeModel>({
    loadDetector: async () => null,
    loadModel: async (setting) => fakeModel(setting),
    disposeModel: (model) => model.dispose(),
  });
  const frame = { close: () => undefined };
  const reading = (): Promise<ReadOutcome> =>
    readCameraMood(
      {
        openCamera: async () => ({ nextFrame: async () => (await tick(), frame), stop: () => undefined }),
        loadPipeline: () => pipelines.get('wasm'),
        async readFrame(_frame, { model }) {
          const [probabilities] = await model.predict([new Float32Array(48 * 48)]);
          const box = { x: 10, y: 10, width: 100, height: 100 };
          return {
            found: 1,
            tooSmall: 0,
            faces: [{ box, score: 0.9, probabilities: probabilities! }],
            detected: [],
            reused: false,
            detectMs: 1,
            cnnMs: 1,
          };
        },
      },
      { plan: DEFAULT_PLAN, group: false },
    );
  return { pipelines, reading };
}

/** The whole speed test as the options page runs it: one backend at a time, the user's own loaded after the last. */
async function measureAll(
  pipelines: Parameters<typeof measureBackend>[0],
  restore: 'wasm',
  run: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
  loadLimitMs?: number,
) {
  const speeds = [];
  for (const [i, backend] of MEASURED_BACKENDS.entries()) {
    const last = i === MEASURED_BACKENDS.length - 1;
    speeds.push(await run(() => measureBackend(pipelines, backend, last ? restore : null, undefined, loadLimitMs)));
  }
  return speeds;
}

describe('the speed test and a reading', () => {
  it('never overlap: a speed test asked for mid-reading waits, and the reading keeps its model', async () => {
    const { pipelines, reading } = setup();
    const serial = oneAtATime();
    const read = serial(reading);
    await tick();
    const speeds = measureAll(pipelines, 'wasm', serial);
    const outcome = await read;
    expect(outcome.ok && outcome.reading.emotion).toBe('happy');
    expect((await speeds).map((s) => [s.backend, s.available])).toEqual([
      ['webgpu', true],
      ['webgl', true],
      ['wasm', true],
      ['cpu', true],
    ]);
    // And a reading after the test runs on the user's backend again.
    const after = await serial(reading);
    expect(after.ok && after.reading.backend).toBe('wasm');
  });

  it('(what one at a time prevents) side by side, the speed test disposes the model the reading uses', async () => {
    const { pipelines, reading } = setup();
    const read = reading();
    await tick();
    await measureAll(pipelines, 'wasm');
    const outcome = await read;
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toMatch(/model was disposed/);
  });

  it('a backend that never loads is reported, and the test ends', async () => {
    const pipelines = createPipelineCache<null, FakeModel>({
      loadDetector: async () => null,
      loadModel: (setting) =>
        setting === 'webgpu' ? new Promise<FakeModel>(() => undefined) : Promise.resolve(fakeModel(setting)),
      disposeModel: (model) => model.dispose(),
    });
    const speeds = await measureAll(pipelines, 'wasm', undefined, 30);
    expect(speeds[0]).toEqual({ backend: 'webgpu', available: false, error: 'webgpu did not load within 0 seconds' });
  });
});
