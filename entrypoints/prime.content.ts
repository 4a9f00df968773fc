import { mountSite } from '@/lib/browser/site-services';
import { PRIME } from '@/lib/sites/adapters/prime';

export default defineContentScript({
  matches: PRIME.matches,
  // WXT would otherwise postMessage "content script started" to the page: the page learns nothing from us.
  noScriptStartedPostMessage: true,
  main: (ctx) => mountSite(ctx, PRIME),
});
