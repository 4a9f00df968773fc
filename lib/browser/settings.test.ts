import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ALL_SETTINGS,
  backendSetting,
  customWeightsSetting,
  defineSetting,
  historySetting,
  moodFreshMinutes,
  rowSiteSettings,
  siteSettings,
  strategySetting,
} from './settings';

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('start from their defaults: automatic backend, match my mood, every site on, history off', async () => {
    expect(await backendSetting.getValue()).toBe('auto');
    expect(await strategySetting.getValue()).toBe('match');
    expect(await siteSettings.getValue()).toEqual({ netflix: true, prime: true, disney: true });
    expect(await historySetting.getValue()).toBe(false);
    expect(await moodFreshMinutes.getValue()).toBe(30);
    expect(await customWeightsSetting.getValue()).toBeNull();
  });

  it('keep what version 0.1.0 saved (its keys and shapes) after an update', async () => {
    // Exactly what 0.1.0's options page wrote to chrome.storage.sync.
    await fakeBrowser.storage.sync.set({ backend: 'webgl', moodFreshMinutes: 60 });
    expect(await backendSetting.read()).toEqual({ value: 'webgl', corrupted: false });
    expect(await moodFreshMinutes.read()).toEqual({ value: 60, corrupted: false });
  });

  it('read a corrupted value as the default and say so, without throwing', async () => {
    await fakeBrowser.storage.sync.set({
      backend: 'turbo',
      moodFreshMinutes: 'lots',
      strategy: 42,
      sites: { netflix: 'yes' },
      customWeights: { happy: { Comedy: 7 } },
      history: 'on',
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const setting of [
      backendSetting,
      moodFreshMinutes,
      strategySetting,
      siteSettings,
      customWeightsSetting,
      historySetting,
    ]) {
      const read = await setting.read();
      expect(read.corrupted, setting.key).toBe(true);
      expect(read.value, setting.key).toEqual(setting.spec.fallback);
      await setting.getValue(); // read again: no second notice
    }
    // One console notice per bad value, naming the setting.
    expect(warn.mock.calls.map(([text]) => text)).toEqual(
      ['backend', 'moodFreshMinutes', 'strategy', 'sites', 'customWeights', 'history'].map(
        (key) => `MoodReel: the stored setting sync:${key} is not valid; its default is used`,
      ),
    );
    warn.mockRestore();
    // Saving a good value clears the corruption.
    await backendSetting.setValue('cpu');
    expect(await backendSetting.read()).toEqual({ value: 'cpu', corrupted: false });
  });

  it('keeps a site added later on by default when an older record lacks it', async () => {
    await fakeBrowser.storage.sync.set({ sites: { netflix: false } });
    expect(await siteSettings.getValue()).toEqual({ netflix: false, prime: true, disney: true });
  });

  it('"Show the row on home pages": on for every site by default, a setting of its own beside the site switches', async () => {
    expect(await rowSiteSettings.getValue()).toEqual({ netflix: true, prime: true, disney: true });
    await fakeBrowser.storage.sync.set({ rowSites: { prime: false } });
    expect(await rowSiteSettings.getValue()).toEqual({ netflix: true, prime: false, disney: true });
    // The badges' switch is not touched by it.
    expect(await siteSettings.getValue()).toEqual({ netflix: true, prime: true, disney: true });
    await fakeBrowser.storage.sync.set({ rowSites: { prime: 'no' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await rowSiteSettings.read()).toMatchObject({ corrupted: true, value: rowSiteSettings.spec.fallback });
    warn.mockRestore();
    expect(rowSiteSettings.spec.form).toMatchObject({
      section: 'sites',
      label: 'Show the row on home pages',
      control: 'toggles',
      attribute: 'site',
      testId: 'row-site-toggle',
    });
  });

  it('watchers only ever see checked values', async () => {
    const seen: unknown[] = [];
    const stop = strategySetting.watch((v) => seen.push(v));
    await fakeBrowser.storage.sync.set({ strategy: 'lift' });
    await fakeBrowser.storage.sync.set({ strategy: 'nonsense' });
    stop();
    expect(seen).toEqual(['lift', 'match']);
  });

  it('migrates a value stored by an older version of a declaration', async () => {
    // A declaration at version 2 whose version 1 stored hours as a string: the migration runs once.
    await fakeBrowser.storage.sync.set({ legacyHours: '3' });
    const minutes = defineSetting<number>('sync:legacyHours', {
      fallback: 30,
      version: 2,
      migrations: { 2: (old: string) => Number(old) * 60 },
      parse: (v) => (typeof v === 'number' ? v : undefined),
    });
    expect(await minutes.read()).toEqual({ value: 180, corrupted: false });
    expect(await fakeBrowser.storage.sync.get('legacyHours$')).toEqual({ legacyHours$: { v: 2 } });
  });

  it('declares every form control once, with a unique test id per control', () => {
    const ids = ALL_SETTINGS.flatMap((s) => (s.spec.form ? [s.spec.form.testId] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['backend-setting', 'strategy', 'site-toggle', 'history-toggle']));
  });
});
