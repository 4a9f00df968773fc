/**
 * End to end with the built extension (.output/chrome-mv3; `npm run test:e2e` builds it first) in headless
 * Chromium: the fake camera plays a real photo, the popup reads the mood. One browser launch per camera file
 * (the fake camera is fixed per launch). Every launch records every request (pages, service worker,
 * offscreen document, NetLog) and the last test asserts that none left the extension and 127.0.0.1.
 *
 * MOODREEL_E2E_READ_TIMEOUT (ms, default 60000) bounds the wait for one reading.
 */
import { expect, it } from 'vitest';
import {
  FACE_PHOTOS,
  GROUP_PHOTO,
  facePath,
  makeBrokenJpeg,
  makeEmptyJpeg,
  makeLargeJpeg,
  makeSolidJpeg,
  makeSolidY4m,
  makeSvg,
  makeTinyPng,
  makeTruncatedJpeg,
  makeY4m,
  readCameraFrame,
} from '../harness/index.mjs';
import {
  CANARY_HOST,
  e2eRun,
  expectCameraReleased,
  expectError as expectErrorIn,
  expectMood as expectMoodIn,
  freshPopup,
  outcome,
  readByCamera,
  readByPhoto,
  type Outcome,
} from './support';

const run = e2eRun();
const server = () => run.server();
const withBrowser = run.withBrowser;
const MAPPED_HOST = 'www.netflix.com';
const expectMood: (result: Outcome, label: string) => asserts result is Extract<Outcome, { kind: 'mood' }> = (
  result,
  label,
) => expectMoodIn(run, result, label);
const expectError = (result: Outcome, reason: string, label: string) => expectErrorIn(run, result, reason, label);

// ---------------------------------------------------------------------------------------------- camera

withBrowser(
  'camera: happy-baby (+ harness self-checks, photo uploads)',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)) }),
  (h) => {
    it('harness: loads the extension, finds its id and opens the popup', async () => {
      expect(h().extensionId).toMatch(/^[a-p]{32}$/);
      const name = await h().serviceWorker.evaluate(() => chrome.runtime.getManifest().name);
      expect(name).toBe('MoodReel');
      const popup = await h().openPopup();
      await expect.poll(() => popup.locator('[data-testid="read-mood"]').count()).toBe(1);
      await popup.close();
    });

    it('harness: the fake camera plays the photo (a real frame, not green, not blank)', async () => {
      const frame = await readCameraFrame(h().context, server());
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

    it('says bad-photo for an upload that is not an image: text renamed .jpg, empty, cut short, or a drawing (SVG)', async () => {
      const popup = await freshPopup(h());
      const files = {
        'text renamed .jpg': makeBrokenJpeg(),
        'empty': makeEmptyJpeg(),
        'truncated': makeTruncatedJpeg(facePath(FACE_PHOTOS.happy)),
        'svg': makeSvg(),
      };
      for (const [label, file] of Object.entries(files)) {
        expectError(await readByPhoto(popup, file), 'bad-photo', `photo ${label}`);
        await freshPopup(h(), popup);
      }
    });

    it('never reads a mood from a 12×9 thumbnail: it says the photo is too small', async () => {
      const popup = await freshPopup(h());
      const result = await readByPhoto(popup, makeTinyPng({ width: 12, height: 9 }));
      expectError(result, 'no-face', 'photo 12x9 thumbnail');
      expect(result.kind === 'error' && result.text).toMatch(/too small/);
    });

    it('reads a 7,000-pixel-wide photo', async () => {
      const popup = await freshPopup(h());
      const result = await readByPhoto(popup, makeLargeJpeg(facePath(FACE_PHOTOS.happy), { width: 7000 }));
      expectMood(result, 'photo happy-baby 7000 px');
      expect(result.emotion).toBe('happy');
    });

    it('harness: the recorder sees requests of pages and of the offscreen document, NetLog included', async () => {
      const page = await h().context.newPage();
      await page.goto(server().url('/__harness/camera-check.html'));
      await page.evaluate((host) => {
        new Image().src = `http://${host}/from-page.png`;
      }, CANARY_HOST);
      await page.waitForTimeout(300);
      await page.close();
      const canaries = () =>
        h()
          .recorder.entries.filter((e) => e.url.includes(CANARY_HOST))
          .map((e) => e.source);
      expect(canaries()).toContain('page');
      // The offscreen document, when the product keeps one open (or one made here for the check).
      const origin = h().extensionOrigin;
      if (!(await h().targets()).some((t) => t.url.startsWith(`${origin}/offscreen`))) {
        await h().serviceWorker.evaluate(() =>
          chrome.offscreen
            .createDocument({
              url: '/offscreen.html',
              reasons: ['USER_MEDIA' as chrome.offscreen.Reason],
              justification: 'e2e recorder check',
            })
            .catch(() => undefined),
        );
        await expect
          .poll(async () => (await h().targets()).some((t) => t.url.startsWith(`${origin}/offscreen`)))
          .toBe(true);
        await page.waitForTimeout(300);
      }
      await h().evaluateInTarget(
        `${origin}/offscreen`,
        `new Image().src = 'http://${CANARY_HOST}/from-offscreen.png'; 1`,
      );
      await expect
        .poll(() => canaries().filter((s) => s.startsWith('cdp:')).length, { timeout: 5_000 })
        .toBeGreaterThan(0);
    });
  },
);

withBrowser(
  'camera: surprised',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.surprise)) }),
  (h) => {
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
  },
);

for (const label of ['angry', 'neutral', 'sad'] as const) {
  const file = FACE_PHOTOS[label];
  withBrowser(
    `camera: ${file}`,
    () => ({ camera: makeY4m(facePath(file)) }),
    (h) => {
      it(`reads a mood from the camera (any emotion; labelled ${label}), then releases the camera`, async () => {
        const popup = await freshPopup(h());
        const result = await readByCamera(popup);
        expectMood(result, `camera ${file} (labelled ${label})`);
        await expectCameraReleased(h(), popup);
      });
    },
  );
}

withBrowser(
  'camera: group',
  () => ({ camera: makeY4m(facePath(GROUP_PHOTO)) }),
  (h) => {
    it('reads a mood, sees several faces and says so', async () => {
      const popup = await freshPopup(h());
      const result = await readByCamera(popup);
      expectMood(result, 'camera group');
      expect(result.faces).toBeGreaterThan(1);
      await expect(popup.locator('[data-testid="several-faces"]').count()).resolves.toBe(1);
      await expectCameraReleased(h(), popup);
    });
  },
);

withBrowser(
  'camera: the popup closes mid-reading',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)) }),
  (h) => {
    it('stops every camera track within half a second of the popup closing, and stores nothing', async () => {
      // A first reading loads the model, so the second one has the camera on at once; "steady" keeps it on ~2 s.
      const popup = await freshPopup(h());
      expectMood(await readByCamera(popup), 'camera before the close');
      await expectCameraReleased(h(), popup);
      await popup.evaluate(() => chrome.storage.sync.set({ readingLength: 'steady' }));
      await freshPopup(h(), popup);
      const observer = await h().context.newPage();
      await observer.goto(h().url('privacy.html'));
      const liveTracks = async () => (await h().offscreenStatus(observer)).liveTracks;

      await popup.locator('[data-testid="read-mood"]').click();
      await expect.poll(liveTracks, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
      const closedAt = Date.now();
      await popup.close();
      let offAfterMs = Number.POSITIVE_INFINITY;
      while (Date.now() - closedAt < 5_000) {
        if ((await liveTracks()) === 0) {
          offAfterMs = Date.now() - closedAt;
          break;
        }
      }
      run.readings['popup close → camera off'] = `${offAfterMs} ms`;
      console.log(`[e2e] popup close → camera off: ${offAfterMs} ms`);
      expect(offAfterMs).toBeLessThanOrEqual(500);
      // Past the longest reading: no reading was stored for the closed popup.
      await observer.waitForTimeout(6_000);
      expect(await observer.evaluate(() => chrome.storage.local.get('latestReading'))).toEqual({});
      expect(await liveTracks()).toBe(0);
      await observer.evaluate(() => chrome.storage.sync.remove('readingLength'));
      await observer.close();
    });
  },
);

withBrowser(
  'camera: blank grey',
  () => ({ camera: makeSolidY4m('gray') }),
  (h) => {
    it('harness: the fake camera plays the blank file', async () => {
      const frame = await readCameraFrame(h().context, server());
      expect(frame.lumaStd).toBeLessThan(3);
    });

    it('says no-face, then releases the camera', async () => {
      const popup = await freshPopup(h());
      expectError(await readByCamera(popup), 'no-face', 'camera blank');
      await expectCameraReleased(h(), popup);
    });
  },
);

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

run.privacyTest();
