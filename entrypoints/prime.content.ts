import '@/components/site-row/site-row.css';
import { PRIME, PRIME_MATCHES } from '@/lib/sites/adapters';
import { mount } from '@/lib/sites/mount';

export default defineContentScript({
  // www.primevideo.com, and /gp/video/* on the Amazon stores (nothing else of Amazon).
  matches: PRIME_MATCHES,
  cssInjectionMode: 'ui',
  // WXT would otherwise postMessage "content script started" to the page: the page learns nothing from us.
  noScriptStartedPostMessage: true,
  main: (ctx) => mount(ctx, PRIME),
});
