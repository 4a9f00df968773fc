/**
 * The type on every extension page, as Chromium computes it (Chrome gives extension pages
 * `body { font-size: 75% }`, which once made body text 10.5 px): body text at least 13 px (the popup's 14 px),
 * at least 90 % of the visible text at least 12 px and none under 11 px, help text smaller than body text,
 * primary buttons at body size; and the mood's emoji drawn with a colour emoji font, not an outline from the
 * system font.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { FACE_PHOTOS, facePath, makeY4m, readTextSizes, textSizeProblems } from '../harness/index.mjs';
import { e2eRun, expectMood, freshPopup, readByCamera } from './support';

const run = e2eRun();

async function sizesOf(page: Page, minBody: number) {
  const sizes = await page.evaluate(readTextSizes);
  const px = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  return { sizes, problems: textSizeProblems(sizes, { minBody }), px };
}

/** The fonts Chromium really drew an element's text with (CDP, as DevTools' "Rendered fonts"). */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => f.familyName);
  } finally {
    await cdp.detach();
  }
}

/** Whether this machine has a colour emoji font at all (Debian: fonts-noto-color-emoji). */
function colourEmojiInstalled(): boolean {
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(os.homedir(), '.local/share/fonts')].some((dir) => {
    try {
      return fs.readdirSync(dir, { recursive: true }).some((file) => /color-?emoji/iu.test(String(file)));
    } catch {
      return false;
    }
  });
}

run.withBrowser(
  'text sizes: happy-baby',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)) }),
  (h) => {
    it('the popup after a reading: body 14 px, help smaller, nothing under 12 px, "Read my mood" at body size', async () => {
      const popup = await freshPopup(h());
      expectMood(run, await readByCamera(popup), 'text sizes: popup');
      await popup.locator('[data-testid="pick"]').first().waitFor({ timeout: 30_000 });
      const { sizes, problems, px } = await sizesOf(popup, 14);
      expect(problems, JSON.stringify(sizes.texts.filter((t) => t.size < 12))).toEqual([]);
      expect(sizes.body).toBe(14);
      expect(sizes.texts.length).toBeGreaterThan(30);
      expect(await px('[data-testid="read-mood"]')).toBe(sizes.body);
      const help = await px('.pick__reason');
      expect(help).toBeLessThan(sizes.body);
      expect(help).toBeGreaterThanOrEqual(12);
    });

    it("the mood's emoji is drawn with a colour emoji font", async () => {
      const popup = await h().openPopup();
      await popup.locator('.mood__emoji').waitFor({ timeout: 15_000 });
      const fonts = await renderedFonts(popup, '.mood__emoji');
      if (!colourEmojiInstalled()) {
        console.warn('[e2e] no colour emoji font on this machine: the emoji font check is skipped');
        return;
      }
      expect(fonts.join(', ')).toMatch(/Color Emoji|Segoe UI Emoji/u);
      // An emoji inside ordinary text (a 👍 button) too, not only the big one.
      expect((await renderedFonts(popup, '[data-testid="pick-like"]')).join(', ')).toMatch(/Color Emoji/u);
    });

    for (const name of ['options', 'onboarding', 'privacy', 'camera-access']) {
      it(`${name}: body at least 13 px, at least 90 % of the text at least 12 px, none under 11 px`, async () => {
        const page = await h().context.newPage();
        await page.goto(h().url(`${name}.html`));
        await page.locator('h1').waitFor();
        if (name === 'options') {
          await page.locator('[data-testid="catalogue-count"][data-count]').waitFor();
          await expect
            .poll(() => page.locator('[data-testid="catalogue-count"]').getAttribute('data-count'), { timeout: 30_000 })
            .toMatch(/^\d+$/u);
        }
        const { sizes, problems, px } = await sizesOf(page, 13);
        expect(problems, JSON.stringify(sizes.texts.filter((t) => t.size < 12))).toEqual([]);
        expect(sizes.texts.length).toBeGreaterThan(4);
        // Help text reads smaller than body text (the hierarchy the 75 % once turned upside down).
        const help = page.locator('.help');
        if (await help.count()) expect(await px('.help')).toBeLessThan(sizes.body);
        if (await page.locator('button.primary').count()) expect(await px('button.primary')).toBe(sizes.body);
        await page.close();
      });
    }
  },
);

run.privacyTest();
