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

  it('runs with the cache turned off', async () => {
    const r = await kith(tempHome(), ['--version'], { KITH_NO_CODE_CACHE: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
