/**
 * The fuzz targets, briefly, on every `npm test`; `npm run fuzz` runs them long
 * (test/fuzz/*.fuzz.ts, KITH_FUZZ_RUNS).
 */
import { describe, it } from 'vitest';
import { fuzzBackupParser, fuzzCliArgv, fuzzCliImport, fuzzFormatParsers, fuzzOperations, fuzzSchemas } from './targets.js';

describe('fuzz (short run)', () => {
  it('format parsers never throw, name 1-based lines and do not hang', { timeout: 120_000 }, async () => {
    await fuzzFormatParsers(150);
  });
  it('input schemas accept or refuse with an AppError', { timeout: 60_000 }, async () => {
    await fuzzSchemas(300);
  });
  it('operations on arbitrary input fail only with AppErrors', { timeout: 120_000 }, async () => {
    await fuzzOperations(600);
  });
  it('the JSON backup parser refuses bad backups with an AppError', { timeout: 60_000 }, async () => {
    await fuzzBackupParser(150);
  });
  it('kith import of garbage files exits 0-4 without a stack trace', { timeout: 180_000 }, async () => {
    await fuzzCliImport(10);
  });
  it('kith with arbitrary argv exits 0-4 without a stack trace', { timeout: 180_000 }, async () => {
    await fuzzCliArgv(20);
  });
});
