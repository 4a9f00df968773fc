// @vitest-environment happy-dom
/** Prints the sites bench (lib/sites/bench.ts) when MOODREEL_BENCH is set; asserts nothing on its numbers. */
import { it } from 'vitest';
import { formatBench, runSitesBench } from './bench';

it.runIf(process.env.MOODREEL_BENCH)('sites bench: badge passes over 1,000 tiles (happy-dom)', async () => {
  console.log(`\n${formatBench(await runSitesBench())}\n`);
}, 120_000);
