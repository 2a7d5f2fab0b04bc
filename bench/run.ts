/**
 * `npm run bench`: kith against raw SQLite, plain notes and a bare server (issue 7).
 *
 *   npm run bench                 10 000 and 100 000 contacts, several runs (long: the 100k restore takes minutes)
 *   npm run bench -- --quick      10 000 contacts, fewer runs (under 3 minutes once kith is compiled)
 *   npm run bench -- --contacts 300 --runs 1 --api-seconds 1 --out-dir /tmp/b   (a tiny end-to-end run)
 *   npm run bench -- --contacts 100000 --only import   (one section, here the LinkedIn import vs raw, at 100k)
 *
 * Prints a table and writes bench/out/latest.json (+ latest.md). Medians over runs after warm-ups;
 * every target is a ratio to a baseline measured in the same run, because the machine is shared.
 */
import { cpus, freemem, loadavg, totalmem, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ensureBigMbox, ensureBuild, ensureDataset, type Dataset } from './lib/dataset.js';
import type { Browser } from 'playwright-core';
import { mixedLoad } from './lib/load-test.js';
import { measureWeb } from './lib/web-perf.js';
import { freePort, startPostgres, type ThrowawayPostgres } from '../test/support/postgres.js';
import {
  hasGnuTime,
  peakRssMb,
  runOrThrow,
  runTimed,
  startServer,
  waitFor200,
  waitForIntegrity,
  type Started,
  type TimedRun,
} from './lib/proc.js';
import { bundleRaw } from './lib/raw-build.js';
import { renderMarkdown, type BenchResults } from './lib/report.js';
import type { WorkerInput, WorkerOutput } from './lib/search-worker.js';
import { fmt, percentile, spreadPick, summarize } from './lib/stats.js';
import { evaluateTargets, type Metric, type SizeRun } from './lib/targets.js';
import { writeVCards, type VCardSetMeta } from './lib/vcards.js';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = process.execPath;
const TSX = ['--import', 'tsx'];

/**
 * The parts of a run, for `--only`. `restore` (the JSON restore) also loads the home that cli,
 * search, serve, api, web and load measure, so it runs whenever one of those does.
 */
export const SECTIONS = {
  import: 'LinkedIn import vs the raw better-sqlite3 loop',
  restore: 'JSON restore vs the raw loop (loads the home the later sections use)',
  vcard: 'vCard import with duplicates at several sizes: cards/s and how the per-card time grows (smallest size only)',
  mbox: 'a large mbox streamed to disk and imported: peak RSS and messages/s (smallest size only); plus a dry run of the dataset mbox when the home is loaded',
  cli: 'CLI latency: kith today, search, contact show vs node and raw queries',
  search: 'search in process vs raw FTS5, agenda in process, ripgrep over the notes',
  serve: 'server cold start',
  api: 'API load (agenda, contacts?q=), search through the API, bare Hono route',
  web: 'the web app in headless chromium (smallest size only)',
  load: 'the mixed read/write load test on SQLite and PostgreSQL (smallest size only)',
} as const;
export type Section = keyof typeof SECTIONS;
const NEEDS_HOME: readonly Section[] = ['cli', 'search', 'serve', 'api', 'web', 'load'];

interface Settings {
  sizes: number[];
  seed: string;
  /** Timed runs per CLI command (after `warmup` untimed ones). */
  runs: number;
  warmup: number;
  importRuns: number;
  /** Runs of the LinkedIn import and its raw loop (a second or two each at 10k, so more of them than of the restore). */
  linkedinRuns: number;
  /** Timed passes over the search queries. */
  passes: number;
  agendaRuns: number;
  coldRuns: number;
  apiSeconds: number;
  /** Rounds of the API load: a kith server and a bare Hono server started and loaded in turn. */
  apiRounds: number;
  connections: number;
  /** The mixed read/write load test (issue 8): seconds per database, and connections. */
  loadSeconds: number;
  loadConnections: number;
  /** Quick mode: PostgreSQL gets the LinkedIn CSV for the load test instead of the whole backup. */
  pgFromCsv: boolean;
  /** Timed page loads of Today in the browser. */
  webLoads: number;
  /** At most this many single-term queries go to ripgrep (it takes ~0.3 s a query at 100k). */
  rgQueries: number;
  dataDir: string;
  outDir: string;
  kith: string | null;
  /** The sections to run (`--only`; all by default). */
  sections: ReadonlySet<Section>;
  /** Cards per vCard file for the linearity measurement, smallest first. */
  vcards: number[];
  /** Size of the large mbox in MiB (1024 in a full run: issue 4's "1 GB mbox"). */
  mboxMb: number;
}

function settingsFrom(argv: string[]): { s: Settings; mode: BenchResults['mode'] } {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      contacts: { type: 'string' },
      seed: { type: 'string', default: 'kith-bench-v1' },
      runs: { type: 'string' },
      'api-seconds': { type: 'string' },
      'load-seconds': { type: 'string' },
      'data-dir': { type: 'string' },
      'out-dir': { type: 'string' },
      kith: { type: 'string' },
      only: { type: 'string' },
      vcards: { type: 'string' },
      'mbox-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    const width = Math.max(...Object.keys(SECTIONS).map((k) => k.length));
    process.stdout.write(
      'Usage: npm run bench [-- --quick] [--contacts N[,M]] [--only SECTION[,SECTION…]] [--runs N] [--api-seconds S]\n' +
        '         [--load-seconds S] [--vcards N,N,N] [--mbox-mb MIB] [--data-dir DIR] [--out-dir DIR] [--kith ENTRY.js]\n\n' +
        '  --only       run only these sections (comma-separated; default: all):\n' +
        Object.entries(SECTIONS)
          .map(([k, d]) => `                 ${k.padEnd(width)}  ${d}\n`)
          .join('') +
        '  --vcards     cards per vCard file (default 2500,5000,10000; the target is judged at 10000)\n' +
        '  --mbox-mb    size of the large mbox in MiB (default 1024, quick mode 64; the target is judged from 1024)\n',
    );
    process.exit(0);
  }
  const sections = new Set<Section>();
  for (const name of (values.only ?? Object.keys(SECTIONS).join(',')).split(',').map((x) => x.trim())) {
    if (!(name in SECTIONS)) throw new Error(`--only: "${name}" is not a section (one of: ${Object.keys(SECTIONS).join(', ')})`);
    sections.add(name as Section);
  }
  const vcards = (values.vcards ?? '2500,5000,10000').split(',').map(Number);
  if (vcards.some((x) => !Number.isInteger(x) || x < 1) || vcards.length < 2)
    throw new Error('--vcards: at least two whole numbers of cards, comma-separated');
  vcards.sort((a, b) => a - b);
  const mboxMb = values['mbox-mb'] !== undefined ? Number(values['mbox-mb']) : values.quick ? 32 : 1024;
  if (!(mboxMb > 0)) throw new Error('--mbox-mb: a size in MiB, more than 0');
  const quick = values.quick;
  const sizes = values.contacts ? values.contacts.split(',').map(Number) : quick ? [10_000] : [10_000, 100_000];
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--contacts: whole numbers, comma-separated');
  for (const k of ['api-seconds', 'load-seconds'] as const) {
    const x = values[k];
    if (x !== undefined && !(Number(x) >= 1)) throw new Error(`--${k}: a number of seconds, at least 1`);
  }
  const runs = values.runs ? Number(values.runs) : quick ? 3 : 10;
  const s: Settings = {
    sizes,
    seed: values.seed,
    runs,
    warmup: quick || runs < 3 ? 1 : 2,
    importRuns: values.runs ? Math.max(1, Math.min(runs, 3)) : quick ? 1 : 3,
    linkedinRuns: values.runs ? Math.max(1, Math.min(runs, 5)) : quick ? 3 : 5,
    passes: quick || runs < 3 ? 1 : 3,
    agendaRuns: quick ? 3 : Math.max(3, Math.min(runs, 7)),
    coldRuns: values.runs ? Math.max(1, Math.min(runs, 5)) : quick ? 3 : 5,
    apiSeconds: values['api-seconds'] ? Number(values['api-seconds']) : quick ? 2 : 10,
    apiRounds: values.runs ? Math.max(1, Math.min(runs, 5)) : quick ? 3 : 5,
    connections: 32,
    loadSeconds: values['load-seconds'] ? Number(values['load-seconds']) : quick ? 10 : 60,
    loadConnections: 32,
    webLoads: quick || runs < 3 ? 3 : 5,
    pgFromCsv: quick,
    rgQueries: quick ? 25 : 40,
    dataDir: resolve(values['data-dir'] ?? join(ROOT, 'bench', 'data')),
    outDir: resolve(values['out-dir'] ?? join(ROOT, 'bench', 'out')),
    kith: values.kith ? resolve(values.kith) : null,
    sections,
    vcards,
    mboxMb,
  };
  const custom = values.contacts || values.runs || values.only || values.vcards || values['mbox-mb'];
  return { s, mode: custom ? 'custom' : quick ? 'quick' : 'full' };
}

const log = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

function machine(): BenchResults['machine'] {
  const c = cpus();
  return {
    cores: c.length,
    model: c[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg(),
  };
}

class Recorder {
  readonly metrics: Record<string, Metric> = {};
  constructor(
    readonly errors: string[],
    readonly contacts: number,
  ) {}
  set(key: string, label: string, unit: string, value: number | null, extra: Partial<Metric> = {}): void {
    this.metrics[key] = { label, unit, value: value != null && Number.isFinite(value) ? value : null, ...extra };
  }
  summary(key: string, label: string, unit: string, samples: number[], note?: string): void {
    const s = summarize(samples);
    this.set(
      key,
      label,
      unit,
      s.runs ? s.median : null,
      s.runs ? { min: s.min, max: s.max, runs: s.runs, ...(note ? { note } : {}) } : { note: note ?? 'not measured' },
    );
  }
  /** A throughput from the wall times of several runs over `count` items: the median run's rate, the range from the fastest and slowest. */
  rate(key: string, label: string, unit: string, count: number, ms: number[]): void {
    const t = summarize(ms);
    this.set(key, label, unit, count / (t.median / 1000), {
      min: count / (t.max / 1000),
      max: count / (t.min / 1000),
      runs: t.runs,
    });
  }
  fail(key: string, label: string, unit: string, why: string): void {
    this.set(key, label, unit, null, { note: why.replace(/\s+/g, ' ').slice(0, 160) });
    this.errors.push(`${this.contacts} contacts, ${label}: ${why}`);
  }
}

const errText = (r: TimedRun): string => (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ').slice(0, 400);

/** Runs `make()` `warmup` times untimed, then `runs` times; wall times and peak RSS. */
function repeat(
  warmup: number,
  runs: number,
  make: () => TimedRun,
): { ms: number[]; rss: number[]; last: TimedRun | null; failed: TimedRun | null } {
  for (let i = 0; i < warmup; i++) {
    const r = make();
    if (r.code !== 0) return { ms: [], rss: [], last: r, failed: r };
  }
  const ms: number[] = [];
  const rss: number[] = [];
  let last: TimedRun | null = null;
  for (let i = 0; i < runs; i++) {
    last = make();
    if (last.code !== 0) return { ms, rss, last, failed: last };
    ms.push(last.ms);
    if (last.rssMb != null) rss.push(last.rssMb);
  }
  return { ms, rss, last, failed: null };
}

/** An empty, migrated kith database with its owner: the raw baselines insert into a copy of it. */
function makeTemplate(kith: string, work: string): { db: string; owner: string } {
  const home = join(work, 'template-home');
  rmSync(home, { recursive: true, force: true });
  runOrThrow(NODE, [kith, 'contact', 'list', '--json'], { ...process.env, KITH_HOME: home });
  const db = join(home, 'kith.db');
  const sqlite = new Database(db);
  const owner = (sqlite.prepare("SELECT id FROM users WHERE role = 'owner'").get() as { id: string }).id;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { db, owner };
}

function ownerOf(home: string): string {
  const sqlite = new Database(join(home, 'kith.db'), { readonly: true });
  try {
    return (sqlite.prepare("SELECT id FROM users WHERE role = 'owner'").get() as { id: string }).id;
  } finally {
    sqlite.close();
  }
}

async function benchSize(
  ds: Dataset,
  s: Settings,
  kith: string,
  template: { db: string; owner: string },
  work: string,
  errors: string[],
  smallest: boolean,
): Promise<SizeRun> {
  const n = ds.contacts;
  const rec = new Recorder(errors, n);
  const counts = ds.meta.counts;
  const today = ds.meta.today;
  const big = n >= 50_000;
  const file = (f: string): string => join(ds.dir, f);
  const env = (home: string): NodeJS.ProcessEnv => ({ ...process.env, KITH_HOME: home, NO_COLOR: '1', TZ: 'UTC' });
  const freshHome = (tag: string): string => {
    const h = join(work, `${n}-${tag}`);
    rmSync(h, { recursive: true, force: true });
    mkdirSync(h, { recursive: true });
    return h;
  };
  rec.set('dataset.contacts', 'dataset: contacts', 'count', counts.contacts ?? n);
  rec.set('dataset.touchpoints', 'dataset: touchpoints', 'count', counts.touchpoints ?? null);
  if (ds.generateMs != null) rec.set('dataset.generate.ms', 'dataset: generator wall', 'ms', ds.generateMs);

  // ---- imports -------------------------------------------------------------------------
  const csvRows = counts.csvRows ?? 0;
  if (s.sections.has('import')) {
    log(`${n}: LinkedIn import (${csvRows} rows, ${big ? 1 : s.linkedinRuns} run(s) each of kith and the raw loop) …`);
    const ms: number[] = [];
    const rss: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < (big ? 1 : s.linkedinRuns); i++) {
      const r = runTimed(NODE, [kith, 'import', 'linkedin', file('Connections.csv'), '--json'], {
        env: env(freshHome('linkedin')),
      });
      if (r.code !== 0) {
        rec.fail('import.linkedin.rowsPerSec', 'LinkedIn import (kith import linkedin, process wall)', 'rows/s', errText(r));
        break;
      }
      ms.push(r.ms);
      if (r.rssMb != null) rss.push(r.rssMb);
      if (r.cpuMs != null) cpu.push(r.cpuMs);
    }
    if (cpu.length) rec.summary('import.linkedin.cpuMs', 'LinkedIn import: CPU time, user + system', 'ms', cpu);
    if (ms.length) {
      rec.rate('import.linkedin.rowsPerSec', 'LinkedIn import (kith import linkedin, process wall)', 'rows/s', csvRows, ms);
      rec.set('import.linkedin.rssMb', 'LinkedIn import peak RSS', 'MiB', rss.length ? Math.max(...rss) : null);
    }
    // Both sides are whole `node` processes running compiled JavaScript, timed the same way
    // (start-up, module loading and opening the database included on both sides).
    const rawScript = bundleRaw(ROOT, join(ROOT, 'bench', 'out', 'build', 'raw'), 'bench/raw/insert-linkedin.ts');
    const rawWall: number[] = [];
    const rawInProcess: number[] = [];
    const rawCpu: number[] = [];
    for (let i = 0; i < (big ? 1 : s.linkedinRuns); i++) {
      const r = runTimed(NODE, [rawScript, template.db, file('Connections.csv'), join(work, 'raw-linkedin.db'), template.owner]);
      if (r.code !== 0) {
        rec.fail('import.linkedin-raw.rowsPerSec', 'LinkedIn raw better-sqlite3 loop (node process wall)', 'rows/s', errText(r));
        break;
      }
      rawInProcess.push((JSON.parse(r.stdout) as { ms: number }).ms);
      rawWall.push(r.ms);
      if (r.cpuMs != null) rawCpu.push(r.cpuMs);
    }
    if (rawCpu.length) rec.summary('import.linkedin-raw.cpuMs', 'LinkedIn raw loop: CPU time, user + system', 'ms', rawCpu);
    if (rawWall.length) {
      rec.rate(
        'import.linkedin-raw.rowsPerSec',
        'LinkedIn raw better-sqlite3 loop (node process wall)',
        'rows/s',
        csvRows,
        rawWall,
      );
      rec.summary('import.linkedin-raw.inProcessMs', 'LinkedIn raw loop, read to commit inside the process', 'ms', rawInProcess);
    }
  }

  // ---- vCards with duplicates, and the large mbox (issue 4), on the smallest size: they need no restored home.
  if (smallest && s.sections.has('vcard')) vcardLinearity(rec, kith, s, work);
  if (smallest && s.sections.has('mbox')) bigMbox(rec, kith, s, work, n);

  // ---- the JSON restore, which also loads the home the later sections measure
  const runRestore = s.sections.has('restore') || NEEDS_HOME.some((x) => s.sections.has(x));
  const records = ['contacts', 'touchpoints', 'commitments', 'ledger', 'events', 'communities', 'posts', 'resources'].reduce(
    (a, k) => a + (counts[k] ?? 0),
    0,
  );
  let loadedHome: string | null = null;
  if (runRestore) {
    log(`${n}: JSON restore (${records} records) …`);
    const ms: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < (big ? 1 : s.importRuns); i++) {
      const home = freshHome(`json-${i}`);
      const r = runTimed(NODE, [kith, 'import', 'json', file('backup.json'), '--json'], { env: env(home) });
      if (r.code !== 0) {
        rec.fail('import.json.recordsPerSec', 'JSON restore (kith import json, process wall)', 'records/s', errText(r));
        if (r.rssMb != null) rec.set('import.json.rssMb', 'JSON restore peak RSS (failed run)', 'MiB', r.rssMb);
        break;
      }
      ms.push(r.ms);
      if (r.rssMb != null) rss.push(r.rssMb);
      if (loadedHome) rmSync(loadedHome, { recursive: true, force: true });
      loadedHome = home;
    }
    if (ms.length) {
      rec.rate('import.json.recordsPerSec', 'JSON restore (kith import json, process wall)', 'records/s', records, ms);
      rec.summary('import.json.ms', 'JSON restore wall', 'ms', ms);
      rec.set('import.json.rssMb', 'JSON restore peak RSS', 'MiB', rss.length ? Math.max(...rss) : null);
    }
    const rawScript = bundleRaw(ROOT, join(ROOT, 'bench', 'out', 'build', 'raw'), 'bench/raw/insert-backup.ts');
    const r = runTimed(NODE, [rawScript, template.db, file('backup.json'), join(work, 'raw-backup.db'), template.owner]);
    if (r.code !== 0)
      rec.fail('import.json-raw.rowsPerSec', 'JSON raw better-sqlite3 loop (node process wall)', 'rows/s', errText(r));
    else {
      const o = JSON.parse(r.stdout) as { rows: number; ms: number };
      rec.set(
        'import.json-raw.rowsPerSec',
        'JSON raw better-sqlite3 loop (node process wall)',
        'rows/s',
        o.rows / (r.ms / 1000),
        { runs: 1 },
      );
      rec.set('import.json-raw.inProcessMs', 'JSON raw loop, open to commit inside the process', 'ms', o.ms);
      rec.set('import.json-raw.rssMb', 'JSON raw loop peak RSS', 'MiB', r.rssMb);
    }
    rmSync(join(work, 'raw-backup.db'), { force: true });
    rmSync(join(work, 'raw-backup.db-wal'), { force: true });
  }
  if (runRestore && !loadedHome) {
    // kith import json could not load the file: load it through the same restore operation, streamed.
    log(`${n}: loading the home through importBackup, streamed (kith import json failed) …`);
    const home = freshHome('streamed');
    // A million touchpoint objects need more than V8's default heap.
    const r = runTimed(
      NODE,
      ['--max-old-space-size=16384', ...TSX, join(ROOT, 'bench/lib/load-backup.ts'), home, file('backup.json')],
      { env: env(home) },
    );
    if (r.code !== 0) {
      rec.fail(
        'import.json-streamed.recordsPerSec',
        'restore via importBackup, file streamed by the bench',
        'records/s',
        errText(r),
      );
      return { contacts: n, touchpoints: counts.touchpoints ?? 0, metrics: rec.metrics };
    }
    const o = JSON.parse(r.stdout) as { records: number; ms: number; rssMb: number | null };
    rec.set(
      'import.json-streamed.recordsPerSec',
      'restore via importBackup, file streamed by the bench',
      'records/s',
      o.records / (o.ms / 1000),
      { runs: 1 },
    );
    rec.set('import.json-streamed.rssMb', 'restore via importBackup peak RSS', 'MiB', r.rssMb);
    loadedHome = home;
  }
  const home = loadedHome;
  // The later sections measure the restored home.
  if (!home) return { contacts: n, touchpoints: counts.touchpoints ?? 0, metrics: rec.metrics };
  const owner = ownerOf(home);
  const db = join(home, 'kith.db');

  // ---- mbox: streamed, so its peak RSS must not grow with the file (issue 4: under 300 MB for 1 GB).
  // A dry run into the restored home: every message is parsed, matched and written, then rolled
  // back, so the home the next steps measure stays as restored.
  const messages = (counts.mboxMessages ?? 0) + (counts.mboxExtraMessages ?? 0);
  if (s.sections.has('mbox')) {
    log(`${n}: mbox import, dry run (${messages} messages) …`);
    const r = runTimed(NODE, [kith, 'import', 'mbox', file('mail.mbox'), '--dry-run', '--json'], { env: env(home) });
    if (r.code !== 0)
      rec.fail(
        'import.mbox.messagesPerSec',
        'mbox import, dry run into the restored home (process wall)',
        'messages/s',
        errText(r),
      );
    else {
      rec.set(
        'import.mbox.messagesPerSec',
        'mbox import, dry run into the restored home (process wall)',
        'messages/s',
        messages / (r.ms / 1000),
        { runs: 1 },
      );
      rec.set('import.mbox.fileMb', 'mbox size', 'MiB', statSync(file('mail.mbox')).size / 2 ** 20);
    }
    rec.set('import.mbox.rssMb', 'mbox import peak RSS', 'MiB', r.rssMb);
  }

  // ---- CLI latency (the queries and names are also used by ripgrep, the API and the load test)
  const queries = JSON.parse(readFileSync(file('queries.json'), 'utf8')) as {
    single: Array<{ band: string; terms: string[] }>;
    two: Array<{ terms: string[] }>;
  };
  const names = JSON.parse(readFileSync(file('names.json'), 'utf8')) as Array<{ name: string; id: string }>;
  const term = (queries.single.find((q) => q.band === 'mid') ?? queries.single[0])?.terms[0] ?? 'rust';
  const who = names.find((x) => /^[\x20-\x7e]+$/.test(x.name))?.name ?? names[0]?.name ?? 'a';
  if (s.sections.has('cli')) {
    log(`${n}: CLI latency (${s.runs} runs each; search "${term}", show "${who}") …`);
    const cli: Array<[string, string, string[]]> = [
      ['node', 'node -e 0', ['-e', '0']],
      [
        'raw-today',
        'node + better-sqlite3 + one indexed query (today)',
        [join(ROOT, 'bench/raw/cli-query.mjs'), db, owner, 'today'],
      ],
      ['today', 'kith today', [kith, 'today', '--on', today]],
      [
        'raw-search',
        'node + better-sqlite3 + one FTS5 query (search)',
        [join(ROOT, 'bench/raw/cli-query.mjs'), db, owner, 'search', term],
      ],
      ['search', `kith search ${term}`, [kith, 'search', term]],
      [
        'raw-show',
        'node + better-sqlite3 + one indexed query (contact show)',
        [join(ROOT, 'bench/raw/cli-query.mjs'), db, owner, 'show', who],
      ],
      ['show', 'kith contact show <name>', [kith, 'contact', 'show', who]],
    ];
    // In rounds, each command once per round (the first `warmup` rounds untimed): when the shared
    // machine speeds up or slows down during the section, kith and its baselines move alike,
    // instead of one command's runs all landing in a slow minute.
    // At 100k a kith command takes seconds: fewer runs keep the full benchmark within the hour.
    const runs = big ? Math.min(s.runs, 5) : s.runs;
    const got = cli.map(([key, label, args]) => ({
      key,
      label,
      args,
      ms: [] as number[],
      rss: [] as number[],
      failed: null as TimedRun | null,
    }));
    for (let round = -s.warmup; round < runs; round++) {
      for (const c of got) {
        if (c.failed) continue;
        const r = runTimed(NODE, c.args, { env: env(home) });
        if (r.code !== 0) c.failed = r;
        else if (round >= 0) {
          c.ms.push(r.ms);
          if (r.rssMb != null) c.rss.push(r.rssMb);
        }
      }
    }
    for (const c of got) {
      if (c.failed) {
        rec.fail(`cli.${c.key}.ms`, c.label, 'ms', errText(c.failed));
        continue;
      }
      rec.summary(`cli.${c.key}.ms`, c.label, 'ms', c.ms);
      rec.set(`cli.${c.key}.rssMb`, `${c.label}: peak RSS`, 'MiB', c.rss.length ? Math.max(...c.rss) : null);
    }
  }

  // ---- search and agenda in process ----------------------------------------------------
  if (s.sections.has('search')) {
    log(`${n}: search in process vs raw FTS5, agenda …`);
    const input: WorkerInput = { home, queries: file('queries.json'), today, passes: s.passes, agendaRuns: s.agendaRuns };
    const w = runTimed(NODE, [...TSX, join(ROOT, 'bench/lib/search-worker.ts'), JSON.stringify(input)], { env: env(home) });
    if (w.code !== 0) rec.fail('search.kith.p95', 'search in process', 'ms', errText(w));
    else {
      const o = JSON.parse(w.stdout.trim().split('\n').pop() ?? '{}') as WorkerOutput;
      const q = o.kith?.queries ?? 0;
      rec.set('search.kith.p50', `search in process (app search(), top 20): p50 over ${q} queries`, 'ms', o.kith?.p50 ?? null);
      rec.set('search.kith.p95', 'search in process: p95', 'ms', o.kith?.p95 ?? null);
      rec.set('search.fts5.p50', 'raw FTS5 query, same statement: p50', 'ms', o.fts5?.p50 ?? null);
      rec.set('search.fts5.p95', 'raw FTS5 query: p95', 'ms', o.fts5?.p95 ?? null);
      rec.set(
        'search.kith-single.p95',
        `search in process, ${o.kithSingle?.queries ?? 0} single-term queries: p95`,
        'ms',
        o.kithSingle?.p95 ?? null,
      );
      rec.summary('agenda.ms', 'agenda computed in process (app agenda())', 'ms', o.agendaMs);
      rec.set('agenda.items', 'agenda items', 'count', o.agendaItems);
      rec.set('search.worker.rssMb', 'search + agenda process peak RSS', 'MiB', o.rssMb ?? w.rssMb);
    }

    // ---- ripgrep over the plain notes ----------------------------------------------------
    const notes = file('notes');
    const rgTerms = spreadPick(queries.single, s.rgQueries).map((q) => q.terms[0] ?? '');
    if (!existsSync(notes)) rec.fail('search.ripgrep.p95', 'ripgrep over notes/', 'ms', 'the dataset has no notes/');
    else {
      log(`${n}: ripgrep over notes/ (${rgTerms.length} terms) …`);
      const lat: number[] = [];
      let failed: string | null = null;
      for (const t of rgTerms) {
        const one = (): TimedRun => runTimed('rg', ['-l', '-i', '-w', '-F', '--', t, notes]);
        const r = repeat(1, big ? 1 : s.passes, one);
        // rg exits 1 when nothing matches: not a failure
        if (r.failed && r.failed.code > 1) {
          failed = errText(r.failed);
          break;
        }
        const times = r.failed ? [r.failed.ms] : r.ms;
        lat.push(times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN);
      }
      if (failed) rec.fail('search.ripgrep.p95', 'ripgrep over notes/', 'ms', failed);
      else {
        rec.set(
          'search.ripgrep.p50',
          `ripgrep -l -i -w -F over notes/ (one file per contact), ${lat.length} single terms: p50`,
          'ms',
          percentile(lat, 50),
        );
        rec.set('search.ripgrep.p95', 'ripgrep over notes/: p95', 'ms', percentile(lat, 95));
      }
    }
  }

  // ---- the server ----------------------------------------------------------------------
  const serveEnv = { ...env(home), LOG_LEVEL: 'warn' };
  if (s.sections.has('serve')) {
    log(`${n}: server cold start (${s.coldRuns} runs) …`);
    {
      const healthz: number[] = [];
      const root: number[] = [];
      for (let i = 0; i < s.coldRuns; i++) {
        const port = await freePort();
        const t0 = process.hrtime.bigint();
        let srv: Awaited<ReturnType<typeof startServer>> | null = null;
        try {
          const started = startServer(NODE, [kith, 'serve', '--port', String(port)], serveEnv);
          // A server that dies early rejects this; waitFor200 then times out and says so.
          started.catch(() => undefined);
          const base = `http://127.0.0.1:${port}`;
          healthz.push(await waitFor200(`${base}/healthz`, t0));
          root.push(await waitFor200(`${base}/`, t0));
          srv = await started;
        } catch (e) {
          rec.fail('serve.healthz.ms', 'kith serve: spawn to first 200 on /healthz', 'ms', String((e as Error).message));
          break;
        } finally {
          await srv?.stop();
        }
      }
      if (healthz.length) {
        rec.summary('serve.healthz.ms', 'kith serve: spawn to first 200 on /healthz', 'ms', healthz);
        rec.summary('serve.root.ms', 'kith serve: spawn to first 200 on /', 'ms', root);
      }
    }
  }

  /** The contact list filtered by a word under load, then search through the API one query at a time. */
  const contactsAndSearch = async (base: string, headers: Record<string, string>): Promise<void> => {
    // The contact list filtered by a search term, as the web app's search-as-you-type asks for it.
    const term = queries.single[0]?.terms[0] ?? 'a';
    const kc = await load(`${base}/api/v1/contacts?q=${encodeURIComponent(term)}&limit=50`, headers, s);
    rec.set('api.contacts.rps', `GET /api/v1/contacts?q=${term} (autocannon, loopback): requests/s`, 'req/s', kc.rps);
    rec.set('api.contacts.p99', 'GET /api/v1/contacts?q=…: p99 latency', 'ms', kc.p99);
    rec.set('api.contacts.non2xx', 'GET /api/v1/contacts?q=…: errors and non-2xx', 'count', kc.bad);

    // search through the API, one request at a time
    const list = [...queries.single, ...queries.two].map((q) => q.terms.join(' '));
    const lat: number[] = list.map(() => Number.NaN);
    // one warm-up pass, then the timed passes (one at 100k, where a pass takes minutes)
    for (let pass = 0; pass <= (big ? 1 : s.passes); pass++) {
      for (const [i, q] of list.entries()) {
        const t = process.hrtime.bigint();
        const r = await fetch(`${base}/api/v1/search?q=${encodeURIComponent(q)}&limit=20`, { headers });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`GET /api/v1/search answered ${r.status}`);
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        if (pass > 0) lat[i] = Number.isNaN(lat[i] ?? Number.NaN) ? ms : Math.min(lat[i] ?? ms, ms);
      }
    }
    rec.set('search.api.p50', `GET /api/v1/search, ${list.length} queries one at a time: p50`, 'ms', percentile(lat, 50));
    rec.set('search.api.p95', 'GET /api/v1/search: p95', 'ms', percentile(lat, 95));
  };
  if (s.sections.has('api')) {
    log(`${n}: API load (${s.connections} connections, ${s.apiSeconds} s each, ${s.apiRounds} rounds of kith and bare Hono) …`);
    const tokenOut = runTimed(NODE, [kith, 'user', 'token', 'add', `bench-${Date.now()}`, '--json'], { env: env(home) });
    const token = tokenOut.code === 0 ? ((JSON.parse(tokenOut.stdout) as { token?: string }).token ?? null) : null;
    if (!token) rec.fail('api.agenda.rps', 'GET /api/v1/agenda', 'req/s', `no API token: ${errText(tokenOut)}`);
    else {
      // Rounds: each starts a kith server and then a bare Hono server and loads each in turn, so
      // neither side's figure comes from one process start or one quiet minute of the machine
      // (one start can run a quarter slower than the next for its whole life). Medians are
      // reported; the contact list and search are measured in the first round only.
      const agenda = { rps: [] as number[], p99: [] as number[], bad: 0 };
      const hono = { rps: [] as number[], p99: [] as number[], rss: [] as number[] };
      const serveRss: number[] = [];
      for (let round = 0; round < s.apiRounds; round++) {
        let srv: Awaited<ReturnType<typeof startServer>> | null = null;
        try {
          srv = await startServer(NODE, [kith, 'serve', '--port', '0'], serveEnv);
          const headers = { authorization: `Bearer ${token}` };
          await waitFor200(`${srv.url}/healthz`, process.hrtime.bigint());
          await waitForIntegrity(srv.url);
          const agendaUrl = `${srv.url}/api/v1/agenda?on=${today}`;
          const probe = await fetch(agendaUrl, { headers });
          await probe.arrayBuffer();
          if (probe.status !== 200) throw new Error(`GET /api/v1/agenda answered ${probe.status}`);
          const k = await load(agendaUrl, headers, s);
          agenda.rps.push(k.rps);
          agenda.p99.push(k.p99);
          agenda.bad += k.bad;
          if (round === 0) await contactsAndSearch(srv.url, headers);
          const rss = peakRssMb(srv.child.pid);
          if (rss != null) serveRss.push(rss);
        } catch (e) {
          rec.fail('api.agenda.rps', 'GET /api/v1/agenda', 'req/s', String((e as Error).message));
          break;
        } finally {
          await srv?.stop();
        }
        try {
          srv = await startServer(NODE, [join(ROOT, 'bench/raw/bare-hono.mjs')], process.env);
          const h = await load(`${srv.url}/api/v1/agenda`, {}, s);
          hono.rps.push(h.rps);
          hono.p99.push(h.p99);
          const rss = peakRssMb(srv.child.pid);
          if (rss != null) hono.rss.push(rss);
        } catch (e) {
          rec.fail('api.hono.rps', 'bare Hono route', 'req/s', String((e as Error).message));
          break;
        } finally {
          await srv?.stop();
        }
      }
      if (agenda.rps.length && !rec.metrics['api.agenda.rps']) {
        rec.summary(
          'api.agenda.rps',
          'GET /api/v1/agenda (autocannon, loopback): requests/s, median of the rounds',
          'req/s',
          agenda.rps,
        );
        rec.summary('api.agenda.p99', 'GET /api/v1/agenda: p99 latency, median of the rounds', 'ms', agenda.p99);
        if (agenda.bad) rec.set('api.agenda.non2xx', 'GET /api/v1/agenda: errors and non-2xx', 'count', agenda.bad);
      }
      if (serveRss.length)
        rec.set(
          'serve.rssMb',
          'kith serve peak RSS (after the load tests; the highest of the rounds)',
          'MiB',
          Math.max(...serveRss),
        );
      if (hono.rps.length && !rec.metrics['api.hono.rps']) {
        rec.summary(
          'api.hono.rps',
          'bare Hono route, same path and body shape: requests/s, median of the rounds',
          'req/s',
          hono.rps,
        );
        rec.summary('api.hono.p99', 'bare Hono route: p99 latency, median of the rounds', 'ms', hono.p99);
        rec.set('api.hono.rssMb', 'bare Hono server peak RSS', 'MiB', Math.max(...hono.rss));
      }
    }
  }
  if (smallest && s.sections.has('web')) await webSpeed(rec, kith, serveEnv, s);
  if (smallest && s.sections.has('load')) {
    const terms = queries.single.map((q) => q.terms[0] ?? '').filter(Boolean);
    const loadArgs = { kith, env: serveEnv, names: names.map((x) => x.name), terms, s, rec };
    await loadTest({ ...loadArgs, db: 'sqlite', counter: sqliteCounter(db) });
    await withPostgres(rec, async (url) => {
      const pgEnv = { ...serveEnv, KITH_HOME: freshHome('pg'), DATABASE_URL: url };
      // The restore into PostgreSQL takes over a minute at 10k: quick mode loads the LinkedIn CSV
      // (the same people, without their history) and says so.
      if (s.pgFromCsv) {
        log(`${n}: LinkedIn CSV into PostgreSQL (quick mode: no history there) …`);
        const r = runTimed(NODE, [kith, 'import', 'linkedin', file('Connections.csv'), '--json'], { env: pgEnv });
        if (r.code !== 0) throw new Error(`kith import linkedin into PostgreSQL: ${errText(r)}`);
      } else {
        log(`${n}: JSON restore into PostgreSQL (for the load test) …`);
        const r = runTimed(NODE, [kith, 'import', 'json', file('backup.json'), '--json'], { env: pgEnv });
        if (r.code !== 0) throw new Error(`kith import json into PostgreSQL: ${errText(r)}`);
        rec.set(
          'import.json-pg.recordsPerSec',
          'JSON restore into PostgreSQL (kith import json, process wall)',
          'records/s',
          records / (r.ms / 1000),
          { runs: 1 },
        );
      }
      await loadTest({
        ...loadArgs,
        env: pgEnv,
        db: 'postgres',
        counter: pgCounter(url),
        data: s.pgFromCsv ? `the LinkedIn CSV's ${csvRows} contacts, no history` : null,
      });
    });
  }
  return { contacts: n, touchpoints: counts.touchpoints ?? 0, metrics: rec.metrics };
}

const importEnv = (home: string): NodeJS.ProcessEnv => ({ ...process.env, KITH_HOME: home, NO_COLOR: '1', TZ: 'UTC' });

/** The counts `kith import … --json` printed, or why there are none. */
function importCounts(r: TimedRun): { counts: Record<string, number>; duplicates: Array<{ reason: string }> } | string {
  if (r.code !== 0) return errText(r);
  try {
    const o = JSON.parse(r.stdout) as { counts?: Record<string, number>; duplicates?: Array<{ reason: string }> };
    return o.counts ? { counts: o.counts, duplicates: o.duplicates ?? [] } : 'no counts in the JSON report';
  } catch {
    return `not JSON: ${r.stdout.slice(0, 200)}`;
  }
}

/**
 * Issue 4: "importing 10 000 vCards with duplicates among them stays linear (no pairwise
 * comparison)". One file per size (lib/vcards.ts: the bench's people, about 12% second cards:
 * the same email in other case, the same LinkedIn URL spelled differently, a namesake at the
 * same company), each imported into a fresh home with `kith import vcard FILE --json`, and the
 * summary checked against what the file was made to hold.
 */
function vcardLinearity(rec: Recorder, kith: string, s: Settings, work: string): void {
  const runs = s.importRuns;
  log(`vCards with duplicates: ${s.vcards.join(', ')} cards, ${runs} run(s) each …`);
  const perCard: number[] = [];
  const wall: number[] = [];
  // CPU time (user + system) too: on a shared machine it moves far less than the wall time.
  const cpu: number[] = [];
  for (const cards of s.vcards) {
    const file = join(work, `cards-${cards}.vcf`);
    const meta: VCardSetMeta = writeVCards(file, { seed: s.seed, cards });
    const dups = meta.duplicates;
    const label = `vCard import, ${cards} cards (${dups.email} same email, ${dups.url} same LinkedIn URL respelled, ${dups.name} namesakes at the same company), kith import vcard, process wall`;
    const key = `import.vcard.${cards}`;
    const ms: number[] = [];
    const cpuMs: number[] = [];
    const rss: number[] = [];
    let failed = false;
    for (let i = 0; i < runs; i++) {
      const home = join(work, `vcard-home-${cards}-${i}`);
      rmSync(home, { recursive: true, force: true });
      mkdirSync(home, { recursive: true });
      const r = runTimed(NODE, [kith, 'import', 'vcard', file, '--json'], { env: importEnv(home) });
      const got = importCounts(r);
      rmSync(home, { recursive: true, force: true });
      if (typeof got === 'string') {
        rec.fail(`${key}.cardsPerSec`, label, 'cards/s', got);
        failed = true;
        break;
      }
      const c = got.counts;
      const want = meta.expected;
      if (
        c.new !== want.new ||
        c.merged !== want.merged ||
        c.updated !== want.updated ||
        c.skipped !== want.skipped ||
        c.invalid !== want.invalid
      ) {
        rec.errors.push(
          `vCard import of ${cards} cards: the summary says ${JSON.stringify(c)}, the file was made for ${JSON.stringify(want)}`,
        );
      }
      if (i === 0) {
        const namesakes = got.duplicates.filter((d) => d.reason.startsWith('same name at ')).length;
        rec.set(`${key}.new`, `vCard import, ${cards} cards: new contacts (designed: ${want.new})`, 'count', c.new ?? null);
        rec.set(`${key}.merged`, `vCard import, ${cards} cards: merged (designed: ${want.merged})`, 'count', c.merged ?? null);
        rec.set(
          `${key}.hints`,
          `vCard import, ${cards} cards: likely-duplicate hints reported (the report keeps at most 500), of them "same name at <company>"`,
          'count',
          got.duplicates.length,
          { note: `${namesakes} "same name at …" hints; ${dups.name} namesakes in the file` },
        );
      }
      ms.push(r.ms);
      if (r.cpuMs != null) cpuMs.push(r.cpuMs);
      if (r.rssMb != null) rss.push(r.rssMb);
    }
    rmSync(file, { force: true });
    if (failed) return;
    rec.rate(`${key}.cardsPerSec`, label, 'cards/s', cards, ms);
    rec.set(`${key}.rssMb`, `vCard import, ${cards} cards: peak RSS`, 'MiB', rss.length ? Math.max(...rss) : null);
    const t = summarize(ms).median;
    wall.push(t);
    perCard.push(t / cards);
    cpu.push(cpuMs.length === ms.length ? summarize(cpuMs).median : Number.NaN);
    if (cpuMs.length === ms.length)
      rec.summary(`${key}.cpuMs`, `vCard import, ${cards} cards: CPU time, user + system`, 'ms', cpuMs);
  }
  const [first, last] = [0, s.vcards.length - 1];
  const a = s.vcards[first] ?? 0;
  const b = s.vcards[last] ?? 0;
  rec.set(
    'import.vcard.perCardRatio',
    `vCard import: time per card at ${b} cards / at ${a} cards (process wall, start-up included; linear: about 1, pairwise: about ${fmt(b / a)})`,
    '×',
    (perCard[last] ?? Number.NaN) / (perCard[first] ?? Number.NaN),
    { note: `${s.vcards.join(' / ')} cards` },
  );
  rec.set(
    'import.vcard.cpuPerCardRatio',
    `vCard import: CPU time per card at ${b} cards / at ${a} cards (user + system, start-up included)`,
    '×',
    (cpu[last] ?? Number.NaN) / b / ((cpu[first] ?? Number.NaN) / a),
  );
  if (s.vcards.length >= 3) {
    // The cost of the cards added between sizes, start-up cancelled out: the last step against the first.
    const step = (t: number[], k: number): number =>
      ((t[k] ?? Number.NaN) - (t[k - 1] ?? Number.NaN)) / ((s.vcards[k] ?? 0) - (s.vcards[k - 1] ?? 0));
    const steps = `from ${s.vcards[last - 1]} to ${b} cards / from ${a} to ${s.vcards[1]} (start-up cancels out)`;
    rec.set(
      'import.vcard.marginalRatio',
      `vCard import: wall time per added card ${steps}`,
      '×',
      step(wall, last) / step(wall, 1),
    );
    rec.set(
      'import.vcard.cpuMarginalRatio',
      `vCard import: CPU time per added card ${steps}`,
      '×',
      step(cpu, last) / step(cpu, 1),
    );
  }
}

/**
 * Issue 4: "a 1 GB mbox imports with peak RSS under 300 MB". The mbox (lib/big-mbox.ts, reused
 * from the data directory) is imported for real, into a fresh home that knows this size's people
 * and their email addresses (a vCard file of contacts 0 … n-1, imported first) and the user's own
 * address, so every message is parsed, matched, threaded and written, and committed.
 */
function bigMbox(rec: Recorder, kith: string, s: Settings, work: string, n: number): void {
  const mb = s.mboxMb;
  const size = mb >= 1024 ? `${fmt(mb / 1024)} GiB` : `${fmt(mb)} MiB`;
  const scale = mb >= 1024 ? '' : `; ${size}, smaller than the 1 GiB the target names, not judged`;
  const label = (what: string): string =>
    `large mbox (${size}, ${n} contacts known), kith import mbox, real run${scale}: ${what}`;
  let big: ReturnType<typeof ensureBigMbox>;
  try {
    big = ensureBigMbox(ROOT, s.dataDir, n, s.seed, mb, log);
  } catch (e) {
    rec.fail('import.bigMbox.rssMb', label('peak RSS'), 'MiB', String((e as Error).message));
    return;
  }
  if (big.generateMs != null)
    rec.set('import.bigMbox.generateMs', `large mbox (${size}): generated, streamed to disk`, 'ms', big.generateMs);
  const home = join(work, 'big-mbox-home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  try {
    log(`large mbox: a home with ${n} contacts (vCards) …`);
    const people = join(work, 'people.vcf');
    writeVCards(people, { seed: s.seed, cards: n, duplicates: false });
    runOrThrow(NODE, [kith, 'me', '--email', 'alex@me.example', '--name', 'Alex Example'], importEnv(home));
    runOrThrow(NODE, [kith, 'import', 'vcard', people, '--json'], importEnv(home));
    rmSync(people, { force: true });
    log(`large mbox: kith import mbox (${fmt(big.meta.bytes / 2 ** 20)} MiB, ${big.meta.messages} messages) …`);
    const r = runTimed(NODE, [kith, 'import', 'mbox', big.path, '--json'], { env: importEnv(home) });
    const got = importCounts(r);
    if (typeof got === 'string') {
      rec.fail('import.bigMbox.rssMb', label('peak RSS'), 'MiB', got);
      if (r.rssMb != null) rec.set('import.bigMbox.failedRssMb', label('peak RSS of the failed run'), 'MiB', r.rssMb);
      return;
    }
    rec.set('import.bigMbox.rssMb', label('peak RSS'), 'MiB', r.rssMb, { runs: 1 });
    rec.set('import.bigMbox.messagesPerSec', label('messages/s'), 'messages/s', big.meta.messages / (r.ms / 1000), { runs: 1 });
    rec.set('import.bigMbox.ms', label('wall'), 'ms', r.ms);
    rec.set('import.bigMbox.fileMb', 'large mbox: file size', 'MiB', big.meta.bytes / 2 ** 20);
    rec.set('import.bigMbox.messages', 'large mbox: messages in the file', 'count', big.meta.messages);
    const c = got.counts;
    rec.set('import.bigMbox.new', `large mbox: new touchpoints (designed: ${big.meta.known})`, 'count', c.new ?? null);
    rec.set(
      'import.bigMbox.skipped',
      `large mbox: messages skipped (designed: ${big.meta.messages - big.meta.known} from senders nobody knows)`,
      'count',
      c.skipped ?? null,
    );
    if (c.new !== big.meta.known || c.skipped !== big.meta.messages - big.meta.known || c.invalid !== 0)
      rec.errors.push(
        `large mbox: the summary says ${JSON.stringify(c)}, the file holds ${big.meta.known} messages with known people and ${big.meta.messages - big.meta.known} from unknown senders`,
      );
  } catch (e) {
    rec.fail('import.bigMbox.rssMb', label('peak RSS'), 'MiB', String((e as Error).message));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Issue 6's speed figures in headless chromium (lib/web-perf.ts), on this size's home with an
 * owner login added for the browser.
 */
async function webSpeed(rec: Recorder, kith: string, env: NodeJS.ProcessEnv, s: Settings): Promise<void> {
  log(`${rec.contacts}: web app in headless chromium (Today ${s.webLoads}×, contacts list scrolled to the end) …`);
  const email = 'bench-web@example.com';
  const password = 'bench-web-password-1';
  let srv: Started | null = null;
  let browser: Browser | null = null;
  try {
    const add = runTimed(NODE, [kith, 'user', 'add', email, '--name', 'Bench Web', '--password-stdin'], {
      env,
      input: `${password}\n`,
    });
    if (add.code !== 0) throw new Error(`kith user add: ${errText(add)}`);
    srv = await startServer(NODE, [kith, 'serve', '--port', '0'], env);
    await waitFor200(`${srv.url}/healthz`, process.hrtime.bigint());
    await waitForIntegrity(srv.url);
    const { launchChromium } = await import('../e2e/harness.js');
    browser = await launchChromium();
    const w = await measureWeb(browser, { url: srv.url, email, password, loads: s.webLoads });
    rec.summary(
      'web.today.ms',
      `Today in headless chromium: navigation start to the agenda list in the DOM (${w.todayItems} items)`,
      'ms',
      w.todayMs,
    );
    rec.set(
      'web.initialJs.kib',
      `initial route's JavaScript, gzipped (${w.initialJsFiles.length} files)`,
      'KiB',
      w.initialJsGzipBytes / 1024,
    );
    rec.set(
      'web.scroll.longestTaskMs',
      `contacts list scrolled top to bottom (${w.scrollRows} rows, ${fmt(w.scrollMs / 1000)} s): longest long task (0: none)`,
      'ms',
      w.scrollLongestTaskMs,
      {
        note: `${w.scrollLongTasks.length} long tasks${
          w.scrollLongTasks.length
            ? `: ${w.scrollLongTasks
                .map((x) => fmt(x))
                .join(', ')
                .slice(0, 120)} ms`
            : ''
        }`,
      },
    );
    rec.set(
      'web.scroll.longestTaskCpuMs',
      'contacts list scroll: longest main-thread task, CPU time (Chrome trace; a long task is wall time, and waits for a core on a busy machine)',
      'ms',
      w.scrollLongestTaskCpuMs,
    );
  } catch (e) {
    rec.fail('web.today.ms', 'web app in headless chromium', 'ms', String((e as Error).message));
  } finally {
    await browser?.close();
    await srv?.stop();
  }
}

/** Rows in the tables the load test writes, read straight from the database (not through kith). */
type Counter = () => Promise<{ touchpoints: number; contacts: number }>;

function sqliteCounter(file: string): Counter {
  return async () => {
    const sqlite = new Database(file, { readonly: true });
    try {
      const one = (t: string): number => (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      return { touchpoints: one('touchpoints'), contacts: one('contacts') };
    } finally {
      sqlite.close();
    }
  };
}

function pgCounter(url: string): Counter {
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const one = async (t: string): Promise<number> =>
        (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]?.n ?? Number.NaN;
      return { touchpoints: await one('touchpoints'), contacts: await one('contacts') };
    } finally {
      await client.end();
    }
  };
}

/** Runs `body` with a fresh embedded PostgreSQL server; a failure is recorded, never thrown. */
async function withPostgres(rec: Recorder, body: (url: string) => Promise<void>): Promise<void> {
  let server: ThrowawayPostgres | null = null;
  try {
    server = await startPostgres();
    await body(server.url);
  } catch (e) {
    rec.fail('load.postgres.errors', 'load test on PostgreSQL', 'count', String((e as Error).message));
  } finally {
    await server?.stop();
  }
}

/**
 * Issue 8's load test on one database: a read-write API token, `kith serve`, the mixed workload
 * (lib/load-test.ts) at 32 connections, then the check that the touchpoints and contacts in the
 * database grew by exactly the 2xx POSTs that wrote them.
 */
async function loadTest(a: {
  kith: string;
  env: NodeJS.ProcessEnv;
  db: 'sqlite' | 'postgres';
  names: string[];
  terms: string[];
  s: Settings;
  rec: Recorder;
  counter: Counter;
  /** What the database holds when it is not the size's full dataset (said in the label). */
  data?: string | null;
}): Promise<void> {
  const { s, rec, db } = a;
  const name = db === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const quickNote = s.loadSeconds < 60 ? `, ${s.loadSeconds} s: shorter than the 60 s of a full run` : `, ${s.loadSeconds} s`;
  const k = (m: string): string => `load.${db}.${m}`;
  let srv: Started | null = null;
  try {
    const tokenOut = runTimed(
      NODE,
      [a.kith, 'user', 'token', 'add', `bench-load-${Date.now()}`, '--scope', 'read-write', '--json'],
      { env: a.env },
    );
    const token = tokenOut.code === 0 ? (JSON.parse(tokenOut.stdout) as { token?: string }).token : undefined;
    if (!token) throw new Error(`no API token: ${errText(tokenOut)}`);
    srv = await startServer(NODE, [a.kith, 'serve', '--port', '0'], a.env);
    const base = srv.url;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await waitFor200(`${base}/healthz`, process.hrtime.bigint());
    await waitForIntegrity(base);
    const list = await fetch(`${base}/api/v1/contacts?limit=500`, { headers });
    if (list.status !== 200) throw new Error(`GET /api/v1/contacts answered ${list.status}`);
    const contactIds = ((await list.json()) as { contacts: Array<{ id: string }> }).contacts.map((c) => c.id);
    // Capture resolves names itself: keep the names it resolves to exactly one contact.
    const captureNames: string[] = [];
    for (const who of a.names) {
      const r = await fetch(`${base}/api/v1/capture`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: `coffee with ${who}`, dryRun: true }),
      });
      const o = (await r.json()) as { touchpoint?: unknown };
      if (r.status === 200 && o.touchpoint) captureNames.push(who);
    }
    if (!contactIds.length || !captureNames.length || !a.terms.length)
      throw new Error(
        `nothing to load with: ${contactIds.length} contacts, ${captureNames.length} capture names, ${a.terms.length} terms`,
      );
    log(`${name}: mixed load test (${s.loadConnections} connections, ${s.loadSeconds} s) …`);
    const before = await a.counter();
    const r = await mixedLoad({
      url: base,
      token,
      contactIds,
      captureNames,
      terms: a.terms,
      seconds: s.loadSeconds,
      connections: s.loadConnections,
    });
    const rss = peakRssMb(srv.child.pid);
    await srv.stop();
    srv = null;
    const after = await a.counter();
    const label = `load test on ${name} (mixed reads and writes, ${s.loadConnections} connections${quickNote}${a.data ? `; ${a.data}` : ''})`;
    rec.set(k('rps'), `${label}: requests/s`, 'req/s', r.rps, { runs: 1 });
    rec.set(k('p99'), `${label}: p99 latency`, 'ms', r.p99);
    rec.set(
      k('errors'),
      `${label}: errors, timeouts and non-2xx`,
      'count',
      r.errors,
      r.samples.length ? { note: r.samples.join(' | ').slice(0, 300) } : {},
    );
    rec.set(k('rssMb'), `${label}: kith serve peak RSS`, 'MiB', rss);
    const tpWritten = after.touchpoints - before.touchpoints;
    const cWritten = after.contacts - before.contacts;
    const created = r.byKind.newContact.ok;
    rec.set(k('touchpointsWritten'), `${label}: touchpoints written (2xx POSTs: ${r.touchpointsAcked})`, 'count', tpWritten);
    rec.set(k('contactsWritten'), `${label}: contacts written (2xx POSTs: ${created})`, 'count', cWritten);
    const mix = Object.entries(r.byKind)
      .map(([kind, c]) => `${kind} ${c.ok}${c.bad ? `+${c.bad} failed` : ''}`)
      .join(', ');
    log(
      `${name}: ${r.requests} requests (${mix}); ${r.errors} errors (${r.timeouts} timeouts); p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms`,
    );
    if (tpWritten !== r.touchpointsAcked || cWritten !== created || r.writesUnanswered)
      rec.errors.push(
        `${rec.contacts} contacts, load test on ${name}: the data does not add up: ${tpWritten} touchpoints written for ${r.touchpointsAcked} 2xx POSTs, ${cWritten} contacts for ${created}, ${r.writesUnanswered} writes never answered`,
      );
  } catch (e) {
    rec.fail(k('errors'), `load test on ${name}`, 'count', String((e as Error).message));
  } finally {
    await srv?.stop();
  }
}

/** One second of warm-up, then `apiSeconds` measured; mean requests/s and p99 latency. */
async function load(
  url: string,
  headers: Record<string, string>,
  s: Settings,
): Promise<{ rps: number; p99: number; bad: number }> {
  await autocannon({ url, headers, connections: s.connections, duration: 1 });
  const r = await autocannon({ url, headers, connections: s.connections, duration: s.apiSeconds });
  // Completed responses over the measured seconds: autocannon's per-second average reads 0 when
  // every response takes longer than a second.
  return { rps: r.requests.total / (r.duration || s.apiSeconds), p99: r.latency.p99, bad: r.errors + r.non2xx };
}

async function main(): Promise<void> {
  const { s, mode } = settingsFrom(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const errors: string[] = [];
  mkdirSync(s.outDir, { recursive: true });
  if (!hasGnuTime) errors.push('/usr/bin/time is missing: no peak RSS for child processes');
  // The build stays inside the repository whatever --out-dir says: its imports resolve through node_modules.
  const kith = s.kith ?? ensureBuild(ROOT, join(ROOT, 'bench', 'out', 'build'), log);
  const work = mkdtempSync(join(tmpdir(), 'kith-bench-work-'));
  const results: BenchResults = {
    format: 'kith-bench',
    version: 1,
    startedAt,
    finishedAt: '',
    mode,
    machine: machine(),
    settings: { ...s, kith },
    sizes: [],
    targets: [],
    errors,
  };
  try {
    const template = makeTemplate(kith, work);
    for (const n of s.sizes) {
      const ds = ensureDataset(ROOT, s.dataDir, n, s.seed, log);
      try {
        // The web app and the load test run on the smallest size (PostgreSQL is loaded through `kith import json`).
        results.sizes.push(await benchSize(ds, s, kith, template, work, errors, n === Math.min(...s.sizes)));
      } catch (e) {
        errors.push(`${n} contacts: ${(e as Error).stack ?? String(e)}`);
      }
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work, { recursive: true });
      Object.assign(template, makeTemplate(kith, work));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  results.targets = evaluateTargets(results.sizes);
  results.finishedAt = new Date().toISOString();
  const md = renderMarkdown(results);
  writeFileSync(join(s.outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(s.outDir, 'latest.md'), md);
  process.stdout.write(md);
  log(`wrote ${join(s.outDir, 'latest.json')} (free memory now ${Math.round(freemem() / 2 ** 20)} MiB)`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
