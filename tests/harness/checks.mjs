// Small helpers: the fake camera check page, waiting, statistics, child processes.
import { spawn } from 'node:child_process';
import { HARNESS_PAGES_DIR } from './paths.mjs';

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
