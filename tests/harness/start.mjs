#!/usr/bin/env node
// `npm start`: build the extension, serve the Netflix-like demo page, and open a headed Chromium/Chrome with
// MoodReel loaded, http://www.netflix.com/browse mapped to the demo page, and the popup in a tab.
// The profile persists in .cache/profile (camera grant, settings, readings survive restarts).
//
// Options: --no-build, --fake-camera=FILE (an image or a .y4m: play it instead of the real camera),
//          --fresh (wipe .cache/profile first), --headless (no window: a smoke test of this launcher).
import fs from 'node:fs';
import path from 'node:path';
import {
  EXTENSION_DIR,
  FIXTURES_DIR,
  ROOT,
  buildExtension,
  findChrome,
  hasDisplay,
  isBuilt,
  launchExtension,
  makeY4m,
  startStaticServer,
} from './index.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const MAPPED_HOST = 'www.netflix.com';
const profile = path.join(ROOT, '.cache/profile');
const rel = (p) => path.relative(process.cwd(), p) || '.';

async function main() {
  if (!flag('no-build') || !isBuilt()) {
    console.log('› Building the extension (wxt build)…');
    buildExtension();
  }
  console.log(`✓ Extension built: ${EXTENSION_DIR}`);

  if (!hasDisplay() && !flag('headless')) {
    console.error(
      [
        '',
        '✗ No display: neither $DISPLAY nor $WAYLAND_DISPLAY is set, so a browser window cannot open here.',
        '  To try MoodReel in your own Chrome:',
        '    1. open chrome://extensions and switch on "Developer mode";',
        `    2. click "Load unpacked" and choose ${EXTENSION_DIR}`,
        '    3. click the MoodReel icon in the toolbar, then "Read my mood".',
        '  (Or run `npm start` on a machine with a desktop, or under `xvfb-run npm start`.)',
      ].join('\n'),
    );
    process.exit(2);
  }

  const server = await startStaticServer({
    mounts: {
      '/browse': path.join(FIXTURES_DIR, 'streaming-demo/index.html'),
      '/': path.join(FIXTURES_DIR, 'streaming-demo'),
    },
  });
  console.log(`✓ Demo page served on ${server.url('/browse')} (as http://${MAPPED_HOST}/browse)`);

  if (flag('fresh')) fs.rmSync(profile, { recursive: true, force: true });
  fs.mkdirSync(profile, { recursive: true });
  const fake = option('fake-camera');
  const camera = fake ? (fake.endsWith('.y4m') ? path.resolve(fake) : makeY4m(fake)) : null;
  const chrome = findChrome();
  const harness = await launchExtension({
    headless: flag('headless'),
    userDataDir: profile,
    hostMap: { [MAPPED_HOST]: server.port },
    camera,
    fakeUi: false,
    netLog: false,
    snapshot: false, // the real build folder: a stable extension id for the kept profile; reload it after a rebuild
    viewport: null,
  });
  const demo = harness.context.pages()[0] ?? (await harness.context.newPage());
  await demo.goto(`http://${MAPPED_HOST}/browse`);
  await harness.openPopup();
  console.log(
    [
      `✓ ${chrome} is running with MoodReel ${harness.extensionId}`,
      `  profile:   ${rel(profile)} (kept between runs; --fresh wipes it)`,
      `  camera:    ${camera ? `fake, playing ${rel(camera)}` : 'your real camera (Chrome asks once, in a MoodReel tab)'}`,
      `  tabs:      http://${MAPPED_HOST}/browse (demo page, served locally) and ${harness.url('popup.html')}`,
      '',
      'Stop: close the browser window, or press Ctrl+C here.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await harness.close().catch(() => {});
    await server.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  harness.context.on('close', () => void stop(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
