import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agendaItemKinds, buildAgenda, type AgendaContact, type AgendaInput, type AgendaItem } from './agenda.js';
import { addDays, dayOf, daysBetween } from './days.js';
import { CHANNELS, CIRCLES, DEFAULT_CADENCE, TOPIC_KINDS } from './types.js';

const BASE = '2026-06-01';
const IDS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'];

const dayNear = (today: string, before: number, after: number) =>
  fc.integer({ min: -before, max: after }).map((n) => addDays(today, n));
const instantNear = (today: string, before: number, after: number) =>
  fc
    .tuple(dayNear(today, before, after), fc.integer({ min: 0, max: 23 }))
    .map(([d, h]) => `${d}T${String(h).padStart(2, '0')}:15:00.000Z`);
const contactId = fc.constantFrom(...IDS, 'ghost');

function contactArb(today: string, id: string): fc.Arbitrary<AgendaContact> {
  return fc.record({
    id: fc.constant(id),
    name: fc.constantFrom('Anna Schmidt', 'Łukasz Nowak', '山田 太郎', 'Bob', 'Zoë Ng'),
    givenName: fc.option(fc.constantFrom('Anna', 'Łukasz', '太郎'), { nil: null }),
    circle: fc.constantFrom(...CIRCLES),
    cadenceDays: fc.option(fc.oneof(fc.constantFrom(0, 1, 2, 7), fc.integer({ min: 0, max: 200 })), { nil: null }),
    createdAt: instantNear(today, 500, 0),
    lastTouchAt: fc.option(instantNear(today, 400, 5), { nil: null }),
    boundaries: fc.record({
      pausedUntil: fc.option(dayNear(today, 30, 30), { nil: null }),
      minGapDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      preferredChannel: fc.option(fc.constantFrom(...CHANNELS), { nil: null }),
    }),
    birthday: fc.option(
      fc.oneof(
        dayNear(today, 0, 20).map((d) => `--${d.slice(5)}`),
        dayNear(today, 0, 20).map((d) => `1988-${d.slice(5)}`),
        fc.constant('--02-29'),
      ),
      { nil: null },
    ),
    topics: fc.array(
      fc.record({ kind: fc.constantFrom(...TOPIC_KINDS), text: fc.constantFrom('Rust meetup', 'climbing', 'a Go mentor', '') }),
      {
        maxLength: 3,
      },
    ),
    company: fc.option(fc.constantFrom('Acme', 'Globex'), { nil: null }),
  });
}

const inputArb: fc.Arbitrary<AgendaInput> = dayNear(BASE, 0, 400).chain((today) =>
  fc.record({
    today: fc.constant(today),
    profile: fc.record({
      cadenceDefaults: fc.constant(DEFAULT_CADENCE),
      dailyBudget: fc.integer({ min: 0, max: 12 }),
      postsPerMonth: fc.constantFrom(0, 0.5, 1, 2),
    }),
    contacts: fc.subarray(IDS).chain((ids) => fc.tuple(...ids.map((id) => contactArb(today, id)))),
    followUps: fc.array(
      fc.record({
        id: fc.constantFrom('f1', 'f2', 'f3', 'f4'),
        contactId,
        text: fc.constantFrom('send the article on WASM GC', 'Ask about the offsite.'),
        dueOn: fc.option(dayNear(today, 20, 5), { nil: null }),
        doneAt: fc.option(instantNear(today, 5, 0), { nil: null }),
      }),
      { maxLength: 4 },
    ),
    commitments: fc.array(
      fc.record({
        id: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
        contactId,
        direction: fc.constantFrom('mine' as const, 'theirs' as const),
        text: fc.constantFrom('send slides', 'Intro to Bob'),
        dueOn: fc.option(dayNear(today, 10, 5), { nil: null }),
        status: fc.constantFrom('open' as const, 'kept' as const, 'broken' as const),
      }),
      { maxLength: 4 },
    ),
    awaitingReply: fc.array(
      fc.record({
        contactId,
        touchpointId: fc.constantFrom('t1', 't2', 't3'),
        receivedAt: instantNear(today, 10, 1),
        summary: fc.constantFrom('', 'hi!'),
      }),
      { maxLength: 3 },
    ),
    recentEvents: fc.array(
      fc.record({
        eventId: fc.constantFrom('e1', 'e2'),
        name: fc.constantFrom('RustConf', 'JSConf EU'),
        endsOn: dayNear(today, 5, 1),
        metContactIds: fc.array(contactId, { maxLength: 4 }),
      }),
      { maxLength: 2 },
    ),
    jobChanges: fc.array(
      fc.record({
        contactId,
        fromCompany: fc.option(fc.constant('Acme'), { nil: null }),
        toCompany: fc.constantFrom('Globex', 'Initech'),
        detectedOn: dayNear(today, 40, 1),
      }),
      { maxLength: 3 },
    ),
    postResponses: fc.array(
      fc.record({
        id: fc.constantFrom('r1', 'r2', 'r3'),
        postTitle: fc.constant('On WASM'),
        contactId: fc.option(contactId, { nil: null }),
        authorName: fc.option(fc.constant('Eve'), { nil: null }),
        receivedAt: instantNear(today, 10, 1),
      }),
      { maxLength: 3 },
    ),
    posts: fc.array(fc.record({ publishedOn: dayNear(today, 120, 5) }), { maxLength: 5 }),
    ledger: fc.array(
      fc.record({
        contactId,
        direction: fc.constantFrom('give' as const, 'ask' as const, 'receive' as const),
        occurredOn: dayNear(today, 90, 2),
      }),
      { maxLength: 6 },
    ),
    states: fc.constant([]),
  }),
);

/** The boundary rule restated from PRODUCT.md, independently of the implementation. */
function blocked(c: AgendaContact, today: string): boolean {
  if (c.boundaries.pausedUntil != null && c.boundaries.pausedUntil > today) return true;
  const gap = c.boundaries.minGapDays ?? 0;
  return gap > 0 && c.lastTouchAt != null && daysBetween(dayOf(c.lastTouchAt), today) < gap;
}

/** A seeded Fisher–Yates shuffle, so a failing case replays. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function shuffled(input: AgendaInput, seed: number): AgendaInput {
  return {
    ...input,
    contacts: shuffle(input.contacts, seed),
    followUps: shuffle(input.followUps, seed + 1),
    commitments: shuffle(input.commitments, seed + 2),
    awaitingReply: shuffle(input.awaitingReply, seed + 3),
    recentEvents: shuffle(input.recentEvents, seed + 4).map((e) => ({ ...e, metContactIds: shuffle(e.metContactIds, seed + 5) })),
    jobChanges: shuffle(input.jobChanges, seed + 6),
    postResponses: shuffle(input.postResponses, seed + 7),
    posts: shuffle(input.posts, seed + 8),
    ledger: shuffle(input.ledger, seed + 9),
    states: shuffle(input.states, seed + 10),
  };
}

const ALL = 1000;
const RUNS = { numRuns: 300 };

describe('buildAgenda properties', () => {
  it('never an item for a paused contact or one inside its minimum gap, except a commitment I owe', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const byId = new Map(input.contacts.map((c) => [c.id, c]));
        for (const item of buildAgenda(input, ALL)) {
          for (const { id } of item.contacts) {
            const c = byId.get(id);
            expect(c).toBeDefined();
            if (c && blocked(c, input.today)) expect(item.kind).toBe('commitment');
          }
        }
      }),
      RUNS,
    );
  });

  it('is deterministic: shuffled input arrays give the same agenda', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.integer(),
        fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
        (input, seed, limit) => {
          expect(buildAgenda(shuffled(input, seed), limit)).toEqual(buildAgenda(input, limit));
        },
      ),
      RUNS,
    );
  });

  it('logging a touch today removes that contact’s check-in', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, pick) => {
        fc.pre(input.contacts.length > 0);
        const target = input.contacts[pick % input.contacts.length] as AgendaContact;
        const touched: AgendaInput = {
          ...input,
          contacts: input.contacts.map((c) => (c.id === target.id ? { ...c, lastTouchAt: `${input.today}T12:00:00.000Z` } : c)),
        };
        const checkins = buildAgenda(touched, ALL).filter(
          (i) => i.kind === 'checkin' && i.contacts.some((c) => c.id === target.id),
        );
        expect(checkins).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the cap holds, and a capped agenda is the top of the full one', () => {
    fc.assert(
      fc.property(inputArb, fc.option(fc.integer({ min: -2, max: 15 }), { nil: undefined }), (input, limit) => {
        const full = buildAgenda(input, ALL);
        const capped = buildAgenda(input, limit);
        const cap = Math.max(0, limit ?? input.profile.dailyBudget);
        expect(capped.length).toBe(Math.min(cap, full.length));
        expect(capped).toEqual(full.slice(0, capped.length));
      }),
      RUNS,
    );
  });

  /** The documented order: score, then the earlier due day (undated last), then the first contact's id, then the item's id. */
  function rankedBefore(a: AgendaItem, b: AgendaItem): boolean {
    if (a.score !== b.score) return a.score > b.score;
    if (a.dueOn !== b.dueOn) return b.dueOn === null || (a.dueOn !== null && a.dueOn < b.dueOn);
    const ca = a.contacts[0]?.id ?? '';
    const cb = b.contacts[0]?.id ?? '';
    if (ca !== cb) return ca < cb;
    return a.id < b.id;
  }

  it('every item is well formed: known kind, scoped id, reason and suggestion, score the sum of its parts, ranked', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const items = buildAgenda(input, ALL);
        expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
        items.forEach((item: AgendaItem, n) => {
          expect(agendaItemKinds).toContain(item.kind);
          expect(item.id.startsWith(`${item.kind}:`)).toBe(true);
          expect(item.reason.trim().length).toBeGreaterThan(10);
          expect(item.suggestion.trim().length).toBeGreaterThan(10);
          expect(item.reason).not.toMatch(/undefined|null|NaN/);
          expect(item.suggestion).not.toMatch(/undefined|null|NaN/);
          expect(Number.isInteger(item.score)).toBe(true);
          expect(item.scoreParts.reduce((s, p) => s + p.points, 0)).toBe(item.score);
          const next = items[n + 1];
          if (next) expect(rankedBefore(item, next)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('marking an item done or snoozing it hides that item', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.boolean(), (input, pick, snooze) => {
        const items = buildAgenda(input, ALL);
        fc.pre(items.length > 0);
        const target = items[pick % items.length] as AgendaItem;
        const state = snooze
          ? { itemId: target.id, snoozedUntil: addDays(input.today, 1) }
          : { itemId: target.id, doneOn: input.today };
        const after = buildAgenda({ ...input, states: [state] }, ALL);
        expect(after.map((i) => i.id)).not.toContain(target.id);
        // Nothing else disappears (a check-in it covered may come back on its own).
        for (const other of items) if (other.id !== target.id) expect(after.map((i) => i.id)).toContain(other.id);
      }),
      RUNS,
    );
  });
});
