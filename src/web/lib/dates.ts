/**
 * Days and instants for display. The server decides what "today" is; the
 * browser only formats, and adds days for snooze choices.
 */

/** `YYYY-MM-DD` plus n days (UTC arithmetic on a calendar day). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A day in the reader's language, e.g. "3 Mar 2026". */
export function formatDay(day: string | null | undefined, lang: string): string {
  if (!day) return '';
  if (day.startsWith('--')) {
    const d = new Date(`2000-${day.slice(2)}T12:00:00Z`);
    return d.toLocaleDateString(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  }
  const d = new Date(day.length === 10 ? `${day}T12:00:00Z` : day);
  if (Number.isNaN(d.getTime())) return day;
  return d.toLocaleDateString(lang, { day: 'numeric', month: 'short', year: 'numeric', ...(day.length === 10 ? { timeZone: 'UTC' } : {}) });
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** The Monday of the ISO week holding `day`. */
export function weekStart(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}
