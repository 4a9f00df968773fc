import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Everything the extension needs ships inside it: the CSP below forbids any connection to another host
// (MediaPipe would otherwise POST usage logs to Google) and any script from outside the package.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: { target: 'chrome120', chunkSizeWarningLimit: 4096 },
  }),
  manifest: {
    name: 'MoodReel',
    description: 'Film picks from your face, read on your own device. No frame, no mood, no request leaves it.',
    permissions: ['offscreen', 'storage', 'alarms'],
    action: { default_title: 'MoodReel: read my mood' },
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'",
    },
  },
  webExt: { disabled: true },
});
