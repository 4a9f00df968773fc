import { mountSite } from '@/lib/browser/site-services';
import { DISNEY } from '@/lib/sites/adapters/disney';

export default defineContentScript({
  matches: DISNEY.matches,
  // WXT would otherwise postMessage "content script started" to the page: the page learns nothing from us.
  noScriptStartedPostMessage: true,
  main: (ctx) => mountSite(ctx, DISNEY),
});
