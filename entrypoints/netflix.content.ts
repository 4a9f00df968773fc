import '@/components/site-row/site-row.css';
import { NETFLIX } from '@/lib/sites/adapters';
import { mount } from '@/lib/sites/mount';

export default defineContentScript({
  matches: ['*://www.netflix.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => mount(ctx, NETFLIX),
});
