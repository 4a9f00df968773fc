#!/usr/bin/env node
// Screenshots of every extension page at the sizes people use, to look at before a change lands (not the
// README's pictures: `npm run screenshot` takes those). Writes PNGs to tests/.tmp/page-shots/ (or --out=DIR)
// and prints each page's text sizes (body, smallest, share of visible text under 12 px).
// - the popup after a reading with its picks, after a 👎 (Undo shown), and its errors (camera denied, a photo
//   too small, a reading interrupted), 400 px wide;
// - options (also while the speed test runs, after an import and after "Erase everything"), onboarding, privacy and camera-access at 800 and 1280 px;
// - every one of them again at 175 % zoom (device scale 1.75, the window's width in CSS pixels divided by it).
// Tall pages are cut into slices of at most 1,400 device pixels (name-1.png, name-2.png, …).
// Options: --dark (the dark theme; the light one otherwise), --no-build, --only=WORD (pages whose name contains it), --out=DIR.
import fs from 'node:fs';
import path from 'node:path';
import {
  FACE_PHOTOS,
  FIXTURES_DIR,
  TMP_DIR,
  buildExtension,
  facePath,
  isBuilt,
  launchExtension,
  makeTinyPng,
  makeY4m,
} from './index.mjs';
import { readTextSizes } from './text-sizes.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const OUT = path.resolve(flag('out') ?? path.join(TMP_DIR, 'page-shots'));
const only = flag('only');
const ZOOM = 1.75;
const SLICE = 1400;

/**
 * Emulates a window `width` device px wide at `scale` (browser zoom: `width / scale` CSS px), then shoots the
 * whole page in slices. A popup is as wide as its content whatever the zoom (`fixedCss`: `width` CSS px).
 */
async function shoot(page, name, { width, scale = 1, height = 900, fixedCss = false }) {
  if (only && !name.includes(only)) return;
  if (argv.includes('--dark')) await page.emulateMedia({ colorScheme: 'dark' });
  const cdp = await page.context().newCDPSession(page);
  const cssWidth = fixedCss ? width : Math.round(width / scale);
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: cssWidth,
    height: Math.round(height / scale),
    deviceScaleFactor: scale,
    mobile: false,
  });
  await page.waitForTimeout(250);
  const sizes = await page.evaluate(readTextSizes);
  const fullHeight = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
  const overflowX = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  // The window as tall as the page, so what sticks to the window's bottom is drawn where it ends up.
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: cssWidth,
    height: fullHeight,
    deviceScaleFactor: scale,
    mobile: false,
  });
  await page.waitForTimeout(100);
  const sliceCss = Math.floor(SLICE / scale);
  const slices = Math.max(1, Math.ceil(fullHeight / sliceCss));
  for (let i = 0; i < slices; i++) {
    const file = path.join(OUT, slices === 1 ? `${name}.png` : `${name}-${i + 1}.png`);
    const y = i * sliceCss;
    // CDP's own capture: it can reach below the window (Playwright's clip stays inside its own viewport).
    const { data } = await cdp.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { x: 0, y, width: cssWidth, height: Math.max(1, Math.min(sliceCss, fullHeight - y)), scale: 1 },
    });
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
  }
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  await cdp.detach();
  const small = sizes.texts.filter((t) => t.size < 12);
  const smallest = Math.min(...sizes.texts.map((t) => t.size));
  console.log(
    `${name}: body ${sizes.body} px, smallest ${smallest} px, ${small.length}/${sizes.texts.length} texts under 12 px` +
      `${overflowX ? ', OVERFLOWS SIDEWAYS' : ''}, ${slices} slice${slices === 1 ? '' : 's'}`,
  );
}

/** The page at its usual widths and zoomed (a popup keeps its CSS width when zoomed: its window grows). */
async function shootAll(page, name, widths) {
  const fixedCss = name.startsWith('popup');
  for (const width of widths) {
    await shoot(page, `${name}-${width}`, { width, fixedCss });
    await shoot(page, `${name}-${width}-zoom175`, { width, scale: ZOOM, fixedCss });
  }
}

async function popupShots(harness) {
  const popup = await harness.openPopup();
  await popup.evaluate(() => chrome.storage.local.remove('latestReading'));
  await popup.reload();
  await shootAll(popup, 'popup-idle', [400]);
  await popup.locator('[data-testid="read-mood"]').click();
  await popup.locator('[data-testid="pick"]').nth(4).waitFor({ timeout: 60_000 });
  await popup.waitForTimeout(400);
  await shootAll(popup, 'popup-picks', [400]);
  await popup.locator('[data-testid="mood-details"] summary').click();
  await shoot(popup, 'popup-details-400', { width: 400 });
  await popup.locator('[data-testid="mood-details"] summary').click();
  await popup.locator('[data-testid="pick-dislike"]').nth(1).click();
  await popup.locator('[data-testid="undo-hide"]').waitFor();
  await shootAll(popup, 'popup-undo', [400]);
  await popup.locator('[data-testid="undo-hide"]').click();
  // A thumbnail: "Face too small".
  await popup.locator('[data-testid="photo-input"]').setInputFiles(makeTinyPng({ width: 12, height: 9 }));
  await popup.locator('[data-testid="mood-error"]').waitFor({ timeout: 60_000 });
  await shootAll(popup, 'popup-error-small', [400]);
  // The offscreen document closed mid-reading: "The reading was interrupted".
  await popup.evaluate(() => chrome.storage.sync.set({ readingLength: 'steady' }));
  await popup.reload();
  await popup.locator('[data-testid="read-mood"]').click();
  await popup.waitForTimeout(600);
  await harness.serviceWorker.evaluate(() => chrome.offscreen.closeDocument().catch(() => undefined));
  await popup.locator('[data-testid="mood-error"]').waitFor({ timeout: 60_000 });
  await shootAll(popup, 'popup-error-interrupted', [400]);
  await popup.evaluate(() => chrome.storage.sync.remove('readingLength'));
  await popup.close();
}

async function deniedShots() {
  const harness = await launchExtension({
    camera: makeY4m(facePath(FACE_PHOTOS.happy)),
    cameraPermission: 'denied',
    netLog: false,
  });
  try {
    await harness.setCameraPermission('denied');
    const popup = await harness.openPopup();
    await popup.locator('[data-testid="read-mood"]').click();
    await popup.locator('[data-testid="mood-error"]').waitFor({ timeout: 60_000 });
    await shootAll(popup, 'popup-error-denied', [400]);
    const access = await harness.context.newPage();
    await access.goto(harness.url('camera-access.html'));
    await access.locator('[data-testid="allow-camera"]').click();
    await access.locator('[data-testid="mood-error"]').waitFor({ timeout: 30_000 });
    await shootAll(access, 'camera-access-denied', [800, 1280]);
  } finally {
    await harness.close();
  }
}

async function pageShots(harness) {
  for (const name of ['onboarding', 'privacy', 'camera-access']) {
    const page = await harness.context.newPage();
    await page.goto(harness.url(`${name}.html`));
    await page.locator('h1').waitFor();
    await shootAll(page, name, [800, 1280]);
    await page.close();
  }
  const options = await harness.context.newPage();
  await options.goto(harness.url('options.html'));
  await options.waitForFunction(() =>
    /^\d+$/u.test(document.querySelector('[data-testid="catalogue-count"]')?.getAttribute('data-count') ?? ''),
  );
  await shootAll(options, 'options', [800, 1280]);
  if (!only || 'options-actions'.includes(only)) {
    // The speed test while it runs (one backend done), and when it is done.
    await options.locator('[data-testid="backend-test"]').click();
    await options.locator('[data-testid="backend-progress"][data-state="done"]').first().waitFor({ timeout: 120_000 });
    await shoot(options, 'options-speed-running-800', { width: 800 });
    await options.locator('[data-testid="backend-result"]').first().waitFor({ timeout: 240_000 });
    await shoot(options, 'options-speed-done-800', { width: 800 });
    // A finished import says what it did.
    await options
      .locator('input[type=file][data-testid="catalogue-import"]')
      .setInputFiles(path.join(FIXTURES_DIR, 'imports/family-comedies.csv'));
    await options.locator('[data-testid="import-report"]').waitFor({ timeout: 30_000 });
    await shoot(options, 'options-import-preview-800', { width: 800 });
    await options.locator('[data-testid="import-commit"]').click();
    await options.locator('[data-testid="import-done"]').waitFor({ timeout: 30_000 });
    await shoot(options, 'options-imported-800', { width: 800 });
    // And so does "Erase everything", after the page reloads.
    await options.locator('[data-testid="erase-all"]').click();
    await shoot(options, 'options-erase-asking-800', { width: 800 });
    await options.locator('[data-testid="erase-confirm"]').click();
    await options.locator('[data-testid="erased"]').waitFor({ timeout: 30_000 });
    await shoot(options, 'options-erased-800', { width: 800 });
  }
  await options.close();
}

async function main() {
  if (!argv.includes('--no-build') || !isBuilt()) buildExtension({ quiet: true });
  fs.mkdirSync(OUT, { recursive: true });
  const harness = await launchExtension({ camera: makeY4m(facePath(FACE_PHOTOS.happy)), netLog: false });
  try {
    await popupShots(harness);
    await pageShots(harness);
  } finally {
    await harness.close();
  }
  await deniedShots();
  console.log(`screenshots in ${path.relative(process.cwd(), OUT) || '.'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
