/**
 * Bulk inserts give exactly what one-by-one inserts give, on both databases.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/storage/store.js';
import { DIALECTS, freshStore } from '../support/stores.js';
import { contact, T0, touch } from '../support/fixtures.js';

const A = '00000000-0000-7000-8000-00000000000a';
const B = '00000000-0000-7000-8000-00000000000b';
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe.each(DIALECTS)('bulk inserts on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(dialect));
    for (const u of [A, B]) await store.insertUser({ id: u, name: u, email: null, role: 'member', createdAt: T0 });
  });
  afterEach(async () => cleanup());

  it('inserts many contacts and touchpoints with identities, search and last touch', async () => {
    const contacts = Array.from({ length: 450 }, (_, i) =>
      contact(A, id(i + 1), {
        displayName: i === 7 ? 'Søren Søndergaard' : `Person ${i}`,
        tags: i % 2 ? ['odd'] : [],
        deletedAt: i === 9 ? T0 : null,
      }),
    );
    await store.insertContacts(contacts);
    expect(await store.countContacts(A, 'all')).toBe(450);
    expect(await store.getContact(A, id(8))).toEqual(contacts[7]);
    expect((await store.search(A, 'sondergaard', 5)).map((h) => h.id)).toEqual([id(8)]);
    expect((await store.search(A, 'person 9', 5)).map((h) => h.id)).not.toContain(id(10));
    const touches = Array.from({ length: 500 }, (_, i) =>
      touch(A, id(1000 + i), [id((i % 450) + 1), id(((i + 1) % 450) + 1)], {
        occurredAt: `2026-0${1 + (i % 9)}-15T12:00:00.000Z`,
        summary: i === 3 ? 'Fontainebleau bouldering' : 'chat',
      }),
    );
    await store.insertTouchpoints(touches);
    expect(await store.countTouchpoints(A)).toBe(500);
    expect(await store.getTouchpoint(A, id(1003))).toEqual(touches[3]);
    expect((await store.search(A, 'fontainebleau', 5)).map((h) => h.id)).toEqual([id(1003)]);
    const newest = touches
      .filter((t) => t.participantIds.includes(id(1)))
      .map((t) => t.occurredAt)
      .sort()
      .pop();
    expect((await store.getContact(A, id(1)))?.lastTouchAt).toBe(newest);
    expect(await store.existingIds(A, 'contact', [id(1), id(9999)])).toEqual(new Set([id(1)]));
    expect(await store.existingIds(B, 'touchpoint', [id(1000)])).toEqual(new Set());
  });

  it("writes in the caller's transaction: a rollback takes the bulk rows and their search entries with it", async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.insertContacts([contact(A, id(1), { displayName: 'Rollback Person' })]);
        await tx.insertTouchpoints([touch(A, id(2), [id(1)], { summary: 'vanishing chat' })]);
        expect(await tx.countContacts(A, 'all')).toBe(1);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await store.countContacts(A, 'all')).toBe(0);
    expect(await store.countTouchpoints(A, 'all')).toBe(0);
    expect(await store.search(A, 'rollback', 5)).toEqual([]);
    // The same ids insert cleanly afterwards, inside or outside a transaction.
    await store.insertContacts([contact(A, id(1), { displayName: 'Rollback Person' })]);
    expect((await store.search(A, 'rollback', 5)).map((h) => h.id)).toEqual([id(1)]);
  });

  it('reports an id that is already taken as a conflict and writes none of the batch', async () => {
    await store.insertContacts([contact(A, id(1))]);
    await expect(store.insertContacts([contact(A, id(2)), contact(A, id(1))])).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.countContacts(A, 'all')).toBe(1);
    expect(await store.getContact(A, id(2))).toBeNull();
  });

  it("refuses touchpoints naming another user's contact, writing nothing", async () => {
    await store.insertContacts([contact(A, id(1)), contact(B, id(2))]);
    await expect(
      store.transaction((tx) => tx.insertTouchpoints([touch(A, id(10), [id(1)]), touch(A, id(11), [id(2)])])),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.countTouchpoints(A, 'all')).toBe(0);
  });
});
