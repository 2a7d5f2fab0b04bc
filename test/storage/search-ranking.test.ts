/**
 * How search ranks, on both databases: every word in the names first, then anywhere,
 * whole words before prefixes, and within a tier the most recently added record first.
 * Each tier stops at the limit, and the owner's records are the only ones found.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/storage/store.js';
import { contact, T0, touch } from '../support/fixtures.js';
import { DIALECTS, freshStore } from '../support/stores.js';

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
    await store.insertContact(contact(A, id(1), { displayName: 'Kafka Older', givenName: 'Kafka', familyName: 'Older', notes: '' }));
    await store.insertContact(contact(A, id(2), { displayName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', notes: 'likes kafka' }));
    await store.insertContact(contact(A, id(3), { displayName: 'Kafka Newer', givenName: 'Kafka', familyName: 'Newer', notes: '' }));
    await store.insertTouchpoint(touch(A, id(10), [id(2)], { summary: 'kafka streams talk', notes: '' }));
    await store.insertTouchpoint(touch(A, id(11), [id(2)], { summary: 'kafkaesque paperwork', notes: '' }));
    await store.insertContact(contact(A, id(4), { displayName: 'Kafkaesque Name', givenName: 'Kafkaesque', familyName: 'Name', notes: '' }));
    await store.insertTouchpoint(touch(A, id(12), [id(2)], { summary: 'kafka again', notes: '' }));
    await store.insertContact(contact(B, id(20), { displayName: 'Kafka Of Someone Else', givenName: 'Kafka', familyName: 'Else', notes: '' }));

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
    await store.insertContact(contact(A, id(1), { displayName: 'Ben Okafor', givenName: 'Ben', familyName: 'Okafor', notes: '' }));
    for (let i = 0; i < many; i++) {
      await store.insertTouchpoint(touch(A, id(100 + i), [id(1)], { summary: `weekly sync number ${i}`, notes: '' }));
    }
    const hits = await found('weekly', 5);
    expect(hits).toEqual([id(159), id(158), id(157), id(156), id(155)]);
    expect(await found('sync weekly', 200)).toHaveLength(many);
  });
});
