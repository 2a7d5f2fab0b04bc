/**
 * The JSON shape of records as the CLI and the API print them: the domain record
 * without the owner (a user only ever sees their own data).
 */
import type { Contact, Touchpoint } from '../core/types.js';

export function contactView(c: Contact): Omit<Contact, 'ownerId'> {
  const { ownerId: _owner, ...rest } = c;
  return rest;
}

export function touchpointView(t: Touchpoint): Omit<Touchpoint, 'ownerId'> {
  const { ownerId: _owner, ...rest } = t;
  return rest;
}
