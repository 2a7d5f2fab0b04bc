/**
 * The JSON shape of records as the CLI and the API print them: the domain record
 * without the owner (a user only ever sees their own data).
 */
import type { AgendaItem } from '../core/agenda.js';
import type { Contact, Day, Touchpoint } from '../core/types.js';

export function contactView(c: Contact): Omit<Contact, 'ownerId'> {
  const { ownerId: _owner, ...rest } = c;
  return rest;
}

export function touchpointView(t: Touchpoint): Omit<Touchpoint, 'ownerId'> {
  const { ownerId: _owner, ...rest } = t;
  return rest;
}

/** The agenda as PRODUCT.md documents it: `{ date, items: [{ id, kind, contacts, reason, score, suggestion, dueOn }] }`. */
export function agendaView(a: { date: Day; items: AgendaItem[] }): {
  date: Day;
  items: Array<Pick<AgendaItem, 'id' | 'kind' | 'contacts' | 'reason' | 'score' | 'suggestion' | 'dueOn'>>;
} {
  return {
    date: a.date,
    items: a.items.map(({ id, kind, contacts, reason, score, suggestion, dueOn }) => ({
      id,
      kind,
      contacts,
      reason,
      score,
      suggestion,
      dueOn,
    })),
  };
}
