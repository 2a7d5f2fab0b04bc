/**
 * How search ranks, on both databases: every word in the names first, then anywhere,
 * whole words before prefixes, and within a tier the most recently added record first.
 * Each tier stops at the limit, and the owner's records are the only ones found.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open.js';
import type { Store } from '../../src/storage/store.js';
import { contact, T0, touch } from '../support/fixtures.js';
import { DIALECTS, freshStore, rawSql } from '../support/stores.js';

const A = '00000000-0000-7000-8000-00000000000a';
const B = '00000000-0000-7000-8000-00000000000b';
const id = (n: number): string => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe.each(DIALECTS)('search ranking on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(dialect));
    for (const u of [A, B])
      await store.insertUser({ id: u, name: u, email: null, role: u === A ? 'owner' : 'member', createdAt: T0 });
  });
  afterEach(async () => cleanup());

  const found = async (q: string, limit = 10, kind?: 'contact' | 'touchpoint'): Promise<string[]> =>
    (await store.search(A, q, limit, kind ? { kind } : {})).map((h) => h.id);

  it('puts name matches first, then whole words anywhere, then prefixes, newest first within each', async () => {
    // Added in this order: a later id is a more recently added record.
    await store.insertContact(
      contact(A, id(1), { displayName: 'Kafka Older', givenName: 'Kafka', familyName: 'Older', notes: '' }),
    );
    await store.insertContact(
      contact(A, id(2), { displayName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', notes: 'likes kafka' }),
    );
    await store.insertContact(
      contact(A, id(3), { displayName: 'Kafka Newer', givenName: 'Kafka', familyName: 'Newer', notes: '' }),
    );
    await store.insertTouchpoint(touch(A, id(10), [id(2)], { summary: 'kafka streams talk', notes: '' }));
    await store.insertTouchpoint(touch(A, id(11), [id(2)], { summary: 'kafkaesque paperwork', notes: '' }));
    await store.insertContact(
      contact(A, id(4), { displayName: 'Kafkaesque Name', givenName: 'Kafkaesque', familyName: 'Name', notes: '' }),
    );
    await store.insertTouchpoint(touch(A, id(12), [id(2)], { summary: 'kafka again', notes: '' }));
    await store.insertContact(
      contact(B, id(20), { displayName: 'Kafka Of Someone Else', givenName: 'Kafka', familyName: 'Else', notes: '' }),
    );

    const hits = await store.search(A, 'kafka', 10);
    expect(hits.map((h) => h.id)).toEqual([id(3), id(1), id(12), id(10), id(2), id(4), id(11)]);
    expect(hits.map((h) => h.score)).toEqual([4, 4, 3, 3, 3, 2, 1]);
    // The limit cuts the ranked list; the first tiers alone fill it.
    expect(await found('kafka', 3)).toEqual([id(3), id(1), id(12)]);
    // Only one kind, and names only.
    expect(await found('kafka', 10, 'contact')).toEqual([id(3), id(1), id(2), id(4)]);
    expect((await store.search(A, 'kafka', 10, { namesOnly: true })).map((h) => h.id)).toEqual([id(3), id(1), id(4)]);
    // Every word must match; a word still being typed matches as a prefix.
    expect(await found('kafka stre')).toEqual([id(10)]);
    expect(await found('ada kafka')).toEqual([id(2)]);
    expect(await found('   ')).toEqual([]);
    expect(await store.search(B, 'kafka', 10)).toEqual([{ kind: 'contact', id: id(20), score: 4 }]);
  });

  it('fills the list from the newest matches when a word is in many records', async () => {
    const many = 60;
    await store.insertContact(
      contact(A, id(1), { displayName: 'Ben Okafor', givenName: 'Ben', familyName: 'Okafor', notes: '' }),
    );
    for (let i = 0; i < many; i++) {
      await store.insertTouchpoint(touch(A, id(100 + i), [id(1)], { summary: `weekly sync number ${i}`, notes: '' }));
    }
    const hits = await found('weekly', 5);
    expect(hits).toEqual([id(159), id(158), id(157), id(156), id(155)]);
    expect(await found('sync weekly', 200)).toHaveLength(many);
  });
});

describe.each(DIALECTS)('search with the list fields (searchPage) on %s', (dialect) => {
  let store: Store;
  let target: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    let close: () => Promise<void>;
    ({ store, target, cleanup: close } = await freshStore(dialect));
    // The store may be reopened by a test: close whichever is open, then the rest.
    cleanup = async () => {
      await store.close();
      await close();
    };
    for (const u of [A, B])
      await store.insertUser({ id: u, name: u, email: null, role: u === A ? 'owner' : 'member', createdAt: T0 });
  });
  afterEach(async () => cleanup());

  it('gives the same hits in the same order as search, each with what a list shows of it', async () => {
    await store.insertContact(
      contact(A, id(1), { displayName: 'Kafka Older', givenName: 'Kafka', familyName: 'Older', company: null, title: null }),
    );
    await store.insertContact(
      contact(A, id(2), { displayName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', notes: 'likes kafka' }),
    );
    await store.insertContact(
      contact(A, id(3), { displayName: 'Zoë Kafka', givenName: 'Zoë', familyName: 'Kafka', company: 'Acme', title: 'CTO' }),
    );
    // Participants in the touchpoint's order, a trashed one included (as getContacts gives them).
    await store.insertTouchpoint(
      touch(A, id(10), [id(3), id(2)], {
        kind: 'call',
        summary: 'kafka streams talk',
        occurredAt: '2026-11-20T09:30:00.000Z',
        notes: '',
      }),
    );
    await store.insertTouchpoint(
      touch(A, id(11), [id(2)], {
        kind: 'coffee',
        summary: '',
        occurredAt: '2026-11-21T08:00:00.000Z',
        notes: 'kafkaesque paperwork',
      }),
    );
    await store.updateContact({ ...(await store.getContact(A, id(2)))!, deletedAt: T0 });
    await store.insertContact(
      contact(B, id(20), { displayName: 'Kafka Of Someone Else', givenName: 'Kafka', familyName: 'Else' }),
    );

    for (const [q, opts] of [
      ['kafka', {}],
      ['kafka', { kind: 'touchpoint' as const }],
      ['kafka', { kind: 'contact' as const }],
      ['kafka', { namesOnly: true }],
      ['kaf', {}],
      ['zoe kafka', {}],
      ['nothing here', {}],
    ] as const) {
      const page = await store.searchPage(A, q, 10, opts);
      expect(page.map(({ kind, id, score }) => ({ kind, id, score }))).toEqual(await store.search(A, q, 10, opts));
    }
    expect(await store.searchPage(A, 'kafka', 10)).toEqual([
      { kind: 'contact', id: id(3), score: 4, displayName: 'Zoë Kafka', company: 'Acme', title: 'CTO' },
      { kind: 'contact', id: id(1), score: 4, displayName: 'Kafka Older', company: null, title: null },
      {
        kind: 'touchpoint',
        id: id(10),
        score: 3,
        touchKind: 'call',
        occurredAt: '2026-11-20T09:30:00.000Z',
        summary: 'kafka streams talk',
        participants: [
          { id: id(3), name: 'Zoë Kafka' },
          { id: id(2), name: 'Ada Lovelace' },
        ],
      },
      {
        kind: 'touchpoint',
        id: id(11),
        score: 1,
        touchKind: 'coffee',
        occurredAt: '2026-11-21T08:00:00.000Z',
        summary: '',
        participants: [{ id: id(2), name: 'Ada Lovelace' }],
      },
    ]);
    expect((await store.searchPage(A, 'kafka', 3)).map((h) => h.id)).toEqual([id(3), id(1), id(10)]);
    expect(await store.searchPage(B, 'kafka', 10)).toEqual([
      { kind: 'contact', id: id(20), score: 4, displayName: 'Kafka Of Someone Else', company: 'Acme', title: 'Engineer' },
    ]);
    expect(await store.searchPage(A, '  ', 10)).toEqual([]);
  });

  it("inside a transaction sees its writes, and outside one never sees another caller's uncommitted rows", async () => {
    await store.insertContact(contact(A, id(1), { displayName: 'Quill Early', givenName: 'Quill', familyName: 'Early' }));
    let outside: Promise<string[]> | undefined;
    await expect(
      store.transaction(async (tx) => {
        await tx.insertContact(contact(A, id(2), { displayName: 'Quill Late', givenName: 'Quill', familyName: 'Late' }));
        expect((await tx.searchPage(A, 'quill', 10)).map((h) => h.id)).toEqual([id(2), id(1)]);
        // Started while this transaction is open and still writing.
        outside = store.searchPage(A, 'quill', 10).then((hits) => hits.map((h) => h.id));
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outside).toEqual([id(1)]);
    expect((await store.search(A, 'quill', 10)).map((h) => h.id)).toEqual([id(1)]);
  });

  it('writes no owner token into the full index (its owner column is no longer read)', async () => {
    if (dialect !== 'sqlite') return;
    await store.insertContact(contact(A, id(1), { displayName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' }));
    await store.insertContacts([contact(A, id(2), { displayName: 'Ada Byron', givenName: 'Ada', familyName: 'Byron' })]);
    await store.insertTouchpoint(touch(A, id(10), [id(1)], { summary: 'ada tea' }));
    await store.updateContact({ ...(await store.getContact(A, id(1)))!, notes: 'edited' });
    expect((await store.search(A, 'ada', 10)).map((h) => h.id)).toEqual([id(2), id(1), id(10)]);
    await store.close();
    const raw = new BetterSqlite3(target);
    try {
      const token = `u${A.replace(/[^0-9a-z]/gi, '').toLowerCase()}`;
      expect(raw.prepare('SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?').get(`owner : ${token}`)).toEqual({
        n: 0,
      });
      expect(raw.prepare('SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?').get('ada')).toEqual({ n: 3 });
    } finally {
      raw.close();
    }
    store = await openStore({ target });
  });
});

describe.each(DIALECTS)('migration 0004 (the names index) on %s', (dialect) => {
  it('fills the names index from the contacts already there', async () => {
    const fresh = await freshStore(dialect);
    const s = fresh.store;
    await s.insertUser({ id: A, name: 'a', email: null, role: 'owner', createdAt: T0 });
    await s.insertContact(contact(A, id(1), { displayName: 'Zoë Kafka', givenName: 'Zoë', familyName: 'Kafka', notes: '' }));
    await s.insertContact(
      contact(A, id(2), { displayName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', notes: 'reads kafka' }),
    );
    await s.close();
    // Back to the database as the migrations before 0004 left it.
    await rawSql(
      dialect,
      fresh.target,
      `${dialect === 'sqlite' ? 'DROP TABLE search_names' : 'ALTER TABLE search_docs DROP COLUMN names_tsv'}; DELETE FROM kith_migrations WHERE name = '0004_search_names'`,
    );
    const again = await openStore({ target: fresh.target });
    try {
      expect(await again.search(A, 'kafka', 10)).toEqual([
        { kind: 'contact', id: id(1), score: 4 },
        { kind: 'contact', id: id(2), score: 3 },
      ]);
      expect((await again.search(A, 'zoe', 10, { namesOnly: true })).map((h) => h.id)).toEqual([id(1)]);
    } finally {
      await again.close();
    }
  });
});

describe.each(DIALECTS)('migration 0006 (search cards) on %s', (dialect) => {
  it('fills the cards of the records already indexed', async () => {
    const fresh = await freshStore(dialect);
    const s = fresh.store;
    await s.insertUser({ id: A, name: 'a', email: null, role: 'owner', createdAt: T0 });
    await s.insertContact(
      contact(A, id(1), { displayName: 'Zoë Kafka', givenName: 'Zoë', familyName: 'Kafka', company: 'Acme', title: null }),
    );
    await s.insertContact(
      contact(A, id(2), { displayName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', notes: 'reads kafka' }),
    );
    await s.insertTouchpoint(
      touch(A, id(10), [id(2), id(1)], { kind: 'call', summary: 'kafka call', occurredAt: '2026-11-20T09:00:00.000Z' }),
    );
    await s.insertTouchpoint(
      touch(A, id(11), [id(2)], { kind: 'email', summary: 'kafka mail', occurredAt: '2026-11-21T09:00:00.000Z' }),
    );
    await s.updateTouchpoint({ ...(await s.getTouchpoint(A, id(11)))!, deletedAt: T0 });
    const before = await s.searchPage(A, 'kafka', 10);
    expect(before.map((h) => h.id)).toEqual([id(1), id(10), id(2)]);
    await s.close();
    // Back to the database as the migrations before 0006 left it.
    const undo = "ALTER TABLE search_docs DROP COLUMN card; DELETE FROM kith_migrations WHERE name = '0006_search_cards'";
    await rawSql(dialect, fresh.target, undo);
    const again = await openStore({ target: fresh.target });
    try {
      expect(await again.searchPage(A, 'kafka', 10)).toEqual(before);
      expect(before[1]).toEqual({
        kind: 'touchpoint',
        id: id(10),
        score: 3,
        touchKind: 'call',
        occurredAt: '2026-11-20T09:00:00.000Z',
        summary: 'kafka call',
        participants: [
          { id: id(2), name: 'Ada Lovelace' },
          { id: id(1), name: 'Zoë Kafka' },
        ],
      });
    } finally {
      await again.close();
      await fresh.cleanup().catch(() => undefined);
    }
  });
});
