import { listen } from '@/lib/messages';
import { liveTrackCount } from './camera';
import { prepare, readFromCamera, readFromPhoto } from './reader';

// Start loading the model and detector as soon as the document exists: the popup creates it when it
// opens, so by the time the user clicks, the slow part is usually done.
void prepare().catch(() => {
  /* reported on the first reading */
});

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
    request.source === 'camera' ? readFromCamera(request.backend) : readFromPhoto(request.dataUrl, request.backend),
  'offscreen-status': () => ({ liveTracks: liveTrackCount() }),
});
