/**
 * The agenda reads only what can reach the top of the list (a few check-ins per circle and
 * cadence, this week's birthdays, the first few promises, follow-ups, replies, give-first
 * nudges and reader responses in ranking order). This proves it gives exactly the list that
 * ranking every contact and every open row gives, on random networks with more rows of each
 * kind than the agenda first reads, snoozes and dones among them, on both databases.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaRows, computeAgenda } from '../../src/app/agenda.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { buildAgenda } from '../../src/core/agenda.js';
import { addDays, noonOf } from '../../src/core/days.js';
import type { Circle, Commitment, Contact, FollowUp, LedgerEntry, PostResponse, Touchpoint } from '../../src/core/types.js';
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
  // Days from today each of my open promises is due (and one of theirs, which never shows).
  // Now and then many: only one item a person has covers their check-in, so the rest rank 5 below their bound.
  promisesDueIn: fc.oneof(
    { arbitrary: fc.array(fc.integer({ min: -30, max: 5 }), { maxLength: 3 }), weight: 10 },
    { arbitrary: fc.array(fc.integer({ min: -40, max: -8 }), { minLength: 8, maxLength: 16 }), weight: 3 },
  ),
  theirPromise: fc.boolean(),
  followUpsDueIn: fc.oneof(
    { arbitrary: fc.array(fc.integer({ min: -25, max: 3 }), { maxLength: 2 }), weight: 12 },
    { arbitrary: fc.array(fc.integer({ min: -40, max: -15 }), { minLength: 8, maxLength: 16 }), weight: 1 },
  ),
  followUpDone: fc.boolean(),
  // A message from them this many days ago: awaiting my reply while it is their newest touch.
  messagedDaysAgo: rarely(fc.integer({ min: -1, max: 100 }), 2),
  askedDaysAgo: rarely(fc.integer({ min: 0, max: 70 }), 3),
  gaveDaysAgo: rarely(fc.integer({ min: 0, max: 70 }), 4),
  responsesDaysAgo: fc.array(fc.integer({ min: -2, max: 30 }), { maxLength: 2 }),
});

const caseArb = fc.record({
  // size 'max': fast-check's default size keeps arrays to about ten, fewer rows than the agenda reads first.
  people: fc.array(personArb, { minLength: 5, maxLength: 110, size: 'max' }),
  limit: fc.integer({ min: 1, max: 12 }),
  defaults: fc.record({
    inner: fc.constantFrom(14, 30),
    active: fc.constantFrom(30, 90),
    network: fc.constantFrom(60, 180, 180, 180, null),
    dormant: rarely(fc.constant(365), 1),
  }),
  hide: fc.array(fc.nat(), { maxLength: 14 }),
  // Reader responses from people not in kith, received this many days ago.
  strangers: fc.array(fc.integer({ min: -2, max: 30 }), { maxLength: 6 }),
  // Every how-many-th person is trashed (0: nobody), with their rows left behind.
  trash: fc.constantFrom(0, 0, 7, 11),
  // A network kept up: everybody touched or added within this many days, so the circles' own
  // (long) cadences are rarely due and the people with a short cadence of their own lead.
  recent: rarely(fc.constantFrom(20, 45), 1),
  // No open rows at all: check-ins, not promises, fill the list.
  quiet: fc.boolean(),
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
        const followUps: FollowUp[] = [];
        const ledger: LedgerEntry[] = [];
        const responses: PostResponse[] = [];
        const postId = ids.next();
        const respond = (daysAgo: number, contactId: string | null): void => {
          responses.push({
            id: ids.next(),
            ownerId: userId,
            postId,
            contactId,
            authorName: contactId ? null : `Reader ${responses.length}`,
            receivedAt: noonOf(addDays(TODAY, -daysAgo)),
            summary: 'Loved it',
            repliedAt: null,
            createdAt: NOW,
          });
        };
        const trashed: string[] = [];
        for (const [n, q] of c.people.entries()) {
          const within = (days: number): number => (c.recent === null ? days : days % c.recent);
          const p = {
            ...q,
            addedDaysAgo: within(q.addedDaysAgo),
            touchedDaysAgo: q.touchedDaysAgo === null ? null : within(q.touchedDaysAgo),
            ...(c.quiet
              ? { promisesDueIn: [], followUpsDueIn: [], messagedDaysAgo: null, askedDaysAgo: null, gaveDaysAgo: null, responsesDaysAgo: [] }
              : {}),
          };
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
          if (c.trash > 0 && n % c.trash === 3) trashed.push(id);
          if (p.touchedDaysAgo !== null)
            touches.push(touch(userId, ids.next(), [id], { occurredAt: noonOf(addDays(TODAY, -p.touchedDaysAgo)) }));
          if (p.messagedDaysAgo !== null)
            touches.push(
              touch(userId, ids.next(), [id], {
                kind: 'dm',
                channel: 'chat',
                initiatedBy: 'them',
                summary: `Question ${n}`,
                occurredAt: `${addDays(TODAY, -p.messagedDaysAgo)}T0${n % 10}:30:00.000Z`,
              }),
            );
          const entry = (direction: 'ask' | 'give', daysAgo: number): LedgerEntry => ({
            id: ids.next(),
            ownerId: userId,
            contactId: id,
            direction,
            kind: 'intro',
            note: direction === 'ask' ? 'An intro to their CTO' : 'A review of their talk',
            occurredOn: addDays(TODAY, -daysAgo),
            createdAt: NOW,
          });
          if (p.askedDaysAgo !== null) ledger.push(entry('ask', p.askedDaysAgo));
          if (p.gaveDaysAgo !== null) ledger.push(entry('give', p.gaveDaysAgo));
          for (const due of p.promisesDueIn)
            promises.push({
              id: ids.next(),
              ownerId: userId,
              contactId: id,
              direction: 'mine',
              text: `Send the slides ${promises.length}`,
              dueOn: addDays(TODAY, due),
              status: 'open',
              createdAt: NOW,
            });
          if (p.theirPromise)
            promises.push({
              id: ids.next(),
              ownerId: userId,
              contactId: id,
              direction: 'theirs',
              text: 'Send me their notes',
              dueOn: TODAY,
              status: 'open',
              createdAt: NOW,
            });
          for (const [k, due] of p.followUpsDueIn.entries())
            followUps.push({
              id: ids.next(),
              ownerId: userId,
              contactId: id,
              text: `Ask about the launch ${followUps.length}`,
              dueOn: addDays(TODAY, due),
              doneAt: p.followUpDone && k === 0 ? NOW : null,
              createdAt: NOW,
            });
          for (const d of p.responsesDaysAgo) respond(d, id);
        }
        for (const d of c.strangers) respond(d, null);
        await store.insertContacts(contacts);
        await store.insertTouchpoints(touches);
        await store.insertRecord('post', {
          id: postId,
          ownerId: userId,
          title: 'Why small teams ship',
          publishedOn: addDays(TODAY, -40),
          summary: 'On team size',
          topics: [],
          createdAt: NOW,
        });
        for (const m of promises) await store.insertRecord('commitment', m);
        for (const f of followUps) await store.insertRecord('followUp', f);
        for (const l of ledger) await store.insertRecord('ledger', l);
        for (const r of responses) await store.insertRecord('postResponse', r);
        for (const id of trashed) {
          const whole = contacts.find((x) => x.id === id);
          if (whole) await store.updateContact({ ...whole, deletedAt: NOW });
        }

        const reference = async (limit: number) =>
          buildAgenda({ ...(await agendaRows(ctx, TODAY)), contacts: await store.contactSummaries(userId) }, limit);
        // Hide some of the items the full ranking would show first, by done or snooze.
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
