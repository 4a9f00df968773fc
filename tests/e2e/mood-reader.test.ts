/**
 * End to end with the built extension (.output/chrome-mv3; `npm run test:e2e` builds it first) in headless
 * Chromium: the fake camera plays a real photo, the popup reads the mood. One browser launch per camera file
 * (the fake camera is fixed per launch). Every launch records every request (pages, service worker,
 * offscreen document, NetLog) and the last test asserts that none left the extension and 127.0.0.1.
 *
 * MOODREEL_E2E_READ_TIMEOUT (ms, default 60000) bounds the wait for one reading.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FACE_PHOTOS,
  FIXTURES_DIR,
  GROUP_PHOTO,
  facePath,
  harnessMounts,
  launchExtension,
  makeBrokenJpeg,
  makeSolidJpeg,
  makeSolidY4m,
  makeY4m,
  readCameraFrame,
  type Harness,
  type RecordedRequest,
  type StaticServer,
  startStaticServer,
} from '../harness/index.mjs';
import path from 'node:path';

const READ_TIMEOUT = Number(process.env.MOODREEL_E2E_READ_TIMEOUT ?? 60_000);
const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'];
const CANARY_HOST = 'recorder-canary.invalid';
const MAPPED_HOST = 'www.netflix.com';
const ALLOWED_HOSTS = ['127.0.0.1', MAPPED_HOST];

type Outcome =
  | { kind: 'mood'; emotion: string; backend: string; faces: number }
  | { kind: 'error'; reason: string; text: string };

let server: StaticServer;
const outsideRequests: { launch: string; request: RecordedRequest }[] = [];
const launchTimes: Record<string, number> = {};
const readings: Record<string, string> = {};
let requestsRecorded = 0;

beforeAll(async () => {
  server = await startStaticServer({
    mounts: {
      ...harnessMounts(),
      '/browse': path.join(FIXTURES_DIR, 'streaming-demo/index.html'),
      '/': path.join(FIXTURES_DIR, 'streaming-demo'),
    },
  });
});

afterAll(async () => {
  await server?.close();
  console.log('[e2e] readings:', JSON.stringify(readings));
  console.log('[e2e] launch ms (to extension id):', JSON.stringify(launchTimes));
});

/** A describe block that owns one browser launch; its requests join the run's record when it closes. */
function withBrowser(name: string, options: () => Parameters<typeof launchExtension>[0], body: (get: () => Harness) => void) {
  describe(name, () => {
    let harness: Harness | undefined;
    beforeAll(async () => {
      harness = await launchExtension({ hostMap: { [MAPPED_HOST]: server.port }, ...options() });
      launchTimes[name] = harness.launchMs;
    });
    afterAll(async () => {
      if (!harness) return;
      const recorder = await harness.close();
      requestsRecorded += recorder.entries.length;
      for (const request of recorder.outside({ hosts: ALLOWED_HOSTS })) {
        if (new URL(request.url).hostname !== CANARY_HOST) outsideRequests.push({ launch: name, request });
      }
    });
    body(() => {
      if (!harness) throw new Error('The browser did not launch');
      return harness;
    });
  });
}

/** A fresh popup state (no earlier reading shown), so the next mood element can only be the new reading. */
async function freshPopup(h: Harness, popup?: Page): Promise<Page> {
  const page = popup ?? await h.openPopup();
  await page.evaluate(() => chrome.storage.local.remove('latestReading'));
  await page.reload();
  await page.locator('[data-testid="read-mood"]').waitFor({ timeout: 15_000 });
  return page;
}

/** The first reading (mood or error) that shows in any of `pages`. */
async function outcome(...pages: Page[]): Promise<Outcome> {
  const found = (page: Page) => page.locator('[data-testid="mood"], [data-testid="mood-error"]').first();
  const page = await Promise.any(pages.map(async (p) => {
    await found(p).waitFor({ timeout: READ_TIMEOUT });
    return p;
  })).catch(() => {
    throw new Error(`No [data-testid="mood"] nor [data-testid="mood-error"] within ${READ_TIMEOUT} ms in ${pages.map((p) => p.url()).join(', ')}`);
  });
  const mood = page.locator('[data-testid="mood"]');
  const error = page.locator('[data-testid="mood-error"]');
  if (await mood.count()) {
    return {
      kind: 'mood',
      emotion: (await mood.first().getAttribute('data-emotion')) ?? '',
      backend: (await mood.first().getAttribute('data-backend')) ?? '',
      faces: Number(await mood.first().getAttribute('data-faces')),
    };
  }
  return {
    kind: 'error',
    reason: (await error.first().getAttribute('data-reason')) ?? '',
    text: (await error.first().textContent()) ?? '',
  };
}

async function readByCamera(popup: Page): Promise<Outcome> {
  await popup.locator('[data-testid="read-mood"]').click();
  return outcome(popup);
}

async function readByPhoto(popup: Page, file: string): Promise<Outcome> {
  await popup.locator('[data-testid="photo-input"]').setInputFiles(file);
  return outcome(popup);
}

function expectMood(result: Outcome, label: string): asserts result is Extract<Outcome, { kind: 'mood' }> {
  readings[label] = result.kind === 'mood'
    ? `${result.emotion} (${result.backend}, ${result.faces} face${result.faces === 1 ? '' : 's'})`
    : `error ${result.reason}: ${result.text}`;
  console.log(`[e2e] ${label}: ${readings[label]}`);
  expect(result.kind, `${label}: ${JSON.stringify(result)}`).toBe('mood');
  if (result.kind !== 'mood') return;
  expect(EMOTIONS).toContain(result.emotion);
  expect(BACKENDS).toContain(result.backend);
  expect(result.faces).toBeGreaterThanOrEqual(1);
}

function expectError(result: Outcome, reason: string, label: string) {
  readings[label] = result.kind === 'mood' ? `${result.emotion} (${result.backend})` : `error ${result.reason}`;
  console.log(`[e2e] ${label}: ${readings[label]}`);
  expect(result, label).toMatchObject({ kind: 'error', reason });
}

/** After a camera reading the offscreen document must hold no live camera track. */
async function expectCameraReleased(h: Harness, popup: Page) {
  await expect
    .poll(async () => (await h.offscreenStatus(popup)).liveTracks, { timeout: 5_000, interval: 250 })
    .toBe(0);
}

// ---------------------------------------------------------------------------------------------- camera

withBrowser('camera: happy-baby (+ harness self-checks, photo uploads)', () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)) }), (h) => {
  it('harness: loads the extension, finds its id and opens the popup', async () => {
    expect(h().extensionId).toMatch(/^[a-p]{32}$/);
    const name = await h().serviceWorker.evaluate(() => chrome.runtime.getManifest().name);
    expect(name).toBe('MoodReel');
    const popup = await h().openPopup();
    await expect.poll(() => popup.locator('[data-testid="read-mood"]').count()).toBe(1);
    await popup.close();
  });

  it('harness: the fake camera plays the photo (a real frame, not green, not blank)', async () => {
    const frame = await readCameraFrame(h().context, server);
    expect(frame.width).toBe(640);
    expect(frame.lumaStd).toBeGreaterThan(15);
    const [r, g, b] = frame.mean;
    expect(g - Math.max(r, b), `green frame? ${JSON.stringify(frame)}`).toBeLessThan(40);
  });

  it('harness: the streaming demo page is served at http://www.netflix.com/browse', async () => {
    const page = await h().context.newPage();
    await page.goto(`http://${MAPPED_HOST}/browse`);
    expect(await page.locator('[data-title]').count()).toBeGreaterThan(20);
    expect(await page.title()).toContain('Netflix');
    await page.close();
    expect(h().recorder.entries.some((e) => e.url === `http://${MAPPED_HOST}/browse`)).toBe(true);
  });

  it('reads happy from the camera, then releases the camera', async () => {
    const popup = await freshPopup(h());
    const result = await readByCamera(popup);
    expectMood(result, 'camera happy-baby');
    expect(result.emotion).toBe('happy');
    expect(result.faces).toBe(1);
    await expectCameraReleased(h(), popup);
  });

  it('reads happy from an uploaded photo', async () => {
    const popup = await freshPopup(h());
    const result = await readByPhoto(popup, facePath(FACE_PHOTOS.happy));
    expectMood(result, 'photo happy-baby');
    expect(result.emotion).toBe('happy');
  });

  it('reads surprise from an uploaded photo', async () => {
    const popup = await freshPopup(h());
    const result = await readByPhoto(popup, facePath(FACE_PHOTOS.surprise));
    expectMood(result, 'photo surprised');
    expect(result.emotion).toBe('surprise');
  });

  it('says no-face for an uploaded photo with no face', async () => {
    const popup = await freshPopup(h());
    expectError(await readByPhoto(popup, makeSolidJpeg('gray')), 'no-face', 'photo blank');
  });

  it('says bad-photo for an upload that is not an image', async () => {
    const popup = await freshPopup(h());
    expectError(await readByPhoto(popup, makeBrokenJpeg()), 'bad-photo', 'photo broken');
  });

  it('harness: the recorder sees requests of pages and of the offscreen document, NetLog included', async () => {
    const page = await h().context.newPage();
    await page.goto(server.url('/__harness/camera-check.html'));
    await page.evaluate((host) => {
      new Image().src = `http://${host}/from-page.png`;
    }, CANARY_HOST);
    await page.waitForTimeout(300);
    await page.close();
    const canaries = () => h().recorder.entries.filter((e) => e.url.includes(CANARY_HOST)).map((e) => e.source);
    expect(canaries()).toContain('page');
    // The offscreen document, when the product keeps one open (or one made here for the check).
    const origin = h().extensionOrigin;
    if (!(await h().targets()).some((t) => t.url.startsWith(`${origin}/offscreen`))) {
      await h().serviceWorker.evaluate(() =>
        chrome.offscreen.createDocument({
          url: '/offscreen.html',
          reasons: ['USER_MEDIA' as chrome.offscreen.Reason],
          justification: 'e2e recorder check',
        }).catch(() => undefined));
      await expect.poll(async () => (await h().targets()).some((t) => t.url.startsWith(`${origin}/offscreen`))).toBe(true);
      await page.waitForTimeout(300);
    }
    await h().evaluateInTarget(`${origin}/offscreen`, `new Image().src = 'http://${CANARY_HOST}/from-offscreen.png'; 1`);
    await expect.poll(() => canaries().filter((s) => s.startsWith('cdp:')).length, { timeout: 5_000 }).toBeGreaterThan(0);
  });
});

withBrowser('camera: surprised', () => ({ camera: makeY4m(facePath(FACE_PHOTOS.surprise)) }), (h) => {
  it('reads surprise when clicked the moment a new browser first shows the popup, then releases the camera', async () => {
    // No reload first: the click races the offscreen document the popup's opening starts creating.
    const popup = await h().openPopup();
    await popup.locator('[data-testid="read-mood"]').waitFor({ timeout: 15_000 });
    const result = await readByCamera(popup);
    expectMood(result, 'camera surprised, first click');
    expect(result.emotion).toBe('surprise');
    await expectCameraReleased(h(), popup);
  });

  it('reads surprise from the camera, then releases the camera', async () => {
    const popup = await freshPopup(h());
    const result = await readByCamera(popup);
    expectMood(result, 'camera surprised');
    expect(result.emotion).toBe('surprise');
    await expectCameraReleased(h(), popup);
  });
});

for (const label of ['angry', 'neutral', 'sad'] as const) {
  const file = FACE_PHOTOS[label];
  withBrowser(`camera: ${file}`, () => ({ camera: makeY4m(facePath(file)) }), (h) => {
    it(`reads a mood from the camera (any emotion; labelled ${label}), then releases the camera`, async () => {
      const popup = await freshPopup(h());
      const result = await readByCamera(popup);
      expectMood(result, `camera ${file} (labelled ${label})`);
      await expectCameraReleased(h(), popup);
    });
  });
}

withBrowser('camera: group', () => ({ camera: makeY4m(facePath(GROUP_PHOTO)) }), (h) => {
  it('reads a mood, sees several faces and says so', async () => {
    const popup = await freshPopup(h());
    const result = await readByCamera(popup);
    expectMood(result, 'camera group');
    expect(result.faces).toBeGreaterThan(1);
    await expect(popup.locator('[data-testid="several-faces"]').count()).resolves.toBe(1);
    await expectCameraReleased(h(), popup);
  });
});

withBrowser('camera: blank grey', () => ({ camera: makeSolidY4m('gray') }), (h) => {
  it('harness: the fake camera plays the blank file', async () => {
    const frame = await readCameraFrame(h().context, server);
    expect(frame.lumaStd).toBeLessThan(3);
  });

  it('says no-face, then releases the camera', async () => {
    const popup = await freshPopup(h());
    expectError(await readByCamera(popup), 'no-face', 'camera blank');
    await expectCameraReleased(h(), popup);
  });
});

withBrowser(
  'camera permission (no fake UI; CDP grants/denies)',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)), cameraPermission: 'denied' }),
  (h) => {
    it('says camera-denied when the camera is denied', async () => {
      await h().setCameraPermission('denied');
      const popup = await freshPopup(h());
      expectError(await readByCamera(popup), 'camera-denied', 'camera denied');
      await expectCameraReleased(h(), popup);
    });

    it('asks in a camera-access tab when not granted yet, and reads after the grant', async () => {
      await h().setCameraPermission('prompt');
      const popup = await freshPopup(h());
      const tab = h().context.waitForEvent('page', {
        predicate: (p) => p.url().includes('camera-access'),
        timeout: 15_000,
      });
      await popup.locator('[data-testid="read-mood"]').click();
      const accessPage = await tab;
      expect(new URL(accessPage.url()).host).toBe(h().extensionId);
      await h().setCameraPermission('granted');
      // The tab asks on a click ("Allow the camera"), then reads the mood itself (or hands back to the popup).
      const allow = accessPage.locator('[data-testid="allow-camera"]');
      await allow.waitFor({ timeout: 10_000 });
      await allow.click();
      const result = await outcome(accessPage, popup);
      expectMood(result, 'camera after grant');
      expect(result.emotion).toBe('happy');
      await expectCameraReleased(h(), popup);
    });
  },
);

// ---------------------------------------------------------------------------------------------- privacy

describe('privacy', () => {
  it('made no request outside the extension and the local fixture server, in any launch', () => {
    expect(requestsRecorded).toBeGreaterThan(0);
    const report = outsideRequests.map(({ launch, request }) => `${launch}: [${request.source}] ${request.url}`);
    expect(report).toEqual([]);
  });
});
