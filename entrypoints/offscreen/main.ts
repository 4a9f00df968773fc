import { listen } from '@/lib/browser/messages';
import { liveTrackCount } from './camera';
import { prepare, readFromCamera, readFromPhoto, testBackend } from './reader';

/** Camera readings in progress by id, so a closed popup's reading can be cancelled. */
const readings = new Map<string, AbortController>();
/** Ids cancelled before their reading arrived (the two messages can cross); forgotten after a minute. */
const cancelledEarly = new Set<string>();

// No warm-up of its own: this document cannot read the settings (offscreen documents only get
// chrome.runtime), so it loads when the background's 'offscreen-prepare' names the user's backend.
// Every message here is answered to the service worker only (offscreen-status also to extension pages).
listen('offscreen', {
  'offscreen-prepare': async (request) => {
    try {
      await prepare(request.backend);
      return { ok: true };
    } catch {
      return { ok: false };
    }
  },
  'offscreen-read': async (request) => {
    if (request.source === 'photo') return readFromPhoto(request.dataUrl, request);
    const controller = new AbortController();
    const id = request.readingId;
    if (id !== undefined) {
      if (cancelledEarly.delete(id)) controller.abort();
      readings.set(id, controller);
    }
    try {
      return await readFromCamera(request, controller.signal);
    } finally {
      if (id !== undefined) readings.delete(id);
    }
  },
  'offscreen-cancel': ({ readingId }) => {
    const reading = readings.get(readingId);
    if (reading) reading.abort();
    else {
      cancelledEarly.add(readingId);
      setTimeout(() => cancelledEarly.delete(readingId), 60_000);
    }
    return { ok: true };
  },
  'offscreen-status': () => ({ liveTracks: liveTrackCount() }),
  'offscreen-test-backends': (request) => testBackend(request.backend, request.restore),
});
