/**
 * Movie night end to end: the group photo of ../shared/faces read with the switch on, from an uploaded photo
 * and from the fake camera; the same photo with the switch off gives today's single reading.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { GROUP_PHOTO, facePath, makeY4m } from '../harness/index.mjs';
import { e2eRun, expectCameraReleased, expectMood, freshPopup, readByCamera, readByPhoto } from './support';

const run = e2eRun();

async function setMovieNight(popup: Page, on: boolean) {
  const toggle = popup.locator('input[type=checkbox][data-testid="movie-night"]');
  await toggle.waitFor();
  if ((await toggle.isChecked()) !== on) await toggle.click();
  await expect.poll(() => toggle.isChecked()).toBe(on);
}

async function people(popup: Page) {
  return popup
    .locator('[data-testid="face-mood"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-emotion')));
}

run.withBrowser(
  'movie night: group photo',
  () => ({ camera: makeY4m(facePath(GROUP_PHOTO), { width: 1280 }) }),
  (h) => {
    it('reads at least four of the five people from the uploaded photo, each with an emotion', async () => {
      const popup = await freshPopup(h());
      await setMovieNight(popup, true);
      const result = await readByPhoto(popup, facePath(GROUP_PHOTO));
      expectMood(run, result, 'movie night photo');
      expect(result.faces).toBeGreaterThanOrEqual(4);
      const moods = await people(popup);
      expect(moods).toHaveLength(result.faces);
      for (const emotion of moods)
        expect(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']).toContain(emotion);
      // Group picks: least misery over everyone read; each says how many of them it fits.
      const fits = popup.locator('[data-testid="pick"] [data-testid="pick-fits-people"]');
      await fits.first().waitFor({ timeout: 30_000 });
      const lines = await fits.allTextContents();
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const line of lines) expect(line).toMatch(new RegExp(`^Fits [1-9] of ${result.faces} of you$`));
      expect(await popup.locator('#picks-title').textContent()).toMatch(/movie night/i);
    });

    it('reads at least four of them from the camera, then releases the camera', async () => {
      const popup = await freshPopup(h());
      await setMovieNight(popup, true);
      const result = await readByCamera(popup);
      expectMood(run, result, 'movie night camera');
      expect(result.faces).toBeGreaterThanOrEqual(4);
      expect(await people(popup)).toHaveLength(result.faces);
      await expectCameraReleased(h(), popup);
    });

    it('remembers the switch, and with it off gives the single reading of the largest face', async () => {
      const popup = await freshPopup(h());
      expect(await popup.locator('[data-testid="movie-night"]').isChecked()).toBe(true);
      await setMovieNight(popup, false);
      const result = await readByPhoto(popup, facePath(GROUP_PHOTO));
      expectMood(run, result, 'group photo, movie night off');
      expect(await people(popup)).toHaveLength(0);
      await expect(popup.locator('[data-testid="several-faces"]').count()).resolves.toBe(1);
    });
  },
);

run.privacyTest();
