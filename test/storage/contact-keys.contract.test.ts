/**
 * Store.listContactKeys, on SQLite and PostgreSQL: the lean rows the contact list filters
 * (state, circle, tag and the text filter `q`) and pages on, in name order, before it reads
 * the page's records.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open.js';
import type { Store } from '../../src/storage/store.js';
import { contact, T0, touch } from '../support/fixtures.js';
import { DIALECTS, freshStore, rawSql } from '../support/stores.js';

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

  it('comes in name order (display name, then id), a page at a time after a cursor', async () => {
    const names = async (f: Parameters<Store['listContactKeys']>[1]) =>
      (await store.listContactKeys(A, f)).map((k) => k.displayName);
    expect(await names({})).toEqual(['Ada Lovelace', 'Bo Chen', 'Zoë Müller']);
    expect(await names({ limit: 2 })).toEqual(['Ada Lovelace', 'Bo Chen']);
    expect(await names({ after: { displayName: 'Bo Chen', id: id(2) }, limit: 2 })).toEqual(['Zoë Müller']);
    expect(await names({ after: { displayName: 'Bo Chen', id: id(1) } })).toEqual(['Bo Chen', 'Zoë Müller']);
  });

  it('with q: every word, as a word or its start, in the contact’s own fields, folded; not touchpoints, trash or other owners', async () => {
    await store.insertContact(
      contact(A, id(6), {
        displayName: 'Kim Park',
        givenName: 'Kim',
        familyName: 'Park',
        company: 'Globex',
        title: 'Staff Engineer',
        location: 'Lisbon',
        howMet: 'PyCon sprint',
        notes: 'Talked about **observability**',
        boundaries: { pausedUntil: null, minGapDays: null, preferredChannel: null, note: 'no calls on Fridays' },
        topics: [{ kind: 'interest', text: 'Bouldering gyms' }],
        tags: ['mentor'],
        employment: [{ company: 'Initech', title: 'Intern', from: null, to: null }],
        identities: [{ kind: 'email', value: 'kim@parkhaus.example', label: null }],
      }),
    );
    await store.insertTouchpoint(touch(A, id(20), [id(2)], { summary: 'kubernetes dinner', notes: 'observability' }));
    const q = async (text: string, f: Parameters<Store['listContactKeys']>[1] = {}) =>
      (await store.listContactKeys(A, { ...f, q: text })).map((k) => k.displayName);
    for (const word of [
      'globex',
      'staff',
      'lisbon',
      'pycon',
      'observability',
      'fridays',
      'bouldering',
      'mentor',
      'initech',
      'intern',
      'parkhaus',
      'kim',
    ]) {
      expect(await q(word), word).toEqual(['Kim Park']);
    }
    // The start of words, every word, in any field; case and accents folded, umlauts also as ae/oe/ue.
    expect(await q('OBSERV glob')).toEqual(['Kim Park']);
    expect(await q('obs nobody')).toEqual([]);
    expect(await q('mu')).toEqual(['Zoë Müller']);
    expect(await q('müller')).toEqual(['Zoë Müller']);
    expect(await q('muller zoe')).toEqual(['Zoë Müller']);
    expect(await q('mueller')).toEqual(['Zoë Müller']);
    // A touchpoint's text is not the contact's: search finds it, the contact list does not.
    expect(await q('kubernetes')).toEqual([]);
    // Trashed contacts (Old Friend) and another owner's (Not Yours) are not found.
    expect(await q('old')).toEqual([]);
    expect(await q('yours')).toEqual([]);
    expect((await store.listContactKeys(B, { q: 'yours' })).map((k) => k.id)).toEqual([id(5)]);
    // With the other filters and a page.
    expect(await q('acm', { circle: 'inner' })).toEqual(['Ada Lovelace', 'Zoë Müller']);
    expect(await q('m', { tag: 'mentor' })).toEqual(['Kim Park']);
    expect(await q('m', { limit: 1, after: { displayName: 'Kim Park', id: id(6) } })).toEqual(['Zoë Müller']);
    // Text without a word in it finds nothing; the trash has no index.
    expect(await q(' -- ')).toEqual([]);
    await expect(store.listContactKeys(A, { q: 'old', state: 'trash' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('with q: the same pages whether it walks the names or sorts the few matches', async () => {
    // A common word (zig, 9 in 10) fills a page within the first names; a rare one (rarely, 1 in 60)
    // does not within the 1000 names walked for a page of 40, so those come from the index, sorted.
    const many = Array.from({ length: 1150 }, (_, i) =>
      contact(A, id(1000 + i), {
        displayName: `Person ${String((i * 7919) % 1150).padStart(4, '0')}`,
        givenName: null,
        familyName: null,
        circle: i % 3 === 0 ? 'active' : 'network',
        notes: `${i % 10 === 0 ? 'quiet' : 'talks about zig'}${i % 60 === 0 ? ' rarely' : ''}`,
        company: null,
        title: null,
        location: null,
        howMet: null,
        topics: [],
        employment: [],
        tags: i % 4 === 0 ? ['meetup'] : [],
      }),
    );
    await store.insertContacts(many);
    const runs: Array<[string, (i: number) => boolean, number[]]> = [
      ['zi', (i) => i % 10 !== 0, [1, 40]],
      ['rare', (i) => i % 60 === 0, [7, 40]],
    ];
    for (const [text, matches, limits] of runs) {
      for (const f of [{}, { circle: 'active' }, { tag: 'meetup' }]) {
        const expected = many
          .filter(
            (c, i) => matches(i) && (!('circle' in f) || c.circle === 'active') && (!('tag' in f) || c.tags.includes('meetup')),
          )
          .map((c) => ({ displayName: c.displayName, id: c.id }))
          .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : a.id < b.id ? -1 : 1));
        const all = await store.listContactKeys(A, { ...f, q: text });
        expect(all.map((k) => ({ displayName: k.displayName, id: k.id }))).toEqual(expected);
        for (const limit of limits) {
          let after: { displayName: string; id: string } | undefined;
          for (let page = 0; page < 3; page++) {
            const keys = await store.listContactKeys(A, { ...f, q: text, limit, after });
            expect(
              keys.map((k) => k.id),
              `${text} ${JSON.stringify(f)} ${limit} ${page}`,
            ).toEqual(expected.slice(page * limit, (page + 1) * limit).map((k) => k.id));
            const last = keys[keys.length - 1];
            if (!last) break;
            after = { displayName: last.displayName, id: last.id };
          }
        }
      }
    }
  });
});

describe.each(DIALECTS)('migration 0007 (the contact list’s text filter) on %s', (dialect) => {
  it('indexes the contacts already there', async () => {
    const fresh = await freshStore(dialect);
    await fresh.store.insertUser({ id: A, name: 'a', email: null, role: 'owner', createdAt: T0 });
    await fresh.store.insertContacts([
      contact(A, id(1), { displayName: 'Zoë Müller', givenName: 'Zoë', familyName: 'Müller', tags: ['climber'] }),
      contact(A, id(2), { displayName: 'Bo Chen', givenName: 'Bo', familyName: 'Chen', notes: 'observability', tags: [] }),
      contact(A, id(3), { displayName: 'Old Friend', deletedAt: T0 }),
    ]);
    await fresh.store.close();
    // Back to the database as the migrations before 0007 left it.
    const undo =
      dialect === 'sqlite'
        ? 'DROP TABLE search_contacts; DROP INDEX contacts_by_name; ALTER TABLE search_docs DROP COLUMN terms'
        : 'DROP INDEX search_docs_contacts; DROP INDEX contacts_by_name';
    await rawSql(dialect, fresh.target, `${undo}; DELETE FROM kith_migrations WHERE name = '0007_contact_search'`);
    const again = await openStore({ target: fresh.target });
    try {
      const q = async (text: string) => (await again.listContactKeys(A, { q: text })).map((k) => k.id);
      expect(await q('mueller climb')).toEqual([id(1)]);
      expect(await q('observ')).toEqual([id(2)]);
      expect(await q('berlin')).toEqual([id(2), id(1)]);
      expect(await q('old friend')).toEqual([]);
    } finally {
      await again.close();
      await fresh.cleanup().catch(() => undefined);
    }
  });
});
