#!/usr/bin/env node
// `npm run screenshot`: the README's picture of the popup, taken from the real built extension after a
// reading of a test photo played by the fake camera. Writes tests/screenshots/popup.png.
// Options: --no-build, --photo=NAME (a file in ../shared/faces, default happy-baby.jpeg).
import fs from 'node:fs';
import path from 'node:path';
import { FACE_PHOTOS, ROOT, buildExtension, facePath, isBuilt, launchExtension, makeY4m } from './index.mjs';

const argv = process.argv.slice(2);
const photo = argv.find((a) => a.startsWith('--photo='))?.slice('--photo='.length) ?? FACE_PHOTOS.happy;
const OUT = path.join(ROOT, 'tests/screenshots/popup.png');

async function main() {
  if (!argv.includes('--no-build') || !isBuilt()) buildExtension({ quiet: true });
  const harness = await launchExtension({ camera: makeY4m(facePath(photo)), netLog: false, viewport: { width: 412, height: 720 } });
  try {
    const popup = await harness.openPopup();
    await popup.locator('[data-testid="read-mood"]').click();
    await popup.locator('[data-testid="mood"], [data-testid="mood-error"]').first().waitFor({ timeout: 60_000 });
    await popup.waitForTimeout(400); // let the bars finish their transition
    // The popup's own size, not the tab's: the body is what Chrome shows under the toolbar icon.
    const box = await popup.evaluate(() => {
      const r = document.body.getBoundingClientRect();
      return { x: 0, y: 0, width: Math.ceil(r.width), height: Math.ceil(r.height) };
    });
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await popup.screenshot({ path: OUT, clip: box });
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (${box.width}×${box.height}, photo ${photo})`);
  } finally {
    await harness.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
