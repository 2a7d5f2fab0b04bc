/**
 * What the benchmark runs on: the generated dataset (made once per generator version and
 * reused), the compiled kith it measures, and an empty kith database for the raw baselines.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runOrThrow } from './proc.js';

/** The generator's own files: when any changes, a dataset made before it is made again. */
const GENERATOR_FILES = [
  'bench/generate.ts',
  'bench/lib/lexicon.ts',
  'bench/lib/linkedin-csv.ts',
  'bench/lib/mbox.ts',
  'bench/lib/names.ts',
  'bench/lib/people.ts',
  'bench/lib/prng.ts',
  'bench/lib/sink.ts',
  'bench/lib/text.ts',
  'bench/lib/vocab.ts',
];
const STAMP = '.bench-stamp';

export interface Dataset {
  dir: string;
  contacts: number;
  meta: {
    seed: string;
    today: string;
    counts: Record<string, number>;
    options: { contacts: number; notes: boolean };
  };
  reused: boolean;
  generateMs: number | null;
}

/** A hash of the generator's sources and the options, so a stale dataset is never reused. */
export function datasetStamp(root: string, contacts: number, seed: string): string {
  const h = createHash('sha256').update(`${contacts}\0${seed}\0`);
  for (const f of GENERATOR_FILES) {
    const p = join(root, f);
    h.update(`${f}\0`);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  return h.digest('hex');
}

/** The dataset for `contacts` under `dataDir/<N>k`, generated when missing or stale. */
export function ensureDataset(root: string, dataDir: string, contacts: number, seed: string, log: (s: string) => void): Dataset {
  const name = contacts % 1000 === 0 ? `${contacts / 1000}k` : String(contacts);
  const dir = join(dataDir, name);
  const stamp = datasetStamp(root, contacts, seed);
  const stampFile = join(dir, STAMP);
  const metaFile = join(dir, 'meta.json');
  const ok =
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8').trim() === stamp &&
    existsSync(metaFile) &&
    ['backup.json', 'Connections.csv', 'queries.json', 'names.json'].every((f) => existsSync(join(dir, f)));
  let generateMs: number | null = null;
  if (!ok) {
    log(`generating ${contacts} contacts into ${relative(root, dir) || dir} …`);
    const t0 = process.hrtime.bigint();
    runOrThrow(process.execPath, [
      '--import',
      'tsx',
      join(root, 'bench', 'generate.ts'),
      '--contacts',
      String(contacts),
      '--seed',
      seed,
      '--out',
      dir,
    ]);
    generateMs = Number(process.hrtime.bigint() - t0) / 1e6;
    writeFileSync(stampFile, `${stamp}\n`);
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Dataset['meta'];
  return { dir, contacts, meta, reused: ok, generateMs };
}

/** The newest modification time of the source files (not tests) under `dir`, skipping directories named `skip`. */
function newestMtime(dir: string, files = /\.ts$/, skip: string | null = 'web'): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== skip) newest = Math.max(newest, newestMtime(p, files, skip));
    } else if (files.test(e.name) && !/\.test\.tsx?$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * kith bundled to JavaScript under `buildDir` (never `dist/`, which others' tests use), rebuilt
 * when any source is newer than the last build, and the web app into its `dist/web` (rebuilt when a
 * file under src/web is newer). A CLI run under a TypeScript loader would measure the loader.
 * Returns the entry script (the same as bin/kith.cjs).
 */
export function ensureBuild(root: string, buildDir: string, log: (s: string) => void): string {
  const entry = join(buildDir, 'kith.cjs');
  const main = join(buildDir, 'dist', 'cli', 'main.cjs');
  const stale = !existsSync(main) || statSync(main).mtimeMs < newestMtime(join(root, 'src'));
  if (stale) {
    // The same bundle `npm run build` makes for bin/kith.cjs, written under buildDir.
    log('building kith (esbuild, as npm run build does) …');
    mkdirSync(buildDir, { recursive: true });
    runOrThrow(process.execPath, [join(root, 'scripts', 'build.mjs')], {
      ...process.env,
      KITH_BUILD_OUT: join(buildDir, 'dist'),
    });
  }
  // The web app next to it, where `kith serve` looks for it (dist/web), for the browser measurements.
  const webIndex = join(buildDir, 'dist', 'web', 'index.html');
  if (!existsSync(webIndex) || statSync(webIndex).mtimeMs < newestMtime(join(root, 'src', 'web'), /\.(tsx?|css|html)$/, null)) {
    log('building the web app (vite, as npm run build:web does) …');
    runOrThrow(process.execPath, [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(root, 'src', 'web', 'vite.config.ts'),
      '--outDir',
      join(buildDir, 'dist', 'web'),
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ]);
  }
  writeFileSync(
    entry,
    "// The kith command compiled for the benchmark (bench/lib/dataset.ts writes this file).\n'use strict';\n\nrequire('./dist/cli/main.cjs')\n  .main(process.argv)\n  .then((code) => {\n    process.exitCode = code;\n  });\n",
  );
  return entry;
}

/** What the big mbox is generated from: when any changes, a file made before it is made again. */
const BIG_MBOX_FILES = [
  'bench/lib/big-mbox.ts',
  'bench/lib/lexicon.ts',
  'bench/lib/mbox.ts',
  'bench/lib/names.ts',
  'bench/lib/people.ts',
  'bench/lib/prng.ts',
  'bench/lib/sink.ts',
  'bench/lib/text.ts',
  'bench/lib/vocab.ts',
];

export interface BigMbox {
  path: string;
  meta: { messages: number; known: number; replies: number; bytes: number; sha256: string };
  reused: boolean;
  generateMs: number | null;
}

/**
 * `dataDir/<N>k/mail-<MB>mb.mbox`: about `mb` MiB of mail with contacts 0 … contacts-1
 * (lib/big-mbox.ts), streamed to disk, reused while its stamp (generator sources, seed,
 * contacts, size) matches. The generator runs in a child process, so the benchmark's own
 * memory never holds it.
 */
export function ensureBigMbox(
  root: string,
  dataDir: string,
  contacts: number,
  seed: string,
  mb: number,
  log: (s: string) => void,
): BigMbox {
  const name = contacts % 1000 === 0 ? `${contacts / 1000}k` : String(contacts);
  const dir = join(dataDir, name);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `mail-${mb}mb.mbox`);
  const stampFile = `${path}.stamp`;
  const h = createHash('sha256').update(`${contacts}\0${seed}\0${mb}\0`);
  for (const f of BIG_MBOX_FILES) {
    const p = join(root, f);
    h.update(`${f}\0`);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  const stamp = h.digest('hex');
  if (existsSync(stampFile) && existsSync(path)) {
    const saved = JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp: string; meta: BigMbox['meta'] };
    if (saved.stamp === stamp && statSync(path).size === saved.meta.bytes)
      return { path, meta: saved.meta, reused: true, generateMs: null };
  }
  log(`writing a ${mb} MiB mbox for ${contacts} contacts to ${relative(root, path) || path} (streamed) …`);
  const t0 = process.hrtime.bigint();
  const out = runOrThrow(process.execPath, [
    '--import',
    'tsx',
    join(root, 'bench', 'lib', 'big-mbox.ts'),
    path,
    seed,
    String(contacts),
    String(mb),
  ]);
  const meta = JSON.parse(out) as BigMbox['meta'];
  writeFileSync(stampFile, `${JSON.stringify({ stamp, meta })}\n`);
  return { path, meta, reused: false, generateMs: Number(process.hrtime.bigint() - t0) / 1e6 };
}
