/**
 * An in-memory index of the user's contacts for one import: strong identities
 * (email, profile URLs) and name keys to contact ids. Built once from the Store,
 * then kept up to date as the import creates and changes contacts, so matching a
 * row costs no database round trip.
 */
import { normalizeIdentity, tokens } from '../../core/text-fold.js';
import type { Contact, Id, Identity } from '../../core/types.js';
import type { Store } from '../../storage/store.js';

export interface IndexedContact {
  id: Id;
  name: string;
  company: string | null;
  deleted: boolean;
}

/** Identity kinds that identify one person: two contacts never share one of these. */
export const STRONG_KINDS: ReadonlySet<string> = new Set(['email', 'linkedin', 'github']);

/** Identity kinds kept unique per user by app/contacts.ts (phones and free text may be shared). */
export function isUniqueKind(kind: string): boolean {
  return kind !== 'phone' && kind !== 'other';
}

/** The matching key of an identity, or null when the kind does not identify anyone. */
export function identityKey(i: Pick<Identity, 'kind' | 'value'>): string | null {
  if (!isUniqueKind(i.kind)) return null;
  const n = normalizeIdentity(i.kind, i.value);
  return n === '' ? null : n;
}

/**
 * A person's name as a comparison key: folded tokens with the German two-letter
 * spellings reduced (`Zoe Mueller` and `Zoë Müller` both give `zoe muller`), sorted
 * so the order of given and family name does not matter.
 */
export function nameKey(name: string): string {
  return tokens(name).map(canonicalToken).sort().join(' ');
}

/** One folded token with transliteration variants reduced: ue→u, oe→o, ae→a, ss→s. */
export function canonicalToken(t: string): string {
  return t.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u').replace(/ss/g, 's');
}

/** Same-name contacts looked at per new contact (each becomes a duplicate hint). */
export const SAME_NAME_LIMIT = 8;

export class ContactIndex {
  private readonly byIdentity = new Map<string, Id>();
  private readonly byName = new Map<string, Set<Id>>();
  private readonly entries = new Map<Id, IndexedContact>();
  // A row's identities and name are looked up several times while it is matched: normalise each once.
  private readonly keys = new Map<string, string | null>();
  private readonly names = new Map<string, string>();

  private keyOf(i: Pick<Identity, 'kind' | 'value'>): string | null {
    const raw = `${i.kind}\u0000${i.value}`;
    let k = this.keys.get(raw);
    if (k === undefined) {
      if (this.keys.size > 20_000) this.keys.clear();
      k = identityKey(i);
      this.keys.set(raw, k);
    }
    return k;
  }

  private nameKeyOf(name: string): string {
    let k = this.names.get(name);
    if (k === undefined) {
      if (this.names.size > 20_000) this.names.clear();
      k = nameKey(name);
      this.names.set(name, k);
    }
    return k;
  }

  /** Loads every contact of the owner (trash included: a trashed person is still that person), in pages. */
  static async load(store: Store, ownerId: Id): Promise<ContactIndex> {
    const index = new ContactIndex();
    let after: { displayName: string; id: Id } | undefined;
    for (;;) {
      const page = await store.listContacts(ownerId, { state: 'all', limit: 2000, after });
      for (const c of page) index.add(c);
      const last = page[page.length - 1];
      if (page.length < 2000 || !last) break;
      after = { displayName: last.displayName, id: last.id };
    }
    return index;
  }

  has(id: Id): boolean {
    return this.entries.has(id);
  }

  get(id: Id): IndexedContact | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds or refreshes a contact. Identities it no longer has stay pointed at it until another claims them (harmless: they are unique). */
  add(c: Contact): void {
    this.entries.set(c.id, { id: c.id, name: c.displayName, company: c.company ?? null, deleted: !!c.deletedAt });
    for (const i of c.identities) {
      const k = this.keyOf(i);
      if (k && !this.byIdentity.has(k)) this.byIdentity.set(k, c.id);
    }
    const nk = this.nameKeyOf(c.displayName);
    if (nk) {
      const set = this.byName.get(nk);
      if (set) set.add(c.id);
      else this.byName.set(nk, new Set([c.id]));
    }
  }

  /** The contact holding this identity, if any. */
  byIdentityOf(i: Pick<Identity, 'kind' | 'value'>): Id | undefined {
    const k = this.keyOf(i);
    return k ? this.byIdentity.get(k) : undefined;
  }

  /** The contact holding this email or profile URL (any kind of URL). */
  byEmail(email: string): Id | undefined {
    return this.byIdentity.get(normalizeIdentity('email', email));
  }

  byUrl(url: string): Id | undefined {
    return this.byIdentity.get(normalizeIdentity('url', url));
  }

  /**
   * Contacts whose name gives the same key, the first `limit` of them: a common name shared
   * by thousands must not make every new contact compare itself with all of them.
   */
  sameName(name: string, limit = SAME_NAME_LIMIT): IndexedContact[] {
    const nk = this.nameKeyOf(name);
    const out: IndexedContact[] = [];
    if (!nk) return out;
    for (const id of this.byName.get(nk) ?? []) {
      if (out.length >= limit) break;
      const e = this.entries.get(id);
      if (e) out.push(e);
    }
    return out;
  }
}
