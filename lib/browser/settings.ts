/** Every user setting, declared once with its default (the options page and the readers share these). */
import { storage } from 'wxt/utils/storage';
import type { BackendSetting } from '../mood/types';
import type { GenreWeights, Strategy } from '../picks/types';

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

/** How moods become genres for the picks and the site badges. */
export const strategySetting = storage.defineItem<Strategy>('sync:strategy', { fallback: 'match' });

/** The user's own genre weights for the custom strategy (null until first edited). */
export const customWeightsSetting = storage.defineItem<GenreWeights | null>('sync:customWeights', { fallback: null });

/** Streaming sites MoodReel adds its row and badges to (each can be turned off). */
export type SiteId = 'netflix' | 'prime' | 'disney';
export const siteSettings = storage.defineItem<Record<SiteId, boolean>>('sync:sites', {
  fallback: { netflix: true, prime: true, disney: true },
});
