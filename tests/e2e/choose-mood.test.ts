/**
 * Choosing and correcting the mood, and the resting-face calibration, end to end in Chromium with the built
 * extension: a mood chosen with no camera at all drives the picks, the toolbar badge and the streaming row; a
 * correction replaces the camera's reading (and, with history on, is kept, summed up on the options page and
 * folded into the resting face); a calibration on the options page marks later readings calibrated, travels in
 * the JSON export and back, and its own button and "Erase everything" erase it.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { FACE_PHOTOS, facePath, makeY4m, type Harness } from '../harness/index.mjs';
import { EMOTION_EMOJI } from '../../lib/mood/emotions';
import { e2eRun, expectCameraReleased, expectMood, freshPopup, readByCamera, waitForRow } from './support';

const run = e2eRun();

/** Clicks the chip of `emotion` and waits for the chosen mood to be the one on screen. */
async function choose(popup: Page, emotion: string): Promise<void> {
  await popup.locator(`[data-testid="choose-mood"] button[data-emotion="${emotion}"]`).click();
  await popup.locator(`[data-testid="mood"][data-source="chosen"][data-emotion="${emotion}"]`).waitFor();
}

const badgeText = (h: Harness) => h.serviceWorker.evaluate(() => chrome.action.getBadgeText({}));

/** Every row of a table of the extension's database, read from one of its pages. */
function tableRows(page: Page, table: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('moodreel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as Record<string, unknown>[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

async function openOptions(h: Harness): Promise<Page> {
  const options = await h.context.newPage();
  await options.goto(h.url('options.html'));
  await options.locator('[data-testid="resting-face"]').waitFor();
  return options;
}

run.withBrowser(
  'choose a mood: no camera at all',
  () => ({ camera: null }),
  (h) => {
    it('offers the seven moods before any reading; a chosen mood drives the picks, the badge and the row', async () => {
      const popup = await freshPopup(h());
      const chips = popup.locator('[data-testid="choose-mood"] button[data-emotion]');
      expect(await chips.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-emotion')))).toEqual([
        'angry',
        'disgust',
        'fear',
        'happy',
        'sad',
        'surprise',
        'neutral',
      ]);
      expect(await popup.locator('[data-testid="mood"]').count()).toBe(0);
      // Movie night is on, but a chosen mood is one person's: single picks.
      await popup.locator('[data-testid="movie-night"]').check();
      await choose(popup, 'happy');
      expect(await popup.locator('[data-testid="people"]').count()).toBe(0);
      await popup.locator('[data-testid="pick"]').first().waitFor({ timeout: 30_000 });
      expect(await popup.locator('#picks-title').textContent()).toBe('Films for your happy mood');
      expect(await popup.locator('[data-testid="choose-mood"]').count()).toBe(1);
      const stored = await popup.evaluate(() => chrome.storage.local.get('latestReading'));
      expect(stored.latestReading).toMatchObject({
        source: 'chosen',
        emotion: 'happy',
        probabilities: [0, 0, 0, 1, 0, 0, 0],
      });
      await expect.poll(() => badgeText(h())).toBe(EMOTION_EMOJI.happy);

      const site = await h().context.newPage();
      await site.goto('http://www.netflix.com/browse');
      await waitForRow(site, 'picks', 'happy');
      // Choosing again replaces it everywhere.
      await choose(popup, 'sad');
      await waitForRow(site, 'picks', 'sad');
      await expect.poll(() => badgeText(h())).toBe(EMOTION_EMOJI.sad);
      await site.close();
    });
  },
);

run.withBrowser(
  'correct a reading: happy-baby on the camera',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)) }),
  (h) => {
    it('a correction replaces the camera’s reading; with history on it is kept, summed up and folded in', async () => {
      const popup = await freshPopup(h());
      await popup.evaluate(() => chrome.storage.sync.set({ history: true }));
      for (let i = 1; i <= 3; i++) {
        await freshPopup(h(), popup);
        const read = await readByCamera(popup);
        expectMood(run, read, `correct: camera happy-baby #${i}`);
        expect(read.emotion).toBe('happy');
        expect(await popup.locator('[data-testid="mood"]').getAttribute('data-source')).toBe('camera');
        expect(await popup.locator('[data-testid="choose-mood"]').textContent()).toContain('Not right? I feel…');
        await choose(popup, 'neutral');
        expect(await popup.locator('[data-testid="mood"]').count()).toBe(1);
        expect(await popup.locator('[data-testid="mood"]').textContent()).toContain('MoodReel had read happy');
        await popup.locator('[data-testid="pick"]').first().waitFor({ timeout: 30_000 });
        expect(await popup.locator('#picks-title').textContent()).toBe('Films for your neutral mood');
        await expect.poll(() => badgeText(h())).toBe(EMOTION_EMOJI.neutral);
      }
      const { latestReading } = await popup.evaluate(() => chrome.storage.local.get('latestReading'));
      expect(latestReading).toMatchObject({ source: 'chosen', emotion: 'neutral', corrects: { emotion: 'happy' } });
      // Each correction took its reading's place in the history, and is kept beside it.
      const history = await tableRows(popup, 'history');
      expect(history.map((e) => [e.emotion, e.source])).toEqual([
        ['neutral', 'chosen'],
        ['neutral', 'chosen'],
        ['neutral', 'chosen'],
      ]);
      expect((await tableRows(popup, 'corrections')).map((c) => [c.read, c.chosen])).toEqual([
        ['happy', 'neutral'],
        ['happy', 'neutral'],
        ['happy', 'neutral'],
      ]);

      const options = await openOptions(h());
      const kind = options.locator('[data-testid="correction-kind"]');
      await kind.waitFor();
      expect(await kind.textContent()).toContain('MoodReel reads you as happy when you say neutral, 3 times');
      expect(await options.locator('[data-testid="resting-face"]').getAttribute('data-calibrated')).toBe('false');
      await options.locator('[data-testid="fold-corrections"]').click();
      await options.locator('[data-testid="resting-face"][data-calibrated="true"]').waitFor();
      expect(await options.locator('[data-testid="resting-face-summary"]').textContent()).toMatch(
        /Your resting face reads \d+ % happy.*\(3 readings together\)/,
      );
      await options.locator('[data-testid="corrections"][data-count="0"]').waitFor();
      expect(await tableRows(options, 'corrections')).toEqual([]);
      await options.close();

      // That face is now this user's resting face: the camera reads it neutral, calibrated.
      await freshPopup(h(), popup);
      const after = await readByCamera(popup);
      expectMood(run, after, 'correct: camera happy-baby after folding');
      expect(after.emotion).toBe('neutral');
      expect(await popup.locator('[data-testid="mood"]').getAttribute('data-calibrated')).toBe('true');
      await expectCameraReleased(h(), popup);
    });
  },
);

run.withBrowser(
  'calibrate: sad-baby on the camera',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.sad)) }),
  (h) => {
    it('calibrates on the options page; a later reading says it was calibrated; export and import carry it; its own button and "Erase everything" erase it', async () => {
      const popup = await freshPopup(h());
      const before = await readByCamera(popup);
      expectMood(run, before, 'calibrate: camera sad-baby, before calibrating');
      expect(before.emotion).not.toBe('neutral');

      const readingBefore = await popup.evaluate(() => chrome.storage.local.get('latestReading'));
      const options = await openOptions(h());
      await options.locator('[data-testid="calibrate"]').click();
      await options.locator('[data-testid="resting-face"][data-calibrated="true"]').waitFor({ timeout: 60_000 });
      expect(await options.locator('[data-testid="resting-face-summary"]').textContent()).toMatch(
        /^Your resting face reads \d+ % \w+/,
      );
      await expectCameraReleased(h(), options);
      // Seven numbers and when; never an image.
      const { restingFace } = await options.evaluate(() => chrome.storage.local.get('restingFace'));
      expect(Object.keys(restingFace as object).sort()).toEqual(['at', 'probabilities', 'samples']);
      expect((restingFace as { probabilities: number[] }).probabilities).toHaveLength(7);
      // A calibration is no mood: the latest reading is still the one before it.
      const latest = () => popup.evaluate(() => chrome.storage.local.get('latestReading'));
      expect(await latest()).toEqual(readingBefore);

      await freshPopup(h(), popup);
      const read = await readByCamera(popup);
      expectMood(run, read, 'calibrate: camera sad-baby, calibrated');
      // The resting face itself reads neutral once calibrated.
      expect(read.emotion).toBe('neutral');
      expect(await popup.locator('[data-testid="mood"]').getAttribute('data-calibrated')).toBe('true');
      await popup.locator('[data-testid="mood-details"] summary').click();
      expect(await popup.locator('[data-testid="calibrated"]').textContent()).toMatch(
        /^Calibrated to your resting face\. As read before that: \d+ %/,
      );

      // It travels in the JSON export.
      const download = options.waitForEvent('download');
      await options.locator('[data-testid="export-json"]').click();
      const exported = await (await download).path();
      expect(JSON.parse(fs.readFileSync(exported, 'utf8'))).toMatchObject({ format: 'moodreel-export', restingFace });

      await options.locator('[data-testid="erase-resting-face"]').click();
      await options.locator('[data-testid="resting-face"][data-calibrated="false"]').waitFor();
      expect(await options.evaluate(() => chrome.storage.local.get('restingFace'))).toEqual({});
      await freshPopup(h(), popup);
      const erased = await readByCamera(popup);
      expectMood(run, erased, 'calibrate: camera sad-baby, after erasing');
      expect(erased.emotion).toBe(before.emotion);
      expect(await popup.locator('[data-testid="mood"]').getAttribute('data-calibrated')).toBeNull();
      expect(await popup.locator('[data-testid="calibrated"]').count()).toBe(0);

      // Importing the export brings it back.
      await options.locator('[data-testid="catalogue-import"]').setInputFiles(exported);
      await options.locator('[data-testid="import-report"]').waitFor();
      expect(await options.locator('[data-testid="import-report"]').textContent()).toContain('your resting face');
      await options.locator('[data-testid="import-commit"]').click();
      await options.locator('[data-testid="resting-face"][data-calibrated="true"]').waitFor();
      expect(await options.evaluate(() => chrome.storage.local.get('restingFace'))).toEqual({ restingFace });

      await options.locator('[data-testid="erase-all"]').click();
      await options.locator('[data-testid="erase-confirm"]').click();
      await expect
        .poll(() => options.evaluate(() => chrome.storage.local.get('restingFace')), { timeout: 10_000 })
        .toEqual({});
      await options.close();
    });
  },
);

run.privacyTest();
