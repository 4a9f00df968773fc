import { describe, expect, it } from 'vitest';
import { chooseBackends, type BackendCaps } from './backend-choice';

const ALL: BackendCaps = { webgpu: { isFallbackAdapter: false }, wasm: true, wasmSimd: true, webgl: true };
const FALLBACK_GPU: BackendCaps = { ...ALL, webgpu: { isFallbackAdapter: true } };
const NOTHING: BackendCaps = { webgpu: null, wasm: false, wasmSimd: false, webgl: false };

describe('chooseBackends: auto', () => {
  it('prefers a real GPU, then WASM, WebGL, CPU', () => {
    expect(chooseBackends('auto', ALL)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
  });

  it('never picks a fallback (software) WebGPU adapter automatically', () => {
    expect(chooseBackends('auto', FALLBACK_GPU)).toEqual(['wasm', 'webgl', 'cpu']);
  });

  it('skips what the browser lacks and always ends with cpu', () => {
    expect(chooseBackends('auto', { ...ALL, webgpu: null })).toEqual(['wasm', 'webgl', 'cpu']);
    expect(chooseBackends('auto', { ...ALL, webgpu: null, webgl: false })).toEqual(['wasm', 'cpu']);
    expect(chooseBackends('auto', NOTHING)).toEqual(['cpu']);
  });

  it('skips WASM without SIMD (only the SIMD binary ships), also when it is asked for by name', () => {
    expect(chooseBackends('auto', { ...ALL, webgpu: null, wasmSimd: false })).toEqual(['webgl', 'cpu']);
    expect(chooseBackends('wasm', { ...ALL, webgpu: null, wasmSimd: false, webgl: false })).toEqual(['cpu']);
  });
});

describe('chooseBackends: forced', () => {
  it('puts the named backend first, then the auto order without repeats', () => {
    expect(chooseBackends('webgl', ALL)).toEqual(['webgl', 'webgpu', 'wasm', 'cpu']);
    expect(chooseBackends('wasm', ALL)).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(chooseBackends('cpu', ALL)).toEqual(['cpu', 'webgpu', 'wasm', 'webgl']);
    expect(chooseBackends('webgpu', ALL)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
  });

  it('honours a forced WebGPU even on a fallback adapter, but not as a fallback for others', () => {
    expect(chooseBackends('webgpu', FALLBACK_GPU)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(chooseBackends('webgl', FALLBACK_GPU)).toEqual(['webgl', 'wasm', 'cpu']);
  });

  it('falls back to the auto order when the named backend is missing', () => {
    expect(chooseBackends('webgpu', { ...ALL, webgpu: null })).toEqual(['wasm', 'webgl', 'cpu']);
    expect(chooseBackends('webgl', NOTHING)).toEqual(['cpu']);
  });

  it('never repeats a backend and always contains cpu', () => {
    for (const setting of ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const) {
      for (const caps of [ALL, FALLBACK_GPU, NOTHING]) {
        const order = chooseBackends(setting, caps);
        expect(new Set(order).size).toBe(order.length);
        expect(order).toContain('cpu');
      }
    }
  });
});
