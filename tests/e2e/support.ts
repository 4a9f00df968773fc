/**
 * What every end-to-end file shares: a fixture server, one browser launch per describe block with its
 * requests recorded, and the popup's reading helpers. Each file calls `e2eRun()` once at top level and ends
 * with `run.privacyTest()`, which asserts that no launch sent a request outside the extension and 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../lib/sites/adapters';
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

/** How many films the shipped built-in catalogue holds (its file's own count): what a fresh install counts. */
export const BUILTIN_FILM_COUNT: number = JSON.parse(
  readFileSync(new URL('../../public/catalogue/movielens.json', import.meta.url), 'utf8')
    .split('\n', 1)[0]!
    .replace(/,"films":\[$/u, '}'),
).count;

const READ_TIMEOUT = Number(process.env.MOODREEL_E2E_READ_TIMEOUT ?? 60_000);
const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'];
/** A host the recorder self-check requests on purpose; never counted as a leak. */
export const CANARY_HOST = 'recorder-canary.invalid';
/** The registered streaming sites' hosts. */
const MAPPED_HOSTS = Object.values(ADAPTERS).map((adapter) => adapter.host);

export type Outcome =
  { kind: 'mood'; emotion: string; backend: string; faces: number } | { kind: 'error'; reason: string; text: string };

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
/** A reading as the reader stores it, `emotion` at 0.82; with `faces` > 1, a movie night of that many people. */
function storedReading(emotion: string, faces = 1) {
  const distribution = () =>
    ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'].map((e) => (e === emotion ? 0.82 : 0.03));
  return {
    emotion,
    probabilities: distribution(),
    ...(faces > 1 ? { people: Array.from({ length: faces }, () => ({ emotion, probabilities: distribution() })) } : {}),
    backend: 'wasm',
    cnnMs: 6,
    detectMs: 7,
    totalMs: 900,
    frames: 8,
    faces,
    source: 'camera',
    at: Date.now(),
  };
}

/** Makes `emotion` the latest reading, as a reading in the popup would (null forgets it). */
export async function setStoredReading(h: Harness, emotion: string | null, faces = 1): Promise<void> {
  await h.serviceWorker.evaluate(
    (value) =>
      value ? chrome.storage.local.set({ latestReading: value }) : chrome.storage.local.remove('latestReading'),
    emotion ? storedReading(emotion, faces) : null,
  );
}

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
    throw new Error(
      `No [data-testid="mood"] nor [data-testid="mood-error"] within ${READ_TIMEOUT} ms in ${pages.map((p) => p.url()).join(', ')}`,
    );
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

export function expectMood(
  run: E2eRun,
  result: Outcome,
  label: string,
): asserts result is Extract<Outcome, { kind: 'mood' }> {
  run.readings[label] =
    result.kind === 'mood'
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
  run.readings[label] =
    result.kind === 'mood' ? `${result.emotion} (${result.backend})` : `error ${result.reason}: ${result.text}`;
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
  await expect
    .poll(() => options.evaluate(() => chrome.storage.sync.get('backend').then((v) => v.backend)))
    .toBe(backend);
  await options.close();
}

// ------------------------------------------------------------------------------------------------ closed roots

/**
 * MoodReel's row and badges live in closed shadow roots: the page's scripts (and `page.evaluate`, and
 * Playwright's locators) cannot open them. Tests read them as DevTools does, over CDP: `DOM.getDocument`
 * with `pierce: true` walks into every shadow root, closed ones included.
 */
interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** One CDP session per page (made on first use). */
function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** The whole document, shadow roots (open and closed) included. */
export async function piercedDocument(page: Page): Promise<DomNode> {
  const cdp = await cdpOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  return root;
}

export function attributesOf(node: DomNode): Record<string, string> {
  const out: Record<string, string> = {};
  const list = node.attributes ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i]!] = list[i + 1]!;
  return out;
}

/** Every node under `node` in document order (a host's shadow roots before its light children), with its ancestors. */
export function* walkNodes(node: DomNode, ancestors: DomNode[] = []): Generator<[DomNode, DomNode[]]> {
  yield [node, ancestors];
  const below = [...ancestors, node];
  for (const root of node.shadowRoots ?? []) yield* walkNodes(root, below);
  for (const child of node.children ?? []) yield* walkNodes(child, below);
}

/** The element's border box on the page (null when it has none: not rendered). */
async function boxOf(page: Page, node: DomNode): Promise<Box | null> {
  const cdp = await cdpOf(page);
  try {
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as {
      model: { border: number[] };
    };
    const xs = [model.border[0]!, model.border[2]!, model.border[4]!, model.border[6]!];
    const ys = [model.border[1]!, model.border[3]!, model.border[5]!, model.border[7]!];
    return {
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    };
  } catch {
    return null;
  }
}

function badgesIn(document: DomNode): { host: DomNode; badge: DomNode; ancestors: DomNode[] }[] {
  const found: { host: DomNode; badge: DomNode; ancestors: DomNode[] }[] = [];
  for (const [node, ancestors] of walkNodes(document)) {
    if (node.localName !== 'moodreel-badge') continue;
    for (const root of node.shadowRoots ?? []) {
      for (const [inner] of walkNodes(root)) {
        if (attributesOf(inner)['data-testid'] === 'fit-badge') found.push({ host: node, badge: inner, ancestors });
      }
    }
  }
  return found;
}

/** The emotion a badge's accessible name speaks of ("Fits your fearful mood: …" is fear), '' if none. */
function emotionOfLabel(label: string): string {
  const word = /^Fits your (\w+) mood/u.exec(label)?.[1] ?? '';
  const words: Record<string, string> = { disgusted: 'disgust', fearful: 'fear', surprised: 'surprise' };
  return words[word] ?? word;
}

/**
 * Every badge on the page, in page order: the title it was drawn for (as read from the tile), the emotion its
 * accessible name speaks of, and that name (which names the film it means).
 */
export async function readBadges(page: Page): Promise<{ title: string; emotion: string; label: string }[]> {
  return badgesIn(await piercedDocument(page)).map(({ badge }) => {
    const attributes = attributesOf(badge);
    const label = attributes['aria-label'] ?? '';
    return { title: attributes['data-title'] ?? '', emotion: emotionOfLabel(label), label };
  });
}

/**
 * The browser's id of the tab showing `page` (the popup's "Badged on this page" is about one tab): the active
 * tab once the page is brought to the front (MoodReel has no "tabs" permission, so tabs have no URL to it).
 */
export async function tabIdOf(h: Harness, page: Page): Promise<number> {
  await page.bringToFront();
  const ids = await h.serviceWorker.evaluate(() =>
    chrome.tabs.query({ active: true, lastFocusedWindow: true }).then((tabs) => tabs.map((tab) => tab.id!)),
  );
  if (ids.length !== 1) throw new Error(`${ids.length} active tabs in the last focused window`);
  return ids[0]!;
}

/** The popup, as it opens over `page` (in a tab of its own, told which tab it is about). */
async function popupOver(h: Harness, page: Page): Promise<Page> {
  const tabId = await tabIdOf(h, page);
  const popup = await h.context.newPage();
  await popup.goto(h.url(`popup.html?tab=${tabId}`));
  return popup;
}

/**
 * Presses "Not this film" for `title` in the popup's list of the films badged on the page's tab, as a user
 * does (with the mouse), and returns the popup, where Undo is offered in place.
 */
export async function pressNotThisFilm(h: Harness, page: Page, title: string): Promise<Page> {
  const popup = await popupOver(h, page);
  const button = popup.locator(`[data-testid="badged-film"][data-title="${title}"] [data-testid="not-this-film"]`);
  await button.waitFor({ timeout: 15_000 });
  await button.click();
  await popup
    .locator(`[data-testid="badged-film"][data-title="${title}"] [data-testid="undo-not-this-film"]`)
    .waitFor();
  return popup;
}

/** Every badge with its box and the box of its tile (the nearest ancestor matching `tileSelector`). */
export async function readBadgeBoxes(
  page: Page,
  tileSelector: string,
): Promise<{ title: string; badge: Box | null; tile: Box | null }[]> {
  const document = await piercedDocument(page);
  const cdp = await cdpOf(page);
  const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: document.nodeId, selector: tileSelector })) as {
    nodeIds: number[];
  };
  const tiles = new Set(nodeIds);
  const out: { title: string; badge: Box | null; tile: Box | null }[] = [];
  for (const { badge, ancestors } of badgesIn(document)) {
    const tile = [...ancestors].reverse().find((node) => tiles.has(node.nodeId));
    out.push({
      title: attributesOf(badge)['data-title'] ?? '',
      badge: await boxOf(page, badge),
      tile: tile ? await boxOf(page, tile) : null,
    });
  }
  return out;
}

interface RowRead {
  /** `<moodreel-picks>` hosts on the page. */
  rows: number;
  /** The host's attributes, as the page sees them (none, whatever the mood). */
  hostAttributes: string[];
  /** Whether the host's closed root holds the row's frame (an extension page). */
  framed: boolean;
  heading: string | null;
  /** The heading's data-emotion (null: no fresh reading). */
  emotion: string | null;
  /** data-movie-id of each [data-testid=pick], in order. */
  picks: string[];
  /** The "Read your mood for picks that fit it" line, shown before any reading. */
  note: string | null;
}

/**
 * The row's frame: the extension page drawn in an `<iframe>` inside the row's closed root. A page's scripts
 * cannot reach it (it is in no `window.frames`, and cross-origin); Playwright attaches to it as DevTools does,
 * and tests read it from its own document. Null while there is none.
 */
export function rowFrame(page: Page): Frame | null {
  return (
    page.frames().find((frame) => {
      const url = frame.url();
      return url.startsWith('chrome-extension://') && new URL(url).pathname === '/row-frame.html';
    }) ?? null
  );
}

/** The picks row: its host as the page has it (over CDP: the root is closed), and what its frame shows. */
export async function readRow(page: Page): Promise<RowRead> {
  const tree = await piercedDocument(page);
  const hosts = [...walkNodes(tree)].map(([node]) => node).filter((node) => node.localName === 'moodreel-picks');
  const read: RowRead = {
    rows: hosts.length,
    hostAttributes: [],
    framed: false,
    heading: null,
    emotion: null,
    picks: [],
    note: null,
  };
  const host = hosts[0];
  if (!host) return read;
  read.hostAttributes = Object.keys(attributesOf(host));
  read.framed = (host.shadowRoots ?? []).some((root) =>
    [...walkNodes(root)].some(([node]) => node.localName === 'iframe'),
  );
  const frame = rowFrame(page);
  if (!read.framed || !frame) return read;
  const inside = await frame
    .evaluate(() => {
      const heading = document.querySelector('[data-testid="row-heading"]');
      return {
        heading: heading?.textContent ?? null,
        emotion: heading?.getAttribute('data-emotion') ?? null,
        picks: [...document.querySelectorAll('[data-testid="pick"][data-movie-id]')].map(
          (pick) => pick.getAttribute('data-movie-id') ?? '',
        ),
        note: document.querySelector('[data-testid="no-reading"]')?.textContent ?? null,
      };
    })
    .catch(() => null); // the frame is loading or going away
  return inside ? { ...read, ...inside } : read;
}

/**
 * Waits until the row shows `state`: films many people love with the "read your mood" line (no reading), or
 * picks (for `emotion`, when given).
 */
export async function waitForRow(
  page: Page,
  state: 'no-reading' | 'picks',
  emotion?: string,
  timeout = 15_000,
): Promise<RowRead> {
  const done = (row: RowRead) =>
    state === 'no-reading'
      ? row.note !== null && row.emotion === null
      : row.picks.length > 0 && (!emotion || row.emotion === emotion);
  let last: RowRead | null = null;
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    last = await readRow(page);
    if (done(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(
    `The row did not show ${state}${emotion ? ` (${emotion})` : ''} within ${timeout} ms: ${JSON.stringify(last)}`,
  );
}

async function callOn<T>(
  page: Page,
  node: DomNode,
  fn: string,
  args: ({ value: unknown } | { objectId: string })[],
): Promise<T> {
  const cdp = await cdpOf(page);
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })) as {
    object: { objectId: string };
  };
  try {
    const { result, exceptionDetails } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn,
      arguments: args,
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (exceptionDetails)
      throw new Error(`in a closed root: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  } finally {
    await cdp.send('Runtime.releaseObject', { objectId: object.objectId });
  }
}

/**
 * Runs `fn` in the row's frame (its `document` is the frame's), for what attributes cannot say: focus, computed
 * styles, links. Null when there is no row.
 */
export async function evaluateInRow<T, A = null>(page: Page, fn: (arg: A) => T, arg?: A): Promise<T | null> {
  const frame = rowFrame(page);
  if (!frame) return null;
  return frame.evaluate(fn as (arg: unknown) => T, arg ?? null);
}

/** Runs `fn` on the first drawn badge's host (its badge passed too). Null when no badge is drawn. */
export async function evaluateOnBadge<T, A = null>(
  page: Page,
  fn: (host: Element, badge: Element, arg: A) => T,
  arg?: A,
): Promise<T | null> {
  const [first] = badgesIn(await piercedDocument(page));
  if (!first) return null;
  const cdp = await cdpOf(page);
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: first.badge.backendNodeId })) as {
    object: { objectId: string };
  };
  try {
    return await callOn<T>(page, first.host, `function (badge, arg) { return (${fn.toString()})(this, badge, arg); }`, [
      { objectId: object.objectId },
      { value: arg ?? null },
    ]);
  } finally {
    await cdp.send('Runtime.releaseObject', { objectId: object.objectId });
  }
}

/** Clicks the row's control `testid` with the mouse, as a user does (the row ignores clicks a script makes). */
export async function clickInRow(page: Page, testid: string): Promise<void> {
  const frame = rowFrame(page);
  if (!frame) throw new Error(`No row frame to click [data-testid="${testid}"] in`);
  await frame.locator(`[data-testid="${testid}"]`).click();
}
