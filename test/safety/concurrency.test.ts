/**
 * Concurrency: several processes write one database at once (writer processes with
 * hundreds of writes each, CLI `kith log` loops and, on SQLite, a `kith serve` taking
 * HTTP writes); no error reaches anyone and the counts add up. On SQLite and PostgreSQL.
 */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/app/accounts.js';
import { createContact } from '../../src/app/contacts.js';
import { openApp, type Env } from '../../src/app/session.js';
import { kith, tempHome } from '../support/cli.js';
import { waitForIntegrity } from '../support/serve.js';
import { freshPgDatabase } from '../support/stores.js';
import { fullIntegrityCheck, scalar } from './support.js';

const WRITER = join(import.meta.dirname, 'writer-process.ts');

/** Runs the writer process; resolves to its exit code and stderr. */
function writer(env: Record<string, string>, count: number, tag: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', WRITER, String(count), tag],
      { env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (err, _stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stderr }),
    );
  });
}

/** `n` CLI writes one after the other; the exit codes and error output of the ones that failed. */
async function cliLoop(home: string, env: Record<string, string>, n: number, tag: string): Promise<string[]> {
  const errors: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await kith(home, ['log', 'dm', '--with', 'anchor', '--summary', `${tag}-${i}`], env);
    if (r.code !== 0) errors.push(`${tag}-${i}: exit ${r.code}: ${r.stderr}`);
  }
  return errors;
}

async function seed(env: Env): Promise<string> {
  const app = await openApp(env);
  try {
    await createContact(app.ctx, { name: 'Anchor Person' });
    return (await createApiToken(app.ctx, { name: 'load', scope: 'read-write' })).token;
  } finally {
    await app.close();
  }
}

async function touchCount(home: string, env: Record<string, string>): Promise<number> {
  const r = await kith(home, ['export', 'json'], env);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { touchpoints: unknown[] }).touchpoints.length;
}

describe('concurrent writers', () => {
  it(
    'SQLite: writer processes, CLI loops and the server write one file; nothing lost, no errors',
    { timeout: 240_000 },
    async () => {
      const home = tempHome();
      const token = await seed({ KITH_HOME: home });
      const server = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'kith.cjs'), 'serve', '--port', '0'], {
        env: { PATH: process.env.PATH ?? '', TZ: 'UTC', KITH_HOME: home, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let serverErr = '';
      server.stdout.on('data', (d: Buffer) => (out += d.toString()));
      server.stderr.on('data', (d: Buffer) => (serverErr += d.toString()));
      let stopping = false;
      server.on('exit', (code, signal) => {
        if (!stopping) console.log(`kith serve exited early (${code ?? signal}): ${serverErr.slice(-3000)}`);
      });
      let url: string | undefined;
      for (let i = 0; i < 500 && !url; i++) {
        url = /running at (http:\/\/\S+)/.exec(out)?.[1];
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(url).toBeDefined();
      expect(await waitForIntegrity(url ?? '')).toBe('ok');
      const http = async (n: number, tag: string): Promise<string[]> => {
        const errors: string[] = [];
        for (let i = 0; i < n; i++) {
          const res = await fetch(`${url}/api/v1/touchpoints`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'dm', with: ['anchor'], summary: `${tag}-${i}` }),
          });
          const body = await res.text();
          if (res.status !== 201) errors.push(`${tag}-${i}: ${res.status} ${body}`);
        }
        return errors;
      };
      const env = { KITH_HOME: home };
      const [w1, w2, w3, h1, h2, c1, c2] = await Promise.all([
        writer(env, 200, 'proc-a'),
        writer(env, 200, 'proc-b'),
        writer(env, 200, 'proc-c'),
        http(150, 'http-a'),
        http(150, 'http-b'),
        cliLoop(home, {}, 25, 'cli-a'),
        cliLoop(home, {}, 25, 'cli-b'),
      ]);
      stopping = true;
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      for (const w of [w1, w2, w3]) expect(w).toEqual({ code: 0, stderr: '' });
      expect([...(h1 ?? []), ...(h2 ?? []), ...(c1 ?? []), ...(c2 ?? [])]).toEqual([]);
      expect(await touchCount(home, {})).toBe(3 * 200 + 2 * 150 + 2 * 25);
      const db = join(home, 'kith.db');
      expect(fullIntegrityCheck(db)).toEqual(['ok']);
      expect(Number(scalar(db, "SELECT count(DISTINCT summary) FROM touchpoints WHERE summary LIKE 'proc-%'"))).toBe(600);
    },
  );

  it('PostgreSQL: writer processes and CLI loops write one database; nothing lost, no errors', { timeout: 240_000 }, async () => {
    const url = await freshPgDatabase();
    const home = tempHome();
    const env = { DATABASE_URL: url };
    await seed({ ...env, KITH_HOME: home });
    const [w1, w2, w3, c1, c2] = await Promise.all([
      writer(env, 200, 'proc-a'),
      writer(env, 200, 'proc-b'),
      writer(env, 200, 'proc-c'),
      cliLoop(home, env, 15, 'cli-a'),
      cliLoop(home, env, 15, 'cli-b'),
    ]);
    for (const w of [w1, w2, w3]) expect(w).toEqual({ code: 0, stderr: '' });
    expect([...(c1 ?? []), ...(c2 ?? [])]).toEqual([]);
    expect(await touchCount(home, env)).toBe(3 * 200 + 2 * 15);
  });
});
