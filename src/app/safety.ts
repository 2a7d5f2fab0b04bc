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
  writeJsonBackupFile,
  type BackupEntry,
  type RestoreResult,
} from './backups.js';
import type { Store } from '../storage/store.js';
import { backupToJson, exportBackup } from './backup.js';
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
  return writeJsonBackupFile(home, 'manual', ctx.clock.now(), backupToJson(await exportBackup(ctx)));
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
 * Opens kith (migrations, with their snapshot). A file SQLite cannot read at all is
 * refused like a failed integrity check, naming the newest good backup to restore from.
 */
export async function openTrustedApp(env: Env): Promise<OpenedApp> {
  try {
    return await openApp(env);
  } catch (e) {
    const target = databaseTarget(env);
    // A file SQLite cannot read (not "written by a newer kith") is damage: point at a backup.
    if (isUnreadable(e, target)) {
      throw new AppError('unavailable', await untrustedMessage(kithHome(env), (e as Error).message), {}, { cause: e });
    }
    throw e;
  }
}

/**
 * Opens kith and runs the integrity check before returning: a database that fails it is
 * refused with the newest good backup to restore from. (`kith serve` does not wait for
 * the check: it serves reads meanwhile, see `watchIntegrity`.)
 */
export async function openCheckedApp(env: Env): Promise<OpenedApp> {
  const app = await openTrustedApp(env);
  try {
    await checkIntegrityOnStart(app, env);
  } catch (e) {
    await app.close().catch(() => {});
    throw e;
  }
  return app;
}

/** Where the start-up integrity check is: running, passed, or failed. */
export type IntegrityState = 'checking' | 'ok' | 'failed';

/** How long a client should wait before retrying a write refused while the check runs. */
export const INTEGRITY_RETRY_AFTER_SECONDS = 5;

export interface IntegrityWatch {
  state(): IntegrityState;
  /** Settles when the check is done: null when the database is sound, else why it cannot be trusted. */
  done: Promise<AppError | null>;
  /** `store` with its writes refused until the check has passed (and for good when it failed). */
  store: Store;
}

/**
 * Runs the integrity check in the background (on SQLite a worker thread reads the
 * file) and gives the server a store that refuses writes until it has passed: a
 * `unavailable` error with `details.reason` `integrity_check_pending` (retry after a few
 * seconds) or `integrity_check_failed` (naming the newest good backup). Reads work
 * throughout. `check` is the check itself, replaceable in tests.
 */
export function watchIntegrity(
  app: OpenedApp,
  env: Env,
  check: () => Promise<void> = () => checkIntegrityOnStart(app, env),
): IntegrityWatch {
  let state: IntegrityState = 'checking';
  let failure: AppError | null = null;
  const done = (async (): Promise<AppError | null> => {
    try {
      await check();
      state = 'ok';
      return null;
    } catch (e) {
      failure =
        e instanceof AppError
          ? e
          : new AppError(
              'unavailable',
              await untrustedMessage(kithHome(env), `the check could not run: ${(e as Error).message}`),
            );
      failure.details.reason = 'integrity_check_failed';
      state = 'failed';
      return failure;
    }
  })();
  const refusal = (): AppError | null => {
    if (state === 'ok') return null;
    if (failure) return failure;
    return new AppError(
      'unavailable',
      'kith is checking the database after starting and accepts changes when the check has passed, in a few seconds. Try again shortly.',
      { reason: 'integrity_check_pending', retryAfterSeconds: INTEGRITY_RETRY_AFTER_SECONDS },
    );
  };
  return { state: () => state, done, store: refusingWrites(app.ctx.store, refusal) };
}

/** Store methods that only read (`transaction` hands on a store wrapped the same way). */
const READS_ONLY =
  /^(get|list|search|count|find|existing|idsHeldByOthers|contactSummaries|checkinCandidates|birthdayCandidates|changeMark|contactNames|awaitingReply|integrityCheck|close|transaction)/;
/** Bookkeeping a read does on the side (a session's expiry, a token's last use): skipped, not refused, while writes are. */
const SIDE_WRITES = new Set(['touchSession', 'touchApiToken']);

/**
 * `store` with every write refused while `refusal()` names a reason. Anything not known
 * to only read counts as a write (a snapshot too: it could rotate a good backup out for
 * an untrusted one), so a new Store method is refused rather than let through.
 */
function refusingWrites(store: Store, refusal: () => AppError | null): Store {
  return interceptWrites(
    store,
    (method) => READS_ONLY.test(method),
    async (method, _args, run) => {
      const why = refusal();
      if (why && SIDE_WRITES.has(method)) return undefined;
      if (why) throw why;
      return run();
    },
  );
}

/**
 * `store` with every call of a method `isRead` does not name passed to `write`, which
 * decides whether and how to `run` it. Inside a transaction the same holds.
 */
export function interceptWrites(
  store: Store,
  isRead: (method: string) => boolean,
  write: (method: string, args: unknown[], run: () => Promise<unknown>) => Promise<unknown>,
): Store {
  const wrap = (s: Store): Store =>
    new Proxy(s, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const name = String(prop);
        if (name === 'transaction') {
          return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(wrap(tx)));
        }
        if (isRead(name)) return (value as (...a: unknown[]) => unknown).bind(target);
        return (...args: unknown[]) =>
          write(name, args, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });
  return wrap(store);
}

export interface DailyBackups {
  /** Settles when the first check (and its snapshot, if one was due) is done. */
  ready: Promise<BackupEntry | null>;
  /** Checks now (what the timer does every `everyMs`); a due snapshot still waits for a quiet moment. */
  check(): Promise<BackupEntry | null>;
  stop(): void;
}

/** The requests a server is answering: how the daily snapshot finds a quiet moment. */
export interface Traffic {
  /** A count that moves with every request the server starts to answer. */
  started(): number;
  /** Requests started and not answered yet. */
  open(): number;
}

/** `setTimeout` and `clearTimeout`, to be replaced in tests. The real ones do not keep the process alive. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long the server must have had no request before a due daily snapshot starts. */
export const QUIET_MS = 2000;
/** The longest a due daily snapshot waits for a quiet moment; after that it is taken under load. */
export const MAX_BACKUP_WAIT_MS = 10 * 60 * 1000;

/**
 * While the server runs: a snapshot when today (UTC) has none yet, checked now and
 * every `everyMs` (an hour). SQLite only; a failure is reported, never fatal to the server.
 *
 * With `traffic`, a due snapshot waits until the server has been quiet for `quietMs` (no
 * request started in that time, none still open), and at most `maxWaitMs`: a snapshot copies
 * the whole file on the server's own connection, a step at a time on its event loop (about 5 s
 * at 100 000 contacts, with a second page cache while it runs), so it should not compete with
 * people using the server, but it is never skipped for that.
 */
export function startDailyBackups(
  app: OpenedApp,
  env: Env,
  opts: {
    everyMs?: number;
    traffic?: Traffic;
    quietMs?: number;
    maxWaitMs?: number;
    timers?: Timers;
    onError?: (e: AppError) => void;
    onBackup?: (e: BackupEntry) => void;
  } = {},
): DailyBackups {
  if (app.ctx.store.dialect !== 'sqlite')
    return { ready: Promise.resolve(null), check: () => Promise.resolve(null), stop: () => {} };
  const home = kithHome(env);
  const timers = opts.timers ?? realTimers;
  const quietMs = opts.quietMs ?? QUIET_MS;
  const maxWaitMs = opts.maxWaitMs ?? MAX_BACKUP_WAIT_MS;
  let stopped = false;
  let running: Promise<BackupEntry | null> | null = null;
  let waiting: { handle: unknown; go: (go: boolean) => void } | null = null;
  const due = (): boolean => {
    const today = dayOf(app.ctx.clock.now());
    return !listBackups(home).some((e) => e.kind === 'daily' && dayOf(e.takenAt) === today);
  };
  /** True at the first quiet moment (or once `maxWaitMs` have passed), false when stopped before. */
  const quietMoment = (traffic: Traffic): Promise<boolean> =>
    new Promise((go) => {
      let seen = traffic.started();
      let waited = 0;
      const poll = (): void => {
        waited += quietMs;
        const started = traffic.started();
        if ((started === seen && traffic.open() === 0) || waited >= maxWaitMs) {
          waiting = null;
          go(true);
          return;
        }
        seen = started;
        waiting = { handle: timers.set(poll, quietMs), go };
      };
      waiting = { handle: timers.set(poll, quietMs), go };
    });
  const tick = (): Promise<BackupEntry | null> => {
    if (running) return running;
    running = (async () => {
      if (stopped || !due()) return null;
      if (opts.traffic && !(await quietMoment(opts.traffic))) return null;
      // Another process (a second server on the file) may have taken it meanwhile.
      if (stopped || !due()) return null;
      const made = await snapshotSqlite(app.ctx.store, home, 'daily', app.ctx.clock.now(), DEFAULT_ROTATION);
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
  let timer: unknown = null;
  const every = (): void => {
    timer = timers.set(() => {
      if (stopped) return;
      void tick();
      every();
    }, opts.everyMs ?? 60 * 60 * 1000);
  };
  every();
  const stop = (): void => {
    stopped = true;
    timers.clear(timer);
    if (waiting) {
      timers.clear(waiting.handle);
      waiting.go(false);
      waiting = null;
    }
  };
  return { ready, check: tick, stop };
}
