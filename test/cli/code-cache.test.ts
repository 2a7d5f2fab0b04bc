/**
 * The launcher's code cache (src/cli/launch.ts): a command's compiled code is kept beside the
 * bundle and reused; a damaged or foreign cache is rejected by V8 and replaced, never trusted.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/cli/launch.js';
import { ROOT, kith, tempHome } from '../support/cli.js';

const CACHE = join(ROOT, 'dist', 'cli', 'code-cache');
const cacheOf = (command: string): string | undefined =>
  existsSync(CACHE) ? readdirSync(CACHE).find((f) => f.endsWith(`-${command}.bin`)) : undefined;

describe('the code cache of the kith command', () => {
  it('keys the cache by the command, ignoring options before it', () => {
    expect(cacheKey(['node', 'kith', 'today', '--json'])).toBe('today');
    expect(cacheKey(['node', 'kith', '--json', 'contact', 'show', 'Ana'])).toBe('contact');
    expect(cacheKey(['node', 'kith'])).toBe('other');
    expect(cacheKey(['node', 'kith', '../../etc/passwd'])).toBe('other');
  });

  it('writes the cache after a successful run and replaces a damaged one', async () => {
    const home = tempHome();
    const first = await kith(home, ['health', '--json']);
    expect(first.code).toBe(0);
    const name = cacheOf('health');
    expect(name).toBeDefined();
    const file = join(CACHE, name as string);
    const garbage = Buffer.alloc(4096, 0x5a);
    writeFileSync(file, garbage);
    // V8 rejects bytes that are not its code cache; the command runs as if there were none.
    const again = await kith(home, ['health', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(first.stdout));
    expect(readFileSync(file).equals(garbage)).toBe(false);
  });

  it('runs kith today from its own bundle, the same command as in the whole one', async () => {
    const home = tempHome();
    expect((await kith(home, ['today', '--json'])).code).toBe(0);
    expect((await kith(home, ['health', '--json'])).code).toBe(0);
    // Cache files are named by their bundle's hash: today's is not the whole command line's.
    const hash = (command: string): string | undefined => cacheOf(command)?.split('-')[0];
    expect(hash('today')).toBeDefined();
    expect(hash('today')).not.toBe(hash('health'));
    // `kith help today` runs in the whole command line: the same help, so the same options.
    const own = await kith(home, ['today', '--help']);
    const whole = await kith(home, ['help', 'today']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('--limit <n>');
    expect(own.stdout).toBe(whole.stdout);
    // Bad input is refused the same way by both.
    const bad = await kith(home, ['today', '--limit', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit must be a whole number');
  });

  it('runs with the cache turned off', async () => {
    const r = await kith(tempHome(), ['--version'], { KITH_NO_CODE_CACHE: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
