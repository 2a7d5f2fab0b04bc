/**
 * The long crash campaign (`npm run fuzz`): KITH_FUZZ_KILLS SIGKILLs (default 200) of
 * imports, a server under write load and CLI writers; KITH_CRASH_SEED replays one.
 */
import { describe, expect, it } from 'vitest';
import { crashCampaign, describeStats } from '../safety/crash-harness.js';

const KILLS = Number(process.env.KITH_FUZZ_KILLS ?? 200);

describe(`crash campaign (at least ${KILLS} kills)`, () => {
  it('survives every kill without corruption, lost writes or partial imports', async () => {
    const seed = Number(process.env.KITH_CRASH_SEED ?? Date.now() % 1_000_000);
    const t0 = Date.now();
    const perLane = Math.ceil(KILLS / 4);
    const stats = await crashCampaign({
      seed,
      lanes: 2,
      importKillsPerLane: Math.ceil(perLane / 3),
      serveKillsPerLane: Math.ceil(perLane * 0.8),
      cliKillsPerLane: perLane,
      contacts: 3000,
      touchpoints: 20_000,
      importWindowMs: 6000,
      minKills: KILLS,
    });
    console.log(describeStats(stats, seed, Date.now() - t0));
    for (const p of [...stats.integrityFailures, ...stats.lostWrites, ...stats.partialImports, ...stats.userErrors].slice(0, 20))
      console.log(`  ${p}`);
    expect(stats.integrityFailures).toEqual([]);
    expect(stats.lostWrites).toEqual([]);
    expect(stats.partialImports).toEqual([]);
    expect(stats.userErrors).toEqual([]);
    expect(stats.kills).toBeGreaterThanOrEqual(KILLS);
  });
});
