/**
 * A stored value that is checked every time it is read. Storage can hold anything: an older version's shape,
 * a hand-edited profile, a value some other context wrote. A value that fails its check reads as absent (the
 * fallback), with a console notice (once per bad value), and never breaks the page that reads it.
 */
import { storage, type StorageItemKey } from 'wxt/utils/storage';

export interface CheckedItem<T> {
  key: StorageItemKey;
  /** The stored value if it passes its check, else the fallback. */
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with each new value, checked the same way; returns the function that stops watching. */
  watch(callback: (value: T) => void): () => void;
}

/** `parse` returns a clean copy of a usable stored value, or undefined when it is not usable. */
export function defineCheckedItem<T>(
  key: StorageItemKey,
  fallback: T,
  parse: (stored: unknown) => T | undefined,
): CheckedItem<T> {
  const item = storage.defineItem<unknown>(key);
  /** The bad value last noticed, so reading the same one again and again logs it once. */
  let noticed: string | null = null;
  const check = (stored: unknown): T => {
    let parsed: T | undefined;
    try {
      parsed = stored === null || stored === undefined ? fallback : parse(stored);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) return parsed;
    const bad = describe(stored);
    if (bad !== noticed) {
      noticed = bad;
      console.warn(`MoodReel: the stored ${key} is not valid; it is treated as absent`);
    }
    return fallback;
  };
  return {
    key,
    getValue: async () => check(await item.getValue()),
    setValue: (value) => item.setValue(value),
    removeValue: () => item.removeValue(),
    watch: (callback) => item.watch((value) => callback(check(value))),
  };
}

function describe(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 500);
  } catch {
    return String(value);
  }
}
