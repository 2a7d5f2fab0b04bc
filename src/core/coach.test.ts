import { describe, expect, it } from 'vitest';
import {
  shouldWiden,
  suggestStartingCircle,
  weeklyProgress,
  weeklyReview,
  WIDEN_AFTER_WEEKS,
  type CircleCandidate,
  type CoachTouch,
  type WeeklyReviewInput,
} from './coach.js';
import { addDays } from './days.js';
import { DEFAULT_CADENCE, type Initiator } from './types.js';

const TODAY = '2026-11-26'; // Thursday; its week starts Monday 2026-11-23
const at = (day: string, initiatedBy: Initiator | null = null): CoachTouch => ({
  occurredAt: `${day}T10:00:00.000Z`,
  initiatedBy,
});
/** `n` touches on the Tuesday of the week starting `monday`. */
const week = (monday: string, n: number, by: Initiator | null = 'me') =>
  Array.from({ length: n }, () => at(addDays(monday, 1), by));

describe('weeklyProgress', () => {
  it('counts touches per ISO week, Monday to Sunday, oldest first', () => {
    const p = weeklyProgress(
      [at('2026-11-23', 'me'), at('2026-11-26', 'them'), at('2026-11-22'), at('2026-11-16', 'me'), at('2026-11-27'), at('bad')],
      2,
      TODAY,
      3,
    );
    expect(p.weeks).toEqual([
      { weekStart: '2026-11-09', count: 0, byMe: 0, met: false, current: false },
      { weekStart: '2026-11-16', count: 2, byMe: 1, met: true, current: false }, // Sunday the 22nd belongs to it
      { weekStart: '2026-11-23', count: 2, byMe: 1, met: true, current: true }, // the 27th is after today: ignored
    ]);
    expect(p.thisWeek.weekStart).toBe('2026-11-23');
    expect(p.weeks).toHaveLength(3);
    expect(weeklyProgress([], 3, TODAY).weeks).toHaveLength(12);
  });

  const check = (perWeek: number[], goal: number, expected: { current: number; longest: number }) => {
    // perWeek lists counts oldest first; the last entry is the current week.
    const monday = '2026-11-23';
    const touches = perWeek.flatMap((n, i) => week(addDays(monday, -7 * (perWeek.length - 1 - i)), n));
    const p = weeklyProgress(touches, goal, TODAY, perWeek.length);
    expect({ current: p.currentStreak, longest: p.longestStreak }).toEqual(expected);
  };
  it.each<[number[], number, { current: number; longest: number }]>([
    [[3, 3, 3, 0], 3, { current: 3, longest: 3 }], // the current week is not over: no break
    [[3, 3, 3, 3], 3, { current: 4, longest: 4 }],
    [[3, 0, 3, 3, 1], 3, { current: 2, longest: 2 }],
    [[3, 3, 3, 0, 3, 0], 3, { current: 1, longest: 3 }],
    [[5, 5, 2, 0], 3, { current: 0, longest: 2 }],
    [[0, 0, 0, 0], 3, { current: 0, longest: 0 }],
    [[1, 1, 1, 1], 0, { current: 0, longest: 0 }], // no goal, no streak
  ])('%j against a goal of %s', (perWeek, goal, expected) => check(perWeek, goal, expected));
});

describe('shouldWiden', () => {
  it.each<[number, number, boolean]>([
    [3, 3, false],
    [4, 3, true],
    [9, 3, true],
    [4, 0, false],
  ])('streak %s, goal %s → %s', (currentStreak, goal, widen) => {
    const advice = shouldWiden({ currentStreak, goal });
    expect(advice.widen).toBe(widen);
    if (widen) expect(advice.message).toMatch(/good weeks in a row.*Add one or two people/);
    else expect(advice.message).toBeNull();
  });

  it('follows weeklyProgress after four good weeks', () => {
    const touches = [0, 1, 2, 3].flatMap((i) => week(addDays('2026-11-16', -7 * i), 3));
    expect(shouldWiden(weeklyProgress(touches, 3, TODAY))).toEqual({
      widen: true,
      message:
        '4 good weeks in a row: the habit holds. Add one or two people to your circle (someone you met recently, or a former colleague), or raise your weekly goal to 4.',
    });
    expect(shouldWiden(weeklyProgress(touches.slice(3), 3, TODAY)).widen).toBe(false);
    expect(WIDEN_AFTER_WEEKS).toBe(4);
  });
});

describe('suggestStartingCircle', () => {
  const cand = (id: string, over: Partial<CircleCandidate> = {}): CircleCandidate => ({
    id,
    name: id.toUpperCase(),
    circle: 'network',
    topics: [],
    daysSinceLastTouch: null,
    recentByMe: 0,
    recentByThem: 0,
    ...over,
  });
  const pool = [
    cand('a', {
      circle: 'inner',
      recentByMe: 2,
      recentByThem: 3,
      daysSinceLastTouch: 10,
      topics: [{ kind: 'side-project', text: 'Rust meetup' }],
    }),
    cand('b', { circle: 'active', recentByThem: 1, daysSinceLastTouch: 40 }),
    cand('c', {
      circle: 'network',
      recentByMe: 1,
      recentByThem: 1,
      daysSinceLastTouch: 20,
      topics: [
        { kind: 'interest', text: 'climbing' },
        { kind: 'goal', text: 'talk at a conference' },
        { kind: 'interest', text: 'Go' },
      ],
    }),
    cand('d', { circle: 'dormant', daysSinceLastTouch: 900 }),
    cand('e', { circle: 'inner', paused: true, recentByMe: 5, recentByThem: 5 }),
    cand('f', { circle: 'active' }),
    cand('g', { circle: 'network' }),
  ];

  it('prefers close circles, recent two-way contact and rich context; never a paused person', () => {
    const picks = suggestStartingCircle(pool);
    expect(picks.map((p) => p.id)).toEqual(['a', 'c', 'b', 'f', 'g']);
    expect(picks[0]).toEqual({
      id: 'a',
      name: 'A',
      score: 30 + 25 + 15 + 5,
      reason:
        'A: in your inner circle; you both reached out recently (2 by you, 3 by them); you know what to talk about: “Rust meetup”.',
    });
    expect(picks[1]?.reason).toBe(
      'C: you both reached out recently (1 by you, 1 by them); you know what to talk about: “climbing”, “talk at a conference” and 1 more.',
    );
    expect(picks.find((p) => p.id === 'g')?.reason).toBe('G: someone you could reconnect with.');
  });

  it.each<[number, number]>([
    [3, 3],
    [4, 4],
    [5, 5],
    [1, 3], // never fewer than three
    [9, 5], // never more than five
  ])('n = %s picks %s', (n, expected) => expect(suggestStartingCircle(pool, n)).toHaveLength(expected));

  it('returns what there is when fewer candidates exist, and ties break by id', () => {
    expect(suggestStartingCircle([cand('z'), cand('y')]).map((p) => p.id)).toEqual(['y', 'z']);
    expect(suggestStartingCircle([])).toEqual([]);
  });
});

describe('weeklyReview', () => {
  const base = (over: Partial<WeeklyReviewInput> = {}): WeeklyReviewInput => ({
    today: TODAY,
    weeklyGoal: 3,
    cadenceDefaults: DEFAULT_CADENCE,
    touches: [],
    commitments: [],
    ledger: [],
    contacts: [],
    ...over,
  });

  it('summarises a week: touches, promises, gives and asks, who drifted, what next', () => {
    const r = weeklyReview(
      base({
        touches: [at('2026-11-20', 'me'), at('2026-11-24', 'them'), at('2026-11-19', 'me'), at('2026-11-10', 'me')],
        commitments: [
          {
            id: 'k1',
            contactId: 'anna',
            direction: 'mine',
            text: 'send slides',
            dueOn: '2026-11-22',
            status: 'kept',
            resolvedOn: '2026-11-21',
          },
          {
            id: 'k2',
            contactId: 'anna',
            direction: 'mine',
            text: 'review PR',
            dueOn: '2026-11-20',
            status: 'kept',
            resolvedOn: '2026-11-23',
          },
          {
            id: 'k3',
            contactId: 'bob',
            direction: 'mine',
            text: 'old one',
            dueOn: '2026-10-01',
            status: 'kept',
            resolvedOn: '2026-10-01',
          },
          {
            id: 'b1',
            contactId: 'bob',
            direction: 'mine',
            text: 'call back',
            dueOn: '2026-11-20',
            status: 'broken',
            resolvedOn: '2026-11-25',
          },
          {
            id: 'o1',
            contactId: 'bob',
            direction: 'mine',
            text: 'Intro to Cleo',
            dueOn: '2026-11-24',
            status: 'open',
            resolvedOn: null,
          },
          {
            id: 'o2',
            contactId: 'anna',
            direction: 'mine',
            text: 'share the deck',
            dueOn: '2026-11-30',
            status: 'open',
            resolvedOn: null,
          },
          {
            id: 't1',
            contactId: 'anna',
            direction: 'theirs',
            text: 'send notes',
            dueOn: '2026-11-22',
            status: 'kept',
            resolvedOn: '2026-11-22',
          },
        ],
        ledger: [
          { contactId: 'anna', direction: 'ask', occurredOn: '2026-11-21' },
          { contactId: 'bob', direction: 'ask', occurredOn: '2026-11-25' },
          { contactId: 'anna', direction: 'receive', occurredOn: '2026-11-22' },
          { contactId: 'bob', direction: 'give', occurredOn: '2026-11-01' },
        ],
        contacts: [
          // inner, 30 days: due 2026-11-22, overdue since the 23rd: drifted this week.
          {
            id: 'anna',
            name: 'Anna',
            circle: 'inner',
            createdAt: '2025-01-01T00:00:00.000Z',
            lastTouchAt: '2026-10-23T10:00:00.000Z',
          },
          // Overdue long before this week: not news.
          {
            id: 'bob',
            name: 'Bob',
            circle: 'inner',
            createdAt: '2025-01-01T00:00:00.000Z',
            lastTouchAt: '2026-09-01T10:00:00.000Z',
          },
          // Due on 2026-11-30: coming due.
          {
            id: 'cleo',
            name: 'Cleo',
            circle: 'active',
            createdAt: '2025-01-01T00:00:00.000Z',
            lastTouchAt: '2026-09-01T10:00:00.000Z',
          },
          // Drifted, but paused: left alone.
          {
            id: 'dan',
            name: 'Dan',
            circle: 'inner',
            createdAt: '2025-01-01T00:00:00.000Z',
            lastTouchAt: '2026-10-23T10:00:00.000Z',
            boundaries: { pausedUntil: '2027-01-01' },
          },
        ],
      }),
    );
    expect(r.from).toBe('2026-11-20');
    expect(r.to).toBe(TODAY);
    expect(r.touches).toEqual({ count: 2, goal: 3, met: false, byMe: 1, byThem: 1 });
    expect(r.commitments).toEqual({ kept: 2, keptOnTime: 1, broken: 1, open: 2, overdue: 1, theirsKept: 1 });
    expect(r.ledger).toEqual({ gives: 0, asks: 2, receives: 1 });
    expect(r.drifted).toEqual([{ id: 'anna', name: 'Anna', dueOn: '2026-11-22', daysOverdue: 4 }]);
    expect(r.comingDue).toEqual([{ id: 'cleo', name: 'Cleo', dueOn: '2026-11-30' }]);
    expect(r.suggestions).toEqual([
      'Keep your promise to Bob: Intro to Cleo (was due 2026-11-24).',
      "This week had 2 of 3 touches: put 3 short slots in next week's calendar, one per person to reach.",
      'Reach out to Anna: the check-in is 4 days overdue.',
      'Plan time for your promise to Anna: share the deck (due 2026-11-30).',
      'Coming due next week: Cleo (2026-11-30).',
      'You asked 2 times and gave 0: plan one give (an intro, a review, a resource) next week.',
      'You received help 1 time: say thank you, in public where it fits.',
    ]);
    expect(r.summary).toBe('This week: 2 touches of 3; 2 promises kept; 1 broken; 0 gives, 2 asks; 1 person drifted.');
  });

  it('a good week with a streak says so and suggests widening', () => {
    const touches = [0, 1, 2, 3].flatMap((i) => week(addDays('2026-11-16', -7 * i), 3)).concat(week('2026-11-23', 3));
    const r = weeklyReview(base({ touches }));
    expect(r.touches.met).toBe(true);
    expect(r.streak).toEqual({ current: 5, longest: 5 });
    expect(r.summary).toBe('This week: 3 touches of 3 (goal met); 0 promises kept. Streak: 5 weeks.');
    expect(r.suggestions.at(-1)).toMatch(/^5 good weeks in a row/);
  });

  it('an empty week is still a review', () => {
    const r = weeklyReview(base({ weeklyGoal: 0 }));
    expect(r.summary).toBe('This week: 0 touches; 0 promises kept.');
    expect(r.suggestions).toEqual([]);
    expect(r.drifted).toEqual([]);
  });
});
