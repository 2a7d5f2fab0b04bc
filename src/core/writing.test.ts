import { describe, expect, it } from 'vitest';
import { periodMonthsFor, postingCadence } from './writing.js';

const posts = (...days: string[]) => days.map((publishedOn) => ({ publishedOn }));

describe('periodMonthsFor', () => {
  it.each([
    [1, 1],
    [2, 1],
    [1.5, 1],
    [0.5, 2],
    [1 / 3, 3],
    [0.25, 4],
    [0.2, 4], // 5 months does not divide the year: the nearest shorter period
    [1 / 6, 6],
    [1 / 12, 12],
    [0.01, 12],
    [0, 1],
    [-1, 1],
  ])('%s posts a month → %s-month periods', (ppm, expected) => expect(periodMonthsFor(ppm)).toBe(expected));
});

describe('postingCadence: due, behind and the current period', () => {
  const check = (
    input: { posts: string[]; ppm: number; today: string },
    expected: { count: number; due: boolean; behind: boolean; lastPostOn: string | null; daysSinceLastPost: number | null },
  ) => {
    const r = postingCadence(posts(...input.posts), input.ppm, input.today);
    expect({
      count: r.current.count,
      due: r.due,
      behind: r.behind,
      lastPostOn: r.lastPostOn,
      daysSinceLastPost: r.daysSinceLastPost,
    }).toEqual(expected);
  };
  it.each([
    // No post in November; day 15 of 30 is exactly half: not behind yet.
    [
      { posts: ['2026-10-03'], ppm: 1, today: '2026-11-15' },
      { count: 0, due: true, behind: false, lastPostOn: '2026-10-03', daysSinceLastPost: 43 },
    ],
    [
      { posts: ['2026-10-03'], ppm: 1, today: '2026-11-16' },
      { count: 0, due: true, behind: true, lastPostOn: '2026-10-03', daysSinceLastPost: 44 },
    ],
    // A post this month: goal met.
    [
      { posts: ['2026-11-02'], ppm: 1, today: '2026-11-26' },
      { count: 1, due: false, behind: false, lastPostOn: '2026-11-02', daysSinceLastPost: 24 },
    ],
    // Two a month wanted, one so far.
    [
      { posts: ['2026-11-02'], ppm: 2, today: '2026-11-26' },
      { count: 1, due: true, behind: true, lastPostOn: '2026-11-02', daysSinceLastPost: 24 },
    ],
    // February (28 days): day 15 is past half.
    [
      { posts: [], ppm: 1, today: '2027-02-15' },
      { count: 0, due: true, behind: true, lastPostOn: null, daysSinceLastPost: null },
    ],
    [
      { posts: [], ppm: 1, today: '2027-02-14' },
      { count: 0, due: true, behind: false, lastPostOn: null, daysSinceLastPost: null },
    ],
    // Scheduled posts (after today) and malformed days do not count.
    [
      { posts: ['2026-11-30', 'soon', '2026-13-01'], ppm: 1, today: '2026-11-20' },
      { count: 0, due: true, behind: true, lastPostOn: null, daysSinceLastPost: null },
    ],
    // Every two months: Nov–Dec; a post in November covers December.
    [
      { posts: ['2026-11-05'], ppm: 0.5, today: '2026-12-20' },
      { count: 1, due: false, behind: false, lastPostOn: '2026-11-05', daysSinceLastPost: 45 },
    ],
    // Every two months, nothing since September: Nov–Dec is due but not half gone on 30 Nov (day 30 of 61).
    [
      { posts: ['2026-09-05'], ppm: 0.5, today: '2026-11-30' },
      { count: 0, due: true, behind: false, lastPostOn: '2026-09-05', daysSinceLastPost: 86 },
    ],
    [
      { posts: ['2026-09-05'], ppm: 0.5, today: '2026-12-01' },
      { count: 0, due: true, behind: true, lastPostOn: '2026-09-05', daysSinceLastPost: 87 },
    ],
    // No goal: never due.
    [
      { posts: [], ppm: 0, today: '2026-11-26' },
      { count: 0, due: false, behind: false, lastPostOn: null, daysSinceLastPost: null },
    ],
  ])('%j', (input, expected) => check(input, expected));

  it('describes the current period in days', () => {
    expect(postingCadence([], 1, '2026-11-26').current).toEqual({
      start: '2026-11',
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      count: 0,
      met: false,
      daysLeft: 4,
      halfGone: true,
    });
    expect(postingCadence([], 0.25, '2026-11-26').current).toMatchObject({
      start: '2026-09',
      firstDay: '2026-09-01',
      lastDay: '2026-12-31',
    });
    expect(postingCadence([], 1, '2024-02-10').current.lastDay).toBe('2024-02-29');
  });
});

describe('postingCadence: streaks', () => {
  const check = (input: { posts: string[]; ppm: number; today: string }, expected: { current: number; longest: number }) => {
    const r = postingCadence(posts(...input.posts), input.ppm, input.today);
    expect({ current: r.currentStreak, longest: r.longestStreak }).toEqual(expected);
  };
  it.each([
    // Aug, Sep, Oct met; November still open: the streak is 3, not broken.
    [
      { posts: ['2026-08-10', '2026-09-10', '2026-10-10'], ppm: 1, today: '2026-11-26' },
      { current: 3, longest: 3 },
    ],
    // ... and once November has a post it is 4.
    [
      { posts: ['2026-08-10', '2026-09-10', '2026-10-10', '2026-11-01'], ppm: 1, today: '2026-11-26' },
      { current: 4, longest: 4 },
    ],
    // A gap in October breaks it; the longest run stays.
    [
      { posts: ['2026-07-10', '2026-08-10', '2026-09-10', '2026-11-01'], ppm: 1, today: '2026-11-26' },
      { current: 1, longest: 3 },
    ],
    // A missed previous month: current streak 0 while November is open.
    [
      { posts: ['2026-08-10', '2026-09-10'], ppm: 1, today: '2026-11-26' },
      { current: 0, longest: 2 },
    ],
    // Two a month: a month with one post does not count.
    [
      { posts: ['2026-09-01', '2026-09-20', '2026-10-05'], ppm: 2, today: '2026-11-03' },
      { current: 0, longest: 1 },
    ],
    // Streaks run past the 12 months shown: 14 months in a row.
    [
      {
        posts: Array.from(
          { length: 14 },
          (_, i) => `${2025 + Math.floor((i + 9) / 12)}-${String(((i + 9) % 12) + 1).padStart(2, '0')}-15`,
        ),
        ppm: 1,
        today: '2026-11-20',
      },
      { current: 14, longest: 14 },
    ],
    // Every four months (periods Jan–Apr, May–Aug, Sep–Dec): two posts in one period count once.
    [
      { posts: ['2026-02-01', '2026-05-01', '2026-08-01'], ppm: 0.25, today: '2026-10-15' },
      { current: 2, longest: 2 },
    ],
    [
      { posts: ['2026-02-01', '2026-05-01', '2026-09-20'], ppm: 0.25, today: '2026-10-15' },
      { current: 3, longest: 3 },
    ],
    // Every quarter.
    [
      { posts: ['2026-02-01', '2026-05-01', '2026-08-01'], ppm: 1 / 3, today: '2026-10-15' },
      { current: 3, longest: 3 },
    ],
    [
      { posts: [], ppm: 1, today: '2026-11-26' },
      { current: 0, longest: 0 },
    ],
    [
      { posts: ['2026-10-01'], ppm: 0, today: '2026-11-26' },
      { current: 0, longest: 0 },
    ],
  ])('%j', (input, expected) => check(input, expected));
});

describe('postingCadence: per-month counts', () => {
  it('lists the last 12 months, oldest first, with counts', () => {
    const r = postingCadence(posts('2026-11-01', '2026-11-20', '2026-01-31', '2025-12-01', '2025-11-30'), 1, '2026-11-26');
    expect(r.months).toHaveLength(12);
    expect(r.months[0]).toEqual({ month: '2025-12', count: 1 });
    expect(r.months[1]).toEqual({ month: '2026-01', count: 1 });
    expect(r.months[11]).toEqual({ month: '2026-11', count: 2 });
    expect(r.months.reduce((s, m) => s + m.count, 0)).toBe(4);
    expect(r.periods.at(-1)).toEqual({ start: '2026-11', end: '2026-11', count: 2, met: true, current: true });
  });

  it('groups months into periods for goals below one a month', () => {
    const r = postingCadence(posts('2026-03-10', '2026-10-01'), 0.5, '2026-11-26', 6);
    expect(r.months.map((m) => m.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(r.periods.map((p) => [p.start, p.end, p.count, p.met])).toEqual([
      ['2026-05', '2026-06', 0, false],
      ['2026-07', '2026-08', 0, false],
      ['2026-09', '2026-10', 1, true],
      ['2026-11', '2026-12', 0, false],
    ]);
  });
});
