/**
 * The one message protocol between popup, background, offscreen document, content scripts and the row's frame.
 * Every message names the context that should answer it, so the background and the offscreen document,
 * which both hear every runtime message, never answer each other's; and who may send it, so a content
 * script (a streaming site's page runs beside it, and a compromised renderer can speak for it) gets only
 * what the badges need, and the row's frame only what the row needs. Every payload is checked and bounded
 * before a handler sees it.
 */
import { browser } from 'wxt/browser';
import {
  BadRequest,
  MAX_TITLE_LENGTH,
  MAX_TITLES_PER_MESSAGE,
  backendSettingOf,
  backendTestOf,
  calibrateRequestOf,
  chooseMoodRequestOf,
  feedbackRequestOf,
  offscreenBackendTestOf,
  nothing,
  picksRequestOf,
  readingIdOf,
  readRequestOf,
  record,
  rejectTitleRequestOf,
  siteRequestOf,
  tabRequestOf,
  titleQueriesOf,
} from './message-checks';
import type { BadgedFilm } from './badged-tabs';
import type { Feedback } from '../catalogue/types';
import type { Emotion } from '../mood/emotions';
import type { RestingFace } from '../mood/calibration';
import type {
  Backend,
  BackendSetting,
  BackendSpeed,
  ChosenReading,
  MoodFailure,
  ReadOutcome,
  ReadRequest,
} from '../mood/types';
import type { SiteId } from '../sites/adapters';
import { ROW_FRAME_PATH } from '../sites/row-frame';
import type { MatchAnswer, PicksMood, PicksRequest, PicksResponse, SiteState, TitleQuery } from '../sites/types';

// What the streaming sites' content scripts exchange with the background is declared beside them (lib/sites).
export type { MatchAnswer, PicksMood, PicksRequest, PicksResponse, SiteState, TitleQuery };

/**
 * The port a content script opens; the background posts `SITE_REDRAW` on it, and nothing else, when its
 * `SiteState` or its badges may have changed (the content script then asks again).
 */
export const SITE_CHANGES_PORT = 'moodreel-site-changes';
export const SITE_REDRAW = 'redraw';

/** What each message carries and what its answer is. */
export interface Protocol {
  /** popup → background: the popup opened; start loading the reader so a click answers sooner. */
  'prepare-reader': { target: 'background'; request: null; response: { ok: boolean } };
  /**
   * popup → background: read a mood now. `readingId` names the popup's reading port: when that port closes
   * (the popup closed), the reading is cancelled and nothing is stored.
   */
  'read-mood': { target: 'background'; request: ReadRequest & { readingId?: string }; response: ReadOutcome };
  /**
   * popup → background: the user chose a mood ("Choose my mood", or "Not right? I feel…" under a reading). It
   * becomes the latest reading; `corrects` names the reading on screen (its time), which it replaces.
   */
  'choose-mood': {
    target: 'background';
    request: { emotion: Emotion; corrects?: number };
    response: { ok: true; reading: ChosenReading };
  };
  /**
   * options, onboarding → background: read the relaxed face (about two seconds, the reading path as it is) and
   * keep its seven numbers as the resting face. `readingId` names the page's reading port, as for read-mood.
   */
  'calibrate-resting-face': {
    target: 'background';
    request: { readingId?: string };
    response: { ok: true; restingFace: RestingFace } | ({ ok: false } & MoodFailure);
  };
  /** background → offscreen: do the reading. */
  'offscreen-read': { target: 'offscreen'; request: ReadRequest & { readingId?: string }; response: ReadOutcome };
  /** background → offscreen: the popup that asked for this reading closed; stop the camera now. */
  'offscreen-cancel': { target: 'offscreen'; request: { readingId: string }; response: { ok: boolean } };
  /** background → offscreen: load the model and detector now (idempotent). */
  'offscreen-prepare': { target: 'offscreen'; request: { backend?: BackendSetting }; response: { ok: boolean } };
  /**
   * popup, options, the row's frame → background: picks for the latest fresh reading (`mood: null` without
   * one: films many people love).
   */
  'get-picks': { target: 'background'; request: PicksRequest; response: PicksResponse };
  /**
   * content script → background: a page's titles, one message per batch; the answer says how to draw each
   * one's badge (null: none), and nothing about the reading. The background notes which films it said fit
   * for the sender's tab (the popup lists them).
   */
  'match-titles': { target: 'background'; request: { titles: TitleQuery[] }; response: MatchAnswer };
  /** popup → background: the films badged on a tab now (for "Not this film"). */
  'badged-on-tab': { target: 'background'; request: { tabId: number }; response: { films: BadgedFilm[] } };
  /**
   * popup → background: "Not this film" on a film badged on the current tab: that title is never matched again
   * on this device, and every tab redraws its badges. `restore-title` undoes it.
   */
  'reject-title': { target: 'background'; request: { title: string }; response: { ok: boolean } };
  'restore-title': { target: 'background'; request: { title: string }; response: { ok: boolean } };
  /** popup → background: 👍/👎 on a pick (vote null takes it back). */
  'feedback': {
    target: 'background';
    request: { filmId: string; vote: Feedback['vote'] | null; emotion: Emotion };
    response: { ok: boolean };
  };
  /** content script → background: this site's state (settings, hide flag, freshness). */
  // content scripts may send this
  'site-state': { target: 'background'; request: { site: SiteId }; response: SiteState };
  /** the row's frame → background: "Hide on this site for now" was pressed; hidden there until the browser restarts. */
  'hide-row': { target: 'background'; request: { site: SiteId }; response: { ok: boolean } };
  /**
   * options → background: measure one backend on this computer (the page asks for each in turn, to show each
   * result as it comes); `last`: load the user's own backend again afterwards.
   */
  'test-backends': { target: 'background'; request: { backend: Backend; last: boolean }; response: BackendSpeed };
  /** background → offscreen: measure `backend`, then load `restore` (the user's setting) again when given. */
  'offscreen-test-backends': {
    target: 'offscreen';
    request: { backend: Backend; restore: BackendSetting | null };
    response: BackendSpeed;
  };
  /** extension pages → offscreen: is the document alive and how many camera tracks are live (tests use it too). */
  'offscreen-status': { target: 'offscreen'; request: null; response: { liveTracks: number } };
}

export type MessageType = keyof Protocol;
export type Target = Protocol[MessageType]['target'];

export interface Envelope<K extends MessageType = MessageType> {
  moodreel: K;
  target: Protocol[K]['target'];
  request: Protocol[K]['request'];
}

const TARGETS: { [K in MessageType]: Protocol[K]['target'] } = {
  'prepare-reader': 'background',
  'read-mood': 'background',
  'choose-mood': 'background',
  'calibrate-resting-face': 'background',
  'get-picks': 'background',
  'match-titles': 'background',
  'badged-on-tab': 'background',
  'reject-title': 'background',
  'restore-title': 'background',
  'feedback': 'background',
  'site-state': 'background', // content scripts may send this
  'hide-row': 'background',
  'test-backends': 'background',
  'offscreen-test-backends': 'offscreen',
  'offscreen-prepare': 'offscreen',
  'offscreen-read': 'offscreen',
  'offscreen-cancel': 'offscreen',
  'offscreen-status': 'offscreen',
};

/**
/**
 * The only messages a content script may send: the badges' drawings and the site's state (on, row hidden, an
 * opaque counter that moves with the mood). The row's picks and hiding it belong to the row's frame; turning a
 * title down to the popup. The table below can declare 'content-script' only for these names.
 */
export const CONTENT_SCRIPT_MESSAGES = ['match-titles', 'site-state'] as const;
type ContentScriptMessage = (typeof CONTENT_SCRIPT_MESSAGES)[number];

/**
 * The only messages the row's frame is answered: its picks and hiding it. Never a reading, the speed test,
 * title matches or the site's state. (It also opens the changes port, which says only "changed".)
 */
export const ROW_FRAME_MESSAGES: readonly MessageType[] = ['get-picks', 'hide-row'];

/**
 * Who may send a message:
 * - 'service-worker': the background only (what it asks the offscreen document to do);
 * - 'extension': the extension's own pages (popup, options, camera-access, onboarding) and its service worker;
 * - 'content-script': also the content scripts on the streaming sites.
 */
export type SenderRule = 'service-worker' | 'extension' | 'content-script';

export const FROM: {
  [K in MessageType]: K extends ContentScriptMessage ? 'content-script' : Exclude<SenderRule, 'content-script'>;
} = {
  'prepare-reader': 'extension',
  'read-mood': 'extension',
  'choose-mood': 'extension',
  'calibrate-resting-face': 'extension',
  'get-picks': 'extension',
  'match-titles': 'content-script',
  'feedback': 'extension',
  'site-state': 'content-script',
  'hide-row': 'extension',
  'badged-on-tab': 'extension',
  'reject-title': 'extension',
  'restore-title': 'extension',
  'test-backends': 'extension',
  'offscreen-test-backends': 'service-worker',
  'offscreen-prepare': 'service-worker',
  'offscreen-read': 'service-worker',
  'offscreen-cancel': 'service-worker',
  // Read-only (a count of live tracks): the e2e tests and outside checks ask it from an extension page.
  'offscreen-status': 'extension',
};

/** Each message's payload check: a clean, bounded copy of the request, or a thrown BadRequest. */
const CHECKS: { [K in MessageType]: (request: unknown) => Protocol[K]['request'] } = {
  'prepare-reader': nothing,
  'read-mood': readRequestOf,
  'choose-mood': chooseMoodRequestOf,
  'calibrate-resting-face': calibrateRequestOf,
  'get-picks': picksRequestOf,
  'match-titles': titleQueriesOf,
  'feedback': feedbackRequestOf,
  // Only the id's form is checked here; readSiteState treats an id no adapter has as a site that is off.
  'site-state': (request) => siteRequestOf(request) as { site: SiteId },
  'hide-row': (request) => siteRequestOf(request) as { site: SiteId },
  'badged-on-tab': tabRequestOf,
  'reject-title': rejectTitleRequestOf,
  'restore-title': rejectTitleRequestOf,
  'test-backends': backendTestOf,
  'offscreen-test-backends': offscreenBackendTestOf,
  'offscreen-prepare': (request) => {
    const backend = record(request).backend;
    return backend === undefined ? {} : { backend: backendSettingOf(backend) };
  },
  'offscreen-read': readRequestOf,
  'offscreen-cancel': readingIdOf,
  'offscreen-status': nothing,
};

/** The name of the port a popup holds open while its camera reading runs; its id follows the colon. */
export const READING_PORT_PREFIX = 'moodreel-reading:';

export function envelope<K extends MessageType>(type: K, request: Protocol[K]['request']): Envelope<K> {
  return { moodreel: type, target: TARGETS[type], request };
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { moodreel?: unknown }).moodreel;
  return (
    typeof type === 'string' &&
    type in TARGETS &&
    (value as { target?: unknown }).target === TARGETS[type as MessageType]
  );
}

/** The answer to a refused message (a sender not allowed, a payload that fails its check). */
export interface Refusal {
  moodreelError: 'not-allowed' | 'bad-request';
  message: string;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && typeof (value as Refusal).moodreelError === 'string';
}

/** Sends a message; a refusal (or no answer) comes back as a thrown error, never as a value of the wrong shape. */
export async function sendMessage<K extends MessageType>(
  type: K,
  request: Protocol[K]['request'],
): Promise<Protocol[K]['response']> {
  const answer: unknown = await browser.runtime.sendMessage(envelope(type, request));
  if (isRefusal(answer)) throw new Error(`MoodReel refused ${type}: ${answer.message}`);
  return answer as Protocol[K]['response'];
}

/**
 * `match-titles` for any number of a page's titles, within the message's bounds: one message per 500 titles,
 * answers joined in order. A title longer than 200 characters is no film's title: it is not sent, and its
 * answer is null (so one planted title cannot get a whole batch refused).
 */
export async function matchTitlesInBatches(
  titles: readonly TitleQuery[],
  send: (request: { titles: TitleQuery[] }) => Promise<MatchAnswer> = (request) => sendMessage('match-titles', request),
): Promise<MatchAnswer> {
  const sendable = titles.flatMap((query, index) => (query.title.length <= MAX_TITLE_LENGTH ? [{ query, index }] : []));
  const batches: (typeof sendable)[] = [];
  for (let i = 0; i < sendable.length; i += MAX_TITLES_PER_MESSAGE)
    batches.push(sendable.slice(i, i + MAX_TITLES_PER_MESSAGE));
  const answers = await Promise.all(batches.map((batch) => send({ titles: batch.map((b) => b.query) })));
  const results: MatchAnswer['results'] = titles.map(() => null);
  batches.forEach((batch, b) => batch.forEach(({ index }, i) => (results[index] = answers[b]!.results[i] ?? null)));
  return { results };
}

/** Who sent a message, as a handler may need it: its kind and, for a sender in a tab, the tab's address. */
export interface From {
  kind: SenderKind;
  /** The address of the tab it runs in, as the browser reports it (not the sender's word); absent if none. */
  tabUrl?: string;
  /** The tab it runs in and its document (a reload is another document), as the browser reports them. */
  tabId?: number;
  documentId?: string;
}

export type Handlers<T extends Target> = {
  [K in MessageType as Protocol[K]['target'] extends T ? K : never]: (
    request: Protocol[K]['request'],
    from: From,
  ) => Promise<Protocol[K]['response']> | Protocol[K]['response'];
};

/** What runtime.onMessage says about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
  /** The sending document (a page's load: a reload or another page is another document). */
  documentId?: string;
}

/** This extension, as a receiver needs to know it to tell its own contexts from the others. */
export interface Self {
  id: string;
  /** "chrome-extension://<id>" */
  origin: string;
  /** The service worker's script URL ("chrome-extension://<id>/background.js"). */
  serviceWorkerUrl: string;
}

export type SenderKind = 'service-worker' | 'extension' | 'row-frame' | 'content-script' | 'stranger';

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/**
 * Which of our contexts sent a message. The browser fills these fields in, not the sender. Extension pages
 * have our origin (in a tab too: the options and camera-access pages); the row's frame is our row-frame.html,
 * which always runs in a tab (in a site's page), unlike the popup; the service worker has its script's URL and
 * no tab; a content script has a tab and the site's URL. Anything else (another extension, a frame we do not
 * know, row-frame.html outside a tab) is a stranger.
 *
 * Why a page cannot pass for the row's frame: a site's renderer (even a compromised one) sends with its own
 * document's URL, which the browser records, never ours; a page that loads row-frame.html itself (it is
 * web-accessible to the sites' origins, behind a URL that changes every session) hosts a real frame, which
 * draws its picks into a document of our origin that the page cannot read, and is answered nothing more.
 */
export function senderKind(sender: SenderInfo, self: Self): SenderKind {
  if (sender.id !== self.id) return 'stranger';
  const url = sender.url ?? '';
  if (sender.origin !== undefined && sender.origin !== self.origin && url.startsWith(`${self.origin}/`))
    return 'stranger';
  if (url === self.serviceWorkerUrl && sender.tab === undefined) return 'service-worker';
  if (url.startsWith(`${self.origin}/`) && pathOf(url) === ROW_FRAME_PATH)
    return sender.tab !== undefined ? 'row-frame' : 'stranger';
  if (url.startsWith(`${self.origin}/`)) return 'extension';
  if (sender.tab !== undefined && /^https?:/u.test(url)) return 'content-script';
  return 'stranger';
}

const ALLOWED: Record<SenderRule, readonly SenderKind[]> = {
  'service-worker': ['service-worker'],
  'extension': ['service-worker', 'extension'],
  'content-script': ['service-worker', 'extension', 'content-script'],
};

function mayAnswer(type: MessageType, kind: SenderKind): boolean {
  if (kind === 'row-frame') return ROW_FRAME_MESSAGES.includes(type);
  return ALLOWED[FROM[type]].includes(kind);
}

/** The address of the tab a sender runs in, when the browser says it. */
function fromOf(kind: SenderKind, sender: SenderInfo): From {
  const tab = sender.tab as { url?: unknown; id?: unknown } | undefined;
  const from: From = { kind };
  if (typeof tab?.url === 'string') from.tabUrl = tab.url;
  if (typeof tab?.id === 'number' && Number.isInteger(tab.id) && tab.id >= 0) from.tabId = tab.id;
  if (typeof sender.documentId === 'string') from.documentId = sender.documentId;
  return from;
}

/** Logs each kind of refusal once (per message type and reason), so a noisy page cannot flood the console. */
export function onceLogger(
  log: (text: string) => void = (text) => console.warn(text),
): (key: string, text: string) => void {
  const seen = new Set<string>();
  return (key, text) => {
    if (seen.has(key)) return;
    seen.add(key);
    log(text);
  };
}

const defaultRefusalLog = onceLogger();

/**
 * Routes an incoming message to `handlers` when it is addressed to `target`; returns undefined
 * (so another context may answer) otherwise. A sender that may not send it, or a payload that fails its
 * check, is answered with a Refusal (logged once per type and reason); the handler never runs.
 * Kept free of `browser` so it is testable as is.
 */
export function routeMessage<T extends Target>(
  target: T,
  handlers: Handlers<T>,
  message: unknown,
  sender: SenderInfo,
  self: Self,
  logRefusal: (key: string, text: string) => void = defaultRefusalLog,
): Promise<unknown> | undefined {
  if (!isEnvelope(message) || message.target !== target) return undefined;
  const type = message.moodreel;
  const handler = (handlers as Record<string, (request: unknown, from: From) => unknown>)[type];
  if (!handler) return undefined;
  const kind = senderKind(sender, self);
  if (!mayAnswer(type, kind)) {
    logRefusal(`${type}|not-allowed|${kind}`, `MoodReel: refused ${type} from a ${kind} (${sender.url ?? 'no URL'})`);
    return Promise.resolve<Refusal>({ moodreelError: 'not-allowed', message: `${type} is not answered to a ${kind}` });
  }
  let request: unknown;
  try {
    request = CHECKS[type](message.request);
  } catch (error) {
    const why = error instanceof BadRequest ? error.message : String(error);
    logRefusal(`${type}|bad-request|${why}`, `MoodReel: refused ${type}: ${why}`);
    return Promise.resolve<Refusal>({ moodreelError: 'bad-request', message: why });
  }
  return Promise.resolve().then(() => handler(request, fromOf(kind, sender)));
}

/** WXT builds the service worker to this file; the manifest says so where a context may read it. */
const SERVICE_WORKER_FILE = 'background.js';

/**
 * This extension's identity, from the browser. An offscreen document has no runtime.getManifest (it gets only
 * part of chrome.runtime), so the service worker's file is then the one WXT always builds.
 */
export function selfOf(runtime: {
  id: string;
  getURL(path: string): string;
  getManifest?: () => { background?: unknown };
}): Self {
  let background: { service_worker?: string } | undefined;
  try {
    background = runtime.getManifest?.().background as typeof background;
  } catch {
    background = undefined; // a context (or a test double) without it
  }
  return {
    id: runtime.id,
    origin: runtime.getURL('/').replace(/\/$/u, ''),
    serviceWorkerUrl: runtime.getURL(`/${background?.service_worker ?? SERVICE_WORKER_FILE}`),
  };
}

/** Answer the messages addressed to `target`; returns the function that stops listening. */
export function listen<T extends Target>(target: T, handlers: Handlers<T>): () => void {
  const self = selfOf(browser.runtime);
  const listener = (message: unknown, sender: SenderInfo) => routeMessage(target, handlers, message, sender, self);
  // The polyfill answers a message with the value the listener's promise resolves to.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- that promise is the answer, by design
  browser.runtime.onMessage.addListener(listener);
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the same listener, taken away
  return () => browser.runtime.onMessage.removeListener(listener);
}
