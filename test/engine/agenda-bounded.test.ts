/**
 * The agenda reads only what can reach the top of the list (a few check-ins per circle and
 * cadence, this week's birthdays, the contacts other rows are about). This proves it gives
 * exactly the list that ranking every contact gives, on random networks, on both databases.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaRows, computeAgenda } from '../../src/app/agenda.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { buildAgenda } from '../../src/core/agenda.js';
import { addDays, noonOf } from '../../src/core/days.js';
import type { Circle, Commitment, Contact, LedgerEntry, Touchpoint } from '../../src/core/types.js';
import { DEFAULT_PROFILE } from '../../src/core/types.js';
import type { Store } from '../../src/storage/store.js';
import { contact, touch } from '../support/fixtures.js';
import { DIALECTS, freshStore } from '../support/stores.js';

const TODAY = '2026-11-27';
const NOW = `${TODAY}T10:00:00.000Z`;
const CIRCLES: Circle[] = ['inner', 'active', 'network', 'network', 'network', 'network', 'dormant'];

/** Null `weight` times as often as a value. */
const rarely = <T>(arb: fc.Arbitrary<T>, weight: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight }, { arbitrary: arb, weight: 1 });

const personArb = fc.record({
  circle: fc.constantFrom(...CIRCLES),
  cadence: rarely(fc.constantFrom(7, 14, 30, 45), 2),
  addedDaysAgo: fc.integer({ min: 0, max: 700 }),
  touchedDaysAgo: fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 700 })),
  paused: rarely(fc.integer({ min: -20, max: 20 }), 8),
  minGap: rarely(fc.integer({ min: 1, max: 60 }), 8),
  birthdayIn: rarely(fc.integer({ min: -3, max: 12 }), 12),
  promiseDueIn: rarely(fc.integer({ min: -30, max: 5 }), 15),
  askedDaysAgo: rarely(fc.integer({ min: 0, max: 70 }), 6),
});

const caseArb = fc.record({
  people: fc.array(personArb, { minLength: 5, maxLength: 70 }),
  limit: fc.integer({ min: 1, max: 12 }),
  defaults: fc.record({
    inner: fc.constantFrom(14, 30),
    active: fc.constantFrom(30, 90),
    network: fc.constantFrom(60, 180, 180, 180, null),
    dormant: rarely(fc.constant(365), 1),
  }),
  hide: fc.array(fc.nat(), { maxLength: 8 }),
});

describe.each(DIALECTS)('bounded agenda on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let run = 0;
  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(dialect));
  });
  afterAll(async () => cleanup());

  it('equals ranking every contact, whatever the network, limit, hidden items and boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        run++;
        const userId = `u-${String(run).padStart(4, '0')}`;
        const ids = sequentialIds(`${userId}-`);
        await store.insertUser({ id: userId, name: 'Sam', email: null, role: 'owner', createdAt: NOW });
        await store.putProfile({
          ...DEFAULT_PROFILE,
          ownerId: userId,
          updatedAt: NOW,
          cadenceDefaults: c.defaults,
          postsPerMonth: 0,
        });
        const ctx: Ctx = { store, clock: fixedClock(NOW), ids, userId };
        const contacts: Contact[] = [];
        const touches: Touchpoint[] = [];
        const promises: Commitment[] = [];
        const asks: LedgerEntry[] = [];
        for (const p of c.people) {
          const id = ids.next();
          const birthday = p.birthdayIn === null ? null : `--${addDays(TODAY, p.birthdayIn).slice(5)}`;
          contacts.push(
            contact(userId, id, {
              displayName: `Person ${id.slice(-4)}`,
              circle: p.circle,
              cadenceDays: p.cadence,
              birthday,
              createdAt: noonOf(addDays(TODAY, -p.addedDaysAgo)),
              boundaries: {
                pausedUntil: p.paused === null ? null : addDays(TODAY, p.paused),
                minGapDays: p.minGap,
                preferredChannel: null,
                note: null,
              },
            }),
          );
          if (p.touchedDaysAgo !== null)
            touches.push(touch(userId, ids.next(), [id], { occurredAt: noonOf(addDays(TODAY, -p.touchedDaysAgo)) }));
          if (p.askedDaysAgo !== null)
            asks.push({
              id: ids.next(),
              ownerId: userId,
              contactId: id,
              direction: 'ask',
              kind: 'intro',
              note: 'An intro to their CTO',
              occurredOn: addDays(TODAY, -p.askedDaysAgo),
              createdAt: NOW,
            });
          if (p.promiseDueIn !== null)
            promises.push({
              id: ids.next(),
              ownerId: userId,
              contactId: id,
              direction: 'mine',
              text: 'Send the slides',
              dueOn: addDays(TODAY, p.promiseDueIn),
              status: 'open',
              createdAt: NOW,
            });
        }
        await store.insertContacts(contacts);
        await store.insertTouchpoints(touches);
        for (const m of promises) await store.insertRecord('commitment', m);
        for (const a of asks) await store.insertRecord('ledger', a);

        const reference = async (limit: number) =>
          buildAgenda({ ...(await agendaRows(ctx, TODAY)), contacts: await store.contactSummaries(userId) }, limit);
        // Hide some of the check-ins the full ranking would show first, by done or snooze.
        const first = await reference(c.limit + 6);
        for (const n of c.hide) {
          const target = first[n % Math.max(1, first.length)];
          if (!target) continue;
          await store.putAgendaState({
            ownerId: userId,
            itemId: target.id,
            snoozedUntil: n % 2 ? addDays(TODAY, 3) : null,
            doneOn: n % 2 ? null : TODAY,
            updatedAt: NOW,
          });
        }
        const expected = await reference(c.limit);
        const got = await agenda(ctx, { on: TODAY, limit: c.limit });
        const view = (i: { id: string; score: number; reason: string; suggestion: string }) => [
          i.id,
          i.score,
          i.reason,
          i.suggestion,
        ];
        expect(got.items.map(view)).toEqual(expected.map(view));
        // The cached answer is the computed one, and a write is seen at once.
        const again = await agenda(ctx, { on: TODAY, limit: c.limit });
        // PostgreSQL's mark is the cluster's snapshot, which other tests' writes move; SQLite's is this file's.
        if (dialect === 'sqlite') expect(again).toBe(got);
        else expect(again).toEqual(got);
        expect(await computeAgenda(ctx, { on: TODAY, limit: c.limit })).toEqual(got);
        // Concurrent requests for an agenda not cached yet share one computation.
        const [x, y] = await Promise.all([
          agenda(ctx, { on: TODAY, limit: c.limit + 1 }),
          agenda(ctx, { on: TODAY, limit: c.limit + 1 }),
        ]);
        if (dialect === 'sqlite') expect(x).toBe(y);
        expect(x).toEqual(await computeAgenda(ctx, { on: TODAY, limit: c.limit + 1 }));
        const top = got.items[0];
        if (top) {
          await store.putAgendaState({ ownerId: userId, itemId: top.id, snoozedUntil: null, doneOn: TODAY, updatedAt: NOW });
          expect((await agenda(ctx, { on: TODAY, limit: c.limit })).items.map((i) => i.id)).not.toContain(top.id);
        }
      }),
      { numRuns: dialect === 'postgres' ? 20 : 60, seed: 20261127 },
    );
  }, 240_000);
});
