/**
 * Checks and bounds for every message's payload. A message comes from another context (a content script on a
 * streaming site, possibly a compromised one), so nothing in it is trusted: each check returns a clean copy
 * holding only the known fields, or throws a BadRequest that says what was wrong. Pure, so it is unit-tested.
 */
import { EMOTIONS, type Emotion } from '../mood/emotions';
import type { Backend, BackendSetting, ReadingLength, ReadRequest } from '../mood/types';
import { STRATEGIES, type Strategy } from '../picks/types';

/** Most titles one `match-titles` message may carry (a page sends its tiles in batches). */
export const MAX_TITLES_PER_MESSAGE = 500;
/** Longest title accepted, in characters (the longest MovieLens title is about 160). */
export const MAX_TITLE_LENGTH = 200;
/** Most picks one page of picks may hold, and the furthest page "More picks" may ask for. */
const MAX_PAGE_SIZE = 50;
const MAX_PAGE = 200;
/** A photo is resized to 1280 px before it is sent (components/photo.ts); this is far above that. */
const MAX_PHOTO_DATA_URL = 16 * 1024 * 1024;
/** A film id (a MovieLens number or an imported film's key). */
const MAX_FILM_ID_LENGTH = 200;
const MAX_READING_ID_LENGTH = 64;

const BACKENDS: readonly Backend[] = ['webgpu', 'wasm', 'webgl', 'cpu'];
const BACKEND_SETTINGS: readonly BackendSetting[] = ['auto', ...BACKENDS];
const READING_LENGTHS: readonly ReadingLength[] = ['quick', 'normal', 'steady'];

export class BadRequest extends Error {
  override readonly name = 'BadRequest';
}

type Fields = Record<string, unknown>;

export function record(value: unknown, what = 'the request'): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadRequest(`${what} is not an object`);
  return value as Fields;
}

/** No payload: null (or nothing). */
export function nothing(value: unknown): null {
  if (value !== null && value !== undefined) throw new BadRequest('this message carries no request');
  return null;
}

function oneOf<T>(values: readonly T[], value: unknown, what: string): T {
  if (!values.includes(value as T)) throw new BadRequest(`${what} is not one of ${values.join(', ')}`);
  return value as T;
}

function optional<T>(value: unknown, check: (v: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

function integerIn(value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new BadRequest(`${what} is not a whole number from ${min} to ${max}`);
  }
  return value;
}

function boundedString(value: unknown, max: number, what: string): string {
  if (typeof value !== 'string') throw new BadRequest(`${what} is not text`);
  if (value.length > max) throw new BadRequest(`${what} is longer than ${max} characters`);
  return value;
}

function boolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new BadRequest(`${what} is not true or false`);
  return value;
}

export const backendSettingOf = (value: unknown): BackendSetting => oneOf(BACKEND_SETTINGS, value, 'backend');
const backendOf = (value: unknown): Backend => oneOf(BACKENDS, value, 'backend');
const emotionOf = (value: unknown): Emotion => oneOf(EMOTIONS, value, 'emotion');
const strategyOf = (value: unknown): Strategy => oneOf(STRATEGIES, value, 'strategy');

/** One backend for the speed test to measure; `last`: load the user's own backend again afterwards. */
export function backendTestOf(value: unknown): { backend: Backend; last: boolean } {
  const body = record(value);
  return { backend: backendOf(body.backend), last: boolean(body.last, 'last') };
}

/** What the background asks the offscreen document to measure, and what to load after it (null: nothing). */
export function offscreenBackendTestOf(value: unknown): { backend: Backend; restore: BackendSetting | null } {
  const body = record(value);
  return { backend: backendOf(body.backend), restore: body.restore === null ? null : backendSettingOf(body.restore) };
}

/** Drops undefined fields, so a clean copy compares equal to what a well-behaved sender wrote. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A reading request, camera or photo; `readingId` names it so closing the popup can cancel it. */
export function readRequestOf(value: unknown): ReadRequest & { readingId?: string } {
  const body = record(value);
  const common = {
    backend: optional(body.backend, backendSettingOf),
    group: optional(body.group, (v) => boolean(v, 'group')),
    readingId: optional(body.readingId, (v) => boundedString(v, MAX_READING_ID_LENGTH, 'readingId')),
  };
  if (body.source === 'camera') {
    return defined({
      source: 'camera',
      ...common,
      length: optional(body.length, (v) => oneOf(READING_LENGTHS, v, 'length')),
    });
  }
  if (body.source === 'photo') {
    const dataUrl = boundedString(body.dataUrl, MAX_PHOTO_DATA_URL, 'dataUrl');
    if (!dataUrl.startsWith('data:')) throw new BadRequest('dataUrl is not a data: URL');
    return defined({ source: 'photo', dataUrl, ...common });
  }
  throw new BadRequest('source is not camera or photo');
}

export function picksRequestOf(value: unknown): { page?: number; pageSize?: number; strategy?: Strategy } {
  const body = record(value);
  return defined({
    page: optional(body.page, (v) => integerIn(v, 0, MAX_PAGE, 'page')),
    pageSize: optional(body.pageSize, (v) => integerIn(v, 1, MAX_PAGE_SIZE, 'pageSize')),
    strategy: optional(body.strategy, strategyOf),
  });
}

/** A page's tile titles: at most 500, each at most 200 characters, with runs of spaces collapsed. */
type CheckedTitleQuery = {
  title: string;
  year: number | null;
  kind: 'movie' | 'series' | null;
  recent?: boolean;
  seriesToo?: boolean;
};

export function titleQueriesOf(value: unknown): { titles: CheckedTitleQuery[] } {
  const body = record(value);
  if (!Array.isArray(body.titles)) throw new BadRequest('titles is not a list');
  if (body.titles.length > MAX_TITLES_PER_MESSAGE)
    throw new BadRequest(`more than ${MAX_TITLES_PER_MESSAGE} titles in one message`);
  return {
    titles: body.titles.map((item: unknown, i) => {
      const query = record(item, `title ${i}`);
      const title = boundedString(query.title, MAX_TITLE_LENGTH, `title ${i}`).replace(/\s+/gu, ' ');
      const year =
        query.year === undefined || query.year === null
          ? null
          : integerIn(query.year, 1800, 2200, `year of title ${i}`);
      const kind =
        query.kind === undefined || query.kind === null
          ? null
          : oneOf(['movie', 'series'] as const, query.kind, `kind of title ${i}`);
      const checked: CheckedTitleQuery = { title, year, kind };
      // The row's evidence about the tile (lib/sites/read.ts): flags, kept only when they are flags.
      for (const flag of ['recent', 'seriesToo'] as const) {
        if (query[flag] !== undefined) checked[flag] = boolean(query[flag], `${flag} of title ${i}`);
      }
      return checked;
    }),
  };
}

export function feedbackRequestOf(value: unknown): { filmId: string; vote: 'up' | 'down' | null; emotion: Emotion } {
  const body = record(value);
  const filmId = boundedString(body.filmId, MAX_FILM_ID_LENGTH, 'filmId');
  if (filmId === '') throw new BadRequest('filmId is empty');
  return {
    filmId,
    vote: body.vote === null ? null : oneOf(['up', 'down'] as const, body.vote, 'vote'),
    emotion: emotionOf(body.emotion),
  };
}

/** A chosen mood; `corrects` is the time of the reading it corrects (an epoch millisecond). */
export function chooseMoodRequestOf(value: unknown): { emotion: Emotion; corrects?: number } {
  const body = record(value);
  return defined({
    emotion: emotionOf(body.emotion),
    corrects: optional(body.corrects, (v) => integerIn(v, 0, Number.MAX_SAFE_INTEGER, 'corrects')),
  });
}

/** A calibration: only the page's reading port, so closing the page stops the camera. */
export function calibrateRequestOf(value: unknown): { readingId?: string } {
  const body = record(value);
  return defined({
    readingId: optional(body.readingId, (v) => boundedString(v, MAX_READING_ID_LENGTH, 'readingId')),
  });
}

export function readingIdOf(value: unknown): { readingId: string } {
  return { readingId: boundedString(record(value).readingId, MAX_READING_ID_LENGTH, 'readingId') };
}

/**
 * `site-state`'s request (issue 16B): a site id as the adapters spell them. Only its form is checked here, so
 * this file needs no site registry (importing the settings would define storage items in content scripts);
 * the handler looks the id up and treats an unknown one as a site that is off.
 */
export function siteRequestOf(value: unknown): { site: string } {
  const site = boundedString(record(value).site, 32, 'site');
  if (!/^[a-z][a-z0-9-]*$/u.test(site)) throw new BadRequest('site is not a site id');
  return { site };
}

/** `reject-title`'s and `restore-title`'s request: the tile's title the user said was matched to the wrong film. */
export function rejectTitleRequestOf(value: unknown): { title: string } {
  const title = boundedString(record(value).title, MAX_TITLE_LENGTH, 'title').replace(/\s+/gu, ' ').trim();
  if (title === '') throw new BadRequest('title is empty');
  return { title };
}

/** `badged-on-tab`'s request: a tab id as the browser numbers tabs (a whole number from 0). */
export function tabRequestOf(value: unknown): { tabId: number } {
  return { tabId: integerIn(record(value).tabId, 0, Number.MAX_SAFE_INTEGER, 'tabId') };
}
