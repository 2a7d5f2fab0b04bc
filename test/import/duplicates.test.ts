/**
 * Duplicate suggestions: which names are alike, which pairs are worth showing,
 * determinism, and blocking (no pair of unrelated people is ever compared into a suggestion).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateSuggestions, findDuplicates, nameLikeness } from '../../src/app/duplicates.js';
import { nameKey } from '../../src/app/import/contact-index.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { localUser } from '../../src/app/session.js';
import type { Contact } from '../../src/core/types.js';
import { DIALECTS, freshStore } from '../support/stores.js';
import { T0, contact } from '../support/fixtures.js';

let n = 0;
function person(displayName: string, over: Partial<Contact> = {}): Contact {
  n++;
  const words = displayName.split(' ');
  return contact('u', `id-${String(n).padStart(5, '0')}`, {
    displayName,
    givenName: words.length > 1 ? (words[0] ?? null) : null,
    familyName: words.length > 1 ? words.slice(1).join(' ') : null,
    identities: [],
    company: null,
    employment: [],
    topics: [],
    tags: [],
    ...over,
  });
}

describe('nameLikeness', () => {
  it.each([
    ['Zoë Müller', 'Zoe Mueller', 'same'],
    ['Anna Schmidt', 'Schmidt Anna', 'same'],
    ['Søren Søndergaard', 'Soren Sondergaard', 'same'],
    ['Ludwig Weiß', 'Ludwig Weiss', 'same'],
    ['A. Schmidt', 'Anna Schmidt', 'initial'],
    ['J. R. Tolkien', 'John Ronald Tolkien', 'initial'],
    ['Anna Maria Schmidt', 'Anna Schmidt', 'subset'],
    ['Anna Schmidt', 'Anna Berg', null],
    ['B. Schmidt', 'Anna Schmidt', null],
    ['Anna', 'Anna Schmidt', null],
    ['', 'Anna', null],
  ] as const)('%s ~ %s → %s', (a, b, expected) => {
    expect(nameLikeness(a, b)).toBe(expected);
    expect(nameLikeness(b, a)).toBe(expected);
  });

  it('name keys ignore order, case, accents and German two-letter spellings', () => {
    expect(nameKey('Zoë MÜLLER')).toBe(nameKey('mueller zoe'));
    expect(nameKey('Anna Schmidt')).not.toBe(nameKey('Anna Schmitt'));
  });
});

describe('duplicateSuggestions', () => {
  const check = (contacts: Contact[], expected: Array<[string, string, string[]]>) => {
    const got = duplicateSuggestions(contacts).map((d) => [d.contacts[0]?.name, d.contacts[1]?.name, d.reasons]);
    expect(got).toEqual(expected);
  };

  it.each<[string, () => Contact[], Array<[string, string, string[]]>]>([
    [
      'same transliterated name at the same company',
      () => [person('Zoë Müller', { company: 'Globex' }), person('Zoe Mueller', { company: 'Globex GmbH' })],
      [['Zoë Müller', 'Zoe Mueller', ['same name', 'both at Globex']]],
    ],
    [
      'same name alone is still worth a look',
      () => [person('Anna Schmidt'), person('Anna Schmidt')],
      [['Anna Schmidt', 'Anna Schmidt', ['same name']]],
    ],
    ['initials need a second witness', () => [person('A. Schmidt'), person('Anna Schmidt')], []],
    [
      'initials with a shared phone',
      () => [
        person('A. Schmidt', { identities: [{ kind: 'phone', value: '+49 30 123456' }] }),
        person('Anna Schmidt', { identities: [{ kind: 'phone', value: '+4930123456' }] }),
      ],
      [['A. Schmidt', 'Anna Schmidt', ['same name, one with initials', 'share the phone +4930123456']]],
    ],
    [
      'a shared topic',
      () => [
        person('Anna Maria Schmidt', { topics: [{ kind: 'interest', text: 'WASM GC' }] }),
        person('Anna Schmidt', { topics: [{ kind: 'goal', text: 'wasm gc' }] }),
      ],
      [['Anna Maria Schmidt', 'Anna Schmidt', ['similar name', 'share a topic']]],
    ],
    [
      'the same email, whatever the names',
      () => [
        person('Anna Schmidt', { identities: [{ kind: 'email', value: 'a@x.example' }] }),
        person('Annie', { identities: [{ kind: 'email', value: 'A@X.example' }] }),
      ],
      [['Anna Schmidt', 'Annie', ['both have a@x.example']]],
    ],
    [
      'different people',
      () => [
        person('Anna Schmidt', { company: 'Acme' }),
        person('Anna Berg', { company: 'Acme' }),
        person('Ben Schmidt', { company: 'Acme' }),
      ],
      [],
    ],
    ['trashed contacts are left out', () => [person('Anna Schmidt'), person('Anna Schmidt', { deletedAt: T0 })], []],
  ])('%s', (_why, make, expected) => check(make(), expected));

  it('gives the same answer in any order', () => {
    const base = [
      person('Zoë Müller', { company: 'Globex' }),
      person('Zoe Mueller', { company: 'Globex' }),
      person('Anna Schmidt'),
      person('Anna Schmidt'),
      person('A. Schmidt', { identities: [{ kind: 'phone', value: '123456789' }] }),
      person('Anna Schmidt', { identities: [{ kind: 'phone', value: '123456789' }] }),
      person('Li Lei'),
    ];
    const expected = duplicateSuggestions(base);
    fc.assert(
      fc.property(fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }), (shuffled) => {
        expect(duplicateSuggestions(shuffled)).toEqual(expected);
      }),
    );
  });

  it('handles 10 000 contacts by blocking, finding exactly the planted pairs', () => {
    const many: Contact[] = [];
    for (let i = 0; i < 10_000; i++) many.push(person(`Given${i} Family${i}`, { company: `Company${i % 100}` }));
    // Popular given names form a block too big to compare pairwise; their family names still differ.
    for (let i = 0; i < 500; i++) many.push(person(`Anna Surname${i}`));
    many.push(person('Zoë Müller', { company: 'Globex' }), person('Zoe Mueller', { company: 'Globex' }));
    const got = duplicateSuggestions(many);
    expect(got.map((d) => d.contacts.map((c) => c.name))).toEqual([['Zoë Müller', 'Zoe Mueller']]);
  });
});

describe.each(DIALECTS)('findDuplicates on %s', (dialect) => {
  it('reads the live contacts of the acting user only', async () => {
    const { store, cleanup } = await freshStore(dialect);
    try {
      const clock = fixedClock(T0);
      const ids = sequentialIds();
      const user = await localUser(store, clock, ids, {});
      const ctx: Ctx = { store, clock, ids, userId: user.id };
      await store.insertUser({ id: 'other-user', name: 'other', email: null, role: 'member', createdAt: T0 });
      await store.insertContact(contact(user.id, 'c1', { displayName: 'Anna Schmidt', identities: [] }));
      await store.insertContact(contact(user.id, 'c2', { displayName: 'Anna Schmidt', identities: [] }));
      await store.insertContact(contact('other-user', 'c3', { displayName: 'Anna Schmidt', identities: [] }));
      const list = await findDuplicates(ctx);
      expect(list.map((d) => d.contacts.map((c) => c.id).sort())).toEqual([['c1', 'c2']]);
      expect(await findDuplicates(ctx, { limit: 0 })).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });
});
