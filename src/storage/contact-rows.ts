/**
 * A contact from its stored rows: what the Store reads, and what a migration that rebuilds
 * derived data from the contacts already there reads too.
 */
import type { Channel, Circle, Contact, IdentityKind } from '../core/types.js';
import type { ContactsTable } from './schema.js';

/** A JSON column, or the fallback when it is empty or not JSON. */
export const parse = <T>(s: string | null | undefined, fallback: T): T => {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

/** The contact of a `contacts` row, with its identities and tags (each in position order). */
export function contactFromRow(
  r: ContactsTable,
  identities: Array<{ kind: string; value: string; label: string | null }>,
  tags: string[],
): Contact {
  return {
    id: r.id,
    ownerId: r.owner_id,
    displayName: r.display_name,
    givenName: r.given_name,
    familyName: r.family_name,
    nickname: r.nickname,
    identities: identities.map((i) => ({ kind: i.kind as IdentityKind, value: i.value, label: i.label })),
    company: r.company,
    title: r.title,
    employment: parse(r.employment, []),
    location: r.location,
    timeZone: r.time_zone,
    birthday: r.birthday,
    howMet: r.how_met,
    introducedById: r.introduced_by_id,
    circle: r.circle as Circle,
    cadenceDays: r.cadence_days,
    boundaries: {
      pausedUntil: r.paused_until,
      minGapDays: r.min_gap_days,
      preferredChannel: r.preferred_channel as Channel | null,
      note: r.boundary_note,
    },
    topics: parse(r.topics, []),
    tags,
    notes: r.notes,
    photo: r.photo,
    lastTouchAt: r.last_touch_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}
