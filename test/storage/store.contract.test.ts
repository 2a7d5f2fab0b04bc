/**
 * The storage contract: one suite, run against real SQLite and real PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, Kysely, SqliteDialect } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../src/core/errors.js';
import { DEFAULT_PROFILE } from '../../src/core/types.js';
import { openStore } from '../../src/storage/open.js';
import { migrate } from '../../src/storage/migrator.js';
import { MIGRATIONS } from '../../src/storage/migrations.js';
import type { Store } from '../../src/storage/store.js';
import { DIALECTS, freshStore, freshSqliteFile } from '../support/stores.js';
import { contact, T0, touch } from '../support/fixtures.js';

const A = '00000000-0000-7000-8000-00000000000a';
const B = '00000000-0000-7000-8000-00000000000b';
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe.each(DIALECTS)('Store contract on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let target: string;

  beforeEach(async () => {
    ({ store, cleanup, target } = await freshStore(dialect));
    for (const u of [A, B])
      await store.insertUser({ id: u, name: u, email: null, role: u === A ? 'owner' : 'member', createdAt: T0 });
  });
  afterEach(async () => cleanup());

  it('reports its dialect', () => {
    expect(store.dialect).toBe(dialect);
  });

  it('round-trips a contact with every field, in any script', async () => {
    const c = contact(A, id(1), {
      displayName: 'Zoë Łukasz-Müller',
      nickname: 'Zo',
      identities: [
        { kind: 'email', value: 'zoe@example.com', label: null },
        { kind: 'linkedin', value: 'https://www.linkedin.com/in/zoe-m%C3%BCller/', label: null },
        { kind: 'phone', value: '+49 30 1234567', label: 'mobile' },
      ],
      boundaries: { pausedUntil: '2027-01-01', minGapDays: 14, preferredChannel: 'email', note: 'no calls' },
      cadenceDays: 45,
      tags: ['rust', 'berlin'],
      topics: [
        { kind: 'goal', text: 'Become a staff engineer' },
        { kind: 'looking-for', text: 'Rust mentor' },
      ],
    });
    await store.insertContact(c);
    expect(await store.getContact(A, c.id)).toEqual(c);
    const li = { ...contact(A, id(2)), displayName: '李雷', givenName: null, familyName: null };
    await store.insertContact(li);
    expect((await store.getContact(A, li.id))?.displayName).toBe('李雷');
  });

  it("never shows one user another user's contacts", async () => {
    await store.insertContact(contact(A, id(1)));
    expect(await store.getContact(B, id(1))).toBeNull();
    expect(await store.listContacts(B)).toEqual([]);
    expect(await store.search(B, 'anna', 10)).toEqual([]);
    expect(await store.findContactsByIdentity(B, `${id(1)}@example.com`)).toEqual([]);
  });

  it('updates a contact, replacing identities, tags and topics', async () => {
    const c = contact(A, id(1));
    await store.insertContact(c);
    const next = {
      ...c,
      identities: [{ kind: 'github' as const, value: 'https://github.com/anna', label: null }],
      tags: ['go'],
      topics: [],
    };
    await store.updateContact(next);
    expect(await store.getContact(A, c.id)).toEqual(next);
    await expect(store.updateContact({ ...next, ownerId: B })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists by circle, tag and trash state, in name order with a keyset cursor', async () => {
    await store.insertContact(contact(A, id(1), { displayName: 'Carla', circle: 'inner', tags: ['x'] }));
    await store.insertContact(contact(A, id(2), { displayName: 'Anna', circle: 'network', tags: [] }));
    await store.insertContact(contact(A, id(3), { displayName: 'Bert', circle: 'inner', tags: ['x'], deletedAt: T0 }));
    expect((await store.listContacts(A)).map((c) => c.displayName)).toEqual(['Anna', 'Carla']);
    expect((await store.listContacts(A, { circle: 'inner' })).map((c) => c.displayName)).toEqual(['Carla']);
    expect((await store.listContacts(A, { tag: 'x', state: 'all' })).map((c) => c.displayName)).toEqual(['Bert', 'Carla']);
    expect((await store.listContacts(A, { state: 'trash' })).map((c) => c.displayName)).toEqual(['Bert']);
    expect(
      (await store.listContacts(A, { limit: 1, after: { displayName: 'Anna', id: id(2) } })).map((c) => c.displayName),
    ).toEqual(['Carla']);
    expect(await store.countContacts(A)).toBe(2);
    expect(await store.countContacts(A, 'all')).toBe(3);
  });

  it('finds contacts by normalised identity', async () => {
    await store.insertContact(
      contact(A, id(1), {
        identities: [{ kind: 'linkedin', value: 'https://www.linkedin.com/in/goran-stipeti%C4%87/', label: null }],
      }),
    );
    const found = await store.findContactsByIdentity(A, 'linkedin.com/in/goran-stipetić');
    expect(found.map((c) => c.id)).toEqual([id(1)]);
  });

  it("keeps each contact's last touch from their live touchpoints", async () => {
    await store.insertContact(contact(A, id(1)));
    await store.insertContact(contact(A, id(2), { displayName: 'Ben' }));
    await store.insertTouchpoint(touch(A, id(10), [id(1), id(2)], { occurredAt: '2026-11-01T12:00:00.000Z' }));
    await store.insertTouchpoint(touch(A, id(11), [id(1)], { occurredAt: '2026-11-20T12:00:00.000Z' }));
    expect((await store.getContact(A, id(1)))?.lastTouchAt).toBe('2026-11-20T12:00:00.000Z');
    expect((await store.getContact(A, id(2)))?.lastTouchAt).toBe('2026-11-01T12:00:00.000Z');
    const t = (await store.getTouchpoint(A, id(11)))!;
    await store.updateTouchpoint({ ...t, deletedAt: T0 });
    expect((await store.getContact(A, id(1)))?.lastTouchAt).toBe('2026-11-01T12:00:00.000Z');
    expect((await store.listTouchpoints(A, { contactId: id(1) })).map((x) => x.id)).toEqual([id(10)]);
    expect((await store.listTouchpoints(A, { contactId: id(1), state: 'all' })).map((x) => x.id)).toEqual([id(11), id(10)]);
    expect(await store.getTouchpoint(A, id(10))).toEqual(
      touch(A, id(10), [id(1), id(2)], { occurredAt: '2026-11-01T12:00:00.000Z' }),
    );
  });

  it('refuses a touchpoint without participants or with a stranger', async () => {
    await store.insertContact(contact(A, id(1)));
    await expect(store.insertTouchpoint(touch(A, id(10), []))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.insertTouchpoint(touch(B, id(11), [id(1)]))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('makes imports idempotent on (source, external id)', async () => {
    await store.insertContact(contact(A, id(1)));
    await store.insertTouchpoint(touch(A, id(10), [id(1)], { source: 'mbox', externalId: '<m1@example.com>' }));
    expect((await store.findTouchpointByExternalId(A, 'mbox', '<m1@example.com>'))?.id).toBe(id(10));
    const err = await store
      .insertTouchpoint(touch(A, id(11), [id(1)], { source: 'mbox', externalId: '<m1@example.com>' }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('conflict');
  });

  it('round-trips every simple record kind', async () => {
    await store.insertContact(contact(A, id(1)));
    await store.insertContact(contact(A, id(2), { displayName: 'Ben' }));
    await store.insertTouchpoint(touch(A, id(10), [id(1)]));
    const rows = {
      followUp: {
        id: id(20),
        ownerId: A,
        contactId: id(1),
        text: 'Send the WASM GC article',
        dueOn: '2026-12-01',
        doneAt: null,
        touchpointId: id(10),
        createdAt: T0,
      },
      commitment: {
        id: id(21),
        ownerId: A,
        contactId: id(1),
        direction: 'mine' as const,
        text: 'slides',
        dueOn: '2026-11-28',
        status: 'open' as const,
        resolvedOn: null,
        touchpointId: null,
        createdAt: T0,
      },
      ledger: {
        id: id(22),
        ownerId: A,
        contactId: id(1),
        direction: 'give' as const,
        kind: 'review' as const,
        note: 'PR review',
        occurredOn: '2026-11-02',
        isPublic: true,
        createdAt: T0,
      },
      introduction: {
        id: id(23),
        ownerId: A,
        contactAId: id(1),
        contactBId: id(2),
        status: 'asked' as const,
        reason: 'Both into Rust',
        createdAt: T0,
        updatedAt: T0,
      },
      community: {
        id: id(24),
        ownerId: A,
        name: 'Rust Berlin',
        url: 'https://rust.berlin',
        cadenceDays: 30,
        notes: '',
        memberIds: [id(2), id(1)],
        createdAt: T0,
      },
      event: {
        id: id(25),
        ownerId: A,
        name: 'RustConf',
        startsOn: '2026-09-01',
        endsOn: '2026-09-03',
        location: 'Montréal',
        url: null,
        communityId: id(24),
        notes: 'n',
        attendees: [
          { contactId: id(1), met: true },
          { contactId: id(2), met: false },
        ],
        createdAt: T0,
      },
      post: {
        id: id(26),
        ownerId: A,
        title: 'On GC',
        url: 'https://blog/x',
        publishedOn: '2026-11-01',
        summary: 's',
        topics: ['gc'],
        source: 'feed',
        externalId: 'x',
        createdAt: T0,
      },
      postResponse: {
        id: id(27),
        ownerId: A,
        postId: id(26),
        contactId: id(1),
        authorName: null,
        receivedAt: T0,
        summary: 'nice',
        repliedAt: null,
        createdAt: T0,
      },
      resource: {
        id: id(28),
        ownerId: A,
        url: 'https://wasm.gc',
        title: 'WASM GC explained',
        topics: ['wasm', 'gc'],
        notes: '',
        createdAt: T0,
      },
    } as const;
    for (const [kind, row] of Object.entries(rows)) {
      await store.insertRecord(kind as never, row as never);
      expect(await store.getRecord(kind as never, A, row.id)).toEqual(row);
      expect(await store.getRecord(kind as never, B, row.id)).toBeNull();
    }
    expect((await store.listRecords('event', A, { contactId: id(2) })).map((e) => e.id)).toEqual([id(25)]);
    expect((await store.listRecords('introduction', A, { contactId: id(2) })).map((e) => e.id)).toEqual([id(23)]);
    expect(await store.listRecords('followUp', A, { contactId: id(2) })).toEqual([]);
    await store.updateRecord('commitment', { ...rows.commitment, status: 'kept', resolvedOn: '2026-11-27' });
    expect((await store.getRecord('commitment', A, id(21)))?.status).toBe('kept');
    await store.deleteRecord('resource', A, id(28));
    expect(await store.getRecord('resource', A, id(28))).toBeNull();
  });

  it('repoints everything of one contact to another, then purges it', async () => {
    await store.insertContact(contact(A, id(1)));
    await store.insertContact(contact(A, id(2), { displayName: 'Anna S.' }));
    await store.insertContact(contact(A, id(3), { displayName: 'Carl', introducedById: id(2) }));
    await store.insertTouchpoint(touch(A, id(10), [id(1), id(2)]));
    await store.insertTouchpoint(touch(A, id(11), [id(2)], { occurredAt: '2026-11-25T12:00:00.000Z' }));
    await store.insertRecord('commitment', {
      id: id(21),
      ownerId: A,
      contactId: id(2),
      direction: 'mine',
      text: 't',
      dueOn: null,
      status: 'open',
      resolvedOn: null,
      touchpointId: null,
      createdAt: T0,
    });
    await store.insertRecord('event', {
      id: id(25),
      ownerId: A,
      name: 'E',
      startsOn: '2026-09-01',
      endsOn: null,
      location: null,
      url: null,
      communityId: null,
      notes: '',
      attendees: [
        { contactId: id(1), met: true },
        { contactId: id(2), met: true },
      ],
      createdAt: T0,
    });
    await store.repointContact(A, id(2), id(1));
    await store.purgeContact(A, id(2));
    expect(await store.getContact(A, id(2))).toBeNull();
    expect((await store.listTouchpoints(A, { contactId: id(1) })).map((t) => t.id)).toEqual([id(11), id(10)]);
    expect((await store.getTouchpoint(A, id(10)))?.participantIds).toEqual([id(1)]);
    expect((await store.getRecord('commitment', A, id(21)))?.contactId).toBe(id(1));
    expect((await store.getRecord('event', A, id(25)))?.attendees).toEqual([{ contactId: id(1), met: true }]);
    expect((await store.getContact(A, id(3)))?.introducedById).toBe(id(1));
    expect((await store.getContact(A, id(1)))?.lastTouchAt).toBe('2026-11-25T12:00:00.000Z');
  });

  it('searches folded for case, accents and transliterations, names first', async () => {
    await store.insertContact(
      contact(A, id(1), { displayName: 'Zoë Łukasz-Müller', givenName: 'Zoë', familyName: 'Łukasz-Müller', notes: '' }),
    );
    await store.insertContact(
      contact(A, id(2), { displayName: 'Søren Søndergaard', givenName: 'Søren', familyName: 'Søndergaard', notes: '' }),
    );
    await store.insertContact(
      contact(A, id(3), {
        displayName: 'Jonas Weiß',
        givenName: 'Jonas',
        familyName: 'Weiß',
        notes: 'Works with Müller on compilers',
      }),
    );
    await store.insertTouchpoint(touch(A, id(10), [id(2)], { summary: 'Climbing in Fontainebleau', notes: 'bouldering trip' }));
    const ids = async (q: string) => (await store.search(A, q, 10)).map((h) => h.id);
    expect(await ids('muller')).toEqual([id(1), id(3)]);
    expect(await ids('Müller')).toEqual([id(1), id(3)]);
    expect(await ids('mueller')).toEqual([id(1), id(3)]);
    expect(await ids('lukasz')).toEqual([id(1)]);
    expect(await ids('sondergaard')).toEqual([id(2)]);
    expect(await ids('weiss')).toEqual([id(3)]);
    expect(await ids('SOREN')).toEqual([id(2)]);
    expect(await ids('fontaine')).toEqual([id(10)]);
    expect(await ids('zoe muller')).toEqual([id(1)]);
    expect(await ids('nobody-here')).toEqual([]);
    expect(await store.search(A, 'müller', 10, { namesOnly: true })).toHaveLength(1);
    // Trashed contacts leave the index; restored ones come back.
    const c = (await store.getContact(A, id(2)))!;
    await store.updateContact({ ...c, deletedAt: T0 });
    expect(await ids('sondergaard')).toEqual([]);
    await store.updateContact({ ...c, deletedAt: null });
    expect(await ids('sondergaard')).toEqual([id(2)]);
  });

  it('rolls a transaction back entirely on error', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.insertContact(contact(A, id(1)));
        await tx.insertContact(contact(A, id(1)));
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.countContacts(A, 'all')).toBe(0);
    expect(await store.search(A, 'anna', 10)).toEqual([]);
  });

  it('stores the profile with defaults for settings it lacks', async () => {
    expect(await store.getProfile(A)).toBeNull();
    const p = { ...DEFAULT_PROFILE, ownerId: A, name: 'Sam', emails: ['sam@example.com'], updatedAt: T0 };
    await store.putProfile(p);
    await store.putProfile({ ...p, weeklyGoal: 5 });
    expect(await store.getProfile(A)).toEqual({ ...p, weeklyGoal: 5 });
  });

  it('records migrations and applies each once', async () => {
    await store.close();
    const again = await openStore({ target });
    cleanup = async () => {
      await again.close();
    };
    store = again;
    expect(await again.countContacts(A)).toBe(0);
  });
});

describe('migrations on SQLite', () => {
  it('leave the database as it was when one fails', async () => {
    const f = freshSqliteFile();
    const db = new Kysely<never>({ dialect: new SqliteDialect({ database: new BetterSqlite3(f.path) }) });
    const failing = [
      ...MIGRATIONS,
      {
        name: '9999_broken',
        up: async (k: Kysely<unknown>) => {
          await sql`CREATE TABLE half_done (x TEXT)`.execute(k);
          await sql`THIS IS NOT SQL`.execute(k);
        },
      },
    ];
    await expect(migrate(db as never, 'sqlite', failing)).rejects.toThrow();
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db);
    const names = tables.rows.map((r) => r.name);
    expect(names).toContain('contacts');
    expect(names).not.toContain('half_done');
    const applied = await sql<{ name: string }>`SELECT name FROM kith_migrations`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    await db.destroy();
    f.cleanup();
  });

  it('refuse a database written by a newer kith', async () => {
    const f = freshSqliteFile();
    const s = await openStore({ target: f.path });
    await s.close();
    const raw = new BetterSqlite3(f.path);
    raw.prepare("INSERT INTO kith_migrations (name, applied_at) VALUES ('9000_future', '2030-01-01')").run();
    raw.close();
    await expect(openStore({ target: f.path })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/newer version of kith/),
    });
    f.cleanup();
  });
});
