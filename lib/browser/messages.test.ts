import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SCRIPT_MESSAGES,
  envelope,
  FROM,
  isEnvelope,
  ROW_FRAME_MESSAGES,
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
  /** The row's frame: our row-frame.html, in a site's tab (Chrome says the tab's address too). */
  rowFrame: {
    id: 'moodreel',
    url: 'chrome-extension://moodreel/row-frame.html?site=netflix&lang=en',
    origin: 'chrome-extension://moodreel',
    tab: { id: 5, url: 'https://www.netflix.com/browse' },
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
  'read-mood': vi.fn(() => ({ ok: false as const, reason: 'no-face' as const, title: '', message: '' })),
  'choose-mood': vi.fn(() => ({
    ok: true as const,
    reading: {
      emotion: 'sad' as const,
      probabilities: [0, 0, 0, 0, 1, 0, 0],
      faces: 1,
      source: 'chosen' as const,
      at: 1,
    },
  })),
  'calibrate-resting-face': vi.fn(() => ({ ok: false as const, reason: 'no-face' as const, title: '', message: '' })),
  'get-picks': vi.fn(() => ({ mood: null, strategy: 'match' as const, picks: [], hasMore: false })),
  'match-titles': vi.fn((request: { titles: unknown[] }) => ({ results: request.titles.map(() => null) })),
  'badged-on-tab': vi.fn(() => ({ films: [] })),
  'restore-title': vi.fn(() => ({ ok: true })),
  'feedback': vi.fn(() => ({ ok: true })),
  'site-state': vi.fn(() => ({ enabled: true, rowHidden: false, rowOn: true, moodKey: 0 })),
  'hide-row': vi.fn(() => ({ ok: true })),
  'reject-title': vi.fn(() => ({ ok: true })),
  'test-backends': vi.fn(() => ({ backend: 'wasm' as const, available: false })),
});
const offscreenHandlers = () => ({
  'offscreen-status': vi.fn(() => ({ liveTracks: 2 })),
  'offscreen-read': vi.fn(() => ({ ok: false as const, reason: 'no-face' as const, title: '', message: '' })),
  'offscreen-prepare': vi.fn(() => ({ ok: true })),
  'offscreen-test-backends': vi.fn(() => ({ backend: 'wasm' as const, available: false })),
  'offscreen-cancel': vi.fn(() => ({ ok: true })),
});

/** A valid request of each message. */
const VALID: { [K in MessageType]: unknown } = {
  'prepare-reader': null,
  'read-mood': { source: 'camera', readingId: 'r1' },
  'choose-mood': { emotion: 'sad', corrects: 1_700_000_000_000 },
  'calibrate-resting-face': { readingId: 'r2' },
  'get-picks': { page: 0, pageSize: 5 },
  'match-titles': { titles: [{ title: 'Heat', year: 1995 }] },
  'feedback': { filmId: 'ml-6', vote: 'up', emotion: 'happy' },
  'site-state': { site: 'netflix' },
  'hide-row': { site: 'netflix' },
  'reject-title': { title: 'Get Smart' },
  'test-backends': { backend: 'wasm', last: true },
  'offscreen-test-backends': { backend: 'wasm', restore: 'auto' },
  'restore-title': { title: 'Get Smart' },
  'badged-on-tab': { tabId: 7 },
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

  it("lets a content script ask only for its badges' drawings and its site's state: not the row's picks, not turning a title down", async () => {
    const answered: string[] = [];
    for (const type of Object.keys(VALID) as MessageType[]) {
      const { answer, handler } = send(type, SENDERS.contentScript);
      if (!isRefusal(await answer)) answered.push(type);
      expect(handler.mock.calls.length > 0).toBe(answered.includes(type));
    }
    // "Not this film" and the list of films badged on a tab are the popup's: a page cannot turn a title down.
    expect(answered.sort()).toEqual(['match-titles', 'site-state']);
  });

  it("knows the row's frame by its page and its tab: not the popup, not an extension tab, not a content script", () => {
    expect(senderKind(SENDERS.rowFrame, self)).toBe('row-frame');
    // Opened as a tab of its own it is still the row's page, with the row's rights only.
    expect(senderKind({ ...SENDERS.rowFrame, url: 'chrome-extension://moodreel/row-frame.html' }, self)).toBe(
      'row-frame',
    );
    // row-frame.html outside any tab (nothing of ours runs it so) is no context we know.
    expect(senderKind({ ...SENDERS.rowFrame, tab: undefined }, self)).toBe('stranger');
    // Our other pages in a tab stay extension pages; the row's path from another origin is nobody's.
    expect(
      senderKind({ ...SENDERS.rowFrame, url: 'chrome-extension://moodreel/options.html#row-frame.html' }, self),
    ).toBe('extension');
    expect(senderKind({ ...SENDERS.rowFrame, origin: 'https://www.netflix.com' }, self)).toBe('stranger');
    expect(senderKind({ ...SENDERS.rowFrame, url: 'https://www.netflix.com/row-frame.html' }, self)).toBe(
      'content-script',
    );
    expect(senderKind({ ...SENDERS.rowFrame, id: 'someone-else' }, self)).toBe('stranger');
  });

  it("answers the row's frame only the row's own messages: its picks and hiding it, never a reading", async () => {
    const answered: string[] = [];
    for (const type of Object.keys(VALID) as MessageType[]) {
      const { answer, handler } = send(type, SENDERS.rowFrame);
      if (!isRefusal(await answer)) answered.push(type);
      expect(handler.mock.calls.length > 0, type).toBe(answered.includes(type));
    }
    expect(answered.sort()).toEqual(['get-picks', 'hide-row']);
    expect([...ROW_FRAME_MESSAGES].sort()).toEqual(answered.sort());
    for (const type of [
      'read-mood',
      'test-backends',
      'prepare-reader',
      'site-state',
      'match-titles',
      'feedback',
    ] as const)
      expect(await send(type, SENDERS.rowFrame).answer, type).toMatchObject({ moodreelError: 'not-allowed' });
  });

  it("refuses a content script the frame's answers: its picks and hiding the row", async () => {
    for (const type of ['get-picks', 'hide-row'] as const) {
      const { answer, handler } = send(type, SENDERS.contentScript);
      expect(await answer, type).toMatchObject({ moodreelError: 'not-allowed' });
      expect(handler).not.toHaveBeenCalled();
    }
  });

  it('tells a handler who asked, with the tab the browser says it runs in', async () => {
    const { answer, handler } = send('hide-row', SENDERS.rowFrame);
    await answer;
    expect(handler).toHaveBeenCalledWith(
      { site: 'netflix' },
      { kind: 'row-frame', tabUrl: 'https://www.netflix.com/browse', tabId: 5 },
    );
    const fromPopup = send('get-picks', SENDERS.popup);
    await fromPopup.answer;
    expect(fromPopup.handler).toHaveBeenCalledWith({ page: 0, pageSize: 5 }, { kind: 'extension' });
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
    send('get-picks', SENDERS.rowFrame, { page: -1 }, log);
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
      { kind: 'content-script', tabId: 5 },
    );
  });

  it('keeps page, page size and strategy in range', async () => {
    expect(
      isRefusal(await send('get-picks', SENDERS.rowFrame, { page: 3, pageSize: 50, strategy: 'lift' }).answer),
    ).toBe(false);
    expect(isRefusal(await send('get-picks', SENDERS.rowFrame, {}).answer)).toBe(false);
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
      expect(await send('get-picks', SENDERS.rowFrame, request).answer, JSON.stringify(request)).toMatchObject({
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
      ['offscreen-test-backends', { backend: 'wasm', restore: 'quantum' }],
      ['offscreen-test-backends', { backend: 'auto', restore: null }],
      ['offscreen-cancel', {}],
      ['test-backends', { all: true }],
      ['test-backends', null],
      ['test-backends', { backend: 'wasm', last: 'yes' }],
      ['hide-row', null],
      ['hide-row', { site: 'Netflix<script>' }],
    ];
    for (const [type, request] of bad) {
      const { answer, handler } = send(type, SENDERS.worker, request);
      expect(await answer, `${type} ${JSON.stringify(request)}`).toMatchObject({ moodreelError: 'bad-request' });
      expect(handler).not.toHaveBeenCalled();
    }
    const { handler } = send('feedback', SENDERS.popup, { filmId: 'ml-6', vote: null, emotion: 'sad' });
    await Promise.resolve();
    await Promise.resolve();
    expect(handler).toHaveBeenCalledWith({ filmId: 'ml-6', vote: null, emotion: 'sad' }, { kind: 'extension' });
  });
});

describe('a chosen mood and a calibration', () => {
  it('take one of the seven emotions and a reading time, and nothing else', async () => {
    const ok = send('choose-mood', SENDERS.popup, { emotion: 'happy', corrects: 5, extra: 'x' });
    expect(isRefusal(await ok.answer)).toBe(false);
    expect(ok.handler).toHaveBeenCalledWith({ emotion: 'happy', corrects: 5 }, { kind: 'extension' });
    for (const request of [
      { emotion: 'bored' },
      { emotion: 'sad', corrects: -1 },
      { emotion: 'sad', corrects: 'now' },
      null,
    ]) {
      const { answer, handler } = send('choose-mood', SENDERS.popup, request);
      expect(await answer, JSON.stringify(request)).toMatchObject({ moodreelError: 'bad-request' });
      expect(handler).not.toHaveBeenCalled();
    }
    const calibrate = send('calibrate-resting-face', SENDERS.optionsTab, { readingId: 'x'.repeat(65) });
    expect(await calibrate.answer).toMatchObject({ moodreelError: 'bad-request' });
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
