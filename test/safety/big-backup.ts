/**
 * A large, valid kith JSON backup for the crash tests: long enough to import that a
 * kill lands inside the import transaction.
 */
import { contact, touch } from '../support/fixtures.js';

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** A deterministic UUID-shaped id: a prefix block and a counter. */
export function fakeId(prefix: number, n: number): string {
  return `${hex(prefix, 8)}-0000-7000-8000-${hex(n, 12)}`;
}

/** The JSON text of a backup with `contacts` contacts and `touchpoints` touchpoints (ids from `prefix`). */
export function bigBackupJson(contacts: number, touchpoints: number, prefix = 0xb16): string {
  const cs = [];
  for (let i = 0; i < contacts; i++) {
    const {
      ownerId: _o,
      lastTouchAt: _l,
      ...c
    } = contact('x', fakeId(prefix, i), {
      displayName: `Person ${i} Example`,
      givenName: `Person${i}`,
      familyName: 'Example',
      identities: [{ kind: 'email', value: `person${i}.${prefix}@example.com`, label: null }],
    });
    cs.push(c);
  }
  const ts = [];
  for (let i = 0; i < touchpoints; i++) {
    const { ownerId: _o, ...t } = touch('x', fakeId(prefix + 1, i), [fakeId(prefix, i % Math.max(contacts, 1))], {
      summary: `Crash test touch ${i}`,
    });
    ts.push(t);
  }
  const backup = {
    format: 'kith-backup',
    version: 1,
    profile: null,
    contacts: cs,
    touchpoints: ts,
    followUps: [],
    commitments: [],
    ledger: [],
    introductions: [],
    events: [],
    communities: [],
    posts: [],
    postResponses: [],
    resources: [],
    jobChanges: [],
    agendaStates: [],
  };
  return `${JSON.stringify(backup, null, 2)}\n`;
}
