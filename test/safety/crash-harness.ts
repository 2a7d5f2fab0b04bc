/**
 * The crash campaign: SIGKILLs a `kith import` of a large backup, a `kith serve`
 * under write load (HTTP and CLI writers) and lone `kith log` writers at random
 * moments. After every kill the file must pass `PRAGMA integrity_check`, every
 * acknowledged write (exit 0, or a 2xx response) must be there, and an import must be
 * all there or not there at all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '../../src/app/accounts.js';
import { createContact } from '../../src/app/contacts.js';
import { openApp } from '../../src/app/session.js';
import { BIN, kith } from '../support/cli.js';
import { waitForIntegrity } from '../support/serve.js';
import { bigBackupJson } from './big-backup.js';
import { fullIntegrityCheck, scalar } from './support.js';
import BetterSqlite3 from 'better-sqlite3';

export interface CrashOptions {
  seed: number;
  lanes: number;
  importKillsPerLane: number;
  serveKillsPerLane: number;
  cliKillsPerLane: number;
  contacts: number;
  touchpoints: number;
  /** Longest wait before killing an import (ms); it should be about the import's duration. */
  importWindowMs: number;
  /** More CLI kill rounds at the end until at least this many kills were made. */
  minKills?: number;
}

export interface CrashStats {
  kills: number;
  importKills: number;
  importsAbsent: number;
  importsCompleteBeforeKill: number;
  serveKills: number;
  cliKills: number;
  acknowledged: number;
  integrityFailures: string[];
  lostWrites: string[];
  partialImports: string[];
  userErrors: string[];
}

/** A small seeded PRNG (mulberry32), so a failing campaign can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const envFor = (home: string) => ({ PATH: process.env.PATH ?? '', TZ: 'UTC', KITH_HOME: home, NO_COLOR: '1' });

function start(
  home: string,
  args: string[],
): { child: ChildProcess; exited: Promise<number | null>; stdout: () => string; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { env: envFor(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, stdout: () => out, stderr: () => err };
}

/** Kills with SIGKILL if still running; true when the kill landed on a live process. */
function killIfRunning(child: ChildProcess): boolean {
  if (child.exitCode !== null || child.signalCode !== null) return false;
  return child.kill('SIGKILL');
}

function newStats(): CrashStats {
  return {
    kills: 0,
    importKills: 0,
    importsAbsent: 0,
    importsCompleteBeforeKill: 0,
    serveKills: 0,
    cliKills: 0,
    acknowledged: 0,
    integrityFailures: [],
    lostWrites: [],
    partialImports: [],
    userErrors: [],
  };
}

/** Every summary of the acknowledged writes that is missing from the file. */
function missing(db: string, acked: Set<string>): string[] {
  const raw = new BetterSqlite3(db);
  try {
    raw.pragma('busy_timeout = 10000');
    const have = new Set((raw.prepare('SELECT summary FROM touchpoints').raw().all() as string[][]).map((r) => r[0]));
    return [...acked].filter((s) => !have.has(s));
  } finally {
    raw.close();
  }
}

function verify(where: string, db: string, acked: Set<string>, stats: CrashStats): void {
  const check = fullIntegrityCheck(db);
  if (check.length !== 1 || check[0] !== 'ok') stats.integrityFailures.push(`${where}: ${check.slice(0, 3).join('; ')}`);
  for (const s of missing(db, acked)) stats.lostWrites.push(`${where}: ${s}`);
}

/** A home with one contact to write about, and an API token for the server. */
async function prepareHome(): Promise<{ home: string; token: string }> {
  const home = mkdtempSync(join(tmpdir(), 'kith-crash-'));
  const app = await openApp({ KITH_HOME: home });
  try {
    await createContact(app.ctx, { name: 'Anchor Person' });
    const { token } = await createApiToken(app.ctx, { name: 'crash test', scope: 'read-write' });
    return { home, token };
  } finally {
    await app.close();
  }
}

async function ackedLog(home: string, summary: string, acked: Set<string>, stats: CrashStats): Promise<void> {
  const r = await kith(home, ['log', 'dm', '--with', 'anchor', '--summary', summary]);
  if (r.code === 0) {
    acked.add(summary);
    stats.acknowledged++;
  } else stats.userErrors.push(`kith log: exit ${r.code}: ${r.stderr.trim()}`);
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

async function importLane(lane: number, o: CrashOptions, rnd: () => number, stats: CrashStats): Promise<void> {
  const { home } = await prepareHome();
  const db = join(home, 'kith.db');
  const acked = new Set<string>();
  const files = mkdtempSync(join(tmpdir(), 'kith-crash-files-'));
  try {
    await ackedLog(home, `import-lane-${lane}-before`, acked, stats);
    for (let i = 0; i < o.importKillsPerLane; i++) {
      const prefix = 0x10000 + lane * 0x1000 + i * 2;
      const file = join(files, `big-${i}.json`);
      writeFileSync(file, bigBackupJson(o.contacts, o.touchpoints, prefix));
      const p = start(home, ['import', file, '--json']);
      await Promise.race([p.exited, sleep(150 + rnd() * o.importWindowMs)]);
      const killed = killIfRunning(p.child);
      const code = await p.exited;
      if (killed) {
        stats.kills++;
        stats.importKills++;
      } else if (code !== 0) stats.userErrors.push(`kith import: exit ${code}: ${p.stderr().trim()}`);
      const where = `import lane ${lane} #${i}${killed ? ' (killed)' : ''}`;
      verify(where, db, acked, stats);
      const c = Number(scalar(db, 'SELECT count(*) FROM contacts WHERE id LIKE ?', `${hex8(prefix)}-%`));
      const t = Number(scalar(db, 'SELECT count(*) FROM touchpoints WHERE id LIKE ?', `${hex8(prefix + 1)}-%`));
      const complete = c === o.contacts && t === o.touchpoints;
      if (!(complete || (c === 0 && t === 0))) stats.partialImports.push(`${where}: ${c} contacts, ${t} touchpoints`);
      if (killed && complete) stats.importsCompleteBeforeKill++;
      if (killed && c === 0 && t === 0) stats.importsAbsent++;
      if (!killed && !complete) stats.partialImports.push(`${where}: exited ${code} but the import is not there`);
      rmSync(file, { force: true });
      await ackedLog(home, `import-lane-${lane}-after-${i}`, acked, stats);
    }
  } finally {
    rmSync(files, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

/** The server's URL once it accepts writes (its start-up integrity check has passed), or null. */
async function waitForUrl(p: ReturnType<typeof start>): Promise<string | null> {
  for (let i = 0; i < 300; i++) {
    const m = /running at (http:\/\/\S+)/.exec(p.stdout());
    if (m?.[1]) return (await waitForIntegrity(m[1])) === 'ok' ? m[1] : null;
    if (p.child.exitCode !== null) return null;
    await sleep(20);
  }
  return null;
}

async function serveLane(lane: number, o: CrashOptions, rnd: () => number, stats: CrashStats): Promise<void> {
  const { home, token } = await prepareHome();
  const db = join(home, 'kith.db');
  const acked = new Set<string>();
  let n = 0;
  try {
    for (let i = 0; i < o.serveKillsPerLane; i++) {
      const server = start(home, ['serve', '--port', '0']);
      const url = await waitForUrl(server);
      if (!url) {
        stats.userErrors.push(`kith serve did not start: ${server.stderr().trim().slice(0, 500)}`);
        killIfRunning(server.child);
        await server.exited;
        continue;
      }
      let stop = false;
      const httpWriter = async (): Promise<void> => {
        while (!stop) {
          const summary = `http-${lane}-${i}-${n++}`;
          try {
            const res = await fetch(`${url}/api/v1/touchpoints`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ kind: 'dm', with: ['anchor'], summary }),
            });
            await res.text();
            if (res.status >= 200 && res.status < 300) {
              acked.add(summary);
              stats.acknowledged++;
            } else if (!stop) stats.userErrors.push(`POST ${res.status}`);
          } catch {
            // The server died mid-request: not acknowledged.
            return;
          }
        }
      };
      const cliWriter = async (): Promise<void> => {
        while (!stop) await ackedLog(home, `cli-${lane}-${i}-${n++}`, acked, stats);
      };
      const writers = [httpWriter(), httpWriter(), httpWriter(), cliWriter()];
      await sleep(200 + rnd() * 1300);
      if (killIfRunning(server.child)) {
        stats.kills++;
        stats.serveKills++;
      }
      await server.exited;
      stop = true;
      await Promise.all(writers);
      verify(`serve lane ${lane} #${i}`, db, acked, stats);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function cliLane(lane: number, o: CrashOptions, rnd: () => number, stats: CrashStats, killWithinMs = 680): Promise<void> {
  const { home } = await prepareHome();
  const db = join(home, 'kith.db');
  const acked = new Set<string>();
  // How long a whole `kith log` took here, of the victims that finished: the kill is aimed inside
  // that life, so that it lands on a machine where the command is quicker than `killWithinMs`.
  const lives: number[] = [];
  try {
    for (let i = 0; i < o.cliKillsPerLane; i++) {
      // Two writers at once, one of them killed: the kill may land while the other waits for the lock.
      const summary = `victim-${lane}-${i}`;
      const born = Date.now();
      const victim = start(home, ['log', 'dm', '--with', 'anchor', '--summary', summary]);
      const other = ackedLog(home, `bystander-${lane}-${i}`, acked, stats);
      const life = lives.length ? [...lives].sort((a, b) => a - b)[Math.floor(lives.length / 2)]! : killWithinMs;
      const window = Math.max(20, Math.min(killWithinMs, 0.9 * life));
      const earliest = Math.min(80, window / 2);
      await Promise.race([victim.exited, sleep(earliest + rnd() * (window - earliest))]);
      const killed = killIfRunning(victim.child);
      const code = await victim.exited;
      if (!killed && code === 0) lives.push(Date.now() - born);
      await other;
      if (killed) {
        stats.kills++;
        stats.cliKills++;
      } else if (code === 0) {
        acked.add(summary);
        stats.acknowledged++;
      } else stats.userErrors.push(`kith log: exit ${code}: ${victim.stderr().trim()}`);
      verify(`cli lane ${lane} #${i}${killed ? ' (killed)' : ''}`, db, acked, stats);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Runs the campaign: per lane an import, a server and a CLI campaign side by side, each on its own files. */
export async function crashCampaign(o: CrashOptions): Promise<CrashStats> {
  const stats = newStats();
  const rnd = prng(o.seed);
  const lanes: Promise<void>[] = [];
  for (let lane = 0; lane < o.lanes; lane++) {
    const r = prng(Math.floor(rnd() * 2 ** 32));
    lanes.push(importLane(lane, o, r, stats), serveLane(lane, o, r, stats), cliLane(lane, o, r, stats));
  }
  await Promise.all(lanes);
  // Top up with CLI kills aimed early in the process's life, so the minimum is reached even on a
  // machine fast enough that writers often finish before the kill lands.
  for (let extra = 0; stats.kills < (o.minKills ?? 0) && extra < 40; extra++) {
    await cliLane(o.lanes + extra, { ...o, cliKillsPerLane: (o.minKills ?? 0) - stats.kills }, rnd, stats, 200);
  }
  return stats;
}

/** One line for the test output. */
export function describeStats(s: CrashStats, seed: number, ms: number): string {
  return (
    `crash test (seed ${seed}): ${s.kills} SIGKILLs in ${(ms / 1000).toFixed(1)} s ` +
    `(${s.importKills} imports: ${s.importsAbsent} left no trace, ${s.importsCompleteBeforeKill} had committed; ` +
    `${s.serveKills} servers under write load; ${s.cliKills} CLI writers), ${s.acknowledged} acknowledged writes, ` +
    `${s.integrityFailures.length} integrity failures, ${s.lostWrites.length} lost writes, ${s.partialImports.length} partial imports`
  );
}
