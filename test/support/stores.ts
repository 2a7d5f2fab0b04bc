/**
 * Test stores on both databases: a fresh SQLite file, and a fresh database on the
 * PostgreSQL server that test/global-setup.ts started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore } from '../../src/storage/open.js';
import type { Store } from '../../src/storage/store.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

let dbCounter = 0;

/** A fresh, empty PostgreSQL database on the test server; returns its URL. */
export async function freshPgDatabase(): Promise<string> {
  const base = inject('pgUrl');
  const name = `kith_t_${process.pid}_${Date.now()}_${dbCounter++}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh SQLite file in a temp dir; returns its path and a cleanup. */
export function freshSqliteFile(): { path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kith-test-'));
  return { path: join(dir, 'kith.db'), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a fresh store of the given dialect. */
export async function freshStore(dialect: TestDialect): Promise<{ store: Store; target: string; cleanup: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const target = await freshPgDatabase();
    const store = await openStore({ target });
    return { store, target, cleanup: () => store.close() };
  }
  const f = freshSqliteFile();
  const store = await openStore({ target: f.path });
  return {
    store,
    target: f.path,
    cleanup: async () => {
      await store.close();
      f.cleanup();
    },
  };
}

/**
 * Runs SQL on a test store's database behind the Store's back (to put a database back as an
 * older migration left it, or to read a column the Store does not show): every statement of
 * `text`, and the rows of the last one when `rows` is set.
 */
export async function rawSql<R>(dialect: TestDialect, target: string, text: string, rows?: 'rows'): Promise<R[]> {
  if (dialect === 'sqlite') {
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const raw = new BetterSqlite3(target);
    try {
      if (rows) return raw.prepare(text).all() as R[];
      raw.exec(text);
      return [];
    } finally {
      raw.close();
    }
  }
  const raw = new pg.Client({ connectionString: target });
  await raw.connect();
  try {
    const r = await raw.query(text);
    return (Array.isArray(r) ? (r.at(-1)?.rows ?? []) : r.rows) as R[];
  } finally {
    await raw.end();
  }
}
