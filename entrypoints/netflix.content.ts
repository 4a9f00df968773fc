import { mountSite } from '@/lib/browser/site-services';
import { NETFLIX } from '@/lib/sites/adapters/netflix';

export default defineContentScript({
  matches: NETFLIX.matches,
  // WXT would otherwise postMessage "content script started" to the page: the page learns nothing from us.
  noScriptStartedPostMessage: true,
  main: (ctx) => mountSite(ctx, NETFLIX),
});
