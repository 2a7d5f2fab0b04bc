/**
 * The entry `bin/kith.cjs` runs (built to `dist/cli/main.cjs`). It loads the command line,
 * bundled by `scripts/build.mjs` into CommonJS files (`dist/cli/kith.cjs` for every command,
 * and a smaller one for each command with its own entry, such as `today.cjs`), through
 * V8's code cache: the compiled code of a command's earlier run is kept next to the bundle,
 * one file per command, so a command does not parse and compile megabytes of JavaScript on
 * every start. This is what `v8-compile-cache` and Node 22's `module.enableCompileCache()`
 * do; Node 20 has neither for our bundle, so it is done here with `node:vm`.
 *
 * The cache is only an optimisation: a missing, unreadable, rejected (another Node or V8
 * flags) or unwritable cache means the bundle is compiled as usual. Its file names carry the
 * bundle's content hash, so a rebuilt bundle never meets the code of an older one.
 * `KITH_NO_CODE_CACHE=1` turns it off.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** The bundles by the command they serve ('' = every other one), with their content hashes; put in by scripts/build.mjs. */
declare const __KITH_BUNDLES__: Record<string, { file: string; hash: string }>;

interface Cli {
  main(argv: string[]): Promise<number>;
}

/** The command a run is for (`kith contact show …` → `contact`): each keeps its own compiled code. */
export function cacheKey(argv: readonly string[]): string {
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  return first && /^[a-z][a-z-]{0,30}$/.test(first) ? first : 'other';
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written to a temporary name and renamed, so parallel runs never read half a file. */
function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // A read-only installation: every run compiles, as without the cache.
  }
}

export async function main(argv: string[]): Promise<number> {
  const here = dirname(fileURLToPath(import.meta.url));
  const command = cacheKey(argv);
  const { file, hash } = __KITH_BUNDLES__[command] ?? (__KITH_BUNDLES__[''] as { file: string; hash: string });
  const bundle = join(here, file);
  // The build writes bundles in ASCII: read as Latin-1 it is a plain copy, with no UTF-8 to decode.
  const source = readFileSync(bundle, 'latin1');
  const useCache = process.env.KITH_NO_CODE_CACHE !== '1';
  const cacheFile = join(here, 'code-cache', `${hash}-${process.version}-${process.arch}-${command}.bin`);
  const cached = useCache ? readCache(cacheFile) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData: cached,
  });
  const mod: { exports: Partial<Cli> } = { exports: {} };
  (script.runInThisContext() as (...a: unknown[]) => void).call(
    mod.exports,
    mod.exports,
    createRequire(bundle),
    mod,
    bundle,
    here,
  );
  const code = await (mod.exports as Cli).main(argv);
  // After a successful run the cache holds the code this command compiled, not just the top level.
  if (useCache && code === 0 && (!cached || script.cachedDataRejected)) writeCache(cacheFile, script.createCachedData());
  return code;
}
