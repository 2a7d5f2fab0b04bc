/**
 * Storage contract for accounts and agenda inputs, on SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open.js';
import type { Store } from '../../src/storage/store.js';
import { DIALECTS, freshStore } from '../support/stores.js';
import { contact, T0, touch } from '../support/fixtures.js';

const A = '00000000-0000-7000-8000-00000000000a';
const B = '00000000-0000-7000-8000-00000000000b';
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe.each(DIALECTS)('accounts and agenda storage on %s', (dialect) => {
  let store: Store;
  let target: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, target, cleanup } = await freshStore(dialect));
    await store.insertUser({ id: A, name: 'A', email: 'A@Example.com', role: 'owner', createdAt: T0 });
    await store.insertUser({ id: B, name: 'B', email: null, role: 'member', createdAt: T0 });
  });
  afterEach(async () => cleanup());

  it("moves its change mark on every committed write, its own or another connection's, and only then", async () => {
    const m0 = await store.changeMark();
    await store.listUsers();
    await store.contactSummaries(A);
    expect(await store.changeMark()).toBe(m0);
    await store.insertContact(contact(A, id(1)));
    const m1 = await store.changeMark();
    expect(m1).not.toBe(m0);
    expect(await store.changeMark()).toBe(m1);
    const other = await openStore({ target });
    try {
      await other.insertContact(contact(B, id(2)));
    } finally {
      await other.close();
    }
    expect(await store.changeMark()).not.toBe(m1);
  });

  it('reads its change mark at once when it can (SQLite outside a transaction): the mark changeMark gives', async () => {
    const m0 = store.changeMarkNow();
    if (dialect === 'postgres') {
      // A snapshot is a round trip: never at once.
      expect(m0).toBeNull();
      return;
    }
    expect(m0).toBe(await store.changeMark());
    // While another caller's transaction is open on the connection its writes would be counted
    // before they commit: not at once, and changeMark waits for the commit.
    let release = (): void => {};
    const held = new Promise<void>((r) => (release = r));
    let entered = (): void => {};
    const inside = new Promise<void>((r) => (entered = r));
    let inTransaction: string | null = null;
    const tx = store.transaction(async (s) => {
      await s.insertContact(contact(A, id(1)));
      inTransaction = s.changeMarkNow();
      entered();
      await held;
    });
    await inside;
    expect(inTransaction).not.toBeNull();
    expect(store.changeMarkNow()).toBeNull();
    let settled = false;
    const waiting = store.changeMark().finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    release();
    await tx;
    const m1 = await waiting;
    expect(m1).not.toBe(m0);
    expect(store.changeMarkNow()).toBe(m1);
  });

  it('lists live contacts by their names and email addresses only, for quick capture', async () => {
    await store.insertContact(
      contact(A, id(1), {
        displayName: 'Zoë Müller',
        nickname: 'Zo',
        identities: [
          { kind: 'email', value: 'zoe@work.dev', label: 'work' },
          { kind: 'phone', value: '+49 30 1234', label: null },
          { kind: 'email', value: 'zoe@home.dev', label: 'home' },
        ],
      }),
    );
    await store.insertContact(contact(A, id(2), { displayName: 'Gone', deletedAt: T0 }));
    await store.insertContact(contact(B, id(3), { displayName: 'Not yours' }));
    expect(await store.contactNames(A)).toEqual([
      {
        id: id(1),
        displayName: 'Zoë Müller',
        givenName: 'Anna',
        familyName: 'Schmidt',
        nickname: 'Zo',
        emails: ['zoe@work.dev', 'zoe@home.dev'],
      },
    ]);
  });

  it('finds users by email case-insensitively and refuses a second user with that email', async () => {
    expect((await store.getUserByEmail('a@example.COM'))?.id).toBe(A);
    await expect(
      store.insertUser({ id: id(9), name: 'x', email: 'a@example.com', role: 'member', createdAt: T0 }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await store.updateUser({ id: B, name: 'Bea', email: 'bea@example.com', role: 'member', createdAt: T0 });
    expect((await store.getUserByEmail('bea@example.com'))?.name).toBe('Bea');
    expect(await store.getPasswordHash(A)).toBeNull();
    await store.setPasswordHash(A, '$argon2id$x');
    expect(await store.getPasswordHash(A)).toBe('$argon2id$x');
  });

  it('keeps sessions, and logs out everywhere', async () => {
    const s = { idHash: 'h1', userId: A, csrfToken: 'c', createdAt: T0, lastSeenAt: T0, expiresAt: '2026-12-26T10:00:00.000Z' };
    await store.insertSession(s);
    await store.insertSession({ ...s, idHash: 'h2' });
    expect(await store.getSession('h1')).toEqual(s);
    await store.touchSession('h1', '2026-11-27T10:00:00.000Z', '2026-12-27T10:00:00.000Z');
    expect((await store.getSession('h1'))?.lastSeenAt).toBe('2026-11-27T10:00:00.000Z');
    await store.deleteSession('h2');
    expect(await store.getSession('h2')).toBeNull();
    await store.insertSession({ ...s, idHash: 'h3' });
    expect(await store.deleteSessionsOfUser(A)).toBe(2);
    expect(await store.getSession('h1')).toBeNull();
  });

  it('keeps API tokens hashed, revocable only by their user', async () => {
    const t = {
      id: id(1),
      userId: A,
      name: 'laptop',
      tokenHash: 'th',
      scope: 'read' as const,
      createdAt: T0,
      lastUsedAt: null,
      revokedAt: null,
    };
    await store.insertApiToken(t);
    expect(await store.findApiTokenByHash('th')).toEqual(t);
    await store.touchApiToken(id(1), '2026-11-27T00:00:00.000Z');
    expect((await store.listApiTokens(A))[0]?.lastUsedAt).toBe('2026-11-27T00:00:00.000Z');
    expect(await store.listApiTokens(B)).toEqual([]);
    expect(await store.revokeApiToken(B, id(1), T0)).toBe(false);
    expect(await store.revokeApiToken(A, id(1), T0)).toBe(true);
    expect((await store.findApiTokenByHash('th'))?.revokedAt).toBe(T0);
  });

  it('counts login failures, invitations and calendar feed tokens', async () => {
    await store.putLoginAttempt({ key: 'a@example.com', failures: 1, lastFailureAt: T0, lockedUntil: null });
    await store.putLoginAttempt({
      key: 'a@example.com',
      failures: 2,
      lastFailureAt: T0,
      lockedUntil: '2026-11-26T10:00:02.000Z',
    });
    expect(await store.getLoginAttempt('a@example.com')).toEqual({
      key: 'a@example.com',
      failures: 2,
      lastFailureAt: T0,
      lockedUntil: '2026-11-26T10:00:02.000Z',
    });
    await store.clearLoginAttempt('a@example.com');
    expect(await store.getLoginAttempt('a@example.com')).toBeNull();
    const inv = {
      id: id(2),
      tokenHash: 'ih',
      email: null,
      createdBy: A,
      createdAt: T0,
      expiresAt: '2026-12-03T10:00:00.000Z',
      usedAt: null,
    };
    await store.insertInvitation(inv);
    expect(await store.findInvitationByHash('ih')).toEqual(inv);
    await store.markInvitationUsed(id(2), T0);
    expect((await store.findInvitationByHash('ih'))?.usedAt).toBe(T0);
    await store.setCalendarFeedToken(A, 'secret1', T0);
    expect(await store.getCalendarFeedToken(A)).toBe('secret1');
    expect(await store.findUserByCalendarFeedToken('secret1')).toBe(A);
    await store.setCalendarFeedToken(A, 'secret2', T0);
    expect(await store.findUserByCalendarFeedToken('secret1')).toBeNull();
    await store.setCalendarFeedToken(A, null, T0);
    expect(await store.getCalendarFeedToken(A)).toBeNull();
  });

  it('gives lean contact summaries and agenda states per owner', async () => {
    await store.insertContact(
      contact(A, id(1), { boundaries: { pausedUntil: '2026-12-01', minGapDays: 3, preferredChannel: 'email', note: null } }),
    );
    await store.insertContact(contact(A, id(2), { displayName: 'Gone', deletedAt: T0 }));
    await store.insertContact(contact(B, id(3), { displayName: 'Other user' }));
    const sums = await store.contactSummaries(A);
    expect(sums).toEqual([
      {
        id: id(1),
        name: 'Anna Schmidt',
        givenName: 'Anna',
        circle: 'active',
        cadenceDays: null,
        createdAt: T0,
        lastTouchAt: null,
        boundaries: { pausedUntil: '2026-12-01', minGapDays: 3, preferredChannel: 'email', note: null },
        birthday: '--04-12',
        topics: [{ kind: 'side-project', text: 'WASM garbage collector' }],
        company: 'Acme',
      },
    ]);
    await store.putAgendaState({ ownerId: A, itemId: 'checkin:x', snoozedUntil: '2026-12-01', doneOn: null, updatedAt: T0 });
    await store.putAgendaState({ ownerId: A, itemId: 'checkin:x', snoozedUntil: null, doneOn: '2026-11-26', updatedAt: T0 });
    await store.putAgendaState({ ownerId: B, itemId: 'checkin:x', snoozedUntil: '2027-01-01', doneOn: null, updatedAt: T0 });
    expect(await store.listAgendaStates(A)).toEqual([
      { ownerId: A, itemId: 'checkin:x', snoozedUntil: null, doneOn: '2026-11-26', updatedAt: T0 },
    ]);
  });

  it('finds inbound messages nobody has answered yet', async () => {
    for (const n of [1, 2, 3]) await store.insertContact(contact(A, id(n), { displayName: `P${n}` }));
    // P1 wrote and got an answer; P2 wrote twice and got none; P3 wrote long ago.
    await store.insertTouchpoint(
      touch(A, id(10), [id(1)], { kind: 'dm', initiatedBy: 'them', occurredAt: '2026-11-20T09:00:00.000Z' }),
    );
    await store.insertTouchpoint(
      touch(A, id(11), [id(1)], { kind: 'dm', initiatedBy: 'me', occurredAt: '2026-11-20T10:00:00.000Z' }),
    );
    await store.insertTouchpoint(
      touch(A, id(12), [id(2)], { kind: 'email', initiatedBy: 'them', occurredAt: '2026-11-21T09:00:00.000Z' }),
    );
    await store.insertTouchpoint(
      touch(A, id(13), [id(2)], {
        kind: 'dm',
        initiatedBy: 'them',
        occurredAt: '2026-11-22T09:00:00.000Z',
        summary: 'Any news?',
      }),
    );
    await store.insertTouchpoint(
      touch(A, id(14), [id(3)], { kind: 'dm', initiatedBy: 'them', occurredAt: '2026-01-01T09:00:00.000Z' }),
    );
    const rows = await store.awaitingReply(A, '2026-10-01T00:00:00.000Z');
    expect(rows).toEqual([
      { contactId: id(2), touchpointId: id(13), receivedAt: '2026-11-22T09:00:00.000Z', summary: 'Any news?', kind: 'dm' },
    ]);
    // A coffee with P2 since counts as an answer.
    await store.insertTouchpoint(
      touch(A, id(15), [id(2)], { kind: 'coffee', initiatedBy: 'them', occurredAt: '2026-11-23T09:00:00.000Z' }),
    );
    expect(await store.awaitingReply(A, '2026-10-01T00:00:00.000Z')).toEqual([]);
    expect(await store.awaitingReply(B, '2026-01-01T00:00:00.000Z')).toEqual([]);
    // Trashing the answer brings the question back; restoring it answers it again.
    const coffee = await store.getTouchpoint(A, id(15));
    await store.updateTouchpoint({ ...coffee!, deletedAt: '2026-11-24T09:00:00.000Z' });
    expect((await store.awaitingReply(A, '2026-10-01T00:00:00.000Z')).map((r) => r.touchpointId)).toEqual([id(13)]);
    await store.updateTouchpoint({ ...coffee!, deletedAt: null });
    expect(await store.awaitingReply(A, '2026-10-01T00:00:00.000Z')).toEqual([]);
    // The bulk path (imports, restores) keeps it the same way.
    await store.insertContacts([contact(A, id(4)), contact(A, id(5))]);
    await store.insertTouchpoints([
      touch(A, id(16), [id(4), id(5)], { kind: 'email', initiatedBy: 'them', occurredAt: '2026-11-25T09:00:00.000Z' }),
      touch(A, id(17), [id(5)], { kind: 'call', initiatedBy: 'me', occurredAt: '2026-11-26T09:00:00.000Z' }),
    ]);
    expect((await store.awaitingReply(A, '2026-10-01T00:00:00.000Z')).map((r) => [r.contactId, r.touchpointId])).toEqual([
      [id(4), id(16)],
    ]);
  });

  it('stores job changes as records', async () => {
    await store.insertContact(contact(A, id(1)));
    const j = {
      id: id(5),
      ownerId: A,
      contactId: id(1),
      fromCompany: 'Acme',
      toCompany: 'Beta GmbH',
      detectedOn: '2026-11-26',
      createdAt: T0,
    };
    await store.insertRecord('jobChange', j);
    expect(await store.listRecords('jobChange', A, { contactId: id(1) })).toEqual([j]);
    expect(await store.listRecords('jobChange', B)).toEqual([]);
  });
});
