import { describe, expect, it } from 'vitest';
import { ContactIndex, SAME_NAME_LIMIT } from '../../src/app/import/contact-index.js';
import { contact } from '../support/fixtures.js';

const A = '00000000-0000-7000-8000-00000000000a';
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('ContactIndex', () => {
  it('finds same-name contacts across spellings, at most the limit of them, each once', () => {
    const index = new ContactIndex();
    for (let i = 1; i <= 50; i++) index.add(contact(A, id(i), { displayName: i % 2 ? 'Zoë Müller' : 'Mueller Zoe' }));
    index.add(contact(A, id(1), { displayName: 'Zoë Müller' })); // refreshed, not added twice
    expect(index.sameName('zoe muller').map((c) => c.id)).toEqual(Array.from({ length: SAME_NAME_LIMIT }, (_, i) => id(i + 1)));
    expect(index.sameName('Zoe Mueller', 100)).toHaveLength(50);
    expect(index.sameName('Someone Else')).toEqual([]);
  });
});
