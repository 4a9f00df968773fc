import { listen } from '@/lib/browser/messages';
import { liveTrackCount } from './camera';
import { prepare, readFromCamera, readFromPhoto, testBackends } from './reader';

// No warm-up of its own: this document cannot read the settings (offscreen documents only get
// chrome.runtime), so it loads when the background's 'offscreen-prepare' names the user's backend.
listen('offscreen', {
  'offscreen-prepare': async (request) => {
    try {
      await prepare(request.backend);
      return { ok: true };
    } catch {
      return { ok: false };
    }
  },
  'offscreen-read': (request) =>
    request.source === 'camera' ? readFromCamera(request) : readFromPhoto(request.dataUrl, request),
  'offscreen-status': () => ({ liveTracks: liveTrackCount() }),
  'offscreen-test-backends': (request) => testBackends(request.restore),
});
