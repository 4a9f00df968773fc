// The real-browser harness: launch Chromium with the built extension, fake camera, host mapping,
// a static fixture server, a y4m maker and a request recorder. Plain ESM so that `npm start`,
// the benchmark and the vitest e2e tests (through index.d.mts) all share it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
export const TMP_DIR = path.join(ROOT, 'tests/.tmp');
export const FACES_DIR = path.resolve(ROOT, '../shared/faces');
export const SHARED_MODELS_DIR = path.resolve(ROOT, '../shared/models');
export const FIXTURES_DIR = path.join(ROOT, 'tests/fixtures');
export const HARNESS_PAGES_DIR = path.join(here, 'pages');

/** The single-face photos and what they are labelled (file name). */
export const FACE_PHOTOS = {
  angry: 'angry.jpg',
  happy: 'happy-baby.jpeg',
  neutral: 'neutral.jpeg',
  sad: 'sad-baby.jpeg',
  surprise: 'surprised.jpeg',
};
export const GROUP_PHOTO = 'group.jpeg';

// ---------------------------------------------------------------------------------------------- browser

/** The first Chromium/Chrome binary found: $CHROME_PATH, then the usual install places. */
export function findChrome() {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/lib/chromium/chromium',
    '/usr/lib/chromium-browser/chromium-browser',
    '/opt/google/chrome/chrome',
    ...['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser'].map(which),
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ];
  for (const candidate of candidates) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('No Chromium or Chrome found: set CHROME_PATH to the browser binary.');
}

function which(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const out = found.status === 0 ? found.stdout.trim() : '';
  // /usr/bin/chromium on Debian is a wrapper script; prefer the real binary when it is there.
  return out || undefined;
}

/** `wxt build` (niced: a training job may have the cores). Throws on failure. */
export function buildExtension({ quiet = false } = {}) {
  const result = spawnSync('nice', ['-n', '10', path.join(ROOT, 'node_modules/.bin/wxt'), 'build'], {
    cwd: ROOT,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`wxt build failed (exit ${result.status})${quiet ? `:\n${result.stdout}\n${result.stderr}` : ''}`);
  }
  return EXTENSION_DIR;
}

export function isBuilt(dir = EXTENSION_DIR) {
  return fs.existsSync(path.join(dir, 'manifest.json'));
}

export function hasDisplay() {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin' ||
    process.platform === 'win32';
}

let snapshotDir = null;
/**
 * A private copy of the built extension (once per process), so that a colleague's `wxt build`, which empties
 * .output/chrome-mv3 while it runs, cannot pull files from under a running test or bench.
 */
export function snapshotExtension(dir = EXTENSION_DIR) {
  if (snapshotDir) return snapshotDir;
  // tests/.tmp/extension-snapshots/<pid>: a run killed before its exit handler leaves one, removed here next time.
  const parent = path.join(TMP_DIR, 'extension-snapshots');
  fs.mkdirSync(parent, { recursive: true });
  for (const name of fs.readdirSync(parent)) {
    if (!isAlive(Number(name))) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  const target = path.join(parent, String(process.pid));
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(dir, target, { recursive: true });
  if (!isBuilt(target)) throw new Error(`Copying ${dir} gave no manifest.json (was it being rebuilt?)`);
  process.on('exit', () => fs.rmSync(target, { recursive: true, force: true }));
  snapshotDir = target;
  return target;
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

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
  const rules = Object.entries(hostMap).map(([host, target]) =>
    `MAP ${host} ${typeof target === 'number' ? `127.0.0.1:${target}` : target}`);
  if (rules.length) args.push(`--host-resolver-rules=${rules.join(',')}`);
  let netLogPath = null;
  if (options.netLog !== false) {
    netLogPath = path.join(os.tmpdir(), `moodreel-netlog-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
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

  const serviceWorker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    await context.waitForEvent('serviceworker', { timeout: 30_000 });
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
        message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }),
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
            return await chrome.runtime.sendMessage({ moodreel: 'offscreen-status', target: 'offscreen', request: null });
          } catch (error) {
            return { error: String(error) };
          }
        });
        if (answer && typeof answer.liveTracks === 'number') return { offscreen, liveTracks: answer.liveTracks };
        if (offscreen) throw new Error(`The offscreen document exists but did not answer offscreen-status: ${JSON.stringify(answer)}`);
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

// ---------------------------------------------------------------------------------------------- requests

/**
 * Every request made while the browser ran, from three sources:
 * - Playwright's context `request` event: every page (tabs, popup, camera-access) and the service worker;
 * - CDP Network domain on the extension's other targets (offscreen document = `background_page`/`other`,
 *   service worker), attached as soon as they appear;
 * - Chromium's NetLog (read at close): every URL request of the network stack, whoever made it, so nothing
 *   that the two above missed (a request before the attach) escapes. Browser-internal requests (component
 *   updater, sign-in: initiator "not an origin") are kept apart in `browserInternal`.
 */
export class RequestRecorder {
  constructor() {
    /** @type {import('./index.d.mts').RecordedRequest[]} */
    this.entries = [];
    /** @type {import('./index.d.mts').RecordedRequest[]} */
    this.browserInternal = [];
    this.extensionId = '';
    this.attachedTargets = new Set();
  }

  record(entry) {
    this.entries.push({ at: Date.now(), ...entry });
  }

  attachContext(context) {
    context.on('request', (request) => {
      const worker = request.serviceWorker();
      let frameUrl;
      try {
        frameUrl = worker ? worker.url() : request.frame().url();
      } catch {
        frameUrl = undefined;
      }
      this.record({ url: request.url(), source: worker ? 'service-worker' : 'page', context: frameUrl, method: request.method() });
    });
  }

  async attachCdp(cdp) {
    this.cdp = cdp;
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      let message;
      try {
        message = JSON.parse(event.message);
      } catch {
        return;
      }
      if (message.method === 'Network.requestWillBeSent') {
        const target = this.sessions?.get(event.sessionId);
        this.record({
          url: message.params.request.url,
          source: `cdp:${target?.type ?? 'target'}`,
          context: target?.url,
          method: message.params.request.method,
          initiator: message.params.documentURL,
        });
      }
    });
    const onTarget = (event) => {
      this.attachTarget(event.targetInfo).catch(() => {});
    };
    cdp.on('Target.targetCreated', onTarget);
    cdp.on('Target.targetInfoChanged', onTarget);
    await cdp.send('Target.setDiscoverTargets', { discover: true });
  }

  async attachTarget(info) {
    if (!this.cdp || this.attachedTargets.has(info.targetId)) return;
    // Pages are covered by Playwright; the rest of the extension (offscreen document, service worker) is not always.
    if (info.type === 'page' || info.type === 'browser' || info.type === 'browser_ui' || info.type === 'tab') return;
    if (!info.url.startsWith('chrome-extension://')) return;
    this.attachedTargets.add(info.targetId);
    this.sessions ??= new Map();
    // Non-flattened session: Playwright's browser CDP session cannot address flattened child sessions.
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
    this.sessions.set(sessionId, info);
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Network.enable', params: {} }),
    });
  }

  /** Read a NetLog file (complete or cut short) into the recorder. */
  addNetLog(file) {
    if (!fs.existsSync(file)) return;
    const text = fs.readFileSync(file, 'utf8');
    const firstLine = text.slice(0, text.indexOf('\n'));
    let startJob;
    try {
      const constants = JSON.parse(`${firstLine.replace(/,\s*$/, '')}}`).constants;
      startJob = constants.logEventTypes.URL_REQUEST_START_JOB;
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      if (!line.includes('"url"') || !line.includes('"initiator"')) continue;
      let event;
      try {
        event = JSON.parse(line.replace(/,\s*$/, ''));
      } catch {
        continue;
      }
      if (event.type !== startJob || !event.params?.url) continue;
      const initiator = event.params.initiator;
      const entry = { url: event.params.url, source: 'netlog', initiator, method: event.params.method, at: 0 };
      if (!initiator || initiator === 'not an origin') this.browserInternal.push(entry);
      else this.entries.push(entry);
    }
  }

  /**
   * Requests that went anywhere but the extension itself, data:/blob: URLs and the allowed hosts
   * (127.0.0.1 fixture servers, and host-mapped names that resolve to them).
   */
  outside({ hosts = ['127.0.0.1'], extensionId = this.extensionId } = {}) {
    return this.entries.filter((entry) => !isAllowedUrl(entry.url, { hosts, extensionId }));
  }
}

export function isAllowedUrl(url, { hosts = ['127.0.0.1'], extensionId } = {}) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  if (parsed.protocol === 'chrome-extension:') return !extensionId || parsed.host === extensionId;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'ws:') {
    return hosts.includes(parsed.hostname) || hosts.includes(parsed.host);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------- fixtures

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * A static server on 127.0.0.1 (random port). `mounts` maps URL prefixes to folders or files:
 * `{ '/': 'tests/fixtures/streaming-demo', '/browse': '.../index.html', '/faces/': FACES_DIR }`.
 * The longest matching prefix wins; a folder serves its index.html for '/'.
 * @param {import('./index.d.mts').ServerOptions} [options]
 */
export async function startStaticServer(options = {}) {
  const mounts = Object.entries(options.mounts ?? {}).sort((a, b) => b[0].length - a[0].length);
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url: url.href, path: url.pathname, host: req.headers.host ?? '', method: req.method ?? 'GET' });
    const file = resolveMount(mounts, decodeURIComponent(url.pathname));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(options.headers ?? {}),
    };
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    url: (p = '/') => `http://127.0.0.1:${port}${p.startsWith('/') ? p : `/${p}`}`,
    requests,
    server,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

function resolveMount(mounts, pathname) {
  for (const [prefix, target] of mounts) {
    if (pathname !== prefix && !pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) continue;
    let stat;
    try {
      stat = fs.statSync(target);
    } catch {
      return null;
    }
    if (stat.isFile()) return pathname === prefix ? target : null;
    const rest = pathname.slice(prefix.length).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(target, rest);
    if (!file.startsWith(path.resolve(target) + path.sep) && file !== path.resolve(target)) return null;
    try {
      const inner = fs.statSync(file);
      if (inner.isFile()) return file;
      if (inner.isDirectory() && fs.existsSync(path.join(file, 'index.html'))) return path.join(file, 'index.html');
    } catch {
      return null;
    }
    return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------- media

function ffmpeg(args) {
  const result = spawnSync('nice', ['-n', '10', 'ffmpeg', '-hide_banner', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (result.error) throw new Error(`ffmpeg could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr}`);
}

function cached(name, key, ext, make) {
  const dir = path.join(TMP_DIR, 'media');
  fs.mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  const file = path.join(dir, `${name}-${hash}${ext}`);
  if (!fs.existsSync(file)) {
    const partial = `${file}.part${ext}`;
    make(partial);
    fs.renameSync(partial, file);
  }
  return file;
}

/**
 * A .y4m for Chromium's fake camera from a still image (cached in tests/.tmp/media by content hash).
 * `.mjpeg` would give solid green frames; y4m is what works.
 */
export function makeY4m(image, { seconds = 2, fps = 10, width = 640 } = {}) {
  const source = path.resolve(image);
  const key = `${createHash('sha256').update(fs.readFileSync(source)).digest('hex')}:${seconds}:${fps}:${width}`;
  return cached(path.basename(source).replace(/\.[^.]+$/, ''), key, '.y4m', (out) =>
    ffmpeg(['-loop', '1', '-i', source, '-t', String(seconds), '-r', String(fps), '-vf', `scale=${width}:-2`, '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out]));
}

/** A solid-colour .y4m (a camera that sees no face). */
export function makeSolidY4m(color = 'gray', { seconds = 2, fps = 10, width = 640, height = 480 } = {}) {
  return cached(`solid-${color.replace(/\W/g, '')}`, `${color}:${seconds}:${fps}:${width}x${height}`, '.y4m', (out) =>
    ffmpeg(['-f', 'lavfi', '-i', `color=c=${color}:s=${width}x${height}:r=${fps}`, '-t', String(seconds), '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out]));
}

/** A solid-colour JPEG (a photo with no face). */
export function makeSolidJpeg(color = 'gray', { width = 640, height = 480 } = {}) {
  return cached(`solid-${color.replace(/\W/g, '')}`, `${color}:${width}x${height}:jpeg`, '.jpeg', (out) =>
    ffmpeg(['-f', 'lavfi', '-i', `color=c=${color}:s=${width}x${height}`, '-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', out]));
}

/** A file named .jpg that is not an image (a broken upload). */
export function makeBrokenJpeg() {
  return cached('broken', 'broken-v1', '.jpg', (out) => fs.writeFileSync(out, 'this is not a JPEG\n'));
}

export function facePath(name) {
  return path.join(FACES_DIR, name);
}

// ---------------------------------------------------------------------------------------------- checks

/**
 * Open the harness's camera check page on `server` (which must mount HARNESS_PAGES_DIR at /__harness/)
 * and read one frame of the fake camera: size, mean colour, spread. Proves the fake camera plays the file.
 */
export async function readCameraFrame(context, server) {
  const page = await context.newPage();
  try {
    await page.goto(server.url('/__harness/camera-check.html'));
    return await page.evaluate(() => /** @type {any} */ (window).readFrame());
  } finally {
    await page.close();
  }
}

export function harnessMounts() {
  return { '/__harness/': HARNESS_PAGES_DIR };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function median(values) {
  return percentile(values, 50);
}

export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** Run a child process and resolve with its exit code (for the launcher). */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
