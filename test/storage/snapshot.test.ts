/**
 * SQLite file operations: online snapshot, integrity check, and the hook before migrations.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open.js';
import { contact, T0, touch } from '../support/fixtures.js';
import { freshSqliteFile, freshStore } from '../support/stores.js';

const A = '00000000-0000-7000-8000-00000000000a';

describe('SQLite snapshots', () => {
  it('copies a consistent database while it is open, and checks integrity', async () => {
    const f = freshSqliteFile();
    const store = await openStore({ target: f.path });
    await store.insertUser({ id: A, name: 'a', email: null, role: 'owner', createdAt: T0 });
    await store.insertContact(contact(A, 'c1'));
    const to = join(f.dir, 'backups', 'snap.db');
    await store.snapshot(to);
    expect(await store.integrityCheck()).toEqual([]);
    await store.close();
    const copy = await openStore({ target: to });
    expect((await copy.getContact(A, 'c1'))?.displayName).toBe('Anna Schmidt');
    await copy.close();
    f.cleanup();
  });

  it('calls the hook before migrating a database that has data, not a new one', async () => {
    const f = freshSqliteFile();
    const calls: string[][] = [];
    const s1 = await openStore({ target: f.path, beforeMigrate: async (_s, pending) => void calls.push(pending) });
    await s1.close();
    expect(calls).toEqual([]);
    // Pretend the agenda's migrations are pending again.
    const raw = new BetterSqlite3(f.path);
    undoAgendaMigrations(raw);
    raw.close();
    const s2 = await openStore({ target: f.path, beforeMigrate: async (_s, pending) => void calls.push(pending) });
    expect(calls).toEqual([['0003_agenda_indexes', '0005_agenda_rank_indexes']]);
    await s2.close();
    f.cleanup();
  });

  it('fills in who awaits a reply when the agenda migration runs on an older database', async () => {
    const f = freshSqliteFile();
    const s1 = await openStore({ target: f.path });
    await s1.insertUser({ id: A, name: 'a', email: null, role: 'owner', createdAt: T0 });
    await s1.insertContacts([contact(A, 'c1'), contact(A, 'c2')]);
    await s1.insertTouchpoints([
      touch(A, 't1', ['c1'], { kind: 'dm', initiatedBy: 'them', occurredAt: '2026-11-20T09:00:00.000Z' }),
      touch(A, 't2', ['c2'], { kind: 'dm', initiatedBy: 'me', occurredAt: '2026-11-21T09:00:00.000Z' }),
    ]);
    await s1.close();
    const raw = new BetterSqlite3(f.path);
    undoAgendaMigrations(raw);
    raw.close();
    const s2 = await openStore({ target: f.path });
    expect((await s2.awaitingReply(A, '2026-10-01T00:00:00.000Z')).map((r) => [r.contactId, r.touchpointId])).toEqual([
      ['c1', 't1'],
    ]);
    await s2.close();
    f.cleanup();
  });

  it('is refused on PostgreSQL with a clear message', async () => {
    const { store, cleanup } = await freshStore('postgres');
    await expect(store.snapshot('/tmp/x.db')).rejects.toMatchObject({ code: 'unavailable' });
    expect(await store.integrityCheck()).toEqual([]);
    await cleanup();
  });
});

/** Undoes migrations 0003 and 0005 (the agenda's indexes and the awaiting-reply column) on a migrated SQLite file. */
function undoAgendaMigrations(raw: BetterSqlite3.Database): void {
  raw.prepare("DELETE FROM kith_migrations WHERE name IN ('0003_agenda_indexes', '0005_agenda_rank_indexes')").run();
  raw.exec(
    `DROP INDEX commitments_agenda; DROP INDEX follow_ups_agenda; DROP INDEX ledger_agenda; DROP INDEX ledger_contact_direction;
     DROP INDEX post_responses_open; DROP INDEX contacts_awaiting_rank;
     DROP INDEX contacts_checkin; DROP INDEX contacts_birthday; DROP INDEX contacts_lean; ALTER TABLE contacts DROP COLUMN awaiting_reply_id`,
  );
}
