// Browser tests: a real `kith serve` per test file, Debian's chromium driven by
// playwright-core. Run with `npx vitest run --config vitest.e2e.config.ts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    env: { TZ: 'UTC' },
    globalSetup: ['e2e/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
