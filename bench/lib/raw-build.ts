/**
 * The raw baselines compiled to plain JavaScript, so they run under `node` exactly as the
 * compiled kith does. Timed as whole processes next to kith's process wall, a baseline run
 * under a TypeScript loader would pay for the loader, and one timed only in process would
 * not pay for Node's start-up, module loading and opening the database: neither is fair.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';

/** Bundles `bench/raw/<name>.ts` into `outDir/<name>.mjs` (drivers stay in node_modules); returns the path. */
export function bundleRaw(root: string, outDir: string, script: string): string {
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `${basename(script, '.ts')}.mjs`);
  buildSync({
    entryPoints: [join(root, script)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return out;
}
