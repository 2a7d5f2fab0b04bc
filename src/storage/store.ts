/**
 * The Store: the one seam between kith and its database. Every method takes the
 * owner, so a multi-user server cannot read or write across users. One
 * implementation (Kysely) serves SQLite and PostgreSQL; dialect differences are
 * capability flags inside it, never `if (postgres)` in callers.
 */
import type {
  Commitment,
  Community,
  Contact,
  FollowUp,
  Id,
  Instant,
  Introduction,
  KithEvent,
  LedgerEntry,
  Post,
  PostResponse,
  Profile,
  Resource,
  Touchpoint,
} from '../core/types.js';

export type Dialect = 'sqlite' | 'postgres';

export interface User {
  id: Id;
  name: string;
  email: string | null;
  role: 'owner' | 'member';
  createdAt: Instant;
}

/** Entities stored by the generic record methods: simple rows tied to contacts. */
export interface RecordTypes {
  followUp: FollowUp;
  commitment: Commitment;
  ledger: LedgerEntry;
  introduction: Introduction;
  community: Community;
  event: KithEvent;
  post: Post;
  postResponse: PostResponse;
  resource: Resource;
}
export type RecordKind = keyof RecordTypes;

export interface ContactFilter {
  circle?: string;
  tag?: string;
  /** `live` (default), `trash`, or `all`. */
  state?: 'live' | 'trash' | 'all';
  limit?: number;
  /** Keyset cursor: the last (displayName, id) seen. */
  after?: { displayName: string; id: Id };
}

export interface TouchpointFilter {
  contactId?: Id;
  since?: Instant;
  until?: Instant;
  state?: 'live' | 'trash' | 'all';
  limit?: number;
  /** Newest first (default) or oldest first. */
  order?: 'desc' | 'asc';
}

export interface RecordFilter {
  contactId?: Id;
  limit?: number;
}

export interface SearchHit {
  kind: 'contact' | 'touchpoint';
  id: Id;
  /** Higher is better; only comparable within one result list. */
  score: number;
}

export interface Store {
  readonly dialect: Dialect;

  /** Runs `fn` in one transaction (a write lock up front on SQLite); all or nothing. Nested calls join the outer one. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;

  // Users and profiles
  insertUser(user: User): Promise<void>;
  getUser(id: Id): Promise<User | null>;
  listUsers(): Promise<User[]>;
  getProfile(ownerId: Id): Promise<Profile | null>;
  putProfile(profile: Profile): Promise<void>;

  // Contacts
  insertContact(contact: Contact): Promise<void>;
  /** Replaces the contact with this id, identities, tags and topics included. */
  updateContact(contact: Contact): Promise<void>;
  getContact(ownerId: Id, id: Id): Promise<Contact | null>;
  getContacts(ownerId: Id, ids: Id[]): Promise<Contact[]>;
  listContacts(ownerId: Id, filter?: ContactFilter): Promise<Contact[]>;
  countContacts(ownerId: Id, state?: 'live' | 'trash' | 'all'): Promise<number>;
  /** Contacts holding an identity whose normalised value is `normalized` (any state). */
  findContactsByIdentity(ownerId: Id, normalized: string, kinds?: string[]): Promise<Contact[]>;
  /** Removes a contact for good. Everything that pointed at it must have been moved first. */
  purgeContact(ownerId: Id, id: Id): Promise<void>;
  /** Points every touchpoint, follow-up, commitment, ledger entry, introduction, attendance, membership and response of `fromId` at `toId`. */
  repointContact(ownerId: Id, fromId: Id, toId: Id): Promise<void>;

  // Touchpoints
  insertTouchpoint(t: Touchpoint): Promise<void>;
  updateTouchpoint(t: Touchpoint): Promise<void>;
  getTouchpoint(ownerId: Id, id: Id): Promise<Touchpoint | null>;
  findTouchpointByExternalId(ownerId: Id, source: string, externalId: string): Promise<Touchpoint | null>;
  listTouchpoints(ownerId: Id, filter?: TouchpointFilter): Promise<Touchpoint[]>;
  countTouchpoints(ownerId: Id, state?: 'live' | 'trash' | 'all'): Promise<number>;

  // Simple records
  insertRecord<K extends RecordKind>(kind: K, row: RecordTypes[K]): Promise<void>;
  updateRecord<K extends RecordKind>(kind: K, row: RecordTypes[K]): Promise<void>;
  getRecord<K extends RecordKind>(kind: K, ownerId: Id, id: Id): Promise<RecordTypes[K] | null>;
  listRecords<K extends RecordKind>(kind: K, ownerId: Id, filter?: RecordFilter): Promise<Array<RecordTypes[K]>>;
  deleteRecord(kind: RecordKind, ownerId: Id, id: Id): Promise<void>;

  /** Ranked full-text search over live contacts and touchpoints. `query` is what the user typed. */
  search(ownerId: Id, query: string, limit: number, opts?: { namesOnly?: boolean }): Promise<SearchHit[]>;
}
