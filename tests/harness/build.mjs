// Finding the browser and the built extension: build it, snapshot it so a concurrent build cannot pull
// files from under a running test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, ROOT, TMP_DIR } from './paths.mjs';

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
  return (
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) ||
    process.platform === 'darwin' ||
    process.platform === 'win32'
  );
}

/** Snapshots made by this process, by the folder they copy. */
const snapshots = new Map();
/**
 * A private copy of a built extension (once per process and folder), so that a colleague's `wxt build`,
 * which empties .output/chrome-mv3 while it runs, cannot pull files from under a running test or bench.
 */
export function snapshotExtension(dir = EXTENSION_DIR) {
  const source = path.resolve(dir);
  const known = snapshots.get(source);
  if (known) return known;
  // tests/.tmp/extension-snapshots/<pid>-<n>: a run killed before its exit handler leaves one, removed here next time.
  const parent = path.join(TMP_DIR, 'extension-snapshots');
  fs.mkdirSync(parent, { recursive: true });
  for (const name of fs.readdirSync(parent)) {
    if (!isAlive(Number(name.split('-')[0]))) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  const target = path.join(parent, `${process.pid}-${snapshots.size}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true });
  if (!isBuilt(target)) throw new Error(`Copying ${source} gave no manifest.json (was it being rebuilt?)`);
  process.on('exit', () => fs.rmSync(target, { recursive: true, force: true }));
  snapshots.set(source, target);
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
