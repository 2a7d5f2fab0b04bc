/**
 * The Store: the one seam between kith and its database. Every method takes the
 * owner, so a multi-user server cannot read or write across users. One
 * implementation (Kysely) serves SQLite and PostgreSQL; dialect differences are
 * capability flags inside it, never `if (postgres)` in callers.
 */
import type {
  Boundaries,
  CadenceDefaults,
  Circle,
  Day,
  JobChange,
  Topic,
  TouchKind,
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

/** A login session. The id itself is never stored, only its SHA-256. */
export interface SessionRow {
  idHash: string;
  userId: Id;
  csrfToken: string;
  createdAt: Instant;
  lastSeenAt: Instant;
  expiresAt: Instant;
}

export interface ApiTokenRow {
  id: Id;
  userId: Id;
  name: string;
  /** SHA-256 of the secret; the secret is shown once. */
  tokenHash: string;
  scope: 'read' | 'read-write';
  createdAt: Instant;
  lastUsedAt: Instant | null;
  revokedAt: Instant | null;
}

/** Failed logins per key (an account or an address), for backoff. */
export interface LoginAttemptRow {
  key: string;
  failures: number;
  lastFailureAt: Instant;
  lockedUntil: Instant | null;
}

export interface InvitationRow {
  id: Id;
  tokenHash: string;
  email: string | null;
  createdBy: Id;
  createdAt: Instant;
  expiresAt: Instant;
  usedAt: Instant | null;
}

/** A snoozed or done agenda item of one user. */
export interface AgendaStateRow {
  ownerId: Id;
  itemId: string;
  snoozedUntil: Day | null;
  doneOn: Day | null;
  updatedAt: Instant;
}

/** What the agenda needs of a contact, without identities, notes or history. */
export interface ContactSummary {
  id: Id;
  name: string;
  givenName: string | null;
  circle: Circle;
  cadenceDays: number | null;
  createdAt: Instant;
  lastTouchAt: Instant | null;
  boundaries: Boundaries;
  birthday: string | null;
  topics: Topic[];
  company: string | null;
}

/** A contact as quick capture sees it. */
export interface ContactNames {
  id: Id;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  emails: string[];
}

/** A contact's names only: what a list sorts, pages and matches names on before it reads the page's records. */
export interface ContactKey {
  id: Id;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
}

/** Which contacts `Store.listContactKeys` returns: the list filters, a text filter, and a page. */
export interface ContactKeyFilter extends ContactFilter {
  /**
   * Only contacts whose search document has every word of `q` as a whole word or as the start
   * of one (folded like search: `mul` finds Müller): their names, company, title, location, how
   * you met, notes, boundary note, topics, tags, past jobs, emails, phones and profile URLs, not
   * their touchpoints. The index holds live contacts only, so `q` needs state `live` (the default).
   * Text without a word in it matches nothing.
   */
  q?: string;
}

/** Which check-in candidates the agenda asks for (see `Store.checkinCandidates`). */
export interface CheckinQuery {
  today: Day;
  /** The user's cadence per circle; a contact's own cadence overrides it. */
  defaults: CadenceDefaults;
  /** At most this many from each (circle, cadence) group, or all of them with null. */
  perGroup: number | null;
}

/** The agenda kinds whose rows the Store ranks itself (see `Store.listAgendaCandidates`). */
export type RankedAgendaKind = 'commitment' | 'followUp' | 'reply' | 'giveFirst' | 'postResponse';

/** Which candidates of one ranked kind the agenda asks for. */
export interface AgendaCandidateQuery {
  today: Day;
  /** The user's cadence per circle: whether a contact's check-in is due, which an item about them may cover. */
  defaults: CadenceDefaults;
  /** The first this many in ranking order, or all of them with null. */
  limit: number | null;
  /** Only rows about these contacts (a reader response without a live contact is then left out). */
  contactIds?: Id[];
}

/**
 * One candidate item of a ranked kind, as the agenda's ranking sees it. Rows come in the ranking's
 * order of (bound desc, dueOn asc with null last, rankContactId, itemId), so every row not read
 * ranks after the last one read.
 */
export interface AgendaCandidate {
  /** The agenda item's id (`commitment:<id>`, `follow-up:<id>`, `reply:<touchpoint>`, `give-first:<contact>:<day>`, `reader-response:<id>`). */
  itemId: string;
  /** The item's score, plus 5 when the contact's check-in is due and allowed (the most covering it can add): never below its final score. */
  bound: number;
  dueOn: Day | null;
  /** The contact ranking ties go by: the item's live contact, else ''. */
  rankContactId: Id;
  /** The stored contact id (a reader response may name a trashed contact, or none). */
  contactId: Id | null;
  /** The live contact, lean (see `contactSummariesByIds`), or null. */
  contact: ContactSummary | null;
  /** The follow-up, commitment or response id; the message's touchpoint id for a reply; the contact id for give-first. */
  recordId: Id;
  /** The follow-up or commitment text, the message's summary, or the post's title. */
  text: string;
  /** The due day, the instant received, or the day of the last ask. */
  at: string;
  authorName: string | null;
}

/** An inbound message (dm, email, comment) with nothing from the user to that contact since. */
export interface AwaitingReplyRow {
  contactId: Id;
  touchpointId: Id;
  receivedAt: Instant;
  summary: string;
  kind: TouchKind;
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
  jobChange: JobChange;
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
  /** Only what is still open: commitments with status open, follow-ups not done, responses not replied to. */
  openOnly?: boolean;
  /** Only rows on or after this day: ledger entries, job changes, events (by start), posts. */
  sinceDay?: Day;
}

export interface SearchHit {
  kind: 'contact' | 'touchpoint';
  id: Id;
  /** The tier that found it: 4 every word in the names, 3 every word anywhere, 2 and 1 the same as prefixes. Higher is better. */
  score: number;
}

/**
 * A search hit with what a list of results shows of it, read together with the hit:
 * a contact's name, company and title; a touchpoint's kind, time, summary and people
 * (every participant, in the touchpoint's order, trashed ones too, as `getContacts` gives them).
 */
export type SearchPageItem =
  | (SearchHit & { kind: 'contact'; displayName: string; company: string | null; title: string | null })
  | (SearchHit & {
      kind: 'touchpoint';
      touchKind: TouchKind;
      occurredAt: Instant;
      summary: string;
      participants: Array<{ id: Id; name: string }>;
    });

export interface SearchOptions {
  /** Only names (a contact's names; touchpoints have none). */
  namesOnly?: boolean;
  /** Only this kind of record. */
  kind?: SearchHit['kind'];
}

export interface Store {
  readonly dialect: Dialect;

  /** Runs `fn` in one transaction (a write lock up front on SQLite); all or nothing. Nested calls join the outer one. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** SQLite: a consistent online copy of the database file at `to` (the backup API); PostgreSQL: unavailable. */
  snapshot(to: string): Promise<void>;
  /** SQLite: problems `PRAGMA quick_check` finds (empty when sound); PostgreSQL: always empty. */
  integrityCheck(): Promise<string[]>;

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
  /**
   * The names of the owner's contacts that pass the filter, without identities, tags or notes,
   * in name order (display name, then id) like listContacts, `limit` of them after `after`:
   * lists filter and page on these, then read only the page's records.
   */
  listContactKeys(ownerId: Id, filter?: ContactKeyFilter): Promise<ContactKey[]>;
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
  /** The owner's touchpoints with these ids, in the order asked (missing ones left out). */
  getTouchpoints(ownerId: Id, ids: Id[]): Promise<Touchpoint[]>;
  findTouchpointByExternalId(ownerId: Id, source: string, externalId: string): Promise<Touchpoint | null>;
  listTouchpoints(ownerId: Id, filter?: TouchpointFilter): Promise<Touchpoint[]>;
  countTouchpoints(ownerId: Id, state?: 'live' | 'trash' | 'all'): Promise<number>;

  // Bulk (imports and restores): one multi-row statement per chunk, derived data updated once.
  /** Inserts many new contacts, identities, tags and search entries included. */
  insertContacts(contacts: Contact[]): Promise<void>;
  /**
   * Inserts many new touchpoints; every participant must be the owner's contact. Last touches
   * are refreshed once; with `deferLastTouch` the caller refreshes them with `refreshLastTouches`
   * in the same transaction (a restore in batches does it once at the end, not once a batch).
   */
  insertTouchpoints(touchpoints: Touchpoint[], opts?: { deferLastTouch?: boolean }): Promise<void>;
  /** Recomputes the last touch of these contacts from their live touchpoints. */
  refreshLastTouches(ownerId: Id, contactIds: Id[]): Promise<void>;
  /** The ids of the owner's touchpoints from `source` with these external ids, by external id. */
  touchpointIdsByExternalId(ownerId: Id, source: string, externalIds: string[]): Promise<Map<string, Id>>;
  /** Which of `ids` exist among the owner's rows of a kind. */
  existingIds(ownerId: Id, kind: 'contact' | 'touchpoint' | RecordKind, ids: Id[]): Promise<Set<Id>>;
  /** Which of `ids` rows of another user already hold (ids are unique across users). */
  idsHeldByOthers(ownerId: Id, kind: 'contact' | 'touchpoint' | RecordKind, ids: Id[]): Promise<Set<Id>>;

  // Simple records
  insertRecord<K extends RecordKind>(kind: K, row: RecordTypes[K]): Promise<void>;
  updateRecord<K extends RecordKind>(kind: K, row: RecordTypes[K]): Promise<void>;
  getRecord<K extends RecordKind>(kind: K, ownerId: Id, id: Id): Promise<RecordTypes[K] | null>;
  listRecords<K extends RecordKind>(kind: K, ownerId: Id, filter?: RecordFilter): Promise<Array<RecordTypes[K]>>;
  deleteRecord(kind: RecordKind, ownerId: Id, id: Id): Promise<void>;

  // Agenda inputs
  /** Every live contact, lean. */
  contactSummaries(ownerId: Id): Promise<ContactSummary[]>;
  /**
   * The live contacts among `ids`, by id. `lean` leaves out what only wording needs (topics,
   * company, birthday, preferred channel, boundary note) and reads an index, not the rows.
   */
  contactSummariesByIds(ownerId: Id, ids: Id[], opts?: { lean?: boolean }): Promise<ContactSummary[]>;
  /**
   * Live contacts due for a check-in on `today` whose boundaries allow one. Grouped by
   * circle and effective cadence, where the check-in's score only grows with the days since
   * the last touch, each group comes best first: oldest last-touch day, then id. So the
   * first `perGroup` of every group hold every check-in that can rank among the first
   * `perGroup` overall, read through an index instead of every contact.
   */
  checkinCandidates(ownerId: Id, q: CheckinQuery): Promise<ContactSummary[]>;
  /** Every live contact's names and email addresses, and nothing else: what quick capture matches a line against. */
  contactNames(ownerId: Id): Promise<ContactNames[]>;
  /** Live contacts whose birthday (`YYYY-MM-DD` or `--MM-DD`) falls on one of these `MM-DD`; `lean` as for `contactSummariesByIds`, birthday kept. */
  birthdayCandidates(ownerId: Id, monthDays: string[], opts?: { lean?: boolean }): Promise<ContactSummary[]>;
  /**
   * A value that changes whenever committed data may have changed, by any user or process;
   * equal values mean nothing changed in between. For caches of derived views.
   */
  changeMark(): Promise<string>;
  /**
   * The same mark read at once, without waiting, or null when it cannot be: on PostgreSQL
   * (a round trip), and on SQLite while another caller's transaction holds the connection.
   */
  changeMarkNow(): string | null;
  /** Inbound messages received since `since` that the user has not answered (no later touch started by the user with that contact). */
  awaitingReply(ownerId: Id, since: Instant): Promise<AwaitingReplyRow[]>;
  /**
   * The candidate items of one kind on `q.today`, each with its score computed in SQL from the row and
   * its contact (circle, boundaries: a paused contact or one inside their minimum gap gives none, except
   * for a commitment I owe), best first, at most `q.limit`. Commitments are my open ones due within two
   * days; give-first is one row per contact asked and not given to in the last 60 days.
   */
  listAgendaCandidates(ownerId: Id, kind: RankedAgendaKind, q: AgendaCandidateQuery): Promise<AgendaCandidate[]>;
  listAgendaStates(ownerId: Id): Promise<AgendaStateRow[]>;
  putAgendaState(row: AgendaStateRow): Promise<void>;

  // Accounts (not owner-scoped: they are how the owner is found)
  getUserByEmail(email: string): Promise<User | null>;
  /** Changes a user's name, email and role. */
  updateUser(user: User): Promise<void>;
  getPasswordHash(userId: Id): Promise<string | null>;
  setPasswordHash(userId: Id, hash: string | null): Promise<void>;
  insertSession(row: SessionRow): Promise<void>;
  getSession(idHash: string): Promise<SessionRow | null>;
  touchSession(idHash: string, lastSeenAt: Instant, expiresAt: Instant): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOfUser(userId: Id): Promise<number>;
  insertApiToken(row: ApiTokenRow): Promise<void>;
  findApiTokenByHash(tokenHash: string): Promise<ApiTokenRow | null>;
  listApiTokens(userId: Id): Promise<ApiTokenRow[]>;
  /** Marks the token revoked; false when it is not this user's. */
  revokeApiToken(userId: Id, id: Id, at: Instant): Promise<boolean>;
  touchApiToken(id: Id, at: Instant): Promise<void>;
  getLoginAttempt(key: string): Promise<LoginAttemptRow | null>;
  putLoginAttempt(row: LoginAttemptRow): Promise<void>;
  clearLoginAttempt(key: string): Promise<void>;
  insertInvitation(row: InvitationRow): Promise<void>;
  findInvitationByHash(tokenHash: string): Promise<InvitationRow | null>;
  markInvitationUsed(id: Id, at: Instant): Promise<void>;
  /** The secret of the user's calendar feed URL, or null when it is off. */
  getCalendarFeedToken(userId: Id): Promise<string | null>;
  /** Sets (or with null, revokes) the calendar feed secret. */
  setCalendarFeedToken(userId: Id, token: string | null, at: Instant): Promise<void>;
  findUserByCalendarFeedToken(token: string): Promise<Id | null>;

  /**
   * Full-text search over live contacts and touchpoints, `query` being what the user typed
   * (every word must match, as a whole word or as the start of one). Ranked in tiers, see
   * SEARCH_TIERS in kysely-store.ts: names before other text, whole words before prefixes,
   * and within a tier the most recently added first. Each tier stops as soon as `limit` is
   * reached, so a common word costs no more than a rare one.
   */
  search(ownerId: Id, query: string, limit: number, opts?: SearchOptions): Promise<SearchHit[]>;
  /**
   * The same hits in the same order as `search`, each with what a results list shows
   * (SearchPageItem). That comes from the index row each hit is found by (its card, which
   * the Store writes with the index) plus one lookup of the touchpoints' people's names,
   * instead of reading whole records. Without a card a hit still counts towards `limit` but is left out.
   */
  searchPage(ownerId: Id, query: string, limit: number, opts?: SearchOptions): Promise<SearchPageItem[]>;
}
