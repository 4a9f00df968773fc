import { listen } from '@/lib/messages';

listen('offscreen', {
  'offscreen-read': async () => ({ ok: false, reason: 'model-failed', message: 'not built yet' }),
  'offscreen-status': () => ({ liveTracks: 0 }),
});
