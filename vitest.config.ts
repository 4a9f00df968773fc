import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        // Timings, not tests: `npm run bench` runs these (happy-dom pages need vitest's environment).
        plugins: [WxtVitest()],
        test: { name: 'bench', include: ['tests/bench/**/*.run.ts'], environment: 'node', testTimeout: 300_000 },
      },
      {
        test: { name: 'model', include: ['tests/model/**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
