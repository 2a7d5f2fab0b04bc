/**
 * The long fuzz run (`npm run fuzz`): KITH_FUZZ_RUNS property runs per target.
 */
import { describe, expect, it } from 'vitest';
import { fuzzBackupParser, fuzzCliArgv, fuzzCliImport, fuzzFormatParsers, fuzzOperations, fuzzSchemas } from './targets.js';

const RUNS = Number(process.env.KITH_FUZZ_RUNS ?? 2000);
const CLI_RUNS = Math.max(20, Math.round(RUNS / 50));

describe(`fuzz (${RUNS} runs per target, ${CLI_RUNS} CLI runs)`, () => {
  it('format parsers', async () => {
    await fuzzFormatParsers(RUNS);
  });
  it('input schemas', async () => {
    await fuzzSchemas(RUNS * 5);
  });
  it('operations', async () => {
    await fuzzOperations(RUNS * 2);
  });
  it('JSON backup parser', async () => {
    await fuzzBackupParser(RUNS * 2);
  });
  it('kith import of garbage files', async () => {
    expect(await fuzzCliImport(CLI_RUNS)).toBeGreaterThan(0);
  });
  it('kith with arbitrary argv', async () => {
    expect(await fuzzCliArgv(CLI_RUNS)).toBeGreaterThan(0);
  });
});
