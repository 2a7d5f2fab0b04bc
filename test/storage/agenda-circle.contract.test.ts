/**
 * The ranked agenda kinds found circle by circle (migration 0008), on SQLite and PostgreSQL.
 * The first `limit` rows of each kind must be exactly the first of all its rows in ranking
 * order, also where a lower circle's row ties the last row found with its score and its date
 * and wins on its contact; and the rows' copy of their contact's circle must follow every write
 * that changes it: a new row, a row moved to another contact, a contact's new circle, a merge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareRank } from '../../src/core/agenda.js';
import { addDays, noonOf } from '../../src/core/days.js';
import { openStore } from '../../src/storage/open.js';
import type { Circle, Commitment, FollowUp, LedgerEntry } from '../../src/core/types.js';
import type { AgendaCandidate, RankedAgendaKind, Store } from '../../src/storage/store.js';
import { contact, touch } from '../support/fixtures.js';
import { DIALECTS, freshStore, rawSql } from '../support/stores.js';

const OWNER = '00000000-0000-7000-8000-0000000000a0';
const TODAY = '2026-11-26';
const NOW = `${TODAY}T10:00:00.000Z`;
const DEFAULTS = { inner: 14, active: 30, network: 60, dormant: 365 };
const KINDS: RankedAgendaKind[] = ['commitment', 'followUp', 'reply', 'giveFirst'];
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** All of a kind's rows in ranking order (limit null reads them without the circle walk). */
async function everyRow(store: Store, kind: RankedAgendaKind): Promise<AgendaCandidate[]> {
  const all = await store.listAgendaCandidates(OWNER, kind, { today: TODAY, defaults: DEFAULTS, limit: null });
  const key = (c: AgendaCandidate) => ({ score: c.bound, dueOn: c.dueOn, contactId: c.rankContactId, id: c.itemId });
  return all.sort((x, y) => compareRank(key(x), key(y)));
}

async function expectFirstRowsExact(store: Store): Promise<void> {
  for (const kind of KINDS) {
    const all = (await everyRow(store, kind)).map((c) => c.itemId);
    expect(all.length).toBeGreaterThan(0);
    for (let limit = 1; limit <= all.length + 1; limit++) {
      const got = await store.listAgendaCandidates(OWNER, kind, { today: TODAY, defaults: DEFAULTS, limit });
      expect(
        got.map((c) => c.itemId),
        `${kind}, limit ${limit}`,
      ).toEqual(all.slice(0, limit));
    }
  }
}

describe.each(DIALECTS)('agenda rows by circle on %s', (dialect) => {
  let store: Store;
  let target: string;
  let cleanup: () => Promise<void>;
  let n = 100;
  const next = () => id(n++);

  /** Each table's rows whose copy of the circle differs from their contact's circle. */
  async function staleCircles(): Promise<Array<{ t: string; id: string }>> {
    const q = ['commitments', 'follow_ups', 'ledger_entries']
      .map(
        (t) =>
          `SELECT '${t}' AS t, r.id FROM ${t} r JOIN contacts c ON c.id = r.contact_id WHERE r.contact_circle IS DISTINCT FROM c.circle`,
      )
      .join(' UNION ALL ')
      .replaceAll('IS DISTINCT FROM', dialect === 'sqlite' ? 'IS NOT' : 'IS DISTINCT FROM');
    return rawSql<{ t: string; id: string }>(dialect, target, q, 'rows');
  }

  const promise = (contactId: string, due: number): Commitment => ({
    id: next(),
    ownerId: OWNER,
    contactId,
    direction: 'mine',
    text: `Send the notes to ${contactId.slice(-3)}`,
    dueOn: addDays(TODAY, due),
    status: 'open',
    createdAt: NOW,
  });
  const followUp = (contactId: string, due: number): FollowUp => ({
    id: next(),
    ownerId: OWNER,
    contactId,
    text: 'Ask how the launch went',
    dueOn: addDays(TODAY, due),
    doneAt: null,
    createdAt: NOW,
  });
  const ask = (contactId: string, daysAgo: number): LedgerEntry => ({
    id: next(),
    ownerId: OWNER,
    contactId,
    direction: 'ask',
    kind: 'intro',
    note: 'An intro to their CTO',
    occurredOn: addDays(TODAY, -daysAgo),
    createdAt: NOW,
  });

  /**
   * Pairs of people in neighbouring circles whose rows tie: the lower circle's person has a
   * check-in due (worth as much as the circle's difference) and the smaller id, so their row
   * ranks first although the circle walk finds the higher circle's row first.
   */
  async function tiedNetwork(): Promise<void> {
    const people: Array<{ n: number; circle: Circle; checkinDue: boolean }> = [
      { n: 1, circle: 'active', checkinDue: true },
      { n: 2, circle: 'inner', checkinDue: false },
      { n: 3, circle: 'network', checkinDue: true },
      { n: 4, circle: 'active', checkinDue: false },
      { n: 5, circle: 'dormant', checkinDue: true },
      { n: 6, circle: 'network', checkinDue: false },
      { n: 7, circle: 'inner', checkinDue: true },
    ];
    await store.insertContacts(
      people.map((p) =>
        contact(OWNER, id(p.n), {
          displayName: `Person ${p.n}`,
          circle: p.circle,
          // A due check-in: a short cadence of their own, a last touch (the message below) 5 days ago.
          cadenceDays: p.checkinDue ? 3 : 60,
          createdAt: noonOf(addDays(TODAY, -400)),
        }),
      ),
    );
    // Their newest touch, 5 days ago, is a message from them: each awaits a reply.
    await store.insertTouchpoints(
      people.map((p) =>
        touch(OWNER, next(), [id(p.n)], {
          kind: 'dm',
          channel: 'chat',
          initiatedBy: 'them',
          summary: `Question from ${p.n}`,
          occurredAt: `${addDays(TODAY, -5)}T09:00:00.000Z`,
        }),
      ),
    );
    for (const p of people) {
      // Past the urgency's cap on the same day: the circle and the check-in decide, then the contact.
      await store.insertRecord('commitment', promise(id(p.n), -12));
      await store.insertRecord('commitment', promise(id(p.n), -11));
      await store.insertRecord('commitment', promise(id(p.n), 1));
      await store.insertRecord('followUp', followUp(id(p.n), -20));
      await store.insertRecord('followUp', followUp(id(p.n), -3));
      await store.insertRecord('ledger', ask(id(p.n), 4));
    }
  }

  beforeEach(async () => {
    ({ store, target, cleanup } = await freshStore(dialect));
    await store.insertUser({ id: OWNER, name: 'Sam', email: null, role: 'owner', createdAt: NOW });
    await tiedNetwork();
  });
  afterEach(async () => cleanup());

  it('gives the first rows of each kind exactly, ties across circles included', async () => {
    // The tie the walk must not miss: the active person 1 outranks the inner person 2.
    const top = await store.listAgendaCandidates(OWNER, 'commitment', { today: TODAY, defaults: DEFAULTS, limit: 1 });
    expect(top.map((c) => [c.contactId, c.bound])).toEqual([[id(7), 125]]);
    const two = await store.listAgendaCandidates(OWNER, 'commitment', { today: TODAY, defaults: DEFAULTS, limit: 3 });
    expect(two.map((c) => [c.contactId, c.bound, c.dueOn])).toEqual([
      [id(7), 125, addDays(TODAY, -12)],
      [id(7), 125, addDays(TODAY, -11)],
      [id(1), 120, addDays(TODAY, -12)],
    ]);
    await expectFirstRowsExact(store);
    expect(await staleCircles()).toEqual([]);
  });

  it('follows a contact to a new circle, a row to another contact, and a merge', async () => {
    const seven = await store.getContact(OWNER, id(7));
    if (!seven) throw new Error('no contact 7');
    await store.updateContact({ ...seven, circle: 'dormant' });
    const six = await store.getContact(OWNER, id(6));
    if (!six) throw new Error('no contact 6');
    await store.updateContact({ ...six, circle: 'inner' });
    expect(await staleCircles()).toEqual([]);
    await expectFirstRowsExact(store);

    // A promise moved from person 3 (network) to person 6 (now inner).
    const theirs = (await store.listRecords('commitment', OWNER, { contactId: id(3) }))[0];
    if (!theirs) throw new Error('no promise of person 3');
    await store.updateRecord('commitment', { ...theirs, contactId: id(6) });
    // Person 5 (dormant) merged into person 2 (inner): their rows now belong to person 2.
    await store.repointContact(OWNER, id(5), id(2));
    expect(await staleCircles()).toEqual([]);
    await expectFirstRowsExact(store);
  });
});

describe.each(DIALECTS)('migration 0008 (the agenda by circle) on %s', (dialect) => {
  it('copies the circle of the contacts already there, and keeps it from then on', async () => {
    const fresh = await freshStore(dialect);
    const { store } = fresh;
    await store.insertUser({ id: OWNER, name: 'Sam', email: null, role: 'owner', createdAt: NOW });
    await store.insertContacts([
      contact(OWNER, id(1), { displayName: 'Ana Inner', circle: 'inner' }),
      contact(OWNER, id(2), { displayName: 'Bo Network', circle: 'network' }),
    ]);
    const row = (contactId: string, n: number): Commitment => ({
      id: id(50 + n),
      ownerId: OWNER,
      contactId,
      direction: 'mine',
      text: 'Send the deck',
      dueOn: addDays(TODAY, -n),
      status: 'open',
      createdAt: NOW,
    });
    await store.insertRecord('commitment', row(id(1), 1));
    await store.insertRecord('commitment', row(id(2), 2));
    await store.close();
    // Back to the database as the migrations before 0008 left it.
    const tables = ['commitments', 'follow_ups', 'ledger_entries'];
    const undo = [
      ...(dialect === 'sqlite'
        ? [
            ...tables.flatMap((t) => [`DROP TRIGGER ${t}_circle_insert`, `DROP TRIGGER ${t}_circle_move`]),
            'DROP TRIGGER contacts_circle_copy',
          ]
        : [
            ...tables.map((t) => `DROP TRIGGER ${t}_circle ON ${t}`),
            'DROP TRIGGER contacts_circle_copy ON contacts',
            'DROP FUNCTION kith_row_circle',
            'DROP FUNCTION kith_contact_circle_copy',
          ]),
      'DROP INDEX commitments_by_circle',
      'DROP INDEX follow_ups_by_circle',
      'DROP INDEX ledger_asks_by_circle',
      ...tables.map((t) => `ALTER TABLE ${t} DROP COLUMN contact_circle`),
      "DELETE FROM kith_migrations WHERE name = '0008_agenda_by_circle'",
    ].join('; ');
    await rawSql(dialect, fresh.target, undo);
    const again = await openStore({ target: fresh.target });
    try {
      const first = async () =>
        (await again.listAgendaCandidates(OWNER, 'commitment', { today: TODAY, defaults: DEFAULTS, limit: 1 })).map(
          (c) => c.contactId,
        );
      // Ana's promise: the inner circle's 10 points outweigh Bo's extra day.
      expect(await first()).toEqual([id(1)]);
      const ana = await again.getContact(OWNER, id(1));
      if (!ana) throw new Error('no contact 1');
      await again.updateContact({ ...ana, circle: 'dormant' });
      expect(await first()).toEqual([id(2)]);
    } finally {
      await again.close();
      await fresh.cleanup().catch(() => undefined);
    }
  });
});
