/**
 * What every end-to-end file shares: a fixture server, one browser launch per describe block with its
 * requests recorded, and the popup's reading helpers. Each file calls `e2eRun()` once at top level and ends
 * with `run.privacyTest()`, which asserts that no launch sent a request outside the extension and 127.0.0.1.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURES_DIR,
  harnessMounts,
  launchExtension,
  type Harness,
  type LaunchOptions,
  type RecordedRequest,
  type StaticServer,
  startStaticServer,
} from '../harness/index.mjs';

export const READ_TIMEOUT = Number(process.env.MOODREEL_E2E_READ_TIMEOUT ?? 60_000);
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'];
/** A host the recorder self-check requests on purpose; never counted as a leak. */
export const CANARY_HOST = 'recorder-canary.invalid';
export const MAPPED_HOSTS = ['www.netflix.com', 'www.primevideo.com', 'www.disneyplus.com'];

export type Outcome =
  | { kind: 'mood'; emotion: string; backend: string; faces: number }
  | { kind: 'error'; reason: string; text: string };

export interface E2eRun {
  server(): StaticServer;
  /** A describe block owning one browser launch; its requests join the run's privacy record when it closes. */
  withBrowser(name: string, options: () => LaunchOptions, body: (get: () => Harness) => void): void;
  /** The closing test: no request left the extension and the local fixture server, in any launch. */
  privacyTest(): void;
  readings: Record<string, string>;
}

/**
 * Sets up the run's fixture server (`mounts` on top of the harness pages and the streaming demo at /browse)
 * and the request record. Streaming hosts map to the server in every launch.
 */
export function e2eRun(mounts: Record<string, string> = {}): E2eRun {
  let server: StaticServer | undefined;
  const outside: { launch: string; request: RecordedRequest }[] = [];
  let recorded = 0;
  const readings: Record<string, string> = {};

  beforeAll(async () => {
    server = await startStaticServer({
      mounts: {
        ...harnessMounts(),
        '/browse': path.join(FIXTURES_DIR, 'streaming-demo/index.html'),
        '/': path.join(FIXTURES_DIR, 'streaming-demo'),
        ...mounts,
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    if (Object.keys(readings).length) console.log('[e2e] readings:', JSON.stringify(readings));
  });

  const getServer = () => {
    if (!server) throw new Error('The fixture server did not start');
    return server;
  };

  return {
    server: getServer,
    readings,
    withBrowser(name, options, body) {
      describe(name, () => {
        let harness: Harness | undefined;
        beforeAll(async () => {
          const hostMap = Object.fromEntries(MAPPED_HOSTS.map((host) => [host, getServer().port]));
          harness = await launchExtension({ hostMap, ...options() });
        });
        afterAll(async () => {
          if (!harness) return;
          const recorder = await harness.close();
          recorded += recorder.entries.length;
          for (const request of recorder.outside({ hosts: ['127.0.0.1', ...MAPPED_HOSTS] })) {
            if (new URL(request.url).hostname !== CANARY_HOST) outside.push({ launch: name, request });
          }
        });
        body(() => {
          if (!harness) throw new Error('The browser did not launch');
          return harness;
        });
      });
    },
    privacyTest() {
      describe('privacy', () => {
        it('made no request outside the extension and the local fixture server, in any launch', () => {
          expect(recorded).toBeGreaterThan(0);
          expect(outside.map(({ launch, request }) => `${launch}: [${request.source}] ${request.url}`)).toEqual([]);
        });
      });
    },
  };
}

/** A fresh popup state (no earlier reading shown), so the next mood element can only be the new reading. */
export async function freshPopup(h: Harness, popup?: Page): Promise<Page> {
  const page = popup ?? (await h.openPopup());
  await page.evaluate(() => chrome.storage.local.remove('latestReading'));
  await page.reload();
  await page.locator('[data-testid="read-mood"]').waitFor({ timeout: 15_000 });
  return page;
}

/** The first reading (mood or error) that shows in any of `pages`. */
export async function outcome(...pages: Page[]): Promise<Outcome> {
  const found = (page: Page) => page.locator('[data-testid="mood"], [data-testid="mood-error"]').first();
  const page = await Promise.any(
    pages.map(async (p) => {
      await found(p).waitFor({ timeout: READ_TIMEOUT });
      return p;
    }),
  ).catch(() => {
    throw new Error(`No [data-testid="mood"] nor [data-testid="mood-error"] within ${READ_TIMEOUT} ms in ${pages.map((p) => p.url()).join(', ')}`);
  });
  const mood = page.locator('[data-testid="mood"]');
  const error = page.locator('[data-testid="mood-error"]');
  if (await mood.count()) {
    return {
      kind: 'mood',
      emotion: (await mood.first().getAttribute('data-emotion')) ?? '',
      backend: (await mood.first().getAttribute('data-backend')) ?? '',
      faces: Number(await mood.first().getAttribute('data-faces')),
    };
  }
  return {
    kind: 'error',
    reason: (await error.first().getAttribute('data-reason')) ?? '',
    text: (await error.first().textContent()) ?? '',
  };
}

export async function readByCamera(popup: Page): Promise<Outcome> {
  await popup.locator('[data-testid="read-mood"]').click();
  return outcome(popup);
}

export async function readByPhoto(popup: Page, file: string): Promise<Outcome> {
  await popup.locator('[data-testid="photo-input"]').setInputFiles(file);
  return outcome(popup);
}

export function expectMood(run: E2eRun, result: Outcome, label: string): asserts result is Extract<Outcome, { kind: 'mood' }> {
  run.readings[label] = result.kind === 'mood'
    ? `${result.emotion} (${result.backend}, ${result.faces} face${result.faces === 1 ? '' : 's'})`
    : `error ${result.reason}: ${result.text}`;
  console.log(`[e2e] ${label}: ${run.readings[label]}`);
  expect(result.kind, `${label}: ${JSON.stringify(result)}`).toBe('mood');
  if (result.kind !== 'mood') return;
  expect(EMOTIONS).toContain(result.emotion);
  expect(BACKENDS).toContain(result.backend);
  expect(result.faces).toBeGreaterThanOrEqual(1);
}

export function expectError(run: E2eRun, result: Outcome, reason: string, label: string) {
  run.readings[label] = result.kind === 'mood' ? `${result.emotion} (${result.backend})` : `error ${result.reason}: ${result.text}`;
  console.log(`[e2e] ${label}: ${run.readings[label]}`);
  expect(result, label).toMatchObject({ kind: 'error', reason });
}

/** After a camera reading the offscreen document must hold no live camera track. */
export async function expectCameraReleased(h: Harness, popup: Page) {
  await expect.poll(async () => (await h.offscreenStatus(popup)).liveTracks, { timeout: 5_000, interval: 250 }).toBe(0);
}

/** Chooses a backend on the options page, as a user would, and waits for the confirmation. */
export async function chooseBackend(h: Harness, backend: string): Promise<void> {
  const options = await h.context.newPage();
  await options.goto(h.url('options.html'));
  const select = options.locator('select[data-testid="backend-setting"]');
  await expect.poll(() => select.isEnabled()).toBe(true);
  await select.selectOption(backend);
  await expect.poll(() => options.evaluate(() => chrome.storage.sync.get('backend').then((v) => v.backend))).toBe(backend);
  await options.close();
}

/**
 * The badges a streaming page shows now: the title each was drawn for and the emotion it says. Every e2e
 * file reads badges through this one function, so how they are reached (DOM, closed roots) lives here.
 */
export async function readBadges(page: Page): Promise<{ title: string; emotion: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('moodreel-badge')].map((badge) => ({
      title: badge.getAttribute('data-for') ?? '',
      emotion: badge.parentElement?.closest('[data-moodreel-fit]')?.getAttribute('data-moodreel-fit') ?? '',
    })),
  );
}
