import { listen, sendMessage, type ReadOutcome } from '@/lib/messages';
import { ensureOffscreenDocument } from '@/lib/offscreen-service';

export default defineBackground(() => {
  listen('background', {
    'read-mood': async (request): Promise<ReadOutcome> => {
      try {
        await ensureOffscreenDocument();
        return await sendMessage('offscreen-read', request);
      } catch (error) {
        return { ok: false, reason: 'model-failed', message: `The mood reader could not start: ${String(error)}` };
      }
    },
  });
});
