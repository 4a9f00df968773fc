import '@/components/site-row/site-row.css';
import { DISNEY } from '@/lib/sites/adapters';
import { mount } from '@/lib/sites/mount';

export default defineContentScript({
  matches: ['*://www.disneyplus.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => mount(ctx, DISNEY),
});
