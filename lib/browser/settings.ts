/** Every user setting, declared once with its default (the options page and the readers share these). */
import { storage } from 'wxt/utils/storage';
import type { BackendSetting } from '../mood/types';

export const backendSetting = storage.defineItem<BackendSetting>('sync:backend', { fallback: 'auto' });

/** After this many minutes a reading no longer drives the badge or the picks. */
export const moodFreshMinutes = storage.defineItem<number>('sync:moodFreshMinutes', { fallback: 30 });

export const BACKEND_CHOICES: { value: BackendSetting; label: string }[] = [
  { value: 'auto', label: 'Automatic (fastest that works)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WebAssembly (CPU, SIMD)' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'cpu', label: 'Plain JavaScript (slowest)' },
];

export const FRESHNESS_CHOICES = [5, 15, 30, 60, 180];
