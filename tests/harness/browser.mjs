// Launching Chromium with the extension loaded: fake camera, host mapping, NetLog, CDP helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChrome, isBuilt, snapshotExtension } from './build.mjs';
import { EXTENSION_DIR, TMP_DIR } from './paths.mjs';
import { RequestRecorder } from './requests.mjs';

/**
 * Launch Chromium with the extension loaded.
 * @param {import('./index.d.mts').LaunchOptions} [options]
 * @returns {Promise<import('./index.d.mts').Harness>}
 */
export async function launchExtension(options = {}) {
  const started = Date.now();
  const builtDir = path.resolve(options.extensionDir ?? EXTENSION_DIR);
  if (!isBuilt(builtDir)) throw new Error(`No built extension in ${builtDir}: run \`npx wxt build\` first.`);
  const extensionDir = options.snapshot === false ? builtDir : snapshotExtension(builtDir);
  const ownProfile = !options.userDataDir;
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'moodreel-profile-'));
  fs.mkdirSync(userDataDir, { recursive: true });

  const args = [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
  const camera = options.camera ?? null;
  if (camera) {
    args.push('--use-fake-device-for-media-stream');
    if (camera !== 'default') args.push(`--use-file-for-fake-video-capture=${path.resolve(camera)}`);
  }
  const fakeUi = options.fakeUi ?? (Boolean(camera) && !options.cameraPermission);
  if (fakeUi) args.push('--use-fake-ui-for-media-stream');
  const hostMap = options.hostMap ?? {};
  const rules = Object.entries(hostMap).map(
    ([host, target]) => `MAP ${host} ${typeof target === 'number' ? `127.0.0.1:${target}` : target}`,
  );
  if (rules.length) args.push(`--host-resolver-rules=${rules.join(',')}`);
  let netLogPath = null;
  if (options.netLog !== false) {
    netLogPath = path.join(
      os.tmpdir(),
      `moodreel-netlog-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
    );
    args.push(`--log-net-log=${netLogPath}`, '--net-log-capture-mode=Default');
  }
  if (options.gpu) args.push('--enable-unsafe-swiftshader', '--enable-unsafe-webgpu', '--ignore-gpu-blocklist');
  args.push(...(options.args ?? []));

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath ?? findChrome(),
    headless: options.headless ?? true,
    args,
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
  });
  const browser = context.browser();
  const cdp = browser ? await browser.newBrowserCDPSession() : null;

  const recorder = new RequestRecorder();
  recorder.attachContext(context);
  if (cdp) await recorder.attachCdp(cdp);

  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  const extensionOrigin = `chrome-extension://${extensionId}`;
  recorder.extensionId = extensionId;

  const harness = {
    context,
    browser,
    cdp,
    serviceWorker,
    extensionId,
    extensionOrigin,
    recorder,
    userDataDir,
    extensionDir,
    launchMs: Date.now() - started,
    url: (page) => `${extensionOrigin}/${page.replace(/^\//, '')}`,
    async openPopup() {
      const page = await context.newPage();
      await page.goto(harness.url('popup.html'));
      return page;
    },
    async setCameraPermission(setting, origin = extensionOrigin) {
      if (!cdp) throw new Error('No browser CDP session');
      // The descriptor name is the Permissions API one ('camera'); 'videoCapture' is the PermissionType enum name.
      await cdp.send('Browser.setPermission', { permission: { name: 'camera' }, setting, origin });
    },
    async targets() {
      if (!cdp) return [];
      const { targetInfos } = await cdp.send('Target.getTargets');
      return targetInfos;
    },
    /** Evaluate an expression in an extension target that is not a page (e.g. the offscreen document). */
    async evaluateInTarget(urlPrefix, expression) {
      if (!cdp) throw new Error('No browser CDP session');
      const info = (await harness.targets()).find((t) => t.url.startsWith(urlPrefix));
      if (!info) throw new Error(`No target at ${urlPrefix}`);
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
      const id = Math.floor(Math.random() * 1e9);
      const answer = new Promise((resolve) => {
        const listener = (event) => {
          if (event.sessionId !== sessionId) return;
          const message = JSON.parse(event.message);
          if (message.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', listener);
          resolve(message);
        };
        cdp.on('Target.receivedMessageFromTarget', listener);
      });
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({
          id,
          method: 'Runtime.evaluate',
          params: { expression, awaitPromise: true, returnByValue: true },
        }),
      });
      const message = await answer;
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      if (message.error) throw new Error(message.error.message);
      if (message.result.exceptionDetails) throw new Error(message.result.exceptionDetails.text);
      return message.result.result.value;
    },
    async offscreenStatus(page) {
      const infos = await harness.targets();
      const offscreen = infos.some((t) => t.url.startsWith(`${extensionOrigin}/offscreen`));
      let from = page;
      let temporary = false;
      if (!from) {
        from = await context.newPage();
        await from.goto(harness.url('popup.html'));
        temporary = true;
      }
      try {
        const answer = await from.evaluate(async () => {
          try {
            return await chrome.runtime.sendMessage({
              moodreel: 'offscreen-status',
              target: 'offscreen',
              request: null,
            });
          } catch (error) {
            return { error: String(error) };
          }
        });
        if (answer && typeof answer.liveTracks === 'number') return { offscreen, liveTracks: answer.liveTracks };
        if (offscreen)
          throw new Error(
            `The offscreen document exists but did not answer offscreen-status: ${JSON.stringify(answer)}`,
          );
        return { offscreen, liveTracks: 0 };
      } finally {
        if (temporary) await from.close();
      }
    },
    async close() {
      await context.close().catch(() => {});
      if (netLogPath) {
        recorder.addNetLog(netLogPath);
        if (!options.keepNetLog) fs.rmSync(netLogPath, { force: true });
      }
      if (ownProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
      return recorder;
    },
  };
  return harness;
}
