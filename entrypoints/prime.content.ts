import '@/components/site-row/site-row.css';
import { PRIME } from '@/lib/sites/adapters';
import { mount } from '@/lib/sites/mount';

export default defineContentScript({
  matches: ['*://www.primevideo.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => mount(ctx, PRIME),
});
