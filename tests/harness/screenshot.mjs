#!/usr/bin/env node
// `npm run screenshot`: the README's pictures, taken from the real built extension in headless Chromium:
// - tests/screenshots/popup.png: the popup after a reading of a test photo played by the fake camera, with
//   its picks;
// - tests/screenshots/options.png: the options page;
// - tests/screenshots/streaming.png: the demo streaming page (served locally as www.netflix.com) with the
//   row of picks and the badges for that reading.
// Options: --no-build, --photo=NAME (a file in ../shared/faces, default happy-baby.jpeg).
import fs from 'node:fs';
import path from 'node:path';
import {
  FACE_PHOTOS,
  FIXTURES_DIR,
  ROOT,
  buildExtension,
  facePath,
  isBuilt,
  launchExtension,
  makeY4m,
  startStaticServer,
} from './index.mjs';

const argv = process.argv.slice(2);
const photo = argv.find((a) => a.startsWith('--photo='))?.slice('--photo='.length) ?? FACE_PHOTOS.happy;
const OUT = path.join(ROOT, 'tests/screenshots');

async function main() {
  if (argv.includes('--no-build') === false || !isBuilt()) buildExtension({ quiet: true });
  const server = await startStaticServer({
    mounts: {
      '/browse': path.join(FIXTURES_DIR, 'streaming-demo/index.html'),
      '/': path.join(FIXTURES_DIR, 'streaming-demo'),
    },
  });
  const harness = await launchExtension({
    camera: makeY4m(facePath(photo)),
    netLog: false,
    viewport: { width: 412, height: 760 },
    hostMap: { 'www.netflix.com': server.port },
  });
  fs.mkdirSync(OUT, { recursive: true });
  try {
    // The popup: a reading, then its picks.
    const popup = await harness.openPopup();
    await popup.emulateMedia({ colorScheme: 'dark' }); // the README's pictures in the dark theme, like the sites
    await popup.locator('[data-testid="read-mood"]').click();
    await popup.locator('[data-testid="mood"], [data-testid="mood-error"]').first().waitFor({ timeout: 60_000 });
    await popup.locator('[data-testid="pick"]').nth(4).waitFor({ timeout: 30_000 });
    await popup.waitForTimeout(400); // let the bars and fonts settle
    // Chrome caps a popup at 600 px high (it scrolls below): show what the user sees without scrolling.
    // The popup's own width (Chrome sizes the popup to its body), not the window's.
    const box = await popup.evaluate(() => document.body.getBoundingClientRect().toJSON());
    const height = Math.min(600, Math.ceil(box.height));
    await popup.screenshot({
      path: path.join(OUT, 'popup.png'),
      clip: { x: 0, y: 0, width: Math.ceil(box.width), height },
    });

    const options = await harness.context.newPage();
    await options.setViewportSize({ width: 900, height: 1100 });
    await options.emulateMedia({ colorScheme: 'dark' });
    await options.goto(harness.url('options.html'));
    await options.locator('[data-testid="catalogue-count"][data-count]').first().waitFor();
    await options.waitForFunction(() =>
      /^\d+$/.test(document.querySelector('[data-testid="catalogue-count"]')?.getAttribute('data-count') ?? ''),
    );
    await options.screenshot({ path: path.join(OUT, 'options.png') });

    const demo = await harness.context.newPage();
    await demo.setViewportSize({ width: 1280, height: 800 });
    await demo.goto('http://www.netflix.com/browse');
    const cdp = await harness.context.newCDPSession(demo);
    const { waitForRowPicks, waitForTestId } = await import('./closed-roots.mjs');
    await waitForRowPicks(demo);
    await waitForTestId(cdp, 'fit-badge');
    await demo.waitForTimeout(600);
    await demo.screenshot({ path: path.join(OUT, 'streaming.png') });
    console.log(`wrote tests/screenshots/popup.png, options.png and streaming.png (photo ${photo})`);
  } finally {
    await harness.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
