/**
 * Writing cadence (P1): how the user's posts keep up with their goal of
 * `postsPerMonth`, the streak of periods that met it, and whether a post is due.
 *
 * A goal of one or more posts a month is judged per calendar month. A goal
 * below one (0.5 = every two months, 0.25 = a quarter) is judged per period of
 * several months, aligned to the start of the year so the periods never shift:
 * the period length is the largest divisor of 12 not above 1 / postsPerMonth.
 */
import { addDays, daysBetween, isDay } from './days.js';
import type { Day } from './types.js';

/** Posts in one calendar month. */
export interface MonthCount {
  /** `YYYY-MM`. */
  month: string;
  count: number;
}

/** Posts in one goal period (a month, or several months for goals below one a month). */
export interface PostingPeriod {
  /** First month of the period, `YYYY-MM`; also its stable key. */
  start: string;
  /** Last month of the period, `YYYY-MM`. */
  end: string;
  count: number;
  met: boolean;
  current: boolean;
}

export interface PostingCadence {
  postsPerMonth: number;
  /** Months per goal period (1 for a goal of one or more a month). */
  periodMonths: number;
  /** Posts wanted per period; 0 when there is no goal. */
  goalPerPeriod: number;
  /** The last `months` calendar months, oldest first, the current month last. */
  months: MonthCount[];
  /** The goal periods covering those months, oldest first, the current period last. */
  periods: PostingPeriod[];
  /** The current period in days: first and last day, posts so far, days left after today. */
  current: { start: string; firstDay: Day; lastDay: Day; count: number; met: boolean; daysLeft: number; halfGone: boolean };
  /** Met periods in a row up to the previous one, plus the current one once met (an unfinished period never breaks it). */
  currentStreak: number;
  longestStreak: number;
  /** The current period has not met the goal yet. */
  due: boolean;
  /** Due, and more than half of the period is gone: time to nudge. */
  behind: boolean;
  lastPostOn: Day | null;
  daysSinceLastPost: number | null;
}

const DIVISORS_OF_12 = [12, 6, 4, 3, 2, 1] as const;

/** Months per goal period for a posting goal. */
export function periodMonthsFor(postsPerMonth: number): number {
  if (!(postsPerMonth > 0) || postsPerMonth >= 1) return 1;
  const wanted = Math.round(1 / postsPerMonth);
  return DIVISORS_OF_12.find((d) => d <= wanted) ?? 1;
}

/** Month index (months since year 0) of a day or `YYYY-MM`. */
function monthIndex(s: string): number {
  return Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
}

function monthLabel(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

function firstDayOfMonth(index: number): Day {
  return `${monthLabel(index)}-01`;
}

/** Where the user's writing stands against `postsPerMonth` on `today`. */
export function postingCadence(
  posts: ReadonlyArray<{ publishedOn: Day }>,
  postsPerMonth: number,
  today: Day,
  months = 12,
): PostingCadence {
  const hasGoal = postsPerMonth > 0 && Number.isFinite(postsPerMonth);
  const k = periodMonthsFor(postsPerMonth);
  const goal = hasGoal ? Math.max(1, Math.round(postsPerMonth * k)) : 0;
  const periodOf = (mi: number): number => mi - (mi % k);

  // Scheduled posts (after today) and malformed days do not count.
  const days = posts.map((p) => p.publishedOn).filter((d) => isDay(d) && d <= today);
  const perMonth = new Map<number, number>();
  const perPeriod = new Map<number, number>();
  for (const d of days) {
    const mi = monthIndex(d);
    perMonth.set(mi, (perMonth.get(mi) ?? 0) + 1);
    perPeriod.set(periodOf(mi), (perPeriod.get(periodOf(mi)) ?? 0) + 1);
  }
  const lastPostOn = days.length ? days.reduce((a, b) => (b > a ? b : a)) : null;

  const thisMonth = monthIndex(today);
  const thisPeriod = periodOf(thisMonth);
  const met = (p: number): boolean => hasGoal && (perPeriod.get(p) ?? 0) >= goal;

  const monthList: MonthCount[] = [];
  const span = Math.max(1, Math.floor(months));
  for (let mi = thisMonth - span + 1; mi <= thisMonth; mi++)
    monthList.push({ month: monthLabel(mi), count: perMonth.get(mi) ?? 0 });

  const periods: PostingPeriod[] = [];
  for (let p = periodOf(thisMonth - span + 1); p <= thisPeriod; p += k) {
    periods.push({
      start: monthLabel(p),
      end: monthLabel(p + k - 1),
      count: perPeriod.get(p) ?? 0,
      met: met(p),
      current: p === thisPeriod,
    });
  }

  // Streaks run over the whole history, not only the months shown.
  let longest = 0;
  let run = 0;
  const earliest = days.length ? periodOf(days.reduce((m, d) => Math.min(m, monthIndex(d)), thisMonth)) : thisPeriod;
  for (let p = earliest; p < thisPeriod; p += k) {
    run = met(p) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const currentStreak = run + (met(thisPeriod) ? 1 : 0);
  longest = Math.max(longest, currentStreak);

  const firstDay = firstDayOfMonth(thisPeriod);
  const lastDay = addDays(firstDayOfMonth(thisPeriod + k), -1);
  const length = daysBetween(firstDay, lastDay) + 1;
  const elapsed = daysBetween(firstDay, today) + 1;
  const count = perPeriod.get(thisPeriod) ?? 0;
  const currentMet = met(thisPeriod);
  const halfGone = elapsed > length / 2;
  const due = hasGoal && !currentMet;

  return {
    postsPerMonth,
    periodMonths: k,
    goalPerPeriod: goal,
    months: monthList,
    periods,
    current: {
      start: monthLabel(thisPeriod),
      firstDay,
      lastDay,
      count,
      met: currentMet,
      daysLeft: daysBetween(today, lastDay),
      halfGone,
    },
    currentStreak,
    longestStreak: longest,
    due,
    behind: due && halfGone,
    lastPostOn,
    daysSinceLastPost: lastPostOn === null ? null : daysBetween(lastPostOn, today),
  };
}
