/**
 * Building blocks for tests: complete domain records with every field set.
 */
import type { Contact, Touchpoint } from '../../src/core/types.js';

export const T0 = '2026-11-26T10:00:00.000Z';

export function contact(ownerId: string, id: string, over: Partial<Contact> = {}): Contact {
  return {
    id,
    ownerId,
    displayName: 'Anna Schmidt',
    givenName: 'Anna',
    familyName: 'Schmidt',
    nickname: null,
    identities: [{ kind: 'email', value: `${id}@example.com`, label: 'work' }],
    company: 'Acme',
    title: 'Engineer',
    employment: [{ company: 'Acme', title: 'Engineer', from: '2024-01', to: null }],
    location: 'Berlin',
    timeZone: 'Europe/Berlin',
    birthday: '--04-12',
    howMet: 'RustConf 2025',
    introducedById: null,
    circle: 'active',
    cadenceDays: null,
    boundaries: { pausedUntil: null, minGapDays: null, preferredChannel: null, note: null },
    topics: [{ kind: 'side-project', text: 'WASM garbage collector' }],
    tags: ['rust'],
    notes: 'Met at the **Rust** meetup.\nLikes climbing.',
    photo: null,
    lastTouchAt: null,
    createdAt: T0,
    updatedAt: T0,
    deletedAt: null,
    ...over,
  };
}

export function touch(ownerId: string, id: string, participantIds: string[], over: Partial<Touchpoint> = {}): Touchpoint {
  return {
    id,
    ownerId,
    kind: 'coffee',
    channel: 'in-person',
    initiatedBy: 'me',
    occurredAt: '2026-11-20T12:00:00.000Z',
    participantIds,
    summary: 'Talked about the Rust meetup',
    notes: 'She wants slides.',
    topics: ['rust'],
    source: 'kith',
    externalId: null,
    createdAt: T0,
    updatedAt: T0,
    deletedAt: null,
    ...over,
  };
}
