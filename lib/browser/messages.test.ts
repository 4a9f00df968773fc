import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SCRIPT_MESSAGES,
  envelope,
  FROM,
  isEnvelope,
  isRefusal,
  matchTitlesInBatches,
  onceLogger,
  routeMessage,
  selfOf,
  senderKind,
  type MessageType,
  type Self,
  type SenderInfo,
} from './messages';
import { MAX_TITLE_LENGTH, MAX_TITLES_PER_MESSAGE } from './message-checks';

const self: Self = {
  id: 'moodreel',
  origin: 'chrome-extension://moodreel',
  serviceWorkerUrl: 'chrome-extension://moodreel/background.js',
};
/** What Chrome says about each kind of sender. */
const SENDERS = {
  popup: { id: 'moodreel', url: 'chrome-extension://moodreel/popup.html', origin: 'chrome-extension://moodreel' },
  optionsTab: {
    id: 'moodreel',
    url: 'chrome-extension://moodreel/options.html',
    origin: 'chrome-extension://moodreel',
    tab: { id: 3 },
  },
  worker: { id: 'moodreel', url: 'chrome-extension://moodreel/background.js', origin: 'chrome-extension://moodreel' },
  contentScript: {
    id: 'moodreel',
    url: 'https://www.netflix.com/browse',
    origin: 'https://www.netflix.com',
    tab: { id: 5 },
  },
  otherExtension: {
    id: 'someone-else',
    url: 'chrome-extension://someone-else/page.html',
    origin: 'chrome-extension://someone-else',
  },
  noUrl: { id: 'moodreel' },
} satisfies Record<string, SenderInfo>;

const backgroundHandlers = () => ({
  'prepare-reader': vi.fn(() => ({ ok: true })),
  'read-mood': vi.fn(() => ({ ok: false as const, reason: 'no-face' as const, message: '' })),
  'get-picks': vi.fn(() => ({ mood: null, strategy: 'match' as const, picks: [], hasMore: false })),
  'match-titles': vi.fn((request: { titles: unknown[] }) => ({ results: request.titles.map(() => null) })),
  'badged-on-tab': vi.fn(() => ({ films: [] })),
  'restore-title': vi.fn(() => ({ ok: true })),
  'feedback': vi.fn(() => ({ ok: true })),
  'site-state': vi.fn(() => ({ enabled: true, rowHidden: false, moodKey: 0 })),
  'hide-row': vi.fn(() => ({ ok: true })),
  'reject-title': vi.fn(() => ({ ok: true })),
  'test-backends': vi.fn(() => []),
});
const offscreenHandlers = () => ({
  'offscreen-status': vi.fn(() => ({ liveTracks: 2 })),
  'offscreen-read': vi.fn(() => ({ ok: false as const, reason: 'no-face' as const, message: '' })),
  'offscreen-prepare': vi.fn(() => ({ ok: true })),
  'offscreen-test-backends': vi.fn(() => []),
  'offscreen-cancel': vi.fn(() => ({ ok: true })),
});

/** A valid request of each message. */
const VALID: { [K in MessageType]: unknown } = {
  'prepare-reader': null,
  'read-mood': { source: 'camera', readingId: 'r1' },
  'get-picks': { page: 0, pageSize: 5 },
  'match-titles': { titles: [{ title: 'Heat', year: 1995 }] },
  'feedback': { filmId: 'ml-6', vote: 'up', emotion: 'happy' },
  'site-state': { site: 'netflix' },
  'hide-row': null,
  'reject-title': { title: 'Get Smart' },
  'restore-title': { title: 'Get Smart' },
  'badged-on-tab': { tabId: 7 },
  'test-backends': null,
  'offscreen-test-backends': { restore: 'auto' },
  'offscreen-prepare': { backend: 'wasm' },
  'offscreen-read': { source: 'camera', readingId: 'r1' },
  'offscreen-cancel': { readingId: 'r1' },
  'offscreen-status': null,
};

function send(
  type: MessageType,
  sender: SenderInfo,
  request: unknown = VALID[type],
  log: (key: string, text: string) => void = vi.fn(),
) {
  const message = { moodreel: type, target: envelope(type, null).target, request };
  const target = envelope(type, null).target;
  const handlers = target === 'background' ? backgroundHandlers() : offscreenHandlers();
  const answer = routeMessage(target, handlers as never, message, sender, self, log);
  return { answer, handler: (handlers as Record<string, ReturnType<typeof vi.fn>>)[type]!, log };
}

describe('message protocol', () => {
  it('addresses each message to the context that answers it', () => {
    expect(envelope('read-mood', { source: 'camera' })).toEqual({
      moodreel: 'read-mood',
      target: 'background',
      request: { source: 'camera' },
    });
    expect(envelope('offscreen-status', null).target).toBe('offscreen');
  });

  it('rejects foreign or mis-addressed messages', () => {
    expect(isEnvelope({ type: 'read-mood' })).toBe(false);
    expect(isEnvelope({ moodreel: 'nope', target: 'background' })).toBe(false);
    expect(isEnvelope({ moodreel: 'read-mood', target: 'offscreen', request: null })).toBe(false);
    expect(isEnvelope(null)).toBe(false);
  });

  it('routes to the handler of its target only, leaving the rest for other contexts', async () => {
    const handlers = offscreenHandlers();
    await expect(
      routeMessage('offscreen', handlers, envelope('offscreen-status', null), SENDERS.worker, self),
    ).resolves.toEqual({ liveTracks: 2 });
    // The background's message is not answered here, so the background's own listener can answer it.
    expect(
      routeMessage('offscreen', handlers, envelope('read-mood', { source: 'camera' }), SENDERS.worker, self),
    ).toBeUndefined();
    expect(routeMessage('offscreen', handlers, 'hello', SENDERS.worker, self)).toBeUndefined();
    expect(handlers['offscreen-read']).not.toHaveBeenCalled();
  });

  it('turns a throwing handler into a rejected answer instead of a silent drop', async () => {
    const handlers = {
      ...offscreenHandlers(),
      'offscreen-status': () => {
        throw new Error('boom');
      },
    };
    await expect(
      routeMessage('offscreen', handlers, envelope('offscreen-status', null), SENDERS.worker, self),
    ).rejects.toThrow('boom');
  });
});

describe('messages by sender', () => {
  it('tells our pages, our worker, content scripts and strangers apart', () => {
    expect(senderKind(SENDERS.popup, self)).toBe('extension');
    expect(senderKind(SENDERS.optionsTab, self)).toBe('extension');
    expect(senderKind(SENDERS.worker, self)).toBe('service-worker');
    expect(senderKind(SENDERS.contentScript, self)).toBe('content-script');
    expect(senderKind(SENDERS.otherExtension, self)).toBe('stranger');
    expect(senderKind(SENDERS.noUrl, self)).toBe('stranger');
    // A page that claims our id but not our URL, or our URL from another origin (a sandboxed frame), is not ours.
    expect(senderKind({ id: 'moodreel', url: 'https://evil.example/' }, self)).toBe('stranger');
    expect(senderKind({ ...SENDERS.popup, origin: 'null' }, self)).toBe('stranger');
    // The worker's URL in a tab is a page, not the worker.
    expect(senderKind({ ...SENDERS.worker, tab: { id: 1 } }, self)).toBe('extension');
  });

  it('knows the service worker in every context, the offscreen document too (it has no runtime.getManifest)', () => {
    const getURL = (path: string) => `chrome-extension://moodreel${path}`;
    expect(
      selfOf({ id: 'moodreel', getURL, getManifest: () => ({ background: { service_worker: 'background.js' } }) }),
    ).toEqual(self);
    expect(selfOf({ id: 'moodreel', getURL })).toEqual(self);
  });

  it("lets a content script ask only for picks, its badges' drawings, its site's state and hiding the row", async () => {
    const answered: string[] = [];
    for (const type of Object.keys(VALID) as MessageType[]) {
      const { answer, handler } = send(type, SENDERS.contentScript);
      if (!isRefusal(await answer)) answered.push(type);
      expect(handler.mock.calls.length > 0).toBe(answered.includes(type));
    }
    // "Not this film" and the list of films badged on a tab are the popup's: a page cannot turn a title down.
    expect(answered.sort()).toEqual(['get-picks', 'hide-row', 'match-titles', 'site-state']);
  });

  it('answers every background message to our pages, and the offscreen document only to the worker (its status also to pages)', async () => {
    for (const type of Object.keys(VALID) as MessageType[]) {
      const fromPopup = await send(type, SENDERS.popup).answer;
      const fromTab = await send(type, SENDERS.optionsTab).answer;
      const fromWorker = await send(type, SENDERS.worker).answer;
      const pageMay = envelope(type, null).target === 'background' || type === 'offscreen-status';
      expect(isRefusal(fromPopup), `${type} from the popup`).toBe(!pageMay);
      expect(isRefusal(fromTab), `${type} from an extension tab`).toBe(!pageMay);
      expect(isRefusal(fromWorker), `${type} from the worker`).toBe(false);
    }
  });

  it('refuses a content script that asks for a reading: no camera, an error answer, one log line however often it asks', async () => {
    const print = vi.fn();
    const log = onceLogger(print);
    for (let i = 0; i < 3; i++) {
      const { answer, handler } = send('read-mood', SENDERS.contentScript, VALID['read-mood'], log);
      await expect(answer).resolves.toEqual({
        moodreelError: 'not-allowed',
        message: expect.stringContaining('read-mood'),
      });
      expect(handler).not.toHaveBeenCalled();
    }
    send('test-backends', SENDERS.contentScript, null, log);
    send('get-picks', SENDERS.contentScript, { page: -1 }, log);
    expect(print.mock.calls.map(([text]) => text)).toEqual([
      'MoodReel: refused read-mood from a content-script (https://www.netflix.com/browse)',
      'MoodReel: refused test-backends from a content-script (https://www.netflix.com/browse)',
      'MoodReel: refused get-picks: page is not a whole number from 0 to 200',
    ]);
  });

  it('refuses strangers, even for what content scripts may ask', async () => {
    expect(isRefusal(await send('get-picks', SENDERS.otherExtension).answer)).toBe(true);
    expect(isRefusal(await send('offscreen-status', SENDERS.noUrl).answer)).toBe(true);
  });

  it('declares content-script messages only from the agreed list', () => {
    for (const [type, from] of Object.entries(FROM)) {
      if (from === 'content-script') expect(CONTENT_SCRIPT_MESSAGES).toContain(type);
    }
  });
});

describe('message payloads', () => {
  const titles = (count: number, length = 10) => ({
    titles: Array.from({ length: count }, (_, i) => ({ title: `${i}`.padEnd(length, 'x') })),
  });

  it('accepts 500 titles of 200 characters, and refuses one more title or one more character', async () => {
    const atBound = send('match-titles', SENDERS.contentScript, titles(MAX_TITLES_PER_MESSAGE, MAX_TITLE_LENGTH));
    expect(isRefusal(await atBound.answer)).toBe(false);
    expect(atBound.handler).toHaveBeenCalledOnce();
    for (const request of [
      titles(MAX_TITLES_PER_MESSAGE + 1),
      titles(1, MAX_TITLE_LENGTH + 1),
      { titles: 'Heat' },
      { titles: [{ title: 5 }] },
      { titles: [{ title: 'Heat', year: 'soon' }] },
      null,
    ]) {
      const { answer, handler } = send('match-titles', SENDERS.contentScript, request);
      expect(await answer, JSON.stringify(request).slice(0, 60)).toMatchObject({ moodreelError: 'bad-request' });
      expect(handler).not.toHaveBeenCalled();
    }
  });

  it('hands the handler a clean copy: known fields only, runs of spaces collapsed', async () => {
    const { answer, handler } = send('match-titles', SENDERS.contentScript, {
      titles: [{ title: `Heat${' '.repeat(150)}(1995)`, year: 1995, kind: 'movie', extra: 'x'.repeat(1000) }],
      evil: true,
    });
    await answer;
    expect(handler).toHaveBeenCalledWith(
      { titles: [{ title: 'Heat (1995)', year: 1995, kind: 'movie' }] },
      SENDERS.contentScript,
    );
  });

  it('keeps page, page size and strategy in range', async () => {
    expect(
      isRefusal(await send('get-picks', SENDERS.contentScript, { page: 3, pageSize: 50, strategy: 'lift' }).answer),
    ).toBe(false);
    expect(isRefusal(await send('get-picks', SENDERS.contentScript, {}).answer)).toBe(false);
    for (const request of [
      { page: -1 },
      { page: 1.5 },
      { page: 10_000 },
      { pageSize: 0 },
      { pageSize: 51 },
      { pageSize: 1e9 },
      { strategy: 'everything' },
      'page 1',
    ]) {
      expect(await send('get-picks', SENDERS.contentScript, request).answer, JSON.stringify(request)).toMatchObject({
        moodreelError: 'bad-request',
      });
    }
  });

  it('checks readings, feedback and backends against their lists', async () => {
    const bad: [MessageType, unknown][] = [
      ['read-mood', { source: 'microphone' }],
      ['read-mood', { source: 'camera', backend: 'gpu-please' }],
      ['read-mood', { source: 'camera', length: 'forever' }],
      ['read-mood', { source: 'photo', dataUrl: 'https://example.com/face.jpg' }],
      ['feedback', { filmId: 'ml-6', vote: 'up', emotion: 'bored' }],
      ['feedback', { filmId: '', vote: 'up', emotion: 'happy' }],
      ['feedback', { filmId: 'ml-6', vote: 'maybe', emotion: 'happy' }],
      ['offscreen-test-backends', { restore: 'quantum' }],
      ['offscreen-cancel', {}],
      ['test-backends', { all: true }],
    ];
    for (const [type, request] of bad) {
      const { answer, handler } = send(type, SENDERS.worker, request);
      expect(await answer, `${type} ${JSON.stringify(request)}`).toMatchObject({ moodreelError: 'bad-request' });
      expect(handler).not.toHaveBeenCalled();
    }
    const { handler } = send('feedback', SENDERS.popup, { filmId: 'ml-6', vote: null, emotion: 'sad' });
    await Promise.resolve();
    await Promise.resolve();
    expect(handler).toHaveBeenCalledWith({ filmId: 'ml-6', vote: null, emotion: 'sad' }, SENDERS.popup);
  });
});

describe('a page with more titles than one message may carry', () => {
  it('asks in batches of 500, answers in order, and does not send a title no film could have', async () => {
    const handlers = backgroundHandlers();
    const sizes: number[] = [];
    const send = async (request: { titles: unknown[] }) => {
      sizes.push(request.titles.length);
      const answer = await routeMessage(
        'background',
        handlers,
        envelope('match-titles', request as never),
        SENDERS.contentScript,
        self,
        vi.fn(),
      );
      if (isRefusal(answer)) throw new Error(answer.message);
      return {
        results: request.titles.map((t) => {
          const title = (t as { title: string }).title;
          return { label: title, film: title, year: '', name: title };
        }),
      };
    };
    const titles = Array.from({ length: 1_203 }, (_, i) => ({
      title: i === 7 ? 'x'.repeat(MAX_TITLE_LENGTH + 1) : `t${i}`,
    }));
    const answer = await matchTitlesInBatches(titles, send);
    expect(sizes).toEqual([500, 500, 202]);
    expect(answer.results).toHaveLength(1_203);
    expect(answer.results[7]).toBeNull();
    expect(answer.results.map((r) => r?.label)).toEqual(titles.map((t, i) => (i === 7 ? undefined : t.title)));
  });
});

describe("checks ready for the content scripts' other messages", () => {
  it('site-state: a site id, nothing else', async () => {
    const { siteRequestOf } = await import('./message-checks');
    expect(siteRequestOf({ site: 'netflix', extra: 1 })).toEqual({ site: 'netflix' });
    for (const bad of [{}, { site: 'Netflix<script>' }, { site: 'x'.repeat(33) }, { site: 3 }, null]) {
      expect(() => siteRequestOf(bad), JSON.stringify(bad)).toThrow();
    }
  });

  it('badged-on-tab: a tab id, a whole number', async () => {
    const { tabRequestOf } = await import('./message-checks');
    expect(tabRequestOf({ tabId: 12, url: 'x' })).toEqual({ tabId: 12 });
    for (const bad of [{}, { tabId: -1 }, { tabId: 1.5 }, { tabId: '12' }, null]) {
      expect(() => tabRequestOf(bad), JSON.stringify(bad)).toThrow();
    }
  });

  it('reject-title and restore-title: one bounded, non-empty title', async () => {
    const { rejectTitleRequestOf } = await import('./message-checks');
    expect(rejectTitleRequestOf({ title: '  Get   Smart ', film: 'x' })).toEqual({ title: 'Get Smart' });
    for (const bad of [{}, { title: '   ' }, { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) }, { title: ['Heat'] }]) {
      expect(() => rejectTitleRequestOf(bad), JSON.stringify(bad).slice(0, 30)).toThrow();
    }
  });
});
