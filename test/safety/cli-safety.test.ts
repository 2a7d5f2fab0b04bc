/**
 * Data safety through the real binary: kith backup / backup list / restore (every
 * listed backup gives back exactly the data of its moment), the snapshot before an
 * import, kith serve refusing a damaged database and taking its daily backup, and
 * kith backup on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../src/app/backup.js';
import { BIN, ROOT, kith, tempHome } from '../support/cli.js';
import { freshPgDatabase } from '../support/stores.js';
import { damagePages } from './support.js';

interface Listed {
  name: string;
  kind: string;
  takenAt: string;
  bytes: number;
  format: string;
  path: string;
}

async function list(home: string, env: Record<string, string> = {}): Promise<Listed[]> {
  const r = await kith(home, ['backup', 'list', '--json'], env);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { backups: Listed[] }).backups;
}

const listedNames = (l: Listed[]): string[] => l.map((b) => b.name);

async function exported(home: string, env: Record<string, string> = {}): Promise<string> {
  const r = await kith(home, ['export', 'json'], env);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

interface Served {
  code: number | null;
  stderr: string;
  url: string | null;
  stop: () => Promise<void>;
  /** The exit code and everything written to stderr, once the process has exited. */
  exited: Promise<{ code: number | null; stderr: string }>;
}

/** Runs `kith serve --port 0` until it prints its URL or exits; returns what happened. */
function serveOnce(home: string, env: Record<string, string> = {}): Promise<Served> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', KITH_HOME: home, NO_COLOR: '1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exitCode = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const exited = exitCode.then((code) => ({ code, stderr: err }));
    const stop = async (): Promise<void> => {
      child.kill('SIGTERM');
      await exitCode;
    };
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ code: null, stderr: err, url, stop, exited });
    });
    void exitCode.then((code) => resolve({ code, stderr: err, url: null, stop, exited }));
  });
}

describe('kith backup and kith restore (SQLite)', () => {
  it('restores every listed backup to exactly the data of its moment', { timeout: 120_000 }, async () => {
    const home = tempHome();
    expect((await kith(home, ['contact', 'add', 'Anna Schmidt', '--email', 'anna@example.com'])).code).toBe(0);
    const moments = new Map<string, string>();
    // A manual backup.
    let r = await kith(home, ['backup', '--json']);
    expect(r.code, r.stderr).toBe(0);
    moments.set((JSON.parse(r.stdout) as Listed).name, await exported(home));
    // A snapshot before an import.
    const beforeImport = await exported(home);
    r = await kith(home, ['import', join(ROOT, 'test', 'fixtures', 'import', 'people.vcf')]);
    expect(r.code, r.stderr).toBe(0);
    const pre = (await list(home)).find((b) => b.kind === 'pre-import');
    expect(pre).toBeDefined();
    moments.set(pre?.name ?? '', beforeImport);
    // Another manual one after more writes.
    expect((await kith(home, ['log', 'coffee', '--with', 'anna', '--summary', 'after the import'])).code).toBe(0);
    r = await kith(home, ['backup', 'now', '--json']);
    moments.set((JSON.parse(r.stdout) as Listed).name, await exported(home));
    expect((await kith(home, ['contact', 'add', 'Late Person'])).code).toBe(0);

    const listed = (await list(home)).map((b) => b.name);
    expect(listed).toEqual(expect.arrayContaining([...moments.keys()]));
    for (const [name, json] of moments) {
      const rr = await kith(home, ['restore', name, '--yes', '--json']);
      expect(rr.code, rr.stderr).toBe(0);
      expect((JSON.parse(rr.stdout) as { undo: Listed }).undo.kind).toBe('pre-restore');
      expect(await exported(home)).toBe(json);
    }
    const text = (await kith(home, ['backup', 'list'])).stdout;
    expect(text).toMatch(/pre-restore/);
    expect(text).toMatch(/manual/);
  });

  it('asks for --yes when not on a terminal, and changes nothing', async () => {
    const home = tempHome();
    await kith(home, ['contact', 'add', 'Anna Schmidt']);
    const made = JSON.parse((await kith(home, ['backup', '--json'])).stdout) as Listed;
    await kith(home, ['contact', 'add', 'Ben Okafor']);
    const before = await exported(home);
    const r = await kith(home, ['restore', made.name]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
    expect(await exported(home)).toBe(before);
    const missing = await kith(home, ['restore', 'kith-1999-01-01', '--yes']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/kith backup list/);
  });
});

describe('kith serve and the integrity check', () => {
  it('stops with exit 1 when the background check finds damage, naming the newest good backup', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const big = join(home, 'seed.vcf');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      big,
      Array.from(
        { length: 600 },
        (_, i) =>
          `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${i}\r\nEMAIL:p${i}@example.com\r\nNOTE:${'x'.repeat(200)}\r\nEND:VCARD\r\n`,
      ).join(''),
    );
    expect((await kith(home, ['import', big])).code).toBe(0);
    const made = JSON.parse((await kith(home, ['backup', '--json'])).stdout) as Listed;
    damagePages(join(home, 'kith.db'));
    // It listens first (reads work, writes get 503 while the check runs), then stops.
    const s = await serveOnce(home);
    const end = await s.exited;
    expect(end.code).toBe(1);
    expect(end.stderr).toMatch(/integrity check/);
    expect(end.stderr).toContain(`kith restore ${made.name} --yes`);
    expect(end.stderr).not.toMatch(/^ {4}at /m);
    expect(listedNames(await list(home)).filter((n) => n.includes('daily'))).toEqual([]); // no snapshot of a damaged file
    // The advice works, and the server then starts.
    expect((await kith(home, ['restore', made.name, '--yes'])).code).toBe(0);
    const ok = await serveOnce(home);
    expect(ok.url).not.toBeNull();
    await ok.stop();
  });

  it('takes a daily backup when it starts, once a day', { timeout: 60_000 }, async () => {
    const home = tempHome();
    await kith(home, ['contact', 'add', 'Anna Schmidt']);
    for (let round = 0; round < 2; round++) {
      const s = await serveOnce(home);
      expect(s.url).not.toBeNull();
      let daily: Listed[] = [];
      for (let i = 0; i < 100 && daily.length === 0; i++) {
        daily = (await list(home)).filter((b) => b.kind === 'daily');
        if (daily.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      await s.stop();
      expect(daily).toHaveLength(1);
    }
  });

  it('refuses a database from a newer kith', { timeout: 60_000 }, async () => {
    const home = tempHome();
    await kith(home, ['contact', 'add', 'Anna Schmidt']);
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const raw = new BetterSqlite3(join(home, 'kith.db'));
    raw
      .prepare('INSERT INTO kith_migrations (name, applied_at) VALUES (?, ?)')
      .run('9999_from_the_future', '2030-01-01T00:00:00.000Z');
    raw.close();
    const s = await serveOnce(home);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/newer version of kith/);
  });
});

describe('kith backup on PostgreSQL', () => {
  it('writes the JSON backup into the backups directory, and restore points to pg_restore', { timeout: 60_000 }, async () => {
    const env = { DATABASE_URL: await freshPgDatabase() };
    const home = tempHome();
    expect((await kith(home, ['contact', 'add', 'Anna Schmidt'], env)).code).toBe(0);
    expect((await kith(home, ['log', 'coffee', '--with', 'anna'], env)).code).toBe(0);
    const r = await kith(home, ['backup', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout) as Listed;
    expect(made).toMatchObject({ kind: 'manual', format: 'json' });
    expect(made.path.startsWith(join(home, 'backups'))).toBe(true);
    const text = readFileSync(made.path, 'utf8');
    expect(text).toBe(await exported(home, env));
    expect(parseBackup(text).contacts).toHaveLength(1);
    expect((await list(home, env)).map((b) => b.name)).toEqual([made.name]);
    const rr = await kith(home, ['restore', made.name, '--yes'], env);
    expect(rr.code).toBe(2);
    expect(rr.stderr).toMatch(/pg_restore/);
  });
});
