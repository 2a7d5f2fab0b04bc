/**
 * Data safety around the operations: snapshots before a migration, an import and a
 * restore, daily snapshots while the server runs, and the integrity check on start.
 * Snapshots are SQLite's; on PostgreSQL the operator's `pg_dump` is the backup, and
 * `kith backup` writes the user's JSON backup instead.
 */
import { AppError } from '../core/errors.js';
import { dayOf } from '../core/days.js';
import { isPostgresUrl } from '../storage/open.js';
import {
  DEFAULT_ROTATION,
  listBackups,
  newestGoodBackup,
  restoreSqlite,
  fileSystemError,
  findBackup,
  snapshotSqlite,
  writeJsonBackup,
  type BackupEntry,
  type RestoreResult,
} from './backups.js';
import { systemClock, type Clock, type Ctx } from './ports.js';
import { databaseTarget, kithHome, openApp, type Env, type OpenedApp } from './session.js';

/** Snapshots the database before an import writes to it (SQLite); null on PostgreSQL, where pg_dump is the backup. */
export async function snapshotBeforeImport(ctx: Ctx, env: Env): Promise<BackupEntry | null> {
  if (ctx.store.dialect !== 'sqlite') return null;
  return snapshotSqlite(ctx.store, kithHome(env), 'pre-import', ctx.clock.now());
}

/** `kith backup`: a SQLite snapshot, or on PostgreSQL the acting user's JSON backup, into `$KITH_HOME/backups`. */
export async function backupNow(ctx: Ctx, env: Env): Promise<BackupEntry> {
  const home = kithHome(env);
  if (ctx.store.dialect === 'sqlite') return snapshotSqlite(ctx.store, home, 'manual', ctx.clock.now());
  return writeJsonBackup(ctx, home, 'manual');
}

/** True when opening failed because SQLite cannot read the file (damage), not for a newer kith or a missing server. */
function isUnreadable(e: unknown, target: string): boolean {
  return (
    e instanceof AppError &&
    e.code === 'unavailable' &&
    !isPostgresUrl(target) &&
    /not a database|malformed|corrupt/i.test(e.message)
  );
}

/**
 * Restores a listed backup (by name, prefix or path) over the SQLite database. The
 * current state is snapshotted first; a database too damaged to open is moved aside.
 */
export async function restoreBackup(env: Env, ref: string, opts: { clock?: Clock } = {}): Promise<RestoreResult> {
  const home = kithHome(env);
  const target = databaseTarget(env);
  if (isPostgresUrl(target)) {
    throw new AppError(
      'invalid_input',
      'kith restore works on the SQLite file. On PostgreSQL, restore with pg_restore from your pg_dump, or import a JSON backup into an empty database (kith import json FILE).',
      { issues: [{ field: 'backup', message: 'not on PostgreSQL' }] },
    );
  }
  const entry = findBackup(home, ref);
  const clock = opts.clock ?? systemClock;
  let app: OpenedApp | null = null;
  try {
    app = await openApp(env, { clock });
  } catch (e) {
    if (!isUnreadable(e, target)) throw e;
  }
  return restoreSqlite(app ? app.ctx.store : null, target, home, entry, clock.now());
}

/** Why the data cannot be trusted, and what to restore from. */
async function untrustedMessage(home: string, problem: string): Promise<string> {
  const good = await newestGoodBackup(home);
  const advice = good
    ? `The newest good backup is ${good.name} (${good.takenAt}): restore it with\n  kith restore ${good.name} --yes`
    : `No good backup was found in ${home}/backups; restore your last kith export json into a new KITH_HOME.`;
  return `The database failed its integrity check: ${problem}\nkith will not write to it. ${advice}`;
}

/** Runs the quick integrity check; throws `unavailable` naming the newest good backup when the database is damaged. */
export async function checkIntegrityOnStart(app: OpenedApp, env: Env): Promise<void> {
  const problems = await app.ctx.store.integrityCheck();
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` (and ${problems.length - 5} more)` : '');
  throw new AppError('unavailable', await untrustedMessage(kithHome(env), shown), { problems: problems.slice(0, 50) });
}

/**
 * Opens kith for the server: migrations (with their snapshot), then the integrity
 * check. A database that fails it, or that SQLite cannot read at all, is refused with
 * the newest good backup to restore from; the server then exits rather than serve it.
 */
export async function openCheckedApp(env: Env): Promise<OpenedApp> {
  let app: OpenedApp;
  try {
    app = await openApp(env);
  } catch (e) {
    const target = databaseTarget(env);
    // A file SQLite cannot read (not "written by a newer kith") is damage: point at a backup.
    if (isUnreadable(e, target)) {
      throw new AppError('unavailable', await untrustedMessage(kithHome(env), (e as Error).message), {}, { cause: e });
    }
    throw e;
  }
  try {
    await checkIntegrityOnStart(app, env);
  } catch (e) {
    await app.close().catch(() => {});
    throw e;
  }
  return app;
}

export interface DailyBackups {
  /** Settles when the first check (and its snapshot, if one was due) is done. */
  ready: Promise<BackupEntry | null>;
  /** Checks now (what the timer does every `everyMs`). */
  check(): Promise<BackupEntry | null>;
  stop(): void;
}

/**
 * While the server runs: a snapshot when today (UTC) has none yet, checked now and
 * every `everyMs` (an hour). SQLite only; a failure is reported, never fatal to the server.
 */
export function startDailyBackups(
  app: OpenedApp,
  env: Env,
  opts: { everyMs?: number; onError?: (e: AppError) => void; onBackup?: (e: BackupEntry) => void } = {},
): DailyBackups {
  if (app.ctx.store.dialect !== 'sqlite')
    return { ready: Promise.resolve(null), check: () => Promise.resolve(null), stop: () => {} };
  const home = kithHome(env);
  let running: Promise<BackupEntry | null> | null = null;
  const tick = (): Promise<BackupEntry | null> => {
    if (running) return running;
    running = (async () => {
      const now = app.ctx.clock.now();
      const today = dayOf(now);
      if (listBackups(home).some((e) => e.kind === 'daily' && dayOf(e.takenAt) === today)) return null;
      const made = await snapshotSqlite(app.ctx.store, home, 'daily', now, DEFAULT_ROTATION);
      opts.onBackup?.(made);
      return made;
    })()
      .catch((e: unknown) => {
        opts.onError?.(fileSystemError(e, 'take the daily backup'));
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const ready = tick();
  const timer = setInterval(() => void tick(), opts.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  return { ready, check: tick, stop: () => clearInterval(timer) };
}
