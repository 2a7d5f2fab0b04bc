/**
 * Contact operations: create, edit, show, list, trash and restore, merge, and
 * resolving a contact from what a person types (`anna`, an email, an id).
 */
import { AppError } from '../core/errors.js';
import { mergeContacts } from '../core/merge.js';
import { fold, normalizeIdentity, tokens } from '../core/text-fold.js';
import type { Contact, Id, Identity, Topic } from '../core/types.js';
import type { ContactKey } from '../storage/store.js';
import { contactCreate, contactEdit, parseInput, type ContactFields } from './schemas.js';
import type { Ctx } from './ports.js';

/** Splits a display name into given and family name the simple way: first word, rest. */
function splitName(name: string): { givenName: string | null; familyName: string | null } {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { givenName: null, familyName: null };
  return { givenName: parts[0] ?? null, familyName: parts.slice(1).join(' ') };
}

function identitiesFrom(f: Partial<ContactFields>): Identity[] {
  const out: Identity[] = [...(f.identities ?? []).map((i) => ({ ...i, label: i.label ?? null }))];
  for (const e of f.emails ?? []) out.push({ kind: 'email', value: e, label: null });
  for (const p of f.phones ?? []) out.push({ kind: 'phone', value: p, label: null });
  for (const l of f.links ?? []) out.push({ kind: linkKind(l), value: l, label: null });
  return dedupeIdentities(out);
}

/** Names a profile URL by its site, so LinkedIn and GitHub URLs match across imports. */
export function linkKind(url: string): Identity['kind'] {
  const n = normalizeIdentity('url', url);
  if (n.startsWith('linkedin.com/')) return 'linkedin';
  if (n.startsWith('github.com/')) return 'github';
  return 'url';
}

export function dedupeIdentities(list: Identity[]): Identity[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const key = `${i.kind}:${normalizeIdentity(i.kind, i.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeTopics(list: Topic[]): Topic[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const key = `${t.kind}:${fold(t.text)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Refuses an email or profile URL that another contact already has: that is the same person, merge instead. */
async function checkIdentityConflicts(ctx: Ctx, identities: Identity[], selfId?: Id): Promise<void> {
  for (const i of identities) {
    if (i.kind === 'phone' || i.kind === 'other') continue;
    const others = (await ctx.store.findContactsByIdentity(ctx.userId, normalizeIdentity(i.kind, i.value))).filter(
      (c) => c.id !== selfId,
    );
    const other = others[0];
    if (other) {
      const where = other.deletedAt ? ' (in the trash: restore it with `kith contact restore`)' : '';
      throw new AppError('conflict', `${i.value} already belongs to ${other.displayName}${where}.`, {
        candidates: [{ id: other.id, name: other.displayName }],
      });
    }
  }
}

/** Creates a contact. */
export async function createContact(ctx: Ctx, raw: unknown): Promise<Contact> {
  const f = parseInput(contactCreate, raw);
  const now = ctx.clock.now();
  const split = splitName(f.name);
  const identities = identitiesFrom(f);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    await checkIdentityConflicts(tctx, identities);
    const introducedById = f.introducedBy ? (await resolveContact(tctx, f.introducedBy)).id : null;
    const contact: Contact = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      displayName: f.name,
      givenName: f.givenName ?? split.givenName,
      familyName: f.familyName ?? split.familyName,
      nickname: f.nickname ?? null,
      identities,
      company: f.company ?? null,
      title: f.title ?? null,
      employment: f.employment ?? (f.company ? [{ company: f.company, title: f.title ?? null, from: null, to: null }] : []),
      location: f.location ?? null,
      timeZone: f.timeZone ?? null,
      birthday: normalizeBirthday(f.birthday),
      howMet: f.howMet ?? null,
      introducedById,
      circle: f.circle ?? 'network',
      cadenceDays: f.cadenceDays ?? null,
      boundaries: {
        pausedUntil: f.pausedUntil ?? null,
        minGapDays: f.minGapDays ?? null,
        preferredChannel: f.preferredChannel ?? null,
        note: f.boundaryNote ?? null,
      },
      topics: dedupeTopics(f.topics ?? []),
      tags: [...new Set(f.tags ?? [])],
      notes: f.notes ?? '',
      photo: f.photo ?? null,
      lastTouchAt: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await store.insertContact(contact);
    return contact;
  });
}

/** `MM-DD` is accepted from people; it is stored as RFC 6350's `--MM-DD`. */
function normalizeBirthday(b: string | null | undefined): string | null {
  if (!b) return null;
  return /^\d{2}-\d{2}$/.test(b) ? `--${b}` : b;
}

/** Changes the fields given; lists (emails, topics, tags) are added to, and removed with removeTags/removeTopics. */
export async function editContact(ctx: Ctx, raw: unknown): Promise<Contact> {
  const f = parseInput(contactEdit, raw);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const c = await resolveContact(tctx, f.who);
    const added = identitiesFrom(f);
    await checkIdentityConflicts(tctx, added, c.id);
    const removeTags = new Set((f.removeTags ?? []).map(fold));
    const removeTopics = new Set((f.removeTopics ?? []).map(fold));
    const next: Contact = {
      ...c,
      displayName: f.name ?? c.displayName,
      givenName: f.givenName !== undefined ? f.givenName : c.givenName,
      familyName: f.familyName !== undefined ? f.familyName : c.familyName,
      nickname: f.nickname !== undefined ? f.nickname : c.nickname,
      identities: dedupeIdentities([...c.identities, ...added]),
      company: f.company !== undefined ? f.company : c.company,
      title: f.title !== undefined ? f.title : c.title,
      employment: f.employment ?? c.employment,
      location: f.location !== undefined ? f.location : c.location,
      timeZone: f.timeZone !== undefined ? f.timeZone : c.timeZone,
      birthday: f.birthday !== undefined ? normalizeBirthday(f.birthday) : c.birthday,
      howMet: f.howMet !== undefined ? f.howMet : c.howMet,
      introducedById:
        f.introducedBy !== undefined
          ? f.introducedBy
            ? (await resolveContact(tctx, f.introducedBy)).id
            : null
          : c.introducedById,
      circle: f.circle ?? c.circle,
      cadenceDays: f.cadenceDays !== undefined ? f.cadenceDays : c.cadenceDays,
      boundaries: {
        pausedUntil: f.pausedUntil !== undefined ? f.pausedUntil : c.boundaries.pausedUntil,
        minGapDays: f.minGapDays !== undefined ? f.minGapDays : c.boundaries.minGapDays,
        preferredChannel: f.preferredChannel !== undefined ? f.preferredChannel : c.boundaries.preferredChannel,
        note: f.boundaryNote !== undefined ? f.boundaryNote : c.boundaries.note,
      },
      topics: dedupeTopics([...c.topics.filter((t) => !removeTopics.has(fold(t.text))), ...(f.topics ?? [])]),
      tags: [...new Set([...c.tags.filter((t) => !removeTags.has(fold(t))), ...(f.tags ?? [])])],
      notes: f.notes ?? c.notes,
      photo: f.photo !== undefined ? f.photo : c.photo,
      updatedAt: ctx.clock.now(),
    };
    // A new company closes the open job and opens the new one: employment history is kept (P10).
    if (f.company !== undefined && f.company && f.company !== c.company && f.employment === undefined) {
      const today = ctx.clock.now().slice(0, 10);
      next.employment = [
        ...c.employment.map((e) => (e.to == null && e.company === c.company ? { ...e, to: today } : e)),
        { company: f.company, title: next.title ?? null, from: today, to: null },
      ];
    }
    await store.updateContact(next);
    return next;
  });
}

/**
 * True when `ref` names this id: the whole id, or at least 4 characters of its end
 * (UUIDv7s made together share their start, so lists print the random end) or start.
 */
export function matchesIdRef(id: string, ref: string): boolean {
  const r = ref.trim().toLowerCase();
  return id === r || (r.length >= 4 && (id.endsWith(r) || id.startsWith(r)));
}

export interface Candidate {
  id: Id;
  name: string;
  hint?: string;
}

function hintOf(c: Contact): string | undefined {
  const email = c.identities.find((i) => i.kind === 'email')?.value;
  return [c.company, email].filter(Boolean).join(', ') || undefined;
}

/** True when every typed word starts a word of the contact's names. */
function nameMatches(c: Contact, typed: string[]): boolean {
  const words = new Set(tokens([c.displayName, c.givenName, c.familyName, c.nickname].filter(Boolean).join(' ')));
  return typed.every((t) => [...words].some((w) => w.startsWith(t)));
}

/**
 * Finds the one contact a person means by `who`: an id, an email or profile URL,
 * or enough of a name to be unique. Ambiguity is an error listing the candidates.
 */
export async function resolveContact(ctx: Ctx, who: string, opts: { state?: 'live' | 'trash' } = {}): Promise<Contact> {
  const state = opts.state ?? 'live';
  const ref = who.trim();
  if (!ref)
    throw new AppError('invalid_input', 'Name a contact: an id, an email, or part of a name.', {
      issues: [{ field: 'who', message: 'must not be empty' }],
    });
  const usable = (c: Contact | null | undefined): c is Contact => !!c && (state === 'trash' ? !!c.deletedAt : !c.deletedAt);

  const byId = await ctx.store.getContact(ctx.userId, ref);
  if (usable(byId)) return byId;

  if (ref.includes('@') || ref.includes('/')) {
    const kinds = ref.includes('@') && !ref.includes('/') ? ['email'] : undefined;
    const found = (
      await ctx.store.findContactsByIdentity(ctx.userId, normalizeIdentity(kinds ? 'email' : 'url', ref), kinds)
    ).filter(usable);
    if (found.length === 1 && found[0]) return found[0];
    if (found.length > 1) throw ambiguous(ref, found);
  }

  const typed = tokens(ref);
  if (typed.length === 0) throw new AppError('not_found', `No contact matches "${ref}".`);
  let candidates: Contact[];
  if (state === 'trash') {
    candidates = (await ctx.store.listContacts(ctx.userId, { state: 'trash' })).filter((c) => nameMatches(c, typed));
  } else {
    const hits = await ctx.store.search(ctx.userId, ref, 200, { namesOnly: true });
    const ids = hits.filter((h) => h.kind === 'contact').map((h) => h.id);
    candidates = (await ctx.store.getContacts(ctx.userId, ids)).filter((c) => usable(c) && nameMatches(c, typed));
  }
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  if (candidates.length === 0) {
    throw new AppError('not_found', `No contact${state === 'trash' ? ' in the trash' : ''} matches "${ref}".`);
  }
  // Someone who typed a full name exactly means that person.
  const exact = candidates.filter((c) => fold(c.displayName) === fold(ref));
  if (exact.length === 1 && exact[0]) return exact[0];
  throw ambiguous(ref, candidates);
}

function ambiguous(ref: string, list: Contact[]): AppError {
  const candidates = list
    .slice()
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
    .slice(0, 20)
    .map((c) => ({ id: c.id, name: c.displayName, hint: hintOf(c) }));
  return new AppError(
    'invalid_input',
    `"${ref}" matches ${list.length} contacts; say which one (a fuller name, an email or an id).`,
    {
      candidates,
      issues: [{ field: 'who', message: 'ambiguous' }],
    },
  );
}

/** Moves a contact to the trash; their touchpoints and history stay. */
export async function trashContact(ctx: Ctx, who: string): Promise<Contact> {
  return ctx.store.transaction(async (store) => {
    const c = await resolveContact({ ...ctx, store }, who);
    const now = ctx.clock.now();
    const next = { ...c, deletedAt: now, updatedAt: now };
    await store.updateContact(next);
    return next;
  });
}

export async function restoreContact(ctx: Ctx, who: string): Promise<Contact> {
  return ctx.store.transaction(async (store) => {
    const c = await resolveContact({ ...ctx, store }, who, { state: 'trash' });
    const next = { ...c, deletedAt: null, updatedAt: ctx.clock.now() };
    await store.updateContact(next);
    return next;
  });
}

/** Merges `other` into `keep`: every touchpoint, identity, topic, tag, note and record of both is kept. */
export async function mergeContactsOp(ctx: Ctx, keepRef: string, otherRef: string): Promise<Contact> {
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const keep = await resolveContact(tctx, keepRef);
    const other = await resolveContact(tctx, otherRef);
    if (keep.id === other.id)
      throw new AppError('invalid_input', 'Those are the same contact.', {
        issues: [{ field: 'other', message: 'same as keep' }],
      });
    const merged = mergeContacts(keep, other, ctx.clock.now());
    await store.repointContact(ctx.userId, other.id, keep.id);
    await store.purgeContact(ctx.userId, other.id);
    await store.updateContact({
      ...merged,
      lastTouchAt: (await store.getContact(ctx.userId, keep.id))?.lastTouchAt ?? merged.lastTouchAt,
    });
    return (await store.getContact(ctx.userId, keep.id)) ?? merged;
  });
}

export interface ContactListInput {
  circle?: string;
  tag?: string;
  trash?: boolean;
  limit?: number;
}

export async function listContacts(ctx: Ctx, input: ContactListInput = {}): Promise<Contact[]> {
  return ctx.store.listContacts(ctx.userId, {
    circle: input.circle,
    tag: input.tag,
    state: input.trash ? 'trash' : 'live',
    limit: input.limit,
  });
}

export interface ContactPageInput {
  circle?: string;
  tag?: string;
  trash?: boolean;
  /** Narrows to contacts the search finds (in the trash: whose names start with every word). */
  q?: string;
  limit: number;
  /** Keyset cursor: the last (displayName, id) of the previous page. */
  after?: { displayName: string; id: Id };
}

export interface ContactPage {
  contacts: Contact[];
  /** Where the next page starts, or null on the last page. */
  next: { displayName: string; id: Id } | null;
}

/**
 * One page of contacts in name order. Without `q` the Store pages whole records in SQL. With
 * `q`, it pages lean rows (ids and names) of the contacts the text filter finds, and only the
 * page's contacts are read whole. In the trash (which the search index leaves out) `q` matches
 * the start of words of the names.
 */
export async function pageContacts(ctx: Ctx, input: ContactPageInput): Promise<ContactPage> {
  const { store, userId } = ctx;
  const { after, limit } = input;
  const state = input.trash ? 'trash' : 'live';
  const text = input.q?.trim();
  if (!text) {
    const rows = await store.listContacts(userId, { circle: input.circle, tag: input.tag, state, limit: limit + 1, after });
    return { contacts: rows.slice(0, limit), next: nextCursor(rows, limit) };
  }
  let found: ContactKey[];
  if (state === 'trash') {
    const typed = tokens(text);
    found = (await store.listContactKeys(userId, { state: 'trash', circle: input.circle, tag: input.tag, after })).filter((c) => {
      const words = tokens([c.displayName, c.givenName, c.familyName, c.nickname].filter(Boolean).join(' '));
      return typed.every((t) => words.some((w) => w.startsWith(t)));
    });
  } else {
    found = await store.listContactKeys(userId, { circle: input.circle, tag: input.tag, q: text, after, limit: limit + 1 });
  }
  const keys = found.slice(0, limit);
  const byId = new Map(
    (
      await store.getContacts(
        userId,
        keys.map((k) => k.id),
      )
    ).map((c) => [c.id, c]),
  );
  const contacts = keys.flatMap((k) => {
    const c = byId.get(k.id);
    return c ? [c] : [];
  });
  return { contacts, next: nextCursor(found, limit) };
}

/** Where the page after the first `limit` of `rows` starts (rows holds one more when there is one), or null. */
function nextCursor(rows: Array<{ displayName: string; id: Id }>, limit: number): ContactPage['next'] {
  const last = rows[limit - 1];
  return rows.length > limit && last ? { displayName: last.displayName, id: last.id } : null;
}
