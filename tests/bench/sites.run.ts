// @vitest-environment happy-dom
/**
 * Prints the sites bench (tests/bench/sites.bench.ts) in happy-dom; asserts nothing on its numbers. Not a test: the
 * vitest project `bench` runs it (`npm run bench` does).
 */
import { it } from 'vitest';
import { formatBench, runSitesBench } from './sites.bench';

it('sites bench: badge passes over 1,000 tiles (happy-dom)', async () => {
  console.log(`\n${formatBench(await runSitesBench())}\n`);
}, 120_000);

it('real pages: badge precision and recall per page and mood (happy-dom)', async () => {
  const { benchRealPages, formatRealPages } = await import('./sites-real-pages.bench');
  console.log(`\n${formatRealPages(benchRealPages())}\n`);
}, 120_000);
