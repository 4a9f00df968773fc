/**
 * Every user setting, declared once: its storage key, default, version and migrations, how a stored value
 * is checked, and how the options page shows it (the form is generated from these declarations).
 * A stored value that fails its check (a corrupted sync, a hand-edited profile) reads as the default, and
 * the options page says so, instead of breaking a page.
 */
import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';
import { GENRES } from '../catalogue/types';
import { EMOTIONS } from '../mood/emotions';
import { DEFAULT_FRESH_MINUTES } from '../mood/freshness';
import type { BackendSetting, ReadingLength } from '../mood/types';
import { STRATEGY_LABEL } from '../picks/strategy-labels';
import { STRATEGIES, type GenreWeights, type Strategy } from '../picks/types';
import { ADAPTERS, SITE_IDS, type SiteId } from '../sites/adapters';

export type SectionId = 'picks' | 'sites' | 'reading' | 'history' | 'privacy';

interface FormBase {
  section: SectionId;
  label: string;
  help?: string;
  /** The control's data-testid (a contract for outside checks). */
  testId: string;
}

/** How the options page shows a setting. */
type SettingForm<T> =
  | (FormBase & { control: 'select'; choices: readonly { value: T; label: string }[] })
  | (FormBase & { control: 'checkbox' })
  | (FormBase & {
      /** One checkbox per key of a record of booleans, each carrying data-<attribute>=key. */
      control: 'toggles';
      attribute: string;
      choices: readonly { value: string; label: string }[];
    });

export interface SettingSpec<T> {
  fallback: T;
  /** The stored value when it is usable, else undefined (then the fallback is used). */
  parse(stored: unknown): T | undefined;
  version?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- WXT's own migration type: each step takes the shape it migrates from
  migrations?: Record<number, (old: any) => any>;
  form?: SettingForm<T>;
}

export interface Setting<T> {
  key: StorageItemKey;
  spec: SettingSpec<T>;
  item: WxtStorageItem<T, Record<string, unknown>>;
  /** The value, or the fallback when nothing usable is stored. */
  getValue(): Promise<T>;
  /** The value and whether what was stored had to be replaced by the fallback. */
  read(): Promise<{ value: T; corrupted: boolean }>;
  setValue(value: T): Promise<void>;
  /** Back to the default. */
  reset(): Promise<void>;
  /** Calls back with each new (checked) value; returns the function that stops watching. */
  watch(callback: (value: T) => void): () => void;
}

export function defineSetting<T>(key: StorageItemKey, spec: SettingSpec<T>): Setting<T> {
  const item = storage.defineItem<T>(key, {
    fallback: spec.fallback,
    ...(spec.version ? { version: spec.version } : {}),
    ...(spec.migrations ? { migrations: spec.migrations } : {}),
  }) as unknown as WxtStorageItem<T, Record<string, unknown>>;
  let noticed: string | null = null;
  const check = (stored: unknown) => {
    const parsed = stored === null || stored === undefined ? spec.fallback : spec.parse(stored);
    if (parsed !== undefined) return { value: parsed, corrupted: false };
    const bad = String(JSON.stringify(stored)).slice(0, 200);
    if (bad !== noticed) {
      noticed = bad; // once per bad value, however often it is read
      console.warn(`MoodReel: the stored setting ${key} is not valid; its default is used`);
    }
    return { value: spec.fallback, corrupted: true };
  };
  return {
    key,
    spec,
    item,
    getValue: async () => check(await item.getValue()).value,
    read: async () => check(await item.getValue()),
    setValue: (value) => item.setValue(value),
    reset: () => item.removeValue(),
    watch: (callback) => item.watch((value) => callback(check(value).value)),
  };
}

const oneOf =
  <T>(values: readonly T[]) =>
  (stored: unknown): T | undefined =>
    values.includes(stored as T) ? (stored as T) : undefined;

// ------------------------------------------------------------------------------------------------- picks

const STRATEGY_CHOICES: readonly { value: Strategy; label: string }[] = STRATEGIES.map((value) => ({
  value,
  label: STRATEGY_LABEL[value],
}));

/** How moods become genres for the picks and the site badges. */
export const strategySetting = defineSetting<Strategy>('sync:strategy', {
  fallback: 'match',
  parse: oneOf(STRATEGY_CHOICES.map((c) => c.value)),
  form: {
    section: 'picks',
    label: 'How to pick films',
    help: 'Match gives films in the genres that suit your mood; Lift chooses films to improve a low mood; My own mix uses the table below.',
    testId: 'strategy',
    control: 'select',
    choices: STRATEGY_CHOICES,
  },
});

/** A stored weight table with every value a finite number in [-1, 1]; anything else is corrupt. */
function parseWeights(stored: unknown): GenreWeights | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const table = {} as GenreWeights;
  for (const emotion of EMOTIONS) {
    const row = (stored as Record<string, unknown>)[emotion] ?? {};
    if (typeof row !== 'object' || row === null) return undefined;
    table[emotion] = {};
    for (const [genre, weight] of Object.entries(row)) {
      if (!(GENRES as readonly string[]).includes(genre)) continue; // a genre dropped from the list: ignore it
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < -1 || weight > 1) return undefined;
      table[emotion][genre as (typeof GENRES)[number]] = weight;
    }
  }
  return table;
}

/** The user's own genre weights for the custom strategy (null until first edited). */
export const customWeightsSetting = defineSetting<GenreWeights | null>('sync:customWeights', {
  fallback: null,
  parse: parseWeights,
});

// ------------------------------------------------------------------------------------------------- sites

/** One choice per adapter (lib/sites/adapters registers the sites), as the user knows the site. */
const SITE_CHOICES: readonly { value: SiteId; label: string }[] = Object.values(ADAPTERS).map((adapter) => ({
  value: adapter.id,
  label: adapter.name,
}));

/** Every site on: the default, and where a stored record is silent. */
const allSitesOn = (): Record<SiteId, boolean> =>
  Object.fromEntries(SITE_IDS.map((id) => [id, true])) as Record<SiteId, boolean>;

/** A stored record of a boolean per site; a site it does not name is on (a site added later: on by default). */
function parseSiteRecord(stored: unknown): Record<SiteId, boolean> | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const record = stored as Record<string, unknown>;
  const out = allSitesOn();
  for (const { value } of SITE_CHOICES) {
    if (record[value] === undefined) continue;
    if (typeof record[value] !== 'boolean') return undefined;
    out[value] = record[value] as boolean;
  }
  return out;
}

/** Streaming sites MoodReel adds its row and badges to (each can be turned off). */
export const siteSettings = defineSetting<Record<SiteId, boolean>>('sync:sites', {
  fallback: allSitesOn(),
  parse: parseSiteRecord,
  form: {
    section: 'sites',
    label: 'Show picks and badges on',
    help: 'On each site’s home page, a row of films for your mood; wherever the site lists titles (home, search, your list, genre pages), a small badge on its own tiles that fit it.',
    testId: 'site-toggle',
    control: 'toggles',
    attribute: 'site',
    choices: SITE_CHOICES,
  },
});

/** Sites whose home pages get the row of picks (the badges follow `siteSettings` alone). On everywhere by default. */
export const rowSiteSettings = defineSetting<Record<SiteId, boolean>>('sync:rowSites', {
  fallback: allSitesOn(),
  parse: parseSiteRecord,
  form: {
    section: 'sites',
    label: 'Show the row on home pages',
    help: 'The row of picks on top of the site’s own rows. Off, that site keeps its badges and gets no row.',
    testId: 'row-site-toggle',
    control: 'toggles',
    attribute: 'site',
    choices: SITE_CHOICES,
  },
});

// ------------------------------------------------------------------------------------------------- reading

const BACKEND_CHOICES: readonly { value: BackendSetting; label: string }[] = [
  { value: 'auto', label: 'Automatic (fastest that works)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WebAssembly (CPU, SIMD)' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'cpu', label: 'Plain JavaScript (slowest)' },
];

export const backendSetting = defineSetting<BackendSetting>('sync:backend', {
  fallback: 'auto',
  parse: oneOf(BACKEND_CHOICES.map((c) => c.value)),
  form: {
    section: 'reading',
    label: 'Where the emotion model runs',
    help: 'Automatic uses WebGPU on a real graphics card, else WebAssembly. If the chosen one is not available, the next fastest is used and the popup says which.',
    testId: 'backend-setting',
    control: 'select',
    choices: BACKEND_CHOICES,
  },
});

const READING_LENGTH_CHOICES: readonly { value: ReadingLength; label: string }[] = [
  { value: 'quick', label: 'Quick (about half a second)' },
  { value: 'normal', label: 'Normal (about a second)' },
  { value: 'steady', label: 'Steady (about two seconds, for a fidgety room)' },
];

export const readingLengthSetting = defineSetting<ReadingLength>('sync:readingLength', {
  fallback: 'normal',
  parse: oneOf(READING_LENGTH_CHOICES.map((c) => c.value)),
  form: {
    section: 'reading',
    label: 'Reading length',
    help: 'How long the camera looks. Longer readings average out blinks and passing expressions.',
    testId: 'reading-length',
    control: 'select',
    choices: READING_LENGTH_CHOICES,
  },
});

const FRESHNESS_CHOICES = [5, 15, 30, 60, 180] as const;

/** After this many minutes a reading no longer drives the badge or the picks. */
export const moodFreshMinutes = defineSetting<number>('sync:moodFreshMinutes', {
  fallback: DEFAULT_FRESH_MINUTES,
  parse: (stored) =>
    typeof stored === 'number' && Number.isFinite(stored) && stored > 0 && stored <= 24 * 60 ? stored : undefined,
  form: {
    section: 'reading',
    label: 'Keep a mood for',
    help: 'After that the toolbar badge clears and the picks stop following it.',
    testId: 'fresh-setting',
    control: 'select',
    choices: FRESHNESS_CHOICES.map((m) => ({
      value: m,
      label: m < 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}`,
    })),
  },
});

// ------------------------------------------------------------------------------------------------- history

/** Keep every reading (emotion, probabilities, time; never an image) to chart moods over time. Off by default. */
export const historySetting = defineSetting<boolean>('sync:history', {
  fallback: false,
  parse: (stored) => (typeof stored === 'boolean' ? stored : undefined),
  form: {
    section: 'history',
    label: 'Keep my mood history on this computer',
    help: 'Each reading’s emotion, its seven numbers and its time, never an image. Off unless you turn it on.',
    testId: 'history-toggle',
    control: 'checkbox',
  },
});

// ------------------------------------------------------------------------------------------------- popup

/** Read every face in the picture (up to eight) and pick for the group. Remembered between popups. */
export const movieNightSetting = defineSetting<boolean>('local:movieNight', {
  fallback: false,
  parse: (stored) => (typeof stored === 'boolean' ? stored : undefined),
});

/** Every setting, in the order the options page shows them (the form is built from this list). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one list of settings of different value types
export const ALL_SETTINGS: readonly Setting<any>[] = [
  strategySetting,
  customWeightsSetting,
  siteSettings,
  rowSiteSettings,
  backendSetting,
  readingLengthSetting,
  moodFreshMinutes,
  historySetting,
  movieNightSetting,
];
