// Recording every request the browser makes, to prove none leaves the device.
import fs from 'node:fs';

/**
 * Every request made while the browser ran, from three sources:
 * - Playwright's context `request` event: every page (tabs, popup, camera-access) and the service worker;
 * - CDP Network domain on the extension's other targets (offscreen document = `background_page`/`other`,
 *   service worker), attached as soon as they appear;
 * - Chromium's NetLog (read at close): every URL request of the network stack, whoever made it, so nothing
 *   that the two above missed (a request before the attach) escapes. Browser-internal requests (component
 *   updater, sign-in: initiator "not an origin") and chrome:// loads are kept apart in `browserInternal`.
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
    // Chrome's own pages (chrome://settings, which MoodReel opens for a refused camera) and their files are
    // served inside the browser: no chrome:// load reaches the network.
    if (entry.url.startsWith('chrome://')) this.browserInternal.push({ at: Date.now(), ...entry });
    else this.entries.push({ at: Date.now(), ...entry });
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
      this.record({
        url: request.url(),
        source: worker ? 'service-worker' : 'page',
        context: frameUrl,
        method: request.method(),
      });
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
  if (parsed.protocol === 'chrome-extension:') {
    // Our own files, also under the per-session address (a UUID host) of use_dynamic_url resources: the row's
    // frame, row-frame.html. Only MoodReel is loaded, and none of this leaves the browser.
    const dynamic =
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(parsed.host) &&
      parsed.pathname === '/row-frame.html';
    return !extensionId || parsed.host === extensionId || dynamic;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'ws:') {
    return hosts.includes(parsed.hostname) || hosts.includes(parsed.host);
  }
  return false;
}
