/**
 * Opening a Store: SQLite at `$KITH_HOME/kith.db` by default, PostgreSQL when a
 * `postgres://` URL is given. Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import { AppError } from '../core/errors.js';
import { KyselyStore, translateDriverError } from './kysely-store.js';
import { migrate } from './migrator.js';
import { SqliteBulkWriter } from './sqlite-bulk.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

const requireDriver = <T>(name: string): T => createRequire(import.meta.url)(name) as T;

/**
 * Kysely's SQLite driver opens transactions with a plain BEGIN. Two processes that
 * both read and then write would then fail with SQLITE_BUSY at the upgrade, which
 * busy_timeout cannot wait out. BEGIN IMMEDIATE takes the write lock up front, so
 * writers queue on busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /** A full disk at commit is a clear "disk is full", not a driver error. */
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } catch (e) {
      throw translateDriverError(e);
    }
  }

  /**
   * SQLite rolls a transaction back by itself on SQLITE_FULL and some I/O errors; the
   * ROLLBACK that follows then fails with "no transaction is active" and would hide the
   * real error (a full disk) behind that one.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (e) {
      if (!/no transaction is active/i.test((e as Error).message)) throw e;
    }
  }
}

/** How many prepared statements a SQLite connection keeps for reuse (`reusingStatements`). */
export const STATEMENT_CACHE_SIZE = 200;

type SqliteDatabase = import('better-sqlite3').Database;

/**
 * The connection as Kysely's driver sees it, with its statements prepared once per SQL text.
 *
 * Kysely's SQLite driver prepares every query it runs. Besides the compile, each prepared
 * statement is a native object that lives until V8 collects its wrapper in a full garbage
 * collection, and wrappers with finalizers survive the young generation's collections: under
 * load every query's statement (and its SQL text) moved to the old generation and waited there,
 * with the native statement, for the next full collection. The last `STATEMENT_CACHE_SIZE` SQL
 * texts keep theirs (least recently used goes first). A statement still running (an iterator a
 * stream holds open) is not handed out twice: that query gets a statement of its own.
 */
export function reusingStatements(db: SqliteDatabase, size = STATEMENT_CACHE_SIZE): Pick<SqliteDatabase, 'prepare' | 'close'> {
  const kept = new Map<string, import('better-sqlite3').Statement>();
  return {
    prepare(source: string) {
      const hit = kept.get(source);
      if (hit) {
        if (hit.busy) return db.prepare(source);
        // Most recently used last: Map keeps insertion order.
        kept.delete(source);
        kept.set(source, hit);
        return hit;
      }
      const st = db.prepare(source);
      kept.set(source, st);
      if (kept.size > size) kept.delete(kept.keys().next().value as string);
      return st;
    },
    close() {
      kept.clear();
      return db.close();
    },
  } as Pick<SqliteDatabase, 'prepare' | 'close'>;
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly cfg: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(cfg);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.cfg);
  }
}

export interface OpenOptions {
  /** A `postgres://` URL, or a path to a SQLite file. */
  target: string;
  /** Open without migrating (for tools that only read). */
  skipMigrations?: boolean;
  /** Called with the pending migrations' names before any runs, on a database that already has data (e.g. to snapshot it). */
  beforeMigrate?: (store: Store, pending: string[]) => Promise<void>;
}

/** True when `target` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export async function openStore(opts: OpenOptions): Promise<Store> {
  const store = isPostgresUrl(opts.target) ? await openPostgres(opts.target) : await openSqlite(opts.target);
  if (!opts.skipMigrations) {
    try {
      const hook = opts.beforeMigrate;
      await migrate(store.kysely, store.store.dialect, undefined, hook ? (pending) => hook(store.store, pending) : undefined);
    } catch (e) {
      await store.store.close();
      throw translateDriverError(e);
    }
  }
  return store.store;
}

async function openSqlite(path: string): Promise<{ store: Store; kysely: Kysely<Database> }> {
  // Both drivers are CommonJS: required, not imported, so the bundled CLI loads them without a module loader.
  const BetterSqlite3 = requireDriver<typeof import('better-sqlite3')>('better-sqlite3');
  let sqlite: import('better-sqlite3').Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new BetterSqlite3(path);
    sqlite.pragma('busy_timeout = 30000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (e) {
    const err = e as { code?: string; message?: string };
    // SQLite cannot tell a full disk from other I/O failures when it opens a file: name the likely causes.
    const hint = /^SQLITE_(IOERR|CANTOPEN|FULL|READONLY)/.test(err.code ?? '')
      ? ' (is the disk full, or the directory read-only?)'
      : '';
    throw new AppError(
      'unavailable',
      `Cannot open the database at ${path}: ${err.message ?? String(e)}${hint}`,
      { path },
      { cause: e },
    );
  }
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) as SqliteDatabase }) });
  const store = new KyselyStore(
    kysely,
    'sqlite',
    false,
    async () => {
      await kysely.destroy();
    },
    {
      // The SQLite online backup API: a consistent copy while others keep writing.
      snapshot: async (to: string) => {
        mkdirSync(dirname(to), { recursive: true });
        await sqlite.backup(to);
      },
      // On a file, off the event loop: the server answers requests while the check reads every page.
      integrityCheck: async () => (path === ':memory:' ? problemsOf(sqlite) : quickCheckInWorker(path)),
      bulk: new SqliteBulkWriter(sqlite),
    },
  );
  return { store, kysely };
}

/** `PRAGMA quick_check`'s findings on an open connection: [] when sound. */
function problemsOf(sqlite: import('better-sqlite3').Database): string[] {
  const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
}

/**
 * The worker's code (CommonJS, so it needs no file of its own in the bundle): its own
 * read-only connection runs `PRAGMA quick_check` and posts the findings, or the error.
 */
const QUICK_CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 30000');
  // Every page is read once: a page cache (16 MB by default) would only add to the server's memory.
  db.pragma('cache_size = -1024');
  const rows = db.pragma('quick_check');
  parentPort.postMessage({ problems: rows.map((r) => r.quick_check).filter((m) => m !== 'ok') });
} catch (e) {
  parentPort.postMessage({ error: String((e && e.message) || e) });
} finally {
  if (db) db.close();
}`;

/**
 * Runs SQLite's quick integrity check on a worker thread with a read-only connection
 * of its own, so a large file (seconds of reading) never blocks the event loop. An error
 * reading the file (it is not a database, say) is itself a finding.
 */
function quickCheckInWorker(path: string): Promise<string[]> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    // Loaded here: worker threads are for the server's integrity check, not every command's start.
    const { Worker } = requireDriver<typeof import('node:worker_threads')>('node:worker_threads');
    const worker = new Worker(QUICK_CHECK_WORKER, { eval: true, workerData: { path, driver } });
    worker.once('message', (m: { problems?: string[]; error?: string }) => {
      resolve(m.problems ?? [`cannot read the database: ${m.error ?? 'unknown error'}`]);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the integrity check's worker stopped (exit ${code})`));
    });
  });
}

async function openPostgres(url: string): Promise<{ store: Store; kysely: Kysely<Database> }> {
  const pg = requireDriver<typeof import('pg')>('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    const err = e as { message?: string };
    throw new AppError('unavailable', `Cannot connect to PostgreSQL: ${err.message ?? String(e)}`, {}, { cause: e });
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const store = new KyselyStore(kysely, 'postgres', false, async () => {
    await kysely.destroy();
  });
  return { store, kysely };
}
