/**
 * Automatic backups in `$KITH_HOME/backups`: consistent snapshots (SQLite's online
 * backup API, never a file copy of a live database), their rotation, the list, and
 * restoring one by swapping the database file safely.
 *
 * A snapshot is written to a `.partial` name and renamed when complete, so a crash
 * mid-snapshot never leaves a half file that looks like a backup.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../core/errors.js';
import { dayOf, weekStart } from '../core/days.js';
import type { Instant } from '../core/types.js';
import { isPostgresUrl, openStore } from '../storage/open.js';
import type { Store } from '../storage/store.js';

export const BACKUP_KINDS = ['manual', 'daily', 'pre-migration', 'pre-import', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupEntry {
  /** The file name: `kith-<instant>-<kind>.db` (SQLite snapshot) or `.json` (JSON backup). */
  name: string;
  path: string;
  kind: BackupKind;
  takenAt: Instant;
  bytes: number;
  format: 'sqlite' | 'json';
}

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  /** Pre-migration, pre-import and pre-restore snapshots kept, each. */
  perEvent: number;
}

/** 7 daily, 4 weekly, 12 monthly; the last 10 of each kind of event snapshot. Manual backups are never removed. */
export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12, perEvent: 10 };

const NAME = /^kith-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z-]+?)(?:-(\d+))?\.(db|json)$/;

/** The backups directory of a kith home. */
export function backupsDir(home: string): string {
  return join(home, 'backups');
}

/** The file name a backup taken at `at` gets (colons left out: they are not portable in file names). */
export function backupName(kind: BackupKind, at: Instant, format: 'sqlite' | 'json', n = 0): string {
  const stamp = new Date(at).toISOString().replace(/:/g, '-').replace('.', '-');
  return `kith-${stamp}-${kind}${n > 0 ? `-${n}` : ''}.${format === 'sqlite' ? 'db' : 'json'}`;
}

/** Reads a backup file name back; null for anything else in the directory. */
export function parseBackupName(name: string): Pick<BackupEntry, 'kind' | 'takenAt' | 'format'> | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const kind = m[6] as BackupKind;
  if (!BACKUP_KINDS.includes(kind)) return null;
  return { kind, takenAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`, format: m[8] === 'db' ? 'sqlite' : 'json' };
}

/** Every backup in the directory, newest first. */
export function listBackups(home: string): BackupEntry[] {
  const dir = backupsDir(home);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw fileSystemError(e, `read ${dir}`);
  }
  const out: BackupEntry[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const path = join(dir, name);
    let bytes: number;
    try {
      bytes = statSync(path).size;
    } catch {
      continue; // removed by a rotation running in another process
    }
    out.push({ name, path, bytes, ...parsed });
  }
  return out.sort((a, b) => (a.takenAt === b.takenAt ? (a.name < b.name ? 1 : -1) : a.takenAt < b.takenAt ? 1 : -1));
}

/** The names rotation keeps: per day, ISO week and month the newest daily backup of the most recent periods; the newest event snapshots; every manual one. */
export function backupsToKeep(entries: readonly BackupEntry[], policy: RotationPolicy = DEFAULT_ROTATION): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...entries].sort((a, b) =>
    a.takenAt === b.takenAt ? (a.name < b.name ? 1 : -1) : a.takenAt < b.takenAt ? 1 : -1,
  );
  const daily = newestFirst.filter((e) => e.kind === 'daily');
  const buckets = (key: (e: BackupEntry) => string, count: number): void => {
    const seen = new Set<string>();
    for (const e of daily) {
      const k = key(e);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(e.name);
    }
  };
  buckets((e) => dayOf(e.takenAt), policy.daily);
  buckets((e) => weekStart(dayOf(e.takenAt)), policy.weekly);
  buckets((e) => dayOf(e.takenAt).slice(0, 7), policy.monthly);
  for (const kind of ['pre-migration', 'pre-import', 'pre-restore'] as const) {
    for (const e of newestFirst.filter((x) => x.kind === kind).slice(0, policy.perEvent)) keep.add(e.name);
  }
  for (const e of newestFirst) if (e.kind === 'manual') keep.add(e.name);
  return keep;
}

/** Deletes the backups rotation does not keep, and snapshots a crash left half-written; returns what it removed. */
export function rotateBackups(home: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const entries = listBackups(home);
  const keep = backupsToKeep(entries, policy);
  const removed: string[] = [];
  for (const e of entries) {
    if (keep.has(e.name)) continue;
    rmSync(e.path, { force: true });
    removed.push(e.name);
  }
  const dir = backupsDir(home);
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.partial')) {
        rmSync(join(dir, name), { force: true });
        removed.push(name);
      }
    }
  }
  return removed;
}

/** A name not taken yet in the directory for a backup at `at`. */
function freshPath(home: string, kind: BackupKind, at: Instant, format: 'sqlite' | 'json'): string {
  const dir = backupsDir(home);
  for (let n = 0; ; n++) {
    const path = join(dir, backupName(kind, at, format, n));
    if (!existsSync(path) && !existsSync(`${path}.partial`)) return path;
  }
}

function entryOf(path: string): BackupEntry {
  const name = basename(path);
  const parsed = parseBackupName(name);
  if (!parsed) throw new Error(`not a backup name: ${name}`);
  return { name, path, bytes: statSync(path).size, ...parsed };
}

/** Disk full, read-only file system, no permission: the one message each deserves. */
export function fileSystemError(e: unknown, what: string): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string }).code ?? '';
  const why =
    code === 'ENOSPC' || code === 'SQLITE_FULL'
      ? 'the disk is full'
      : code === 'EROFS' || code === 'SQLITE_READONLY'
        ? 'the file system is read-only'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')
            ? `${(e as Error).message} (is the disk full, or the directory read-only?)`
            : ((e as Error).message ?? String(e));
  return new AppError('unavailable', `Cannot ${what}: ${why}.`, {}, { cause: e });
}

/**
 * A consistent SQLite snapshot of `store` into the backups directory, then rotation.
 * The snapshot runs while other processes keep writing (the online backup API).
 */
export async function snapshotSqlite(
  store: Store,
  home: string,
  kind: BackupKind,
  at: Instant,
  policy = DEFAULT_ROTATION,
): Promise<BackupEntry> {
  const path = freshPath(home, kind, at, 'sqlite');
  const partial = `${path}.partial`;
  try {
    mkdirSync(backupsDir(home), { recursive: true });
    await store.snapshot(partial);
    renameSync(partial, path);
  } catch (e) {
    rmSync(partial, { force: true });
    throw fileSystemError(e, `write a backup to ${backupsDir(home)}`);
  }
  rotateBackups(home, policy);
  return entryOf(path);
}

/** A JSON backup's text written into the backups directory (whole or not at all), then the rotation. */
export function writeJsonBackupFile(home: string, kind: BackupKind, at: Instant, text: string, policy = DEFAULT_ROTATION): BackupEntry {
  const path = freshPath(home, kind, at, 'json');
  const partial = `${path}.partial`;
  try {
    mkdirSync(backupsDir(home), { recursive: true });
    writeFileSync(partial, text, { mode: 0o600 });
    renameSync(partial, path);
  } catch (e) {
    rmSync(partial, { force: true });
    throw fileSystemError(e, `write a backup to ${backupsDir(home)}`);
  }
  rotateBackups(home, policy);
  return entryOf(path);
}

/** Finds a listed backup by its name, a unique prefix of it, or a path. */
export function findBackup(home: string, ref: string): BackupEntry {
  const all = listBackups(home);
  const exact = all.find((e) => e.name === ref || e.path === resolve(ref));
  if (exact) return exact;
  if (existsSync(ref) && parseBackupName(basename(ref))) return entryOf(resolve(ref));
  const prefixed = all.filter((e) => e.name.startsWith(ref) || e.name.startsWith(`kith-${ref}`));
  if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
  if (prefixed.length > 1) {
    throw new AppError('invalid_input', `"${ref}" matches ${prefixed.length} backups; name one exactly (kith backup list).`, {
      issues: [{ field: 'backup', message: 'ambiguous' }],
    });
  }
  throw new AppError('not_found', `No backup "${ref}" in ${backupsDir(home)} (kith backup list shows them).`);
}

/** Problems `quick_check` finds in a SQLite file, or why it cannot be opened at all; empty when sound. The file is not migrated. */
export async function checkSqliteFile(path: string): Promise<string[]> {
  let store: Store;
  try {
    store = await openStore({ target: path, skipMigrations: true });
  } catch (e) {
    return [(e as Error).message];
  }
  try {
    return await store.integrityCheck();
  } catch (e) {
    return [(e as Error).message];
  } finally {
    await store.close().catch(() => {});
  }
}

/** The newest SQLite backup that passes the integrity check, or null. */
export async function newestGoodBackup(home: string): Promise<BackupEntry | null> {
  for (const e of listBackups(home)) {
    if (e.format !== 'sqlite') continue;
    // A check opens the file, and opening writes its WAL files: check a copy, leave the backup untouched.
    const probe = `${e.path}.probe`;
    try {
      copyFileSync(e.path, probe);
      if ((await checkSqliteFile(probe)).length === 0) return e;
    } catch {
      // Unreadable: try the next one.
    } finally {
      for (const s of ['', '-wal', '-shm']) rmSync(`${probe}${s}`, { force: true });
    }
  }
  return null;
}

const sidecars = (path: string): string[] => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

export interface RestoreResult {
  restored: BackupEntry;
  /** The snapshot of the state just before the restore (restore it to undo); null when that state could not be opened. */
  undo: BackupEntry | null;
  /** Where a database that could not be opened was moved aside, else null. */
  setAside: string | null;
}

/**
 * Puts a SQLite backup in place of the database at `target`: checks the backup (on a
 * copy, migrated to this kith's schema), snapshots the current state, closes `store`,
 * swaps the file with a rename (stale WAL/SHM removed first, so they are never
 * replayed onto the restored file), reopens it and checks it. `store` is closed on
 * return. With `store` null (a database too damaged to open) the old file is moved
 * aside instead of snapshotted.
 */
export async function restoreSqlite(
  store: Store | null,
  target: string,
  home: string,
  entry: BackupEntry,
  at: Instant,
): Promise<RestoreResult> {
  const closeStore = async (): Promise<void> => {
    await store?.close().catch(() => {});
  };
  if (entry.format !== 'sqlite') {
    await closeStore();
    throw new AppError(
      'invalid_input',
      `${entry.name} is a JSON backup: restore it with kith import json ${entry.path} (into an empty database for an exact copy).`,
      { issues: [{ field: 'backup', message: 'a JSON backup' }] },
    );
  }
  const staged = `${target}.restoring`;
  const clean = (): void => {
    for (const p of [staged, ...sidecars(staged)]) rmSync(p, { force: true });
  };
  let undo: BackupEntry | null = null;
  try {
    clean();
    try {
      copyFileSync(entry.path, staged);
    } catch (e) {
      throw fileSystemError(e, `copy ${entry.name} next to the database`);
    }
    // Opening the copy migrates an older backup (a pre-migration snapshot) to this schema.
    const check = await openStore({ target: staged });
    const problems = await check.integrityCheck().finally(() => check.close());
    if (problems.length > 0) {
      throw new AppError('unavailable', `${entry.name} is damaged (${problems.slice(0, 3).join('; ')}); nothing was changed.`);
    }
    if (store) undo = await snapshotSqlite(store, home, 'pre-restore', at);
  } catch (e) {
    clean();
    await closeStore();
    throw e;
  }
  await closeStore();
  // The last connection to close removes the WAL; one still there means another process has the file open.
  if (store && existsSync(`${target}-wal`)) {
    clean();
    throw new AppError(
      'conflict',
      'Another kith process (a running kith serve?) has the database open: stop it, then restore again. Nothing was changed.',
    );
  }
  let setAside: string | null = null;
  if (!store && existsSync(target)) {
    setAside = `${target}.damaged-${at.replace(/[:.]/g, '-')}`;
    renameSync(target, setAside);
    for (const s of ['-wal', '-shm']) if (existsSync(`${target}${s}`)) renameSync(`${target}${s}`, `${setAside}${s}`);
  }
  for (const p of sidecars(target)) rmSync(p, { force: true });
  renameSync(staged, target);
  const reopened = await openStore({ target });
  const after = await reopened.integrityCheck().finally(() => reopened.close());
  if (after.length > 0) {
    for (const p of sidecars(target)) rmSync(p, { force: true });
    if (undo) copyFileSync(undo.path, target);
    else if (setAside) renameSync(setAside, target);
    throw new AppError(
      'unavailable',
      `The restored database failed its check (${after.slice(0, 3).join('; ')}); the previous state was put back.`,
    );
  }
  return { restored: entry, undo, setAside };
}

/**
 * The `beforeMigrate` hook `openApp` gives `openStore`: a SQLite snapshot before pending
 * migrations touch a database with data. A failed snapshot throws, so the migration
 * does not run and the database stays as it was. None on PostgreSQL (pg_dump's job).
 */
export function preMigrationHook(
  target: string,
  home: string,
  now: () => Instant = () => new Date().toISOString(),
): ((store: Store, pending: string[]) => Promise<void>) | undefined {
  if (isPostgresUrl(target)) return undefined;
  return async (store) => {
    await snapshotSqlite(store, home, 'pre-migration', now());
  };
}
