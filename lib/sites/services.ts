/** The content script's link to the background: one message per batch, as the protocol says. */
import { sendMessage } from '../browser/messages';
import type { SiteServices } from './types';

export const backgroundServices: SiteServices = {
  getPicks: (request) => sendMessage('get-picks', request),
  matchTitles: (titles) => sendMessage('match-titles', { titles }),
  rejectTitle: (title) => sendMessage('reject-title', { title }),
};
