/**
 * Keep-in-touch cadence (P7): how often a contact should hear from the user,
 * and whether a check-in is due. Any logged touchpoint resets it.
 */
import { addDays, dayOf, daysBetween } from './days.js';
import type { CadenceDefaults, Circle, Day, Instant } from './types.js';

/** How many days before the due day a check-in counts as `due` rather than `ok`. */
export const DUE_WINDOW_DAYS = 7;

export type CadenceState = 'none' | 'ok' | 'due' | 'overdue';

export interface CadenceStatus {
  state: CadenceState;
  /** The effective cadence in days, or null when the contact has none (dormant). */
  cadenceDays: number | null;
  /** The day the clock started: the last touch, or when the contact was added. */
  since: Day | null;
  dueOn: Day | null;
  /** Days until due (`ok`, `due`) or days overdue (`overdue`); 0 for `none`. */
  days: number;
}

export interface CadenceSubject {
  circle: Circle;
  cadenceDays?: number | null;
  lastTouchAt?: Instant | null;
  createdAt: Instant;
}

/** The effective cadence: the contact's own, else the default of its circle. */
export function effectiveCadence(c: Pick<CadenceSubject, 'circle' | 'cadenceDays'>, defaults: CadenceDefaults): number | null {
  if (c.cadenceDays != null && c.cadenceDays > 0) return c.cadenceDays;
  return defaults[c.circle] ?? null;
}

/** Where a contact stands against their cadence on `today`. */
export function cadenceStatus(c: CadenceSubject, defaults: CadenceDefaults, today: Day): CadenceStatus {
  const cadenceDays = effectiveCadence(c, defaults);
  if (cadenceDays == null) return { state: 'none', cadenceDays: null, since: null, dueOn: null, days: 0 };
  const since = dayOf(c.lastTouchAt ?? c.createdAt);
  const dueOn = addDays(since, cadenceDays);
  const until = daysBetween(today, dueOn);
  if (until < 0) return { state: 'overdue', cadenceDays, since, dueOn, days: -until };
  if (until <= DUE_WINDOW_DAYS) return { state: 'due', cadenceDays, since, dueOn, days: until };
  return { state: 'ok', cadenceDays, since, dueOn, days: until };
}
