/**
 * What a person sees after acting, end to end: errors that say what happened and offer what helps (Chrome's
 * camera settings opened in a tab; "Try again" after the browser interrupted a reading, both when the offscreen
 * document and when the service worker stopped); 👎 in the popup keeps the list's length and Undo brings back the
 * same list in the same order; the toolbar shows the mood's emoji; the speed test shows each backend as it is
 * measured; a finished import and "Erase everything" say what they did.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { EMOTION_EMOJI, type Emotion } from '../../lib/mood/emotions';
import { FACE_PHOTOS, FIXTURES_DIR, facePath, makeTinyPng, makeY4m, type Harness } from '../harness/index.mjs';
import { e2eRun, expectMood, freshPopup, outcome, readByCamera, readByPhoto, setStoredReading } from './support';

const run = e2eRun();

async function pickIds(popup: Page): Promise<string[]> {
  await popup.locator('[data-testid="pick"]').first().waitFor({ timeout: 30_000 });
  return popup
    .locator('[data-testid="pick"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-movie-id') ?? ''));
}

const errorTitle = (page: Page) => page.locator('[data-testid="mood-error"] .error__title').textContent();

/** Starts a steady camera reading and waits until the camera is on (seen from a page of ours that stays open). */
async function startLongReading(h: Harness, popup: Page, observer: Page): Promise<void> {
  await popup.evaluate(() => chrome.storage.sync.set({ readingLength: 'steady' }));
  await freshPopup(h, popup);
  await popup.locator('[data-testid="read-mood"]').click();
  await expect
    .poll(async () => (await h.offscreenStatus(observer).catch(() => ({ liveTracks: 0 }))).liveTracks, {
      timeout: 30_000,
      interval: 50,
    })
    .toBeGreaterThan(0);
}

run.withBrowser(
  'acting: happy-baby',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)) }),
  (h) => {
    it('the toolbar shows the mood’s emoji and says the mood in its tooltip (never "HAPY" or "CALM")', async () => {
      const popup = await freshPopup(h());
      const result = await readByCamera(popup);
      expectMood(run, result, 'acting: toolbar');
      const badge = () =>
        h().serviceWorker.evaluate(async () => ({
          text: await chrome.action.getBadgeText({}),
          title: await chrome.action.getTitle({}),
        }));
      await expect.poll(async () => (await badge()).text).toBe(EMOTION_EMOJI[result.emotion as Emotion]);
      await setStoredReading(h(), 'neutral');
      await expect.poll(badge).toEqual({ text: '😐', title: 'MoodReel: you look neutral' });
      await setStoredReading(h(), 'happy');
      await expect.poll(badge).toEqual({ text: '😄', title: 'MoodReel: you look happy' });
    });

    it('👎 puts another film in the hidden one’s place; Undo gives back the same list in the same order', async () => {
      const popup = await freshPopup(h());
      expectMood(run, await readByCamera(popup), 'acting: undo');
      const before = await pickIds(popup);
      expect(before.length).toBeGreaterThanOrEqual(5);
      const hidden = before[1]!;
      await popup.locator(`[data-testid="pick"][data-movie-id="${hidden}"] [data-testid="pick-dislike"]`).click();
      await popup.locator('[data-testid="undo-hide"]').waitFor();
      const after = await pickIds(popup);
      expect(after).toHaveLength(before.length);
      expect(after).not.toContain(hidden);
      // Every other film keeps its place; the new one sits where the hidden one was.
      expect(after.filter((_, i) => i !== 1)).toEqual(before.filter((_, i) => i !== 1));
      await popup.locator('[data-testid="undo-hide"]').click();
      await expect.poll(() => pickIds(popup)).toEqual(before);
      await expect.poll(() => popup.locator('[data-testid="undo-hide"]').count()).toBe(0);
    });

    it('a thumbnail is titled "Photo too small", not "No face found", and offers no pointless retry', async () => {
      const popup = await freshPopup(h());
      const result = await readByPhoto(popup, makeTinyPng({ width: 12, height: 9 }));
      expect(result).toMatchObject({ kind: 'error', reason: 'no-face' });
      expect(await errorTitle(popup)).toBe('Photo too small');
      expect(await popup.locator('[data-testid="mood-retry"]').count()).toBe(0);
    });

    it('the offscreen document closing mid-reading: "The reading was interrupted", and "Try again" reads', async () => {
      const observer = await h().context.newPage();
      await observer.goto(h().url('privacy.html'));
      const popup = await h().openPopup();
      await startLongReading(h(), popup, observer);
      await h().serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
      const result = await outcome(popup);
      expect(result).toMatchObject({ kind: 'error', reason: 'model-failed' });
      expect(await errorTitle(popup)).toBe('The reading was interrupted');
      await popup.evaluate(() => chrome.storage.sync.remove('readingLength'));
      await popup.locator('[data-testid="mood-retry"]').click();
      await popup.locator('[data-testid="mood"]').waitFor({ timeout: 60_000 });
      await observer.close();
    });

    it('the service worker stopping mid-reading: the popup says so too, and "Try again" reads', async () => {
      const observer = await h().context.newPage();
      await observer.goto(h().url('privacy.html'));
      const popup = await h().openPopup();
      await startLongReading(h(), popup, observer);
      const worker = (await h().targets()).find((t) => t.type === 'service_worker' && t.url.includes(h().extensionId));
      expect(worker).toBeDefined();
      await h().cdp!.send('Target.closeTarget', { targetId: worker!.targetId });
      await popup.locator('[data-testid="mood-error"]').waitFor({ timeout: 30_000 });
      expect(await errorTitle(popup)).toBe('The reading was interrupted');
      await observer.evaluate(() => chrome.storage.sync.remove('readingLength'));
      await popup.locator('[data-testid="mood-retry"]').click();
      await popup.locator('[data-testid="mood"]').waitFor({ timeout: 60_000 });
      await observer.close();
    });

    it('the speed test shows which backend it measures, which are done (with results), and which wait', async () => {
      const options = await h().context.newPage();
      await options.goto(h().url('options.html'));
      await options.locator('[data-testid="backend-test"]').click();
      const row = (backend: string) => options.locator(`[data-testid^="backend-"][data-backend="${backend}"]`);
      // First WebGPU is measured while the rest wait.
      await expect.poll(() => row('webgpu').getAttribute('data-state')).toMatch(/measuring|done/u);
      // Results come one by one: a finished backend shows its result while a later one is still measured.
      await options
        .locator('[data-testid="backend-progress"][data-state="done"]')
        .first()
        .waitFor({ timeout: 120_000 });
      const states = await options
        .locator('[data-testid="backend-progress"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
      expect(states).toContain('done');
      expect(states.some((s) => s === 'measuring' || s === 'waiting')).toBe(true);
      expect(await options.locator('[data-testid="backend-progress-status"]').textContent()).toMatch(/Measuring \w+/u);
      await options.locator('[data-testid="backend-speeds"][data-state="done"]').waitFor({ timeout: 240_000 });
      expect(await options.locator('[data-testid="backend-result"]').count()).toBe(4);
      expect(Number(await row('wasm').getAttribute('data-ms'))).toBeGreaterThan(0);
      await options.close();
    });

    it('a finished import says how many films came in; "Erase everything" says what it erased', async () => {
      const options = await h().context.newPage();
      await options.goto(h().url('options.html'));
      await options
        .locator('input[type=file][data-testid="catalogue-import"]')
        .setInputFiles(path.join(FIXTURES_DIR, 'imports/family-comedies.csv'));
      await options.locator('[data-testid="import-commit"]').click();
      await options.locator('[data-testid="import-done"]').waitFor({ timeout: 30_000 });
      expect(await options.locator('[data-testid="import-done"]').textContent()).toBe('Imported 3 films.');
      await options.locator('[data-testid="erase-all"]').click();
      await options.locator('[data-testid="erase-confirm"]').click();
      await options.locator('[data-testid="erased"]').waitFor({ timeout: 30_000 });
      expect(await options.locator('[data-testid="erased"]').textContent()).toMatch(
        /^Everything erased: .*imported films\. The built-in films are back\.$/u,
      );
      // Said once: reloading the page does not say it again.
      await options.reload();
      await options.locator('h1').waitFor();
      await options.waitForTimeout(300);
      expect(await options.locator('[data-testid="erased"]').count()).toBe(0);
      await options.close();
    });
  },
);

run.withBrowser(
  'acting: the camera refused',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)), cameraPermission: 'denied' }),
  (h) => {
    it("camera denied: the steps in words, and a button that opens Chrome's camera settings for MoodReel", async () => {
      await h().setCameraPermission('denied');
      const popup = await freshPopup(h());
      const result = await readByCamera(popup);
      expect(result).toMatchObject({ kind: 'error', reason: 'camera-denied' });
      expect(await errorTitle(popup)).toBe('Camera not allowed');
      const text = (await popup.locator('[data-testid="mood-error"]').textContent()) ?? '';
      expect(text).toMatch(/Next to Camera, choose Allow/u);
      expect(text).not.toContain('chrome://');
      const settings = `chrome://settings/content/siteDetails?site=chrome-extension%3A%2F%2F${h().extensionId}`;
      const opened = h().context.waitForEvent('page', { timeout: 15_000 });
      await popup.locator('[data-testid="open-camera-settings"]').click();
      const tab = await opened;
      await expect.poll(() => tab.url()).toBe(settings);
    });
  },
);

run.privacyTest();
