// The real-browser harness, one module per job, re-exported here so that `npm start`, the benchmark and
// the vitest e2e tests (typed through index.d.mts) import one place.
export * from './paths.mjs';
export * from './build.mjs';
export * from './browser.mjs';
export * from './requests.mjs';
export * from './server.mjs';
export * from './media.mjs';
export * from './checks.mjs';
export * from './text-sizes.mjs';
