/**
 * The background's glue under WXT's fakeBrowser: a reading reaches storage and the toolbar badge (once), the
 * stale alarm clears the badge, and an install, update or reload restores the badge of a still-fresh mood.
 * The offscreen document is played by a stub answering the background's runtime messages.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Envelope } from '@/lib/browser/messages';
import { envelope } from '@/lib/browser/messages';
import { openStores } from '@/lib/browser/database';
import { latestReading, restingFace } from '@/lib/browser/reading-store';
import { backendSetting, historySetting, moodFreshMinutes, readingLengthSetting } from '@/lib/browser/settings';
import { STALE_ALARM } from '@/lib/browser/toolbar-badge';
import type { FaceReading, MoodReading, ReadOutcome } from '@/lib/mood/types';
import { cameraReading } from '../support/readings';

// Each test's background opens its own in-memory database (history and corrections are read back below).
let indexedDB = new IDBFactory();
vi.mock('@/lib/browser/database', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/browser/database')>();
  return { ...real, openStores: () => real.openStores('moodreel', { indexedDB, IDBKeyRange }) };
});
vi.mock('@/lib/browser/offscreen-service', () => ({ ensureOffscreenDocument: vi.fn(async () => undefined) }));
// The catalogue has tests of its own (lib/browser/catalogue-service.test.ts); here an install only seeds, and
// "Not this film" marks and takes back a title.
const repository = vi.hoisted(() => ({ marked: [] as string[], undone: [] as string[] }));
vi.mock('@/lib/browser/catalogue-service', () => ({
  createCatalogueService: () => ({
    seed: vi.fn(async () => ({ action: 'unchanged' })),
    snapshot: vi.fn(async () => ({ index: { match: () => ({ id: '60074' }) } })),
    repository: {
      markNotThisFilm: vi.fn(async (title: string) => void repository.marked.push(title)),
      undoNotThisFilm: vi.fn(async (key: string) => {
        repository.undone.push(key);
        return true;
      }),
    },
  }),
}));

const reading = (at: number, emotion: MoodReading['emotion'] = 'happy'): FaceReading => cameraReading({ emotion, at });

/** What Chrome says about a message from the popup, and from a content script on a streaming site. */
const POPUP = {
  id: 'test-extension-id',
  url: 'chrome-extension://test-extension-id/popup.html',
  origin: 'chrome-extension://test-extension-id',
};
const CONTENT_SCRIPT = {
  id: 'test-extension-id',
  url: 'https://www.netflix.com/browse',
  origin: 'https://www.netflix.com',
  tab: { id: 7 },
};

/** Delivers a runtime message to the background's listener and returns its answer. */
async function ask<T>(message: Envelope, sender: object = POPUP): Promise<T> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => undefined);
  return answers.find((a) => a !== undefined) as T;
}

/** A popup's reading port as the background sees it; `close()` is the popup closing. */
function readingPort(id: string, sender: object = POPUP) {
  const onDisconnect: (() => void)[] = [];
  return {
    port: {
      name: `moodreel-reading:${id}`,
      sender,
      disconnect: vi.fn(),
      onDisconnect: { addListener: (l: () => void) => onDisconnect.push(l) },
    },
    close: () => onDisconnect.forEach((l) => l()),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 20));

async function startBackground() {
  const { default: background } = await import('@/entrypoints/background');
  background.main();
}

/** Probabilities in EMOTIONS order: a relaxed face that reads sad, and that face's reference. */
const RELAXED = [0.05, 0.01, 0.07, 0.03, 0.5, 0.02, 0.32];
const REST = [0.06, 0.01, 0.08, 0.04, 0.25, 0.02, 0.54];

describe('background', () => {
  let offscreenRequests: unknown[];
  let offscreenReads: FaceReading[];
  let setBadgeText: ReturnType<typeof vi.spyOn>;
  let connect: (port: unknown) => void;
  let accessLevels: Record<string, unknown>;

  beforeEach(async () => {
    fakeBrowser.reset();
    vi.resetModules();
    indexedDB = new IDBFactory();
    offscreenRequests = [];
    // The offscreen document: answers offscreen-read with a happy reading (or what a test puts in `offscreenReads`).
    offscreenReads = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: Envelope) => {
      offscreenRequests.push(message);
      if (message.moodreel === 'offscreen-read')
        return { ok: true, reading: offscreenReads.shift() ?? reading(Date.now()) } satisfies ReadOutcome;
      return { ok: true };
    }) as never);
    setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    // Not in WXT's fakeBrowser: the reading ports and storage access levels.
    // Every onConnect listener hears every port (the reading ports' and the site changes' listeners both).
    const connectListeners: ((port: unknown) => void)[] = [];
    connect = (port) => connectListeners.forEach((listener) => listener(port));
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(((listener: (port: unknown) => void) => {
      connectListeners.push(listener);
    }) as never);
    accessLevels = {};
    for (const area of ['local', 'sync', 'session'] as const) {
      fakeBrowser.storage[area].setAccessLevel = vi.fn(async ({ accessLevel }: { accessLevel: string }) => {
        accessLevels[area] = accessLevel;
      }) as never;
    }
  });

  it('closes local and sync storage to content scripts when it starts', async () => {
    await startBackground();
    await flush();
    expect(accessLevels).toMatchObject({ local: 'TRUSTED_CONTEXTS', sync: 'TRUSTED_CONTEXTS' });
  });

  it('never reads a mood for a content script, and tells it so', async () => {
    await startBackground();
    const answer = await ask(envelope('read-mood', { source: 'camera' }), CONTENT_SCRIPT);
    expect(answer).toMatchObject({ moodreelError: 'not-allowed' });
    expect(offscreenRequests).toEqual([]);
    expect(await latestReading.getValue()).toBeNull();
  });

  it('a reading whose popup closed is cancelled in the offscreen document and not stored', async () => {
    let finish!: () => void;
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: Envelope) => {
      offscreenRequests.push(message);
      if (message.moodreel === 'offscreen-read') {
        await new Promise<void>((resolve) => (finish = resolve));
        return { ok: true, reading: reading(Date.now()) } satisfies ReadOutcome;
      }
      return { ok: true };
    }) as never);
    await startBackground();
    const { port, close } = readingPort('r-1');
    connect(port);
    const answer = ask<ReadOutcome>(envelope('read-mood', { source: 'camera', readingId: 'r-1' }));
    await vi.waitFor(() => expect(finish).toBeTypeOf('function'));
    close();
    await flush();
    expect(offscreenRequests).toContainEqual(envelope('offscreen-cancel', { readingId: 'r-1' }));
    finish();
    expect(await answer).toMatchObject({ ok: false, message: expect.stringContaining('cancelled') });
    expect(await latestReading.getValue()).toBeNull();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('"Not this film" and its Undo come from the popup only; each has every site tab redraw its badges', async () => {
    await startBackground();
    const posted: unknown[] = [];
    const sitePort = {
      name: 'moodreel-site-changes',
      sender: CONTENT_SCRIPT,
      disconnect: vi.fn(),
      postMessage: (message: unknown) => posted.push(message),
      onDisconnect: { addListener: vi.fn() },
    };
    connect(sitePort);
    expect(await ask(envelope('reject-title', { title: 'Get Smart' }), CONTENT_SCRIPT)).toMatchObject({
      moodreelError: 'not-allowed',
    });
    expect(await ask(envelope('badged-on-tab', { tabId: 7 }), CONTENT_SCRIPT)).toMatchObject({
      moodreelError: 'not-allowed',
    });
    expect(repository.marked).toEqual([]);
    expect(await ask(envelope('reject-title', { title: 'Get Smart' }))).toEqual({ ok: true });
    expect(repository.marked).toEqual(['Get Smart']);
    expect(posted).toEqual(['redraw']);
    expect(await ask(envelope('restore-title', { title: '  Get  Smart ' }))).toEqual({ ok: true });
    expect(repository.undone).toEqual(['get smart']);
    expect(posted).toEqual(['redraw', 'redraw']);
    expect(await ask(envelope('badged-on-tab', { tabId: 7 }))).toEqual({ films: [] });
  });

  it('refuses a reading port opened by a content script', async () => {
    await startBackground();
    const { port } = readingPort('r-2', CONTENT_SCRIPT);
    connect(port);
    expect(port.disconnect).toHaveBeenCalled();
  });

  it('stores a reading, passes the backend and reading length settings on, and draws the badge once', async () => {
    await backendSetting.setValue('webgl');
    await readingLengthSetting.setValue('steady');
    await startBackground();
    const outcome = await ask<ReadOutcome>(envelope('read-mood', { source: 'camera' }));
    await flush();
    expect(outcome.ok).toBe(true);
    expect(offscreenRequests).toContainEqual(
      envelope('offscreen-read', { source: 'camera', backend: 'webgl', length: 'steady' }),
    );
    expect((await latestReading.getValue())?.emotion).toBe('happy');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('😄');
    expect(setBadgeText).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.alarms.get(STALE_ALARM)).toBeTruthy();
  });

  it('clears the badge when the stale alarm fires after the mood went stale', async () => {
    await moodFreshMinutes.setValue(5);
    await latestReading.setValue(reading(Date.now() - 6 * 60_000));
    await fakeBrowser.action.setBadgeText({ text: 'HAPY' });
    await startBackground();
    await fakeBrowser.alarms.onAlarm.trigger({ name: STALE_ALARM, scheduledTime: Date.now() });
    await flush();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.alarms.get(STALE_ALARM)).toBeFalsy();
  });

  it('restores the badge of a fresh mood after an install, update or reload', async () => {
    await latestReading.setValue(reading(Date.now() - 60_000, 'sad'));
    await startBackground();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.1.0' } as never);
    await flush();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('😢');
  });

  it('leaves the badge blank after an install when the last mood is stale', async () => {
    await latestReading.setValue(reading(Date.now() - 3 * 3600_000, 'sad'));
    await startBackground();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await flush();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('clears the badge when the reading is forgotten', async () => {
    await startBackground();
    await ask<ReadOutcome>(envelope('read-mood', { source: 'camera' }));
    await flush();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('😄');
    await latestReading.setValue(null);
    await flush();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('opens the welcome page on a first install, not on an update', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await startBackground();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.1.0' } as never);
    expect(create).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/onboarding.html' });
  });

  it('a chosen mood is the latest reading: the badge follows it, and with history off nothing is kept', async () => {
    await startBackground();
    const answer = await ask<{ ok: true; reading: MoodReading }>(envelope('choose-mood', { emotion: 'sad' }));
    await flush();
    expect(answer.reading).toMatchObject({ emotion: 'sad', source: 'chosen', probabilities: [0, 0, 0, 0, 1, 0, 0] });
    expect(await latestReading.getValue()).toEqual(answer.reading);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('😢');
    expect(offscreenRequests.filter((m) => (m as Envelope).moodreel === 'offscreen-read')).toEqual([]);
    const stores = openStores('moodreel', { indexedDB, IDBKeyRange });
    expect(await stores.history.count()).toBe(0);
    expect(await stores.corrections.all()).toEqual([]);
  });

  it('a correction replaces the reading it corrects, in storage and in the history, and is kept beside it', async () => {
    await historySetting.setValue(true);
    await startBackground();
    const read = await ask<ReadOutcome>(envelope('read-mood', { source: 'camera' }));
    if (!read.ok) throw new Error('no reading');
    const answer = await ask<{ ok: true; reading: MoodReading }>(
      envelope('choose-mood', { emotion: 'neutral', corrects: read.reading.at }),
    );
    await flush();
    expect(await latestReading.getValue()).toMatchObject({
      emotion: 'neutral',
      source: 'chosen',
      corrects: { emotion: 'happy', at: read.reading.at },
    });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('😐');
    const stores = openStores('moodreel', { indexedDB, IDBKeyRange });
    expect((await stores.history.all()).map((e) => [e.emotion, e.source])).toEqual([['neutral', 'chosen']]);
    expect(await stores.corrections.all()).toMatchObject([
      { read: 'happy', chosen: 'neutral', readAt: read.reading.at, at: answer.reading.at },
    ]);
    // Saying "happy" after all takes the correction back.
    await ask(envelope('choose-mood', { emotion: 'happy', corrects: answer.reading.at }));
    expect(await stores.corrections.all()).toEqual([]);
    expect((await stores.history.all()).map((e) => [e.emotion, e.source])).toEqual([['happy', 'chosen']]);
  });

  it('a choice naming a reading that is not the latest one corrects nothing', async () => {
    await startBackground();
    await ask<ReadOutcome>(envelope('read-mood', { source: 'camera' }));
    const answer = await ask<{ ok: true; reading: MoodReading }>(
      envelope('choose-mood', { emotion: 'sad', corrects: 1 }),
    );
    expect(answer.reading).not.toHaveProperty('corrects');
  });

  it('calibrates on about two seconds of one face, keeps the seven numbers, and corrects later readings', async () => {
    await readingLengthSetting.setValue('quick');
    await startBackground();
    offscreenReads.push({ ...reading(Date.now(), 'neutral'), probabilities: REST });
    const calibration = await ask<{ ok: boolean }>(envelope('calibrate-resting-face', { readingId: 'c-1' }));
    expect(calibration).toMatchObject({ ok: true, restingFace: { probabilities: REST, samples: 1 } });
    expect(offscreenRequests).toContainEqual(
      envelope('offscreen-read', {
        source: 'camera',
        length: 'steady',
        group: false,
        readingId: 'c-1',
        backend: 'auto',
      }),
    );
    expect((await restingFace.getValue())?.probabilities).toEqual(REST);
    // The calibration is not a mood: no reading, no badge.
    expect(await latestReading.getValue()).toBeNull();
    offscreenReads.push({ ...reading(Date.now(), 'sad'), probabilities: RELAXED });
    const later = await ask<ReadOutcome>(envelope('read-mood', { source: 'camera' }));
    expect(later).toMatchObject({ ok: true, reading: { emotion: 'neutral', calibrated: true, uncalibrated: RELAXED } });
    expect(await latestReading.getValue()).toMatchObject({ emotion: 'neutral', calibrated: true });
  });

  it('never lets a content script choose a mood or calibrate', async () => {
    await startBackground();
    for (const message of [envelope('choose-mood', { emotion: 'sad' }), envelope('calibrate-resting-face', {})]) {
      expect(await ask(message, CONTENT_SCRIPT)).toMatchObject({ moodreelError: 'not-allowed' });
    }
    expect(await latestReading.getValue()).toBeNull();
    expect(await restingFace.getValue()).toBeNull();
  });
});
