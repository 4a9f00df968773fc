/**
 * The one message protocol between popup, background, offscreen document and content scripts.
 * Every message names the context that should answer it, so the background and the offscreen document,
 * which both hear every runtime message, never answer each other's.
 */
import { browser } from 'wxt/browser';
import type { Feedback, Genre } from '../catalogue/types';
import type { Emotion } from '../mood/emotions';
import type { BackendSetting, BackendSpeed, ReadOutcome, ReadRequest } from '../mood/types';
import type { Fit, Pick, Strategy } from '../picks/types';

/** What the picks are for: the fresh reading's top emotion (null when there is no fresh reading). */
export interface PicksMood {
  emotion: Emotion;
  /** The reading's time (epoch ms), so a view knows when it is out of date. */
  at: number;
  /** People read (1 for a single reading). */
  faces: number;
}

export interface PicksRequest {
  /** 0 for the first page; "More picks" asks for the next. */
  page?: number;
  pageSize?: number;
  /** Defaults to the saved strategy. */
  strategy?: Strategy;
}

export interface PicksResponse {
  mood: PicksMood | null;
  strategy: Strategy;
  picks: Pick[];
  hasMore: boolean;
}

/** A tile's title as a streaming page shows it. */
export interface TitleQuery {
  title: string;
  year?: number | null;
  kind?: 'movie' | 'series' | null;
  /** Its row says it is new or the service's own ("New on Netflix", "Only on Netflix"). */
  recent?: boolean;
  /** Its row says it holds films and series both ("Movies & TV Shows …"). */
  seriesToo?: boolean;
}

/** A matched catalogue film and, when a fresh reading exists, whether it fits the mood. */
export interface TitleMatch {
  filmId: string;
  title: string;
  year: number | null;
  /** The film's genres, so the badge can say which film it means ("Get Smart (2008), Action · Comedy"). */
  genres: Genre[];
  fit: Fit | null;
}


/** What each message carries and what its answer is. */
export interface Protocol {
  /** popup → background: the popup opened; start loading the reader so a click answers sooner. */
  'prepare-reader': { target: 'background'; request: null; response: { ok: boolean } };
  /** popup → background: read a mood now. */
  'read-mood': { target: 'background'; request: ReadRequest; response: ReadOutcome };
  /** background → offscreen: do the reading. */
  'offscreen-read': { target: 'offscreen'; request: ReadRequest; response: ReadOutcome };
  /** background → offscreen: load the model and detector now (idempotent). */
  'offscreen-prepare': { target: 'offscreen'; request: { backend?: BackendSetting }; response: { ok: boolean } };
  /** popup, content script → background: picks for the latest fresh reading. */
  'get-picks': { target: 'background'; request: PicksRequest; response: PicksResponse };
  /** content script → background: match a page's titles to catalogue films, one message per batch. */
  'match-titles': { target: 'background'; request: { titles: TitleQuery[] }; response: { mood: PicksMood | null; results: (TitleMatch | null)[] } };
  /**
   * content script → background: the user pressed "not this film" on a badge: the title is never matched
   * again on this device (undone on the options page, which reads the repository itself).
   */
  // content scripts may send this
  'reject-title': { target: 'background'; request: { title: string }; response: { ok: boolean } };
  /** popup → background: 👍/👎 on a pick (vote null takes it back). */
  'feedback': {
    target: 'background';
    request: { filmId: string; vote: Feedback['vote'] | null; emotion: Emotion };
    response: { ok: boolean };
  };
  /** options → background: measure every backend on this computer. */
  'test-backends': { target: 'background'; request: null; response: BackendSpeed[] };
  /** background → offscreen: do the measuring, then load `restore` (the user's setting) again. */
  'offscreen-test-backends': { target: 'offscreen'; request: { restore: BackendSetting }; response: BackendSpeed[] };
  /** anyone → offscreen: is the document alive and which camera tracks are live (tests use it too). */
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
  'get-picks': 'background',
  'match-titles': 'background',
  // content scripts may send this
  'reject-title': 'background',
  'feedback': 'background',
  'test-backends': 'background',
  'offscreen-test-backends': 'offscreen',
  'offscreen-prepare': 'offscreen',
  'offscreen-read': 'offscreen',
  'offscreen-status': 'offscreen',
};

export function envelope<K extends MessageType>(type: K, request: Protocol[K]['request']): Envelope<K> {
  return { moodreel: type, target: TARGETS[type], request };
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { moodreel?: unknown }).moodreel;
  return typeof type === 'string' && type in TARGETS &&
    (value as { target?: unknown }).target === TARGETS[type as MessageType];
}

export async function sendMessage<K extends MessageType>(
  type: K,
  request: Protocol[K]['request'],
): Promise<Protocol[K]['response']> {
  return (await browser.runtime.sendMessage(envelope(type, request))) as Protocol[K]['response'];
}

export type Handlers<T extends Target> = {
  [K in MessageType as Protocol[K]['target'] extends T ? K : never]: (
    request: Protocol[K]['request'],
  ) => Promise<Protocol[K]['response']> | Protocol[K]['response'];
};

/**
 * Routes an incoming message to `handlers` when it is addressed to `target`; returns undefined
 * (so another context may answer) otherwise. Kept free of `browser` so it is testable as is.
 */
export function routeMessage<T extends Target>(
  target: T,
  handlers: Handlers<T>,
  message: unknown,
): Promise<unknown> | undefined {
  if (!isEnvelope(message) || message.target !== target) return undefined;
  const handler = (handlers as Record<string, (request: unknown) => unknown>)[message.moodreel];
  if (!handler) return undefined;
  return Promise.resolve().then(() => handler(message.request));
}

/** Answer the messages addressed to `target`; returns the function that stops listening. */
export function listen<T extends Target>(target: T, handlers: Handlers<T>): () => void {
  const listener = (message: unknown) => routeMessage(target, handlers, message);
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
