/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings, in UTC and without a clock.
 */
import type { Day, Instant } from './types.js';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Memo for the conversions below: ranking touches the same few thousand days hundreds of
 * thousands of times, and `Date` parsing dominated it. Pure functions, so the memo is
 * invisible; it is emptied when it grows large.
 */
function memo<K, V>(f: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      if (cache.size >= 100_000) cache.clear();
      v = f(k);
      cache.set(k, v);
    }
    return v;
  };
}

/** True when `s` is a real calendar day written `YYYY-MM-DD`. */
export const isDay: (s: string) => boolean = memo((s: string) => {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
});

/** Days since 1970-01-01 for a `YYYY-MM-DD` day. */
export const dayNumber: (day: Day) => number = memo((day: Day) => Math.floor(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY));

export const fromDayNumber: (n: number) => Day = memo((n: number) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10));

export function addDays(day: Day, n: number): Day {
  return fromDayNumber(dayNumber(day) + n);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

/** The UTC day of an instant. Use `dayInZone` to show it in the user's zone. */
export function dayOf(instant: Instant): Day {
  return instant.slice(0, 10);
}

/** The day an instant falls on in an IANA time zone. */
export function dayInZone(instant: Instant, timeZone: string): Day {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
  return parts;
}

/** Noon UTC of a day, as an instant: the time given to touches logged by day only. */
export function noonOf(day: Day): Instant {
  return `${day}T12:00:00.000Z`;
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(day: Day): number {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The Monday that starts the ISO week of `day`. */
export function weekStart(day: Day): Day {
  return addDays(day, 1 - isoWeekday(day));
}

/** True when `s` is a birthday: `YYYY-MM-DD` or the year-less `--MM-DD`. */
export function isBirthday(s: string): boolean {
  if (s.startsWith('--')) return isDay(`2000-${s.slice(2)}`); // 2000 is a leap year: 29 Feb is allowed
  return isDay(s);
}

/** The next day on or after `today` on which a birthday falls (29 Feb falls on 28 Feb in other years). */
export function nextBirthday(birthday: string, today: Day): Day {
  const md = birthday.startsWith('--') ? birthday.slice(2) : birthday.slice(5);
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    let candidate = `${y}-${md}`;
    if (!isDay(candidate)) candidate = `${y}-02-28`;
    if (candidate >= today) return candidate;
  }
  return `${year + 1}-${md}`;
}
