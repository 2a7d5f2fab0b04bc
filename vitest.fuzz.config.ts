/**
 * `npm run fuzz`: the long fuzz and crash runs (test/fuzz/*.fuzz.ts). KITH_FUZZ_RUNS sets
 * the property runs per target (default 2000; the CLI targets run a fiftieth of that),
 * KITH_FUZZ_KILLS the crash campaign's SIGKILLs (default 200), KITH_CRASH_SEED its seed.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 60 * 60 * 1000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The crash campaign and the CLI runs start many processes; one file at a time keeps timing realistic.
    fileParallelism: false,
  },
});
