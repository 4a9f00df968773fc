import '@/components/site-row/site-row.css';
import { DISNEY } from '@/lib/sites/adapters';
import { mount } from '@/lib/sites/mount';

export default defineContentScript({
  matches: ['*://www.disneyplus.com/*'],
  cssInjectionMode: 'ui',
  // WXT would otherwise postMessage "content script started" to the page: the page learns nothing from us.
  noScriptStartedPostMessage: true,
  main: (ctx) => mount(ctx, DISNEY),
});
