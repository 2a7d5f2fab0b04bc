/**
 * Helpers for the data-safety tests: a kith home opened in-process, a database
 * damaged on purpose, and a database rewound to before its last migration.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { backupToJson, exportBackup, importBackup, parseBackup } from '../../src/app/backup.js';
import { fixedClock, type Clock } from '../../src/app/ports.js';
import { openApp, type OpenedApp } from '../../src/app/session.js';
import { bigBackupJson } from './big-backup.js';

/** Opens the home's data in this process (as the CLI would) with a fixed clock. */
export function openHome(home: string, at = '2026-11-26T10:00:00.000Z', clock?: Clock): Promise<OpenedApp> {
  return openApp({ KITH_HOME: home }, { clock: clock ?? fixedClock(at) });
}

/** Fills a home with a generated backup of `contacts` contacts and `touchpoints` touchpoints. */
export async function seedHome(home: string, contacts: number, touchpoints: number, prefix = 0x5eed): Promise<void> {
  const app = await openHome(home);
  try {
    await importBackup(app.ctx, parseBackup(bigBackupJson(contacts, touchpoints, prefix)));
  } finally {
    await app.close();
  }
}

/** The home's JSON export, the yardstick for "the same data". */
export async function exportHome(home: string): Promise<string> {
  const app = await openHome(home);
  try {
    return backupToJson(await exportBackup(app.ctx));
  } finally {
    await app.close();
  }
}

/** Overwrites a few pages in the middle of a SQLite file so `quick_check` fails while the file still opens. */
export function damagePages(path: string): void {
  const page = 4096;
  // Pages of the identity index: the quick check reads them, opening and migrating never do.
  // (The middle of the file, damaged before, holds whatever the insert pattern put there; damage
  // inside row content or free space goes unseen by the check.) Past the 8-byte page header, the
  // bytes are the cell pointers, which the check follows.
  const raw = new BetterSqlite3(path, { readonly: true });
  let targets: number[];
  try {
    targets = (
      raw.prepare("SELECT pageno FROM dbstat WHERE name = 'contact_identities_lookup' ORDER BY pageno").all() as Array<{ pageno: number }>
    ).map((r) => (r.pageno - 1) * page + 8);
  } finally {
    raw.close();
  }
  if (targets.length === 0) {
    const pages = Math.floor(statSync(path).size / page);
    targets = [0, 1, 2].map((i) => (Math.floor(pages / 2) + i) * page + 100);
  }
  const fd = openSync(path, 'r+');
  try {
    for (const at of targets.slice(0, 3)) writeSync(fd, Buffer.alloc(200, 0x5a), 0, 200, at);
  } finally {
    closeSync(fd);
  }
}

/** Makes the agenda's migrations pending again (their indexes and column dropped), as if the file came from an older kith. */
export function rewindLastMigration(path: string): void {
  const raw = new BetterSqlite3(path);
  try {
    // The agenda's migrations 0003 and 0005 (0005's indexes name the column 0003 adds).
    raw.prepare("DELETE FROM kith_migrations WHERE name IN ('0003_agenda_indexes', '0005_agenda_rank_indexes')").run();
    raw.exec(
      `DROP INDEX IF EXISTS commitments_agenda; DROP INDEX IF EXISTS follow_ups_agenda; DROP INDEX IF EXISTS ledger_agenda;
       DROP INDEX IF EXISTS ledger_contact_direction; DROP INDEX IF EXISTS post_responses_open; DROP INDEX IF EXISTS contacts_awaiting_rank;
       DROP INDEX IF EXISTS contacts_checkin; DROP INDEX IF EXISTS contacts_birthday; DROP INDEX IF EXISTS contacts_lean;
       DROP INDEX IF EXISTS contacts_awaiting; ALTER TABLE contacts DROP COLUMN awaiting_reply_id`,
    );
  } finally {
    raw.close();
  }
}

/** `PRAGMA integrity_check` (the full one) on a file; ['ok'] when sound. */
export function fullIntegrityCheck(path: string): string[] {
  const raw = new BetterSqlite3(path);
  try {
    raw.pragma('busy_timeout = 10000');
    return (raw.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  } finally {
    raw.close();
  }
}

/** Runs `sql` on a SQLite file and returns the first column of the first row. */
export function scalar(path: string, sql: string, ...params: unknown[]): unknown {
  const raw = new BetterSqlite3(path);
  try {
    raw.pragma('busy_timeout = 10000');
    const row = raw
      .prepare(sql)
      .raw()
      .get(...params) as unknown[] | undefined;
    return row?.[0];
  } finally {
    raw.close();
  }
}
