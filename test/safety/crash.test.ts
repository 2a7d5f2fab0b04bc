/**
 * Crash consistency: at least 50 SIGKILLs of importers, a server under write load
 * and CLI writers, with zero integrity failures, zero lost acknowledged writes and
 * zero partial imports. `npm run fuzz` runs a longer campaign (test/fuzz/crash.fuzz.ts).
 */
import { describe, expect, it } from 'vitest';
import { crashCampaign, describeStats } from './crash-harness.js';

describe('crash consistency (SQLite)', () => {
  it('survives SIGKILL at random moments without corruption or lost writes', { timeout: 180_000 }, async () => {
    const seed = Number(process.env.KITH_CRASH_SEED ?? Date.now() % 1_000_000);
    const t0 = Date.now();
    const stats = await crashCampaign({
      seed,
      lanes: 1,
      importKillsPerLane: 12,
      serveKillsPerLane: 20,
      cliKillsPerLane: 20,
      contacts: 3000,
      touchpoints: 20_000,
      importWindowMs: 4500,
      minKills: 50,
    });
    const line = describeStats(stats, seed, Date.now() - t0);
    console.log(line);
    for (const problem of [...stats.integrityFailures, ...stats.lostWrites, ...stats.partialImports, ...stats.userErrors].slice(
      0,
      20,
    ))
      console.log(`  ${problem}`);
    expect(stats.integrityFailures).toEqual([]);
    expect(stats.lostWrites).toEqual([]);
    expect(stats.partialImports).toEqual([]);
    expect(stats.userErrors).toEqual([]);
    expect(stats.importKills).toBeGreaterThan(0);
    expect(stats.serveKills).toBeGreaterThan(0);
    expect(stats.kills).toBeGreaterThanOrEqual(50);
  });
});
