/**
 * Which TensorFlow.js backends to try, in order. Pure so the policy is unit-tested; the probing of
 * the browser lives in lib/reader/vision/emotion-model.ts.
 */
import type { Backend, BackendSetting } from '../mood/types';

/** What the browser offers; `webgpu` is null when there is no adapter at all. */
export interface BackendCaps {
  webgpu: null | { isFallbackAdapter: boolean };
  wasm: boolean;
  wasmSimd: boolean;
  webgl: boolean;
}

/**
 * Automatic order: a small CNN is fastest on a real GPU; then SIMD WASM, which beats WebGL's per-call upload
 * and shader overhead on a 48×48 input; then WebGL; plain JavaScript last.
 */
const AUTO_ORDER: readonly Backend[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

/** Whether `backend` can be tried at all given `caps`; `auto` adds the fallback-adapter rule. */
function usable(backend: Backend, caps: BackendCaps, auto: boolean): boolean {
  switch (backend) {
    case 'webgpu':
      // A fallback adapter (SwiftShader) is ~100× slower than WASM here: only when asked for by name.
      return caps.webgpu !== null && (!auto || !caps.webgpu.isFallbackAdapter);
    case 'wasm':
      // Only the SIMD binary ships (every Chrome since 91 has SIMD): without it, WASM cannot start.
      return caps.wasm && caps.wasmSimd;
    case 'webgl':
      return caps.webgl;
    case 'cpu':
      return true; // pure JS, always there: the last resort
  }
}

/**
 * Ordered backends to try for `setting`: for 'auto', a non-fallback WebGPU, then WASM (SIMD), WebGL, CPU;
 * for a named backend, that one first (if the browser has it at all) then the 'auto' order as fallbacks.
 * Always ends with 'cpu' and never repeats a backend.
 */
export function chooseBackends(setting: BackendSetting, caps: BackendCaps): Backend[] {
  const auto = AUTO_ORDER.filter((b) => usable(b, caps, true));
  if (setting === 'auto') return auto;
  if (!usable(setting, caps, false)) return auto;
  return [setting, ...auto.filter((b) => b !== setting)];
}
