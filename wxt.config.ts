import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { ROW_FRAME_PATH, rowFrameOrigins } from './lib/sites/row-frame';

// Everything the extension needs ships inside it: the CSP below forbids any connection to another host
// (MediaPipe would otherwise POST usage logs to Google), any script from outside the package, and (by
// default-src) any image, style, font, frame or worker from outside it.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons'],
  // Every icon size is drawn from one source, the same one the pages show.
  autoIcons: { baseIconPath: 'public/icon.svg', sizes: [128, 48, 32, 16] },
  vite: () => ({
    plugins: [preact()],
    build: { target: 'chrome120', chunkSizeWarningLimit: 4096 },
  }),
  manifest: {
    name: 'MoodReel',
    description: 'Film picks from your face, read on your own device. No frame, no mood, no request leaves it.',
    permissions: ['offscreen', 'storage', 'alarms'],
    action: { default_title: 'MoodReel: read my mood' },
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+M' }, description: 'Open MoodReel (read my mood)' },
    },
    // The row's frame (entrypoints/row-frame/): loadable only by the sites' pages (their origins, from the site
    // registry as the content scripts' matches are), and only at an address that changes every browser session,
    // so no other site can embed it and no site can tell MoodReel is installed from a fixed address.
    web_accessible_resources: [
      { resources: [ROW_FRAME_PATH.slice(1)], matches: rowFrameOrigins(), use_dynamic_url: true },
    ],
    content_security_policy: {
      // default-src 'self' closes everything not named (frames, fonts, media, workers from elsewhere); the
      // pages' images and styles are the extension's own files (Preact's style props are CSSOM, not inline CSS).
      extension_pages:
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'; img-src 'self'; style-src 'self'",
    },
  },
  webExt: { disabled: true },
  hooks: {
    // The runtimes' wasm ships from node_modules at build time (not committed copies), so it always matches
    // the installed JS. Only the builds that can run here: every Chrome since 91 has WASM SIMD (the build
    // targets Chrome 120), and threads are off (threaded WASM needs workers the extension CSP blocks), so
    // MediaPipe's no-SIMD build and tfjs's plain and threaded binaries would be dead weight (about 13 MB).
    'build:publicAssets': (wxt, files) => {
      const assets: [string, string][] = [
        ...['js', 'wasm'].map((ext): [string, string] => [
          `node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_internal.${ext}`,
          `mediapipe/wasm/vision_wasm_internal.${ext}`,
        ]),
        [
          'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
          'tfjs/tfjs-backend-wasm-simd.wasm',
        ],
      ];
      for (const [src, relativeDest] of assets) {
        const absoluteSrc = resolve(wxt.config.root, src);
        if (!existsSync(absoluteSrc)) throw new Error(`missing ${src}: run npm install`);
        files.push({ absoluteSrc, relativeDest });
      }
    },
  },
});
