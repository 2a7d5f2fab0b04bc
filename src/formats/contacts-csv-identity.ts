/**
 * Turning the loose contact details of imports (emails, phones, web addresses, IM handles)
 * into kith identities. Shared by the LinkedIn, vCard and contacts-CSV readers.
 */
import type { Identity, IdentityKind } from '../core/types.js';

const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;

/** True when `s` looks like one email address (no display name, no list). */
export function isEmail(s: string): boolean {
  return EMAIL_RE.test(s.trim());
}

/** The identity kind a web address belongs to: LinkedIn and GitHub profiles, else a site. */
export function urlKind(url: string): IdentityKind {
  const host = url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .split(/[/?#]/)[0]
    ?.toLowerCase() ?? '';
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) return 'linkedin';
  if (host === 'github.com') return 'github';
  return 'site';
}

/** An identity for a web address, or null for empty text. */
export function urlIdentity(url: string, label?: string | null): Identity | null {
  const value = url.trim();
  if (value === '') return null;
  return withLabel({ kind: urlKind(value), value }, label);
}

/** Adds a label when there is one, so identities compare equal whether or not a label was absent. */
export function withLabel(id: Identity, label?: string | null): Identity {
  const l = label?.trim();
  return l ? { ...id, label: l } : id;
}

/** Appends identities, dropping exact repeats (same kind, value and label). */
export function pushIdentity(list: Identity[], id: Identity | null): void {
  if (!id || id.value.trim() === '') return;
  if (list.some((x) => x.kind === id.kind && x.value === id.value && (x.label ?? null) === (id.label ?? null))) return;
  list.push(id);
}
