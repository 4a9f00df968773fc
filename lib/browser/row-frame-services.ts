/**
 * The row's frame's link to the background: its picks and "Hide on this site for now" as runtime messages
 * (answered to a row frame only: lib/browser/messages.ts), and the changes port the content scripts use, which
 * says only "changed". The frame reads no storage itself.
 */
import type { SiteId } from '../sites/adapters';
import type { RowServices } from '../sites/types';
import { sendMessage } from './messages';
import { watchChanges } from './site-services';

export function rowFrameServices(site: SiteId): RowServices {
  return {
    getPicks: (request) => sendMessage('get-picks', request),
    hide: async () => {
      await sendMessage('hide-row', { site });
    },
    watchChanges,
  };
}
