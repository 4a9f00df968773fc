import { describe, expect, it, vi } from 'vitest';
import type { BackendSetting } from '../mood/types';
import { createPipelineCache } from './pipeline-cache';

interface FakeModel {
  setting: BackendSetting;
  id: number;
  disposed: number;
}

/** Loaders that count what they do; each load takes a tick so concurrent calls really overlap. */
function fakeLoaders(options: { failModel?: (setting: BackendSetting, attempt: number) => boolean } = {}) {
  let next = 0;
  const models: FakeModel[] = [];
  const attempts = new Map<BackendSetting, number>();
  let loading = 0;
  let maxConcurrentLoads = 0;
  const loaders = {
    loadDetector: vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 2));
      return { detector: true };
    }),
    loadModel: vi.fn(async (setting: BackendSetting) => {
      loading++;
      maxConcurrentLoads = Math.max(maxConcurrentLoads, loading);
      await new Promise((r) => setTimeout(r, 5));
      loading--;
      const attempt = (attempts.get(setting) ?? 0) + 1;
      attempts.set(setting, attempt);
      if (options.failModel?.(setting, attempt)) throw new Error(`${setting} failed`);
      const model = { setting, id: next++, disposed: 0 };
      models.push(model);
      return model;
    }),
    disposeModel: vi.fn((model: FakeModel) => {
      // tfjs-layers throws on a second dispose: so does this fake.
      if (model.disposed) throw new Error(`Container ${model.id} is already disposed.`);
      model.disposed++;
    }),
  };
  return { loaders, models, maxConcurrent: () => maxConcurrentLoads };
}

describe('pipeline cache', () => {
  it('loads the detector once and the model once per setting, whoever asks at the same time', async () => {
    const { loaders } = fakeLoaders();
    const cache = createPipelineCache(loaders);
    const [a, b, c] = await Promise.all([cache.get('wasm'), cache.get('wasm'), cache.get('wasm')]);
    expect(a.model).toBe(b.model);
    expect(b.model).toBe(c.model);
    expect(loaders.loadDetector).toHaveBeenCalledTimes(1);
    expect(loaders.loadModel).toHaveBeenCalledTimes(1);
    expect(await cache.get('wasm')).toMatchObject({ setting: 'wasm', model: a.model });
    expect(loaders.loadModel).toHaveBeenCalledTimes(1);
  });

  it('replaces the model exactly once when the setting changes, even when two callers race (warm-up and click)', async () => {
    const { loaders, models, maxConcurrent } = fakeLoaders();
    const cache = createPipelineCache(loaders);
    await cache.get('auto');
    const [warmUp, click] = await Promise.all([cache.get('cpu'), cache.get('cpu')]);
    expect(warmUp.model).toBe(click.model);
    expect(click.model.setting).toBe('cpu');
    expect(loaders.disposeModel).toHaveBeenCalledTimes(1);
    expect(models[0]!.disposed).toBe(1);
    expect(click.model.disposed).toBe(0);
    // The detector does not depend on the backend: kept.
    expect(loaders.loadDetector).toHaveBeenCalledTimes(1);
    expect(maxConcurrent()).toBe(1);
  });

  it('disposes each replaced model once when settings flip back and forth concurrently, never two loads at once', async () => {
    const { loaders, models, maxConcurrent } = fakeLoaders();
    const cache = createPipelineCache(loaders);
    const results = await Promise.all((['wasm', 'webgl', 'wasm', 'cpu', 'cpu'] as const).map((s) => cache.get(s)));
    expect(results.map((r) => r.model.setting)).toEqual(['wasm', 'webgl', 'wasm', 'cpu', 'cpu']);
    expect(loaders.loadModel).toHaveBeenCalledTimes(4);
    expect(models.map((m) => m.disposed)).toEqual([1, 1, 1, 0]);
    expect(maxConcurrent()).toBe(1);
  });

  it('forgets a failed load so the next request tries again, and disposes nothing that never loaded', async () => {
    const { loaders, models } = fakeLoaders({ failModel: (setting, attempt) => setting === 'webgl' && attempt === 1 });
    const cache = createPipelineCache(loaders);
    await expect(cache.get('webgl')).rejects.toThrow('webgl failed');
    const ok = await cache.get('webgl');
    expect(ok.model.setting).toBe('webgl');
    expect(loaders.loadModel).toHaveBeenCalledTimes(2);
    expect(loaders.disposeModel).not.toHaveBeenCalled();
    await cache.get('cpu');
    expect(models[0]!.disposed).toBe(1);
  });

  it('retries the detector after it failed to load', async () => {
    const { loaders } = fakeLoaders();
    loaders.loadDetector.mockRejectedValueOnce(new Error('no wasm'));
    const cache = createPipelineCache(loaders);
    await expect(cache.get('wasm')).rejects.toThrow('no wasm');
    await expect(cache.get('wasm')).resolves.toMatchObject({ detector: { detector: true } });
    expect(loaders.loadDetector).toHaveBeenCalledTimes(2);
    expect(loaders.loadModel).toHaveBeenCalledTimes(1);
  });
});
