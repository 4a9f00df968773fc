/**
 * The background's answer to a site's content script: the site switch, the hide flag and an opaque counter
 * that moves whenever the badges would (and says nothing else: no reading, no time); and a "redraw" for each
 * change of any of them.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rowHidden } from '../sites/row-hidden';
import type { MoodReading } from '../mood/types';
import { latestReading } from './reading-store';
import { customWeightsSetting, moodFreshMinutes, rowSiteSettings, siteSettings, strategySetting } from './settings';
import { currentMoodKey, raiseMoodKey, readSiteState, serveSiteChanges, watchSiteState } from './site-state';
import { SITE_CHANGES_PORT } from './messages';
import { STALE_ALARM } from './toolbar-badge';

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

  it('answers with the defaults when nothing is stored, and nothing else', async () => {
    expect(await readSiteState('netflix')).toEqual({ enabled: true, rowHidden: false, rowOn: true, moodKey: 0 });
  });

  it('follows the site switch and the hide flag, per site', async () => {
    await siteSettings.setValue({ netflix: false, prime: true, disney: true });
    await rowHidden.hide('netflix');
    await rowSiteSettings.setValue({ netflix: true, prime: true, disney: false });
    expect(await readSiteState('netflix')).toMatchObject({ enabled: false, rowHidden: true, rowOn: true });
    expect(await readSiteState('prime')).toMatchObject({ enabled: true, rowHidden: false, rowOn: true });
    expect(await readSiteState('disney')).toMatchObject({ enabled: true, rowHidden: false, rowOn: false });
  });

  it('treats a site id no adapter has as a site that is off', async () => {
    expect((await readSiteState('toString' as never)).enabled).toBe(false);
    expect((await readSiteState('hulu' as never)).enabled).toBe(false);
  });

  it('tells no reading: the same answer for any reading, time or freshness until the counter is raised', async () => {
    const before = await readSiteState('netflix');
    await latestReading.setValue(reading(1_000));
    await moodFreshMinutes.setValue(60);
    await strategySetting.setValue('lift');
    expect(await readSiteState('netflix')).toEqual(before);
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

  it('raises its counter one at a time, none lost when raised together', async () => {
    expect(await currentMoodKey()).toBe(0);
    await Promise.all([raiseMoodKey(), raiseMoodKey(), raiseMoodKey()]);
    expect(await currentMoodKey()).toBe(3);
    expect((await readSiteState('netflix')).moodKey).toBe(3);
  });

  it('calls back on every change a tab must follow, saying whether the badges may change, and stops when asked', async () => {
    const calls: boolean[] = [];
    const stop = watchSiteState((badges) => calls.push(badges));
    await latestReading.setValue(reading(2_000));
    await settle();
    await siteSettings.setValue({ netflix: false, prime: true, disney: true });
    await settle();
    await rowHidden.hide('prime');
    await settle();
    await moodFreshMinutes.setValue(15);
    await settle();
    await strategySetting.setValue('lift');
    await rowSiteSettings.setValue({ netflix: false, prime: true, disney: true });
    await settle();
    await customWeightsSetting.setValue({ happy: { Comedy: 0.5 } } as never);
    await settle();
    await fakeBrowser.alarms.onAlarm.trigger({ name: STALE_ALARM, scheduledTime: Date.now() });
    await settle();
    expect(calls).toEqual([true, false, false, true, true, false, true, true]);
    stop();
    await rowHidden.showEverywhere();
    await fakeBrowser.alarms.onAlarm.trigger({ name: STALE_ALARM, scheduledTime: Date.now() });
    await settle();
    expect(calls).toHaveLength(8);
  });

  it('says only "redraw" on the ports of its own content scripts, and raises the counter first when the badges may change', async () => {
    const listeners: ((port: unknown) => void)[] = [];
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(((listener: (port: unknown) => void) => {
      listeners.push(listener);
    }) as never);
    const posted: { message: unknown; key: number }[] = [];
    const port = (sender: object) => ({
      name: SITE_CHANGES_PORT,
      sender,
      disconnect: vi.fn(),
      postMessage: (message: unknown) => void currentMoodKey().then((key) => posted.push({ message, key })),
      onDisconnect: { addListener: vi.fn() },
    });
    const ours = port({ id: fakeBrowser.runtime.id, tab: { id: 3 }, url: 'https://www.netflix.com/browse' });
    const stranger = port({ id: 'someone-else', tab: { id: 4 } });
    const { redraw } = serveSiteChanges();
    for (const listener of listeners) {
      listener(ours);
      listener(stranger);
    }
    expect(stranger.disconnect).toHaveBeenCalled();
    await latestReading.setValue(reading(3_000));
    await settle();
    await rowHidden.hide('netflix');
    await settle();
    await redraw();
    await settle();
    expect(posted).toEqual([
      { message: 'redraw', key: 1 },
      { message: 'redraw', key: 1 },
      { message: 'redraw', key: 2 },
    ]);
  });
});
