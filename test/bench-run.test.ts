/**
 * The benchmark harness end to end on a tiny dataset (the browser and the PostgreSQL load test
 * included): it runs, and writes a well-formed latest.json. No figure is asserted (the machine is shared); only shapes and that every
 * measurement happened.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../bench/lib/report.js';
import { TARGET_IDS } from '../bench/lib/targets.js';

const ROOT = resolve(import.meta.dirname, '..');
const N = 150;
let dir: string;
let code: number | null;
let stderr: string;
let results: BenchResults;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kith-bench-test-'));
  const args = ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), '--contacts', String(N), '--runs', '1', '--api-seconds', '1', '--load-seconds', '2'];
  // issue 4's import figures on small files: the code path of the full run, in seconds
  args.push('--vcards', '100,200,400', '--mbox-mb', '1');
  args.push('--data-dir', join(dir, 'data'), '--out-dir', join(dir, 'out'), '--kith', join(ROOT, 'bin', 'kith.cjs'));
  ({ code, stderr } = await new Promise<{ code: number | null; stderr: string }>((res) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } }, (err, _out, errOut) => {
      res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr: errOut });
    });
  }));
  results = JSON.parse(readFileSync(join(dir, 'out', 'latest.json'), 'utf8')) as BenchResults;
}, 400_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run bench on a tiny dataset', () => {
  it('exits 0 with no errors recorded', () => {
    expect(code, stderr.slice(-2000)).toBe(0);
    expect(results.errors).toEqual([]);
  });

  it('says what machine it ran on and how', () => {
    expect(results).toMatchObject({ format: 'kith-bench', version: 1, mode: 'custom' });
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.model).toMatch(/\S/);
    expect(Date.parse(results.finishedAt)).toBeGreaterThanOrEqual(Date.parse(results.startedAt));
  });

  it('measured every figure the targets need, each with a label and a unit', () => {
    expect(results.sizes.map((s) => s.contacts)).toEqual([N]);
    const metrics = results.sizes[0]?.metrics ?? {};
    for (const [key, m] of Object.entries(metrics)) {
      expect(m.label, key).toMatch(/\S/);
      expect(m.unit, key).toMatch(/\S/);
      expect(m.value === null || (typeof m.value === 'number' && Number.isFinite(m.value)), key).toBe(true);
    }
    const needed = [
      'cli.node.ms', 'cli.raw-today.ms', 'cli.today.ms', 'cli.search.ms', 'cli.show.ms', 'cli.today.rssMb',
      'import.linkedin.rowsPerSec', 'import.linkedin-raw.rowsPerSec', 'import.json.recordsPerSec', 'import.json-raw.rowsPerSec',
      'search.kith.p95', 'search.fts5.p95', 'search.kith-single.p95', 'search.ripgrep.p95', 'search.api.p95',
      'agenda.ms', 'api.agenda.rps', 'api.hono.rps', 'serve.healthz.ms', 'serve.root.ms', 'serve.rssMb',
      'web.today.ms', 'web.initialJs.kib', 'web.scroll.longestTaskMs', 'web.scroll.longestTaskCpuMs', 'import.json-pg.recordsPerSec',
      'load.sqlite.rps', 'load.sqlite.p99', 'load.sqlite.errors', 'load.sqlite.rssMb', 'load.sqlite.touchpointsWritten',
      'load.postgres.rps', 'load.postgres.p99', 'load.postgres.errors', 'load.postgres.rssMb', 'load.postgres.touchpointsWritten',
      'import.vcard.100.cardsPerSec', 'import.vcard.400.cardsPerSec', 'import.vcard.perCardRatio', 'import.vcard.marginalRatio',
      'import.bigMbox.rssMb', 'import.bigMbox.messagesPerSec', 'import.mbox.messagesPerSec',
    ];
    for (const key of needed) expect(metrics[key]?.value, key).toEqual(expect.any(Number));
  });

  it('lists every target with its value, limit and whether it is met', () => {
    expect(results.targets.map((t) => t.id)).toEqual(TARGET_IDS);
    for (const t of results.targets) {
      expect(typeof t.limit).toBe('number');
      expect([true, false, null]).toContain(t.met);
      // only agenda scaling needs a second size
      if (t.id !== 'agenda-scaling') expect(t.value, t.id).toEqual(expect.any(Number));
    }
    // a 150-contact run cannot judge the 100 000-contact targets
    expect(results.targets.find((t) => t.id === 'server-cold-start')?.met).toBeNull();
  });

  it('writes the Markdown table next to the JSON', () => {
    const md = readFileSync(join(dir, 'out', 'latest.md'), 'utf8');
    expect(md).toContain('| target | limit | measured | met | detail |');
    expect(md).toContain(`${results.machine.cores} × ${results.machine.model}`);
  });
});

describe('npm run bench -- --only', () => {
  const bench = (extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((res) => {
      const args = ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), ...extra];
      execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, errOut) => {
        res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr: errOut });
      });
    });

  it('lists the sections in --help and refuses one that does not exist', async () => {
    const help = await bench(['--help']);
    expect(help.code).toBe(0);
    for (const s of ['import', 'restore', 'vcard', 'mbox', 'cli', 'search', 'serve', 'api', 'web', 'load']) expect(help.stdout).toMatch(new RegExp(`^ +${s} `, 'm'));
    const bad = await bench(['--only', 'import,nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--only: "nope" is not a section/);
  });

  it('runs only the sections named: no restore, no CLI, no server', async () => {
    const out = join(dir, 'out-only');
    const r = await bench(['--contacts', String(N), '--only', 'vcard,import', '--vcards', '50,100', '--runs', '1', '--data-dir', join(dir, 'data'), '--out-dir', out, '--kith', join(ROOT, 'bin', 'kith.cjs')]);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const res = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as BenchResults;
    expect(res.errors).toEqual([]);
    const keys = Object.keys(res.sizes[0]?.metrics ?? {});
    expect(keys).toContain('import.linkedin.rowsPerSec');
    expect(keys).toContain('import.vcard.perCardRatio');
    expect(keys.filter((k) => /^(import\.json|import\.mbox|import\.bigMbox|cli|search|serve|api|web|load)\./.test(k))).toEqual([]);
  }, 120_000);
});
