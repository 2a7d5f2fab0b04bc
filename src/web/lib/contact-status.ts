/**
 * A contact's status for the list filter: due for a check-in, fine, paused, or
 * never touched. The agenda on the server is the authority; this is for sorting
 * and filtering what is already on screen.
 */
import type { ContactJson } from '../api/types.js';
import { addDays } from './dates.js';

export type ContactStatus = 'due' | 'ok' | 'paused' | 'new' | 'no-cadence';
export const STATUSES: ContactStatus[] = ['due', 'ok', 'paused', 'new', 'no-cadence'];

/** What the status reads of a contact (the contact list keeps only these and what it shows). */
export type StatusFields = Pick<ContactJson, 'circle' | 'cadenceDays' | 'lastTouchAt'> & { boundaries: Pick<ContactJson['boundaries'], 'pausedUntil'> };

/** The status of a contact on `today`, given the circle defaults. */
export function statusOf(c: StatusFields, today: string, defaults: Record<string, number | null> | undefined): ContactStatus {
  if (c.boundaries?.pausedUntil && c.boundaries.pausedUntil > today) return 'paused';
  const cadence = c.cadenceDays ?? defaults?.[c.circle] ?? null;
  if (!c.lastTouchAt) return cadence ? 'new' : 'no-cadence';
  if (!cadence) return 'no-cadence';
  return addDays(c.lastTouchAt.slice(0, 10), cadence) <= today ? 'due' : 'ok';
}

export type HealthBand = 'low' | 'mid' | 'high';
export const HEALTH_BANDS: HealthBand[] = ['low', 'mid', 'high'];

/** Under 40 is drifting, 70 and over is strong. */
export function bandOf(score: number): HealthBand {
  return score < 40 ? 'low' : score < 70 ? 'mid' : 'high';
}
