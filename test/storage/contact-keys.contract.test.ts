/**
 * Store.listContactKeys, on SQLite and PostgreSQL: the lean rows the contact list filters
 * and pages on before it reads the page's records.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/storage/store.js';
import { contact, T0 } from '../support/fixtures.js';
import { DIALECTS, freshStore } from '../support/stores.js';

const A = '00000000-0000-7000-8000-00000000000a';
const B = '00000000-0000-7000-8000-00000000000b';
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const sorted = (ids: string[]) => [...ids].sort();

describe.each(DIALECTS)('Store.listContactKeys on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(dialect));
    for (const u of [A, B])
      await store.insertUser({ id: u, name: u, email: null, role: u === A ? 'owner' : 'member', createdAt: T0 });
    await store.insertContact(
      contact(A, id(1), {
        displayName: 'Zoë Müller',
        givenName: 'Zoë',
        familyName: 'Müller',
        nickname: 'Zo',
        circle: 'inner',
        tags: ['rust'],
      }),
    );
    await store.insertContact(
      contact(A, id(2), { displayName: 'Bo Chen', givenName: 'Bo', familyName: 'Chen', circle: 'network', tags: [] }),
    );
    await store.insertContact(
      contact(A, id(3), {
        displayName: 'Ada Lovelace',
        givenName: null,
        familyName: null,
        circle: 'inner',
        tags: ['math', 'rust'],
      }),
    );
    await store.insertContact(contact(A, id(4), { displayName: 'Old Friend', circle: 'inner', tags: ['rust'], deletedAt: T0 }));
    await store.insertContact(contact(B, id(5), { displayName: 'Not Yours', circle: 'inner', tags: ['rust'] }));
  });
  afterEach(async () => cleanup());

  it('returns the names only, of live contacts by default', async () => {
    const keys = await store.listContactKeys(A);
    expect(sorted(keys.map((k) => k.id))).toEqual([id(1), id(2), id(3)]);
    expect(keys.find((k) => k.id === id(1))).toEqual({
      id: id(1),
      displayName: 'Zoë Müller',
      givenName: 'Zoë',
      familyName: 'Müller',
      nickname: 'Zo',
    });
    expect(keys.find((k) => k.id === id(3))).toEqual({
      id: id(3),
      displayName: 'Ada Lovelace',
      givenName: null,
      familyName: null,
      nickname: null,
    });
  });

  it('filters by state, circle and tag like listContacts', async () => {
    const ids = async (f: Parameters<Store['listContactKeys']>[1]) =>
      sorted((await store.listContactKeys(A, f)).map((k) => k.id));
    expect(await ids({ state: 'trash' })).toEqual([id(4)]);
    expect(await ids({ state: 'all' })).toEqual([id(1), id(2), id(3), id(4)]);
    expect(await ids({ circle: 'inner' })).toEqual([id(1), id(3)]);
    expect(await ids({ tag: 'rust' })).toEqual([id(1), id(3)]);
    expect(await ids({ tag: 'math', circle: 'inner' })).toEqual([id(3)]);
    expect(await ids({ tag: 'rust', state: 'trash' })).toEqual([id(4)]);
    expect(await ids({ tag: 'nope' })).toEqual([]);
    // The same sets as the whole records.
    for (const f of [{ circle: 'inner' }, { tag: 'rust' }, { state: 'trash' as const }]) {
      expect(await ids(f)).toEqual(sorted((await store.listContacts(A, f)).map((c) => c.id)));
    }
  });

  it('narrows to the given ids, never returning another owner’s contact or an unknown id', async () => {
    const ids = async (f: Parameters<Store['listContactKeys']>[1]) =>
      sorted((await store.listContactKeys(A, f)).map((k) => k.id));
    expect(await ids({ ids: [id(3), id(5), id(9), id(1)] })).toEqual([id(1), id(3)]);
    expect(await ids({ ids: [id(1), id(2), id(4)], circle: 'inner' })).toEqual([id(1)]);
    expect(await ids({ ids: [id(4)], state: 'trash' })).toEqual([id(4)]);
    expect(await ids({ ids: [] })).toEqual([]);
    expect(await store.listContactKeys(B, { ids: [id(1), id(5)] })).toEqual([
      { id: id(5), displayName: 'Not Yours', givenName: 'Anna', familyName: 'Schmidt', nickname: null },
    ]);
  });

  it('takes more ids than one statement’s parameter limit', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => id(1000 + i));
    expect(sorted((await store.listContactKeys(A, { ids: [...many, id(2), id(1)] })).map((k) => k.id))).toEqual([id(1), id(2)]);
  });
});
