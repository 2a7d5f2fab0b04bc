/**
 * Running the real `kith` binary in a child process, as a user would.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'kith.cjs');

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.cjs'))) {
  throw new Error('dist/ is missing: run `npm run build` first (npm test does it for you).');
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kith args…` with KITH_HOME=home; never throws on a non-zero exit. */
export function kith(home: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', TZ: 'UTC', KITH_HOME: home, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

const homes: string[] = [];
// Removed after the test file that made them, so a run leaves nothing behind in the temp directory.
afterAll(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

export function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'kith-home-'));
  homes.push(home);
  return home;
}
