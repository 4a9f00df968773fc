/**
 * The background's answer to a site's content script: the site switch, the hide flag, the freshness, and a
 * key that moves whenever the picks would; and a ping for each change of any of them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rowHidden } from '../sites/row-hidden';
import type { MoodReading } from '../mood/types';
import { latestReading } from './reading-store';
import { customWeightsSetting, moodFreshMinutes, rowSiteSettings, siteSettings, strategySetting } from './settings';
import { readSiteState, watchSiteState } from './site-state';

const reading = (at: number): MoodReading => ({
  emotion: 'happy',
  probabilities: [0, 0, 0, 1, 0, 0, 0],
  backend: 'wasm',
  cnnMs: 5,
  detectMs: 5,
  totalMs: 500,
  frames: 5,
  faces: 1,
  source: 'camera',
  at,
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('site state', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers with the defaults when nothing is stored', async () => {
    expect(await readSiteState('netflix')).toMatchObject({ enabled: true, rowHidden: false, freshMinutes: 30 });
  });

  it('follows the site switch, the hide flag and the freshness, per site', async () => {
    await siteSettings.setValue({ netflix: false, prime: true, disney: true });
    await rowHidden.hide('netflix');
    await rowSiteSettings.setValue({ netflix: true, prime: true, disney: false });
    await moodFreshMinutes.setValue(60);
    expect(await readSiteState('netflix')).toMatchObject({
      enabled: false,
      rowHidden: true,
      rowOn: true,
      freshMinutes: 60,
    });
    expect(await readSiteState('prime')).toMatchObject({ enabled: true, rowHidden: false, rowOn: true });
    expect(await readSiteState('disney')).toMatchObject({ enabled: true, rowHidden: false, rowOn: false });
  });

  it('treats a site id no adapter has as a site that is off', async () => {
    expect((await readSiteState('toString' as never)).enabled).toBe(false);
    expect((await readSiteState('hulu' as never)).enabled).toBe(false);
  });

  it('moves its mood key with a new reading, strategy or weights, and only then', async () => {
    const first = (await readSiteState('netflix')).moodKey;
    expect((await readSiteState('netflix')).moodKey).toBe(first);
    // A fresh one (a stale reading is no reading to the badges: see below).
    await latestReading.setValue(reading(Date.now()));
    const afterReading = (await readSiteState('netflix')).moodKey;
    expect(afterReading).not.toBe(first);
    await strategySetting.setValue('lift');
    const afterStrategy = (await readSiteState('netflix')).moodKey;
    expect(afterStrategy).not.toBe(afterReading);
    await customWeightsSetting.setValue({ happy: { Comedy: 0.5 } } as never);
    expect((await readSiteState('netflix')).moodKey).not.toBe(afterStrategy);
  });

  it('moves its mood key when the reading goes stale, so the badges follow without being told the time', async () => {
    await latestReading.setValue(reading(1_000_000));
    const fresh = (await readSiteState('netflix', 1_000_000 + 29 * 60_000)).moodKey;
    const stale = (await readSiteState('netflix', 1_000_000 + 31 * 60_000)).moodKey;
    expect(stale).not.toBe(fresh);
    await latestReading.removeValue();
    expect((await readSiteState('netflix', 1_000_000 + 31 * 60_000)).moodKey).toBe(stale);
  });

  it('keeps the hide flag per site, and reads what an earlier MoodReel stored (every site) the same way', async () => {
    await rowHidden.hide('disney');
    expect(await rowHidden.sites()).toEqual(['disney']);
    await rowHidden.hide('netflix');
    expect(await rowHidden.sites()).toEqual(['netflix', 'disney']);
    await fakeBrowser.storage.session.set({ siteRowHidden: true });
    expect(await rowHidden.sites()).toEqual(['netflix', 'prime', 'disney']);
    await rowHidden.showEverywhere();
    expect(await fakeBrowser.storage.session.get('siteRowHidden')).toEqual({});
    expect((await readSiteState('netflix')).rowHidden).toBe(false);
  });

  it('pings on every change a tab must follow, and stops when asked', async () => {
    let pings = 0;
    const stop = watchSiteState(() => pings++);
    await latestReading.setValue(reading(2_000));
    await siteSettings.setValue({ netflix: false, prime: true, disney: true });
    await rowHidden.hide('prime');
    await moodFreshMinutes.setValue(15);
    await strategySetting.setValue('lift');
    await rowSiteSettings.setValue({ netflix: false, prime: true, disney: true });
    await settle();
    expect(pings).toBe(6);
    stop();
    await rowHidden.showEverywhere();
    await settle();
    expect(pings).toBe(6);
  });
});
