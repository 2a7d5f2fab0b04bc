/**
 * The Store over Kysely, for SQLite and PostgreSQL. The only home of SQL in kith.
 */
import {
  CompiledQuery,
  sql,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type Transaction,
} from 'kysely';
import { AppError } from '../core/errors.js';
import { normalizeIdentity, tokens } from '../core/text-fold.js';
import type {
  CadenceDefaults,
  Channel,
  Circle,
  Contact,
  Id,
  Initiator,
  Instant,
  Profile,
  Touchpoint,
  TouchKind,
} from '../core/types.js';
import { CIRCLE_POINTS, compareRank, type RankKey } from '../core/agenda.js';
import { addDays, noonOf } from '../core/days.js';
import { CIRCLES, DEFAULT_PROFILE } from '../core/types.js';
import { AWAITING_REPLY_OF_CONTACT } from './migrations.js';
import { RECORD_SPECS, type RecordSpec } from './record-specs.js';
import { contactFromRow, parse } from './contact-rows.js';
import { contactSearchText, docTerms, termsMatch, touchSearchText, type IndexText, type SearchCard } from './search-text.js';
import type { SqliteBulkWriter } from './sqlite-bulk.js';
import type { ContactsTable, Database, TouchpointsTable } from './schema.js';
import type {
  AgendaCandidate,
  AgendaCandidateQuery,
  AgendaStateRow,
  RankedAgendaKind,
  ApiTokenRow,
  AwaitingReplyRow,
  CheckinQuery,
  ContactKey,
  ContactKeyFilter,
  ContactNames,
  ContactSummary,
  InvitationRow,
  LoginAttemptRow,
  SessionRow,
  ContactFilter,
  Dialect,
  RecordFilter,
  RecordKind,
  RecordTypes,
  SearchHit,
  SearchOptions,
  SearchPageItem,
  Store,
  TouchpointFilter,
  User,
} from './store.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What only a SQLite file can do: an online snapshot, an integrity check, prepared-statement bulk inserts. */
export interface SqliteFileOps {
  snapshot(to: string): Promise<void>;
  integrityCheck(): Promise<string[]>;
  /** Bulk inserts on the connection Kysely uses; only ever called inside a transaction. */
  bulk?: SqliteBulkWriter;
}

const json = (v: unknown): string => JSON.stringify(v ?? []);

/**
 * The owner filter of a lookup by primary keys, written so that no index serves it:
 * SQLite would otherwise scan an owner index (every record of the owner) instead of
 * looking the ids up, 500 ms for 20 touchpoints at 100 000 records.
 */
const ownerOnly = sql<string>`owner_id || ''`;

/** One tier of search results: where the words must match, and how. */
export interface SearchTier {
  names: boolean;
  prefix: boolean;
  score: number;
}

/**
 * The order of search results: every word in the names as a whole word, then anywhere
 * as a whole word, then the same as the start of a word (what someone is still typing).
 * Within a tier, the most recently added record comes first.
 */
export const SEARCH_TIERS: readonly SearchTier[] = [
  { names: true, prefix: false, score: 4 },
  { names: false, prefix: false, score: 3 },
  { names: true, prefix: true, score: 2 },
  { names: false, prefix: true, score: 1 },
];

/**
 * The FTS5 query of a tier, for its index (`search_names` for the names tiers, whose
 * only column is the names). The terms are folded tokens (letters and digits), safe inside quotes.
 */
export function sqliteMatch(terms: string[], tier: SearchTier): string {
  return terms.map((t) => `"${t}"${tier.prefix ? '*' : ''}`).join(' AND ');
}

/** A row of a search tier; `card` only when asked for (null when the record has none). */
interface SearchRow {
  doc_kind: string;
  doc_id: string;
  card?: string | null;
}

/**
 * One tier's statement on SQLite: the owner's `limit` most recently added records in which
 * every term matches (in the names only, as a whole word or as a prefix). Newest first lets
 * FTS5 stop after `limit` matches (ranking by relevance would score every match), and CROSS
 * JOIN keeps the index the outer loop. With `cards`, each row's card comes too, from the
 * search_docs row the owner check reads anyway.
 * Parameters: the MATCH, the owner, the kind when `ofKind`, the limit (sqliteTierArgs).
 */
function sqliteTierSql(tier: SearchTier, cards: boolean, ofKind: boolean): string {
  const index = tier.names ? 'search_names' : 'search_fts';
  return `SELECT d.doc_kind, d.doc_id${cards ? ', d.card' : ''} FROM ${index} f CROSS JOIN search_docs d ON d.id = f.rowid
    WHERE ${index} MATCH ? AND d.owner_id = ?${ofKind ? ' AND d.doc_kind = ?' : ''}
    ORDER BY f.rowid DESC LIMIT ?`;
}

function sqliteTierArgs(
  terms: string[],
  tier: SearchTier,
  ownerId: Id,
  limit: number,
  kind: string | undefined,
): Array<string | number> {
  return [sqliteMatch(terms, tier), ownerId, ...(kind ? [kind] : []), limit];
}

/** The names of these contacts of the owner on SQLite: live ones from the covering `contacts_lean` index, then the rest (trashed) by primary key. */
const SQLITE_LIVE_NAMES = `SELECT c.id, c.display_name FROM json_each(?) j CROSS JOIN contacts c ON c.owner_id = ? AND c.id = j.value
  WHERE c.deleted_at IS NULL`;
const SQLITE_ANY_NAMES = `SELECT c.id, c.display_name FROM json_each(?) j CROSS JOIN contacts c ON c.id = j.value WHERE c.owner_id = ?`;

/** Collects tier after tier until `limit`, a record an earlier tier found left out. */
class TierHits {
  readonly hits: Array<SearchRow & { score: number }> = [];
  private readonly seen = new Set<string>();
  constructor(readonly limit: number) {}
  get full(): boolean {
    return this.hits.length >= this.limit;
  }
  take(tier: SearchTier, rows: SearchRow[]): void {
    for (const r of rows) {
      const key = `${r.doc_kind}:${r.doc_id}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.hits.push({ ...r, score: tier.score });
      if (this.full) break;
    }
  }
}

/** The tsquery of a tier, for `names_tsv` (names tiers) or `tsv`. */
function postgresTsQuery(terms: string[], tier: SearchTier): string {
  return terms.map((t) => (tier.prefix ? `${t}:*` : t)).join(' & ');
}

/** The stored row; derived `awaiting_reply_id` is left to the Store's last-touch upkeep. */
function contactToRow(c: Contact): Omit<ContactsTable, 'awaiting_reply_id'> {
  return {
    id: c.id,
    owner_id: c.ownerId,
    display_name: c.displayName,
    given_name: c.givenName ?? null,
    family_name: c.familyName ?? null,
    nickname: c.nickname ?? null,
    company: c.company ?? null,
    title: c.title ?? null,
    location: c.location ?? null,
    time_zone: c.timeZone ?? null,
    birthday: c.birthday ?? null,
    how_met: c.howMet ?? null,
    introduced_by_id: c.introducedById ?? null,
    circle: c.circle,
    cadence_days: c.cadenceDays ?? null,
    paused_until: c.boundaries.pausedUntil ?? null,
    min_gap_days: c.boundaries.minGapDays ?? null,
    preferred_channel: c.boundaries.preferredChannel ?? null,
    boundary_note: c.boundaries.note ?? null,
    notes: c.notes,
    photo: c.photo ?? null,
    topics: json(c.topics),
    employment: json(c.employment),
    last_touch_at: c.lastTouchAt ?? null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    deleted_at: c.deletedAt ?? null,
  };
}

function touchToRow(t: Touchpoint): TouchpointsTable {
  return {
    id: t.id,
    owner_id: t.ownerId,
    kind: t.kind,
    channel: t.channel ?? null,
    initiated_by: t.initiatedBy ?? null,
    occurred_at: t.occurredAt,
    summary: t.summary,
    notes: t.notes,
    topics: json(t.topics),
    source: t.source ?? null,
    external_id: t.externalId ?? null,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    deleted_at: t.deletedAt ?? null,
  };
}

function touchFromRow(r: TouchpointsTable, participantIds: Id[]): Touchpoint {
  return {
    id: r.id,
    ownerId: r.owner_id,
    kind: r.kind as TouchKind,
    channel: r.channel as Channel | null,
    initiatedBy: r.initiated_by as Initiator | null,
    occurredAt: r.occurred_at,
    participantIds,
    summary: r.summary,
    notes: r.notes,
    topics: parse(r.topics, []),
    source: r.source,
    externalId: r.external_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

const RECORD_TABLES: Record<RecordKind, keyof Database> = {
  followUp: 'follow_ups',
  commitment: 'commitments',
  ledger: 'ledger_entries',
  introduction: 'introductions',
  community: 'communities',
  event: 'events',
  post: 'posts',
  postResponse: 'post_responses',
  resource: 'resources',
  jobChange: 'job_changes',
};

function spec<K extends RecordKind>(kind: K): RecordSpec<RecordTypes[K]> {
  return RECORD_SPECS[kind] as RecordSpec<RecordTypes[K]>;
}

function stateWhere(state: 'live' | 'trash' | 'all' | undefined): 'live' | 'trash' | 'all' {
  return state ?? 'live';
}

/** The list filters contacts share: live, trashed or all (live by default), a circle, a tag. */
function whereContactFilter<O>(
  q: SelectQueryBuilder<Database, 'contacts', O>,
  filter: Pick<ContactFilter, 'state' | 'circle' | 'tag'>,
): SelectQueryBuilder<Database, 'contacts', O> {
  const state = stateWhere(filter.state);
  if (state === 'live') q = q.where('contacts.deleted_at', 'is', null);
  if (state === 'trash') q = q.where('contacts.deleted_at', 'is not', null);
  if (filter.circle) q = q.where('contacts.circle', '=', filter.circle);
  const tag = filter.tag;
  if (tag) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('contact_tags')
          .select('contact_tags.contact_id')
          .whereRef('contact_tags.contact_id', '=', 'contacts.id')
          .where('contact_tags.tag', '=', tag),
      ),
    );
  }
  return q;
}

/** Name order (display name, then id), after a keyset cursor: the contact list's order. */
function inNameOrder<O>(
  q: SelectQueryBuilder<Database, 'contacts', O>,
  after: ContactFilter['after'],
): SelectQueryBuilder<Database, 'contacts', O> {
  if (after) {
    const { displayName, id } = after;
    q = q.where((eb) =>
      eb.or([
        eb('contacts.display_name', '>', displayName),
        eb.and([eb('contacts.display_name', '=', displayName), eb('contacts.id', '>', id)]),
      ]),
    );
  }
  return q.orderBy('contacts.display_name').orderBy('contacts.id');
}

/** The columns of a ContactKey. */
const KEY_COLUMNS = [
  'contacts.id',
  'contacts.display_name',
  'contacts.given_name',
  'contacts.family_name',
  'contacts.nickname',
] as const;
type KeyRow = Pick<ContactsTable, 'id' | 'display_name' | 'given_name' | 'family_name' | 'nickname'>;

function toContactKey(r: KeyRow): ContactKey {
  return { id: r.id, displayName: r.display_name, givenName: r.given_name, familyName: r.family_name, nickname: r.nickname };
}

/** The keys of these contacts (a JSON list of ids) of the owner, by primary key. */
const SQLITE_KEYS = `SELECT c.id, c.display_name, c.given_name, c.family_name, c.nickname
  FROM json_each(?) j CROSS JOIN contacts c ON c.id = j.value WHERE c.owner_id = ?`;

/** What ranking needs of a contact; the `contacts_lean` index holds all of it. */
const LEAN_COLUMNS = [
  'id',
  'display_name',
  'given_name',
  'circle',
  'cadence_days',
  'created_at',
  'last_touch_at',
  'paused_until',
  'min_gap_days',
] as const;

/** The item id prefix of each kind the Store ranks. */
const RANKED_PREFIX: Record<RankedAgendaKind, string> = {
  commitment: 'commitment:',
  followUp: 'follow-up:',
  reply: 'reply:',
  giveFirst: 'give-first:',
  postResponse: 'reader-response:',
};

/** The first rows of a ranked kind: the ranking keys only. */
interface RankedRow {
  record_id: string;
  contact_id: string | null;
  /** The contact ranking ties go by: the live contact's id, else ''. */
  rank_contact: string;
  at: string;
  due_on: string | null;
  bound: number | string;
}

/** What the contact's circle adds to an item's score, as SQL of the circle column `col` (core/agenda.ts CIRCLE_POINTS). */
function circlePoints(col: RawBuilder<unknown>): RawBuilder<number> {
  const when = CIRCLES.map((c) => sql`WHEN ${sql.lit(c)} THEN ${sql.lit(CIRCLE_POINTS[c])}`);
  return sql`(CASE ${col} ${sql.join(when, sql` `)} ELSE 0 END)`;
}

/** The circles, the one worth most points first. */
const CIRCLES_BY_POINTS: ReadonlyArray<readonly [Circle, number]> = CIRCLES.map((c) => [c, CIRCLE_POINTS[c]] as const).sort(
  (a, b) => b[1] - a[1],
);

/** An item about a contact whose check-in is due covers the check-in: it gains this much (core/agenda.ts). */
const COVERS_CHECKIN = 5;

/** The circle's default cadence as SQL, for a contact without their own (`c.circle`). */
function defaultCadence(d: CadenceDefaults): RawBuilder<number | null> {
  const lit = (n: number | null | undefined) => (n != null && Number.isInteger(n) ? sql.lit(n) : sql`NULL`);
  return sql`(CASE c.circle WHEN 'inner' THEN ${lit(d.inner)} WHEN 'active' THEN ${lit(d.active)} WHEN 'network' THEN ${lit(d.network)} WHEN 'dormant' THEN ${lit(d.dormant)} ELSE NULL END)`;
}

/** What the agenda's wording needs besides. */
const SUMMARY_COLUMNS = [...LEAN_COLUMNS, 'preferred_channel', 'boundary_note', 'birthday', 'topics', 'company'] as const;

function toLeanSummary(r: Pick<ContactsTable, (typeof LEAN_COLUMNS)[number]>): ContactSummary {
  return {
    id: r.id,
    name: r.display_name,
    givenName: r.given_name,
    circle: r.circle as Circle,
    cadenceDays: r.cadence_days,
    createdAt: r.created_at,
    lastTouchAt: r.last_touch_at,
    boundaries: { pausedUntil: r.paused_until, minGapDays: r.min_gap_days, preferredChannel: null, note: null },
    birthday: null,
    topics: [],
    company: null,
  };
}

function toSummary(r: Pick<ContactsTable, (typeof SUMMARY_COLUMNS)[number]>): ContactSummary {
  const lean = toLeanSummary(r);
  return {
    ...lean,
    boundaries: { ...lean.boundaries, preferredChannel: r.preferred_channel as Channel | null, note: r.boundary_note },
    birthday: r.birthday,
    topics: parse(r.topics, []),
    company: r.company,
  };
}

export class KyselyStore implements Store {
  constructor(
    private readonly db: Db,
    readonly dialect: Dialect,
    private readonly inTransaction = false,
    private readonly onClose: () => Promise<void> = async () => {},
    private readonly file: SqliteFileOps | null = null,
  ) {}

  async snapshot(to: string): Promise<void> {
    if (!this.file)
      throw new AppError('unavailable', 'Snapshots are for the SQLite file; on PostgreSQL use kith export json or pg_dump.');
    await this.file.snapshot(to);
  }

  async integrityCheck(): Promise<string[]> {
    if (!this.file) return [];
    return this.file.integrityCheck();
  }

  async transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => fn(new KyselyStore(trx, this.dialect, true, async () => {}, this.file)));
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  // ---- users and profiles ----

  async insertUser(u: User): Promise<void> {
    await this.guard(async () => {
      await this.db
        .insertInto('users')
        .values({
          id: u.id,
          name: u.name,
          email: u.email ? u.email.trim().toLowerCase() : null,
          role: u.role,
          created_at: u.createdAt,
          password_hash: null,
        })
        .execute();
    });
  }

  async getUser(id: Id): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, name: r.name, email: r.email, role: r.role as User['role'], createdAt: r.created_at } : null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role as User['role'], createdAt: r.created_at }));
  }

  async getProfile(ownerId: Id): Promise<Profile | null> {
    const r = await this.db.selectFrom('profiles').selectAll().where('owner_id', '=', ownerId).executeTakeFirst();
    if (!r) return null;
    // Settings added in later versions get their defaults.
    return { ...DEFAULT_PROFILE, ...parse<Partial<Profile>>(r.data, {}), ownerId, updatedAt: r.updated_at };
  }

  async putProfile(p: Profile): Promise<void> {
    const { ownerId, updatedAt, ...data } = p;
    const values = { owner_id: ownerId, data: JSON.stringify(data), updated_at: updatedAt };
    await this.db
      .insertInto('profiles')
      .values(values)
      .onConflict((oc) => oc.column('owner_id').doUpdateSet({ data: values.data, updated_at: values.updated_at }))
      .execute();
  }

  // ---- contacts ----

  private async writeContactChildren(c: Contact): Promise<void> {
    await this.db.deleteFrom('contact_identities').where('contact_id', '=', c.id).execute();
    await this.db.deleteFrom('contact_tags').where('contact_id', '=', c.id).execute();
    if (c.identities.length > 0) {
      await this.db
        .insertInto('contact_identities')
        .values(
          c.identities.map((i, position) => ({
            owner_id: c.ownerId,
            contact_id: c.id,
            position,
            kind: i.kind,
            value: i.value,
            label: i.label ?? null,
            normalized: normalizeIdentity(i.kind, i.value),
          })),
        )
        .execute();
    }
    if (c.tags.length > 0) {
      await this.db
        .insertInto('contact_tags')
        .values(c.tags.map((tag, position) => ({ owner_id: c.ownerId, contact_id: c.id, position, tag })))
        .execute();
    }
    if (c.deletedAt) await this.unindex(c.ownerId, 'contact', c.id);
    else await this.index(c.ownerId, 'contact', c.id, contactSearchText(c));
  }

  async insertContact(c: Contact): Promise<void> {
    await this.guard(async () => {
      await this.db.insertInto('contacts').values(contactToRow(c)).execute();
      await this.writeContactChildren(c);
    });
  }

  async updateContact(c: Contact): Promise<void> {
    await this.guard(async () => {
      const { id, owner_id, ...rest } = contactToRow(c);
      const res = await this.db
        .updateTable('contacts')
        .set(rest)
        .where('id', '=', id)
        .where('owner_id', '=', owner_id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new AppError('not_found', `No contact with id ${id}.`);
      await this.writeContactChildren(c);
    });
  }

  private async hydrateContacts(rows: ContactsTable[]): Promise<Contact[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const idRows: Array<{ contact_id: string; kind: string; value: string; label: string | null }> = [];
    const tagRows: Array<{ contact_id: string; tag: string }> = [];
    // Chunked so a large list stays within the databases' parameter limits.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      idRows.push(
        ...(await this.db
          .selectFrom('contact_identities')
          .select(['contact_id', 'kind', 'value', 'label'])
          .where('contact_id', 'in', chunk)
          .orderBy('contact_id')
          .orderBy('position')
          .execute()),
      );
      tagRows.push(
        ...(await this.db
          .selectFrom('contact_tags')
          .select(['contact_id', 'tag'])
          .where('contact_id', 'in', chunk)
          .orderBy('contact_id')
          .orderBy('position')
          .execute()),
      );
    }
    const idsBy = new Map<string, typeof idRows>();
    for (const r of idRows) {
      const list = idsBy.get(r.contact_id) ?? [];
      list.push(r);
      idsBy.set(r.contact_id, list);
    }
    const tagsBy = new Map<string, string[]>();
    for (const r of tagRows) {
      const list = tagsBy.get(r.contact_id) ?? [];
      list.push(r.tag);
      tagsBy.set(r.contact_id, list);
    }
    return rows.map((r) => contactFromRow(r, idsBy.get(r.id) ?? [], tagsBy.get(r.id) ?? []));
  }

  async getContact(ownerId: Id, id: Id): Promise<Contact | null> {
    const r = await this.db
      .selectFrom('contacts')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return null;
    const [c] = await this.hydrateContacts([r]);
    return c ?? null;
  }

  async getContacts(ownerId: Id, ids: Id[]): Promise<Contact[]> {
    if (ids.length === 0) return [];
    const rows: ContactsTable[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(
        ...(await this.db
          .selectFrom('contacts')
          .selectAll()
          .where(ownerOnly, '=', ownerId)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    }
    // By primary key only, the owner checked here: see idsWhere for why.
    const own = rows.filter((r) => r.owner_id === ownerId);
    const byId = new Map((await this.hydrateContacts(own)).map((c) => [c.id, c]));
    return ids.flatMap((id) => {
      const c = byId.get(id);
      return c ? [c] : [];
    });
  }

  async listContacts(ownerId: Id, filter: ContactFilter = {}): Promise<Contact[]> {
    let q = inNameOrder(
      whereContactFilter(this.db.selectFrom('contacts').selectAll('contacts').where('contacts.owner_id', '=', ownerId), filter),
      filter.after,
    );
    if (filter.limit) q = q.limit(filter.limit);
    return this.hydrateContacts(await q.execute());
  }

  async listContactKeys(ownerId: Id, filter: ContactKeyFilter = {}): Promise<ContactKey[]> {
    if (filter.q !== undefined) return this.guard(() => this.contactKeysMatching(ownerId, filter.q ?? '', filter));
    let q = inNameOrder(
      whereContactFilter(this.db.selectFrom('contacts').select(KEY_COLUMNS).where('contacts.owner_id', '=', ownerId), filter),
      filter.after,
    );
    if (filter.limit) q = q.limit(filter.limit);
    return (await q.execute()).map(toContactKey);
  }

  /**
   * The contacts whose search document matches every word of `text` as a prefix, in name order
   * (listContactKeys with `q`). A common word is in most documents, a rare one in few, so:
   * - SQLite walks the owner's live contacts in name order and tests each document's words
   *   (`search_docs.terms`), until the page is full: a handful of rows for a common word. When
   *   `max(1000, 20 × limit)` rows have not filled it, the word is rare (under one contact in 20),
   *   and the matches come from the contacts-only index instead, looked up by id and sorted.
   * - PostgreSQL counts the matches first (at most `max(1000, 40 × limit) + 1`): few are looked up
   *   and sorted; with more, the walk tests each contact's tsvector.
   */
  private async contactKeysMatching(ownerId: Id, text: string, filter: ContactKeyFilter): Promise<ContactKey[]> {
    if (stateWhere(filter.state) !== 'live') {
      throw new AppError('invalid_input', 'A text filter finds live contacts only.', {
        issues: [{ field: 'q', message: 'only with live contacts' }],
      });
    }
    const terms = [...new Set(tokens(text))].slice(0, 16);
    if (terms.length === 0 || filter.limit === 0) return [];
    const inOrder = <O>(q: SelectQueryBuilder<Database, 'contacts', O>) =>
      inNameOrder(whereContactFilter(q.where('contacts.owner_id', '=', ownerId), filter), filter.after);
    const reads = this.sqliteReads;
    if (this.dialect === 'sqlite') {
      if (!reads) throw new Error('A SQLite Store needs its prepared statements.');
      const match = sqliteMatch(terms, { names: false, prefix: true, score: 0 });
      // Only what the indexes hold (contacts_lean, contacts_by_name): a contact's row is a random
      // read in a large file, so the other names are read for the page only (SQLITE_KEYS).
      const lean = this.db.selectFrom('contacts').select(['contacts.id', 'contacts.display_name']);
      // Few: from the matches (CROSS JOIN keeps them the outer loop), each looked up in contacts_lean, then sorted.
      const fromMatches = this.db
        .selectFrom(
          sql<{ doc_id: string }>`(SELECT d.doc_id FROM search_contacts f CROSS JOIN search_docs d ON d.id = f.rowid
            WHERE search_contacts MATCH ${match} AND d.owner_id = ${ownerId})`.as('m'),
        )
        .crossJoin('contacts')
        .whereRef('contacts.id', '=', 'm.doc_id')
        .select(['contacts.id', 'contacts.display_name']);
      let few_ = inOrder(fromMatches as unknown as typeof lean);
      if (filter.limit) few_ = few_.limit(filter.limit);
      // First the owner's live contacts in name order (contacts_by_name), each tested on its
      // document's words: a common word fills the page after a few rows, without reading its matches.
      const walk = inOrder(lean)
        .crossJoin('search_docs as d')
        .select('d.terms')
        .where('d.doc_kind', '=', 'contact')
        .whereRef('d.doc_id', '=', 'contacts.id');
      const limit = filter.limit ?? Infinity;
      const budget = Math.max(1000, 20 * limit);
      return this.onSqliteConnection(() => {
        let page: Array<{ id: Id }> = [];
        let complete = Number.isFinite(limit);
        if (complete) {
          const walkQuery = walk.compile();
          let walked = 0;
          for (const r of reads.prepared(walkQuery.sql).iterate(...walkQuery.parameters) as IterableIterator<{
            id: Id;
            terms: string | null;
          }>) {
            if (r.terms !== null && termsMatch(r.terms, terms)) page.push(r);
            if (page.length >= limit) break;
            if (++walked >= budget) {
              complete = false;
              break;
            }
          }
        }
        if (!complete) {
          // Few matches (under one in 20 of the rows walked): from the index, sorted.
          const fewQuery = few_.compile();
          page = reads.prepared(fewQuery.sql).all(...fewQuery.parameters) as Array<{ id: Id }>;
        }
        if (page.length === 0) return [];
        const byId = new Map(
          (reads.prepared(SQLITE_KEYS).all(JSON.stringify(page.map((r) => r.id)), ownerId) as KeyRow[]).map((r) => [r.id, r]),
        );
        return page.flatMap((r) => {
          const key = byId.get(r.id);
          return key ? [toContactKey(key)] : [];
        });
      });
    }
    const tsquery = sql`to_tsquery('simple', ${postgresTsQuery(terms, { names: false, prefix: true, score: 0 })})`;
    // Beyond this many matches, walking the names finds a page sooner than sorting the matches.
    const few = filter.limit ? Math.max(1000, 40 * filter.limit) : Infinity;
    const probe = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (
        SELECT 1 FROM search_docs d WHERE d.doc_kind = 'contact' AND d.owner_id = ${ownerId} AND d.tsv @@ ${tsquery}
        LIMIT ${Number.isFinite(few) ? few + 1 : null}) m`.execute(this.db);
    const many = Number(probe.rows[0]?.n ?? 0) > few;
    let q = inOrder(this.db.selectFrom('contacts').select(KEY_COLUMNS));
    q = many
      ? // The contact's own document, tested as the walk reaches it (a subquery, so not a join the planner could turn around).
        q.where(
          sql<boolean>`(SELECT d.tsv FROM search_docs d WHERE d.doc_kind = 'contact' AND d.doc_id = contacts.id) @@ ${tsquery}`,
        )
      : // The matches first (an InitPlan: the planner cannot turn it into walking every contact), then by primary key.
        q.where(
          sql<boolean>`contacts.id = ANY(ARRAY(SELECT d.doc_id FROM search_docs d
            WHERE d.doc_kind = 'contact' AND d.owner_id = ${ownerId} AND d.tsv @@ ${tsquery}))`,
        );
    if (filter.limit) q = q.limit(filter.limit);
    return (await q.execute()).map(toContactKey);
  }

  async countContacts(ownerId: Id, state?: 'live' | 'trash' | 'all'): Promise<number> {
    let q = this.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', '=', ownerId);
    const s = stateWhere(state);
    if (s === 'live') q = q.where('deleted_at', 'is', null);
    if (s === 'trash') q = q.where('deleted_at', 'is not', null);
    const r = await q.executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async findContactsByIdentity(ownerId: Id, normalized: string, kinds?: string[]): Promise<Contact[]> {
    let q = this.db
      .selectFrom('contact_identities')
      .select('contact_id')
      .distinct()
      .where('owner_id', '=', ownerId)
      .where('normalized', '=', normalized);
    if (kinds && kinds.length > 0) q = q.where('kind', 'in', kinds);
    const ids = (await q.execute()).map((r) => r.contact_id);
    return this.getContacts(ownerId, ids);
  }

  async purgeContact(ownerId: Id, id: Id): Promise<void> {
    await this.guard(async () => {
      await this.unindex(ownerId, 'contact', id);
      await this.db.deleteFrom('contacts').where('owner_id', '=', ownerId).where('id', '=', id).execute();
    });
  }

  async repointContact(ownerId: Id, fromId: Id, toId: Id): Promise<void> {
    const db = this.db;
    // Where both were there (a shared touchpoint, event or community), keep one row.
    for (const [table, parent] of [
      ['touchpoint_participants', 'touchpoint_id'],
      ['event_attendees', 'event_id'],
      ['community_members', 'community_id'],
    ] as const) {
      await sql`DELETE FROM ${sql.table(table)} WHERE contact_id = ${fromId} AND ${sql.ref(parent)} IN
        (SELECT ${sql.ref(parent)} FROM ${sql.table(table)} WHERE contact_id = ${toId})`.execute(db);
      await sql`UPDATE ${sql.table(table)} SET contact_id = ${toId}
        WHERE owner_id = ${ownerId} AND contact_id = ${fromId}`.execute(db);
    }
    // Every column that names a contact, outside the tables handled above.
    for (const [table, column] of [
      ['follow_ups', 'contact_id'],
      ['commitments', 'contact_id'],
      ['ledger_entries', 'contact_id'],
      ['post_responses', 'contact_id'],
      ['job_changes', 'contact_id'],
      ['introductions', 'contact_a_id'],
      ['introductions', 'contact_b_id'],
      ['contacts', 'introduced_by_id'],
    ] as const) {
      await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${toId}
        WHERE owner_id = ${ownerId} AND ${sql.ref(column)} = ${fromId}`.execute(db);
    }
    // The search cards of the touchpoints whose people changed.
    const touched = await db
      .selectFrom('touchpoint_participants')
      .select('touchpoint_id')
      .where('owner_id', '=', ownerId)
      .where('contact_id', '=', toId)
      .where('live', '=', 1)
      .execute();
    for (const t of await this.getTouchpoints(
      ownerId,
      touched.map((r) => r.touchpoint_id),
    )) {
      if (!t.deletedAt) await this.index(ownerId, 'touchpoint', t.id, touchSearchText(t));
    }
    await this.refreshLastTouch(ownerId, [toId]);
  }

  // ---- touchpoints ----

  private async writeParticipants(t: Touchpoint): Promise<void> {
    await this.db.deleteFrom('touchpoint_participants').where('touchpoint_id', '=', t.id).execute();
    const unique = [...new Set(t.participantIds)];
    if (unique.length > 0) {
      await this.db
        .insertInto('touchpoint_participants')
        .values(
          unique.map((contactId, position) => ({
            owner_id: t.ownerId,
            touchpoint_id: t.id,
            contact_id: contactId,
            position,
            occurred_at: t.occurredAt,
            live: t.deletedAt ? 0 : 1,
          })),
        )
        .execute();
    }
    if (t.deletedAt) await this.unindex(t.ownerId, 'touchpoint', t.id);
    else await this.index(t.ownerId, 'touchpoint', t.id, touchSearchText(t));
  }

  /** Recomputes the denormalised last touch of these contacts from their live touchpoints. */
  private async refreshLastTouch(ownerId: Id, contactIds: Id[]): Promise<void> {
    for (const id of new Set(contactIds)) {
      const r = await this.db
        .selectFrom('touchpoint_participants')
        .select((eb) => eb.fn.max('occurred_at').as('last'))
        .where('contact_id', '=', id)
        .where('live', '=', 1)
        .executeTakeFirst();
      await this.db
        .updateTable('contacts')
        .set({ last_touch_at: (r?.last as string | null | undefined) ?? null })
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .execute();
      await sql`UPDATE contacts SET awaiting_reply_id = (${AWAITING_REPLY_OF_CONTACT}) WHERE owner_id = ${ownerId} AND id = ${id}`.execute(
        this.db,
      );
    }
  }

  private async checkParticipants(t: Touchpoint): Promise<void> {
    if (t.participantIds.length === 0) {
      throw new AppError('invalid_input', 'A touchpoint needs at least one contact.', {
        issues: [{ field: 'participantIds', message: 'at least one contact is required' }],
      });
    }
    const found = await this.getContacts(t.ownerId, [...new Set(t.participantIds)]);
    if (found.length !== new Set(t.participantIds).size) {
      throw new AppError('not_found', 'A participant of this touchpoint is not one of your contacts.');
    }
  }

  async insertTouchpoint(t: Touchpoint): Promise<void> {
    await this.guard(async () => {
      await this.checkParticipants(t);
      await this.db.insertInto('touchpoints').values(touchToRow(t)).execute();
      await this.writeParticipants(t);
      await this.refreshLastTouch(t.ownerId, t.participantIds);
    });
  }

  async updateTouchpoint(t: Touchpoint): Promise<void> {
    await this.guard(async () => {
      await this.checkParticipants(t);
      const before = await this.participantIds(t.id);
      const { id, owner_id, ...rest } = touchToRow(t);
      const res = await this.db
        .updateTable('touchpoints')
        .set(rest)
        .where('id', '=', id)
        .where('owner_id', '=', owner_id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new AppError('not_found', `No touchpoint with id ${id}.`);
      await this.writeParticipants(t);
      await this.refreshLastTouch(t.ownerId, [...before, ...t.participantIds]);
    });
  }

  private async participantIds(touchpointId: Id): Promise<Id[]> {
    const rows = await this.db
      .selectFrom('touchpoint_participants')
      .select('contact_id')
      .where('touchpoint_id', '=', touchpointId)
      .orderBy('position')
      .execute();
    return rows.map((r) => r.contact_id);
  }

  private async hydrateTouchpoints(rows: TouchpointsTable[]): Promise<Touchpoint[]> {
    if (rows.length === 0) return [];
    const by = new Map<string, Id[]>();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const ps = await this.db
        .selectFrom('touchpoint_participants')
        .select(['touchpoint_id', 'contact_id'])
        .where('touchpoint_id', 'in', ids.slice(i, i + 500))
        .orderBy('touchpoint_id')
        .orderBy('position')
        .execute();
      for (const p of ps) {
        const list = by.get(p.touchpoint_id) ?? [];
        list.push(p.contact_id);
        by.set(p.touchpoint_id, list);
      }
    }
    return rows.map((r) => touchFromRow(r, by.get(r.id) ?? []));
  }

  async getTouchpoint(ownerId: Id, id: Id): Promise<Touchpoint | null> {
    const r = await this.db
      .selectFrom('touchpoints')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return null;
    const [t] = await this.hydrateTouchpoints([r]);
    return t ?? null;
  }

  async findTouchpointByExternalId(ownerId: Id, source: string, externalId: string): Promise<Touchpoint | null> {
    const r = await this.db
      .selectFrom('touchpoints')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('source', '=', source)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (!r) return null;
    const [t] = await this.hydrateTouchpoints([r]);
    return t ?? null;
  }

  async listTouchpoints(ownerId: Id, filter: TouchpointFilter = {}): Promise<Touchpoint[]> {
    const state = stateWhere(filter.state);
    const dir = filter.order ?? 'desc';
    if (filter.contactId) {
      // One contact's timeline is read from the participants index (contact, live, time),
      // never by probing every touchpoint of the owner.
      let q = this.db
        .selectFrom('touchpoint_participants as p')
        .innerJoin('touchpoints', 'touchpoints.id', 'p.touchpoint_id')
        .selectAll('touchpoints')
        .where('p.contact_id', '=', filter.contactId)
        .where('p.owner_id', '=', ownerId);
      if (state === 'live') q = q.where('p.live', '=', 1);
      if (state === 'trash') q = q.where('p.live', '=', 0);
      if (filter.since) q = q.where('p.occurred_at', '>=', filter.since);
      if (filter.until) q = q.where('p.occurred_at', '<', filter.until);
      q = q.orderBy('p.occurred_at', dir).orderBy('p.touchpoint_id', dir);
      if (filter.limit) q = q.limit(filter.limit);
      return this.hydrateTouchpoints(await q.execute());
    }
    let q = this.db.selectFrom('touchpoints').selectAll('touchpoints').where('touchpoints.owner_id', '=', ownerId);
    if (state === 'live') q = q.where('touchpoints.deleted_at', 'is', null);
    if (state === 'trash') q = q.where('touchpoints.deleted_at', 'is not', null);
    if (filter.since) q = q.where('touchpoints.occurred_at', '>=', filter.since);
    if (filter.until) q = q.where('touchpoints.occurred_at', '<', filter.until);
    q = q.orderBy('touchpoints.occurred_at', dir).orderBy('touchpoints.id', dir);
    if (filter.limit) q = q.limit(filter.limit);
    return this.hydrateTouchpoints(await q.execute());
  }

  async getTouchpoints(ownerId: Id, ids: Id[]): Promise<Touchpoint[]> {
    const rows: TouchpointsTable[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(
        ...(await this.db
          .selectFrom('touchpoints')
          .selectAll()
          .where(ownerOnly, '=', ownerId)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    }
    const byId = new Map((await this.hydrateTouchpoints(rows)).map((t) => [t.id, t]));
    return ids.flatMap((id) => {
      const t = byId.get(id);
      return t ? [t] : [];
    });
  }

  async countTouchpoints(ownerId: Id, state?: 'live' | 'trash' | 'all'): Promise<number> {
    let q = this.db
      .selectFrom('touchpoints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', '=', ownerId);
    const s = stateWhere(state);
    if (s === 'live') q = q.where('deleted_at', 'is', null);
    if (s === 'trash') q = q.where('deleted_at', 'is not', null);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  // ---- bulk inserts (imports and restores) ----

  /** Records handed to the database per round: bounded memory for the derived rows. */
  private static readonly CHUNK = 500;
  /** Bound parameters per multi-row INSERT: well inside SQLite's and PostgreSQL's limits. */
  private static readonly MAX_PARAMS = 30_000;

  /** The SQLite fast path: only inside a transaction, whose connection its statements share. */
  private get bulk(): SqliteBulkWriter | null {
    return this.inTransaction ? (this.file?.bulk ?? null) : null;
  }

  /**
   * Inserts rows of one table: on SQLite one prepared statement reused row after row, on
   * PostgreSQL multi-row INSERTs as large as the parameter limit allows.
   */
  private async insertRows<T extends keyof Database & string>(table: T, rows: Array<Insertable<Database[T]>>): Promise<void> {
    const first = rows[0];
    if (!first) return;
    const bulk = this.bulk;
    if (bulk) {
      bulk.insertRows(table, rows as Array<Record<string, unknown>>);
      return;
    }
    const per = Math.max(1, Math.floor(KyselyStore.MAX_PARAMS / Object.keys(first).length));
    for (let i = 0; i < rows.length; i += per) {
      await this.db
        .insertInto(table)
        .values(rows.slice(i, i + per) as never)
        .execute();
    }
  }

  async insertContacts(contacts: Contact[]): Promise<void> {
    if (contacts.length === 0) return;
    // The fast path's statements need the transaction's connection: one transaction for all.
    if (this.file?.bulk && !this.inTransaction) return this.transaction((s) => s.insertContacts(contacts));
    await this.guard(async () => {
      for (let i = 0; i < contacts.length; i += KyselyStore.CHUNK) {
        const chunk = contacts.slice(i, i + KyselyStore.CHUNK);
        await this.insertRows('contacts', chunk.map(contactToRow));
        const identities = chunk.flatMap((c) =>
          c.identities.map((x, position) => ({
            owner_id: c.ownerId,
            contact_id: c.id,
            position,
            kind: x.kind,
            value: x.value,
            label: x.label ?? null,
            normalized: normalizeIdentity(x.kind, x.value),
          })),
        );
        await this.insertRows('contact_identities', identities);
        await this.insertRows(
          'contact_tags',
          chunk.flatMap((c) => c.tags.map((tag, position) => ({ owner_id: c.ownerId, contact_id: c.id, position, tag }))),
        );
        await this.indexMany(
          chunk
            .filter((c) => !c.deletedAt)
            .map((c) => ({ ownerId: c.ownerId, kind: 'contact', id: c.id, text: contactSearchText(c) })),
        );
      }
    });
  }

  async insertTouchpoints(touchpoints: Touchpoint[], opts: { deferLastTouch?: boolean } = {}): Promise<void> {
    if (touchpoints.length === 0) return;
    if (this.file?.bulk && !this.inTransaction) return this.transaction((s) => s.insertTouchpoints(touchpoints, opts));
    await this.guard(async () => {
      const byOwner = new Map<Id, Set<Id>>();
      for (const t of touchpoints) {
        if (t.participantIds.length === 0) {
          throw new AppError('invalid_input', `Touchpoint ${t.id} needs at least one contact.`, {
            issues: [{ field: 'participantIds', message: 'at least one contact is required' }],
          });
        }
        const set = byOwner.get(t.ownerId) ?? new Set<Id>();
        for (const p of t.participantIds) set.add(p);
        byOwner.set(t.ownerId, set);
      }
      for (const [ownerId, ids] of byOwner) {
        const all = [...ids];
        const found = await this.existingIds(ownerId, 'contact', all);
        const missing = all.find((id) => !found.has(id));
        if (missing) throw new AppError('not_found', `A touchpoint names contact ${missing}, who is not one of your contacts.`);
      }
      for (let i = 0; i < touchpoints.length; i += KyselyStore.CHUNK) {
        const chunk = touchpoints.slice(i, i + KyselyStore.CHUNK);
        await this.insertRows('touchpoints', chunk.map(touchToRow));
        const parts = chunk.flatMap((t) =>
          [...new Set(t.participantIds)].map((contactId, position) => ({
            owner_id: t.ownerId,
            touchpoint_id: t.id,
            contact_id: contactId,
            position,
            occurred_at: t.occurredAt,
            live: t.deletedAt ? 0 : 1,
          })),
        );
        await this.insertRows('touchpoint_participants', parts);
        await this.indexMany(
          chunk
            .filter((t) => !t.deletedAt)
            .map((t) => ({ ownerId: t.ownerId, kind: 'touchpoint', id: t.id, text: touchSearchText(t) })),
        );
      }
      if (!opts.deferLastTouch) for (const [ownerId, ids] of byOwner) await this.refreshLastTouchMany(ownerId, [...ids]);
    });
  }

  async refreshLastTouches(ownerId: Id, contactIds: Id[]): Promise<void> {
    await this.guard(() => this.refreshLastTouchMany(ownerId, contactIds));
  }

  /**
   * Recomputes the last touch of many contacts with one statement per chunk. The rows are
   * found by primary key: `owner_id || ''` keeps SQLite from scanning the owner's index
   * instead (36 ms a chunk at 10 000 contacts instead of 2), the owner still checked.
   */
  private async refreshLastTouchMany(ownerId: Id, contactIds: Id[]): Promise<void> {
    for (let i = 0; i < contactIds.length; i += 500) {
      const chunk = contactIds.slice(i, i + 500);
      await sql`UPDATE contacts SET last_touch_at = (
          SELECT max(p.occurred_at) FROM touchpoint_participants p WHERE p.contact_id = contacts.id AND p.live = 1)
        WHERE id IN (${sql.join(chunk)}) AND owner_id || '' = ${ownerId}`.execute(this.db);
      // A second statement: the SET above is not visible to another expression of the same UPDATE.
      await sql`UPDATE contacts SET awaiting_reply_id = (${AWAITING_REPLY_OF_CONTACT})
        WHERE id IN (${sql.join(chunk)}) AND owner_id || '' = ${ownerId}`.execute(this.db);
    }
  }

  /** Adds documents that are not in the index yet, many per statement. */
  private async indexMany(docs: Array<{ ownerId: Id; kind: string; id: Id; text: IndexText }>): Promise<void> {
    const bulk = this.bulk;
    if (bulk) {
      bulk.indexDocs(docs.map((d) => ({ ...d, ...d.text })));
      return;
    }
    for (let i = 0; i < docs.length; i += KyselyStore.CHUNK) {
      const chunk = docs.slice(i, i + KyselyStore.CHUNK);
      if (chunk.length === 0) continue;
      if (this.dialect === 'sqlite') {
        const ids = await this.db
          .insertInto('search_docs')
          .values(
            chunk.map(
              (d) =>
                ({
                  owner_id: d.ownerId,
                  doc_kind: d.kind,
                  doc_id: d.id,
                  card: d.text.card,
                  terms: docTerms(d.kind, d.text),
                }) as never,
            ),
          )
          .returning(['id', 'doc_id'])
          .execute();
        const rowid = new Map(ids.map((r) => [r.doc_id, Number(r.id)]));
        await sql`INSERT INTO search_fts (rowid, names, body) VALUES ${sql.join(
          chunk.map((d) => sql`(${rowid.get(d.id)}, ${d.text.names}, ${d.text.body})`),
        )}`.execute(this.db);
        const named = chunk.filter((d) => d.text.names);
        if (named.length > 0) {
          await sql`INSERT INTO search_names (rowid, names) VALUES ${sql.join(
            named.map((d) => sql`(${rowid.get(d.id)}, ${d.text.names})`),
          )}`.execute(this.db);
        }
        const contacts = chunk.filter((d) => d.kind === 'contact');
        if (contacts.length > 0) {
          await sql`INSERT INTO search_contacts (rowid, names, body) VALUES ${sql.join(
            contacts.map((d) => sql`(${rowid.get(d.id)}, ${d.text.names}, ${d.text.body})`),
          )}`.execute(this.db);
        }
      } else {
        await sql`INSERT INTO search_docs (owner_id, doc_kind, doc_id, tsv, names_tsv, card) VALUES ${sql.join(
          chunk.map(
            (d) =>
              sql`(${d.ownerId}, ${d.kind}, ${d.id}, setweight(to_tsvector('simple', ${d.text.names}), 'A') || setweight(to_tsvector('simple', ${d.text.body}), 'B'), setweight(to_tsvector('simple', ${d.text.names}), 'A'), ${d.text.card})`,
          ),
        )}`.execute(this.db);
      }
    }
  }

  async touchpointIdsByExternalId(ownerId: Id, source: string, externalIds: string[]): Promise<Map<string, Id>> {
    const found = new Map<string, Id>();
    const unique = [...new Set(externalIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('touchpoints')
        .select(['id', 'external_id'])
        .where('owner_id', '=', ownerId)
        .where('source', '=', source)
        .where('external_id', 'in', unique.slice(i, i + 500))
        .execute();
      for (const r of rows) if (r.external_id) found.set(r.external_id, r.id);
    }
    return found;
  }

  /** Which of these ids exist among the owner's rows of a kind (for upserts in bulk). */
  async idsHeldByOthers(ownerId: Id, kind: 'contact' | 'touchpoint' | RecordKind, ids: Id[]): Promise<Set<Id>> {
    return this.idsWhere(kind, ids, (owner) => owner !== ownerId);
  }

  async existingIds(ownerId: Id, kind: 'contact' | 'touchpoint' | RecordKind, ids: Id[]): Promise<Set<Id>> {
    return this.idsWhere(kind, ids, (owner) => owner === ownerId);
  }

  /**
   * The ids among `ids` whose row's owner passes `owned`. Looked up by primary key only:
   * with the owner in the WHERE clause too, SQLite plans a long IN list as a scan of the
   * owner's index, which grows with every row an import adds (95 ms a query at 100 000
   * touchpoints instead of well under 1 ms).
   */
  private async idsWhere(
    kind: 'contact' | 'touchpoint' | RecordKind,
    ids: Id[],
    owned: (ownerId: Id) => boolean,
  ): Promise<Set<Id>> {
    const table = kind === 'contact' ? 'contacts' : kind === 'touchpoint' ? 'touchpoints' : RECORD_TABLES[kind];
    const found = new Set<Id>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom(table as 'contacts')
        .select(['id', 'owner_id'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) if (owned(r.owner_id)) found.add(r.id);
    }
    return found;
  }

  // ---- simple records ----

  async insertRecord<K extends RecordKind>(kind: K, row: RecordTypes[K]): Promise<void> {
    await this.guard(() => spec(kind).insert(this.db, row));
  }

  async updateRecord<K extends RecordKind>(kind: K, row: RecordTypes[K]): Promise<void> {
    await this.guard(async () => {
      const n = await spec(kind).update(this.db, row);
      if (n === 0) throw new AppError('not_found', `No ${kind} with id ${row.id}.`);
    });
  }

  async getRecord<K extends RecordKind>(kind: K, ownerId: Id, id: Id): Promise<RecordTypes[K] | null> {
    const [r] = await spec(kind).list(this.db, ownerId, { id });
    return (r as RecordTypes[K] | undefined) ?? null;
  }

  async listRecords<K extends RecordKind>(kind: K, ownerId: Id, filter: RecordFilter = {}): Promise<Array<RecordTypes[K]>> {
    return spec(kind).list(this.db, ownerId, filter);
  }

  async deleteRecord(kind: RecordKind, ownerId: Id, id: Id): Promise<void> {
    await spec(kind).remove(this.db, ownerId, id);
  }

  // ---- agenda inputs ----

  async contactSummaries(ownerId: Id): Promise<ContactSummary[]> {
    const rows = await this.liveContacts(ownerId).select(SUMMARY_COLUMNS).orderBy('id').execute();
    return rows.map(toSummary);
  }

  async contactSummariesByIds(ownerId: Id, ids: Id[], opts: { lean?: boolean } = {}): Promise<ContactSummary[]> {
    const out: ContactSummary[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      if (opts.lean) {
        // Answered from the contacts_lean index alone, without reading the (large) contact rows.
        const rows = await this.liveContacts(ownerId).select(LEAN_COLUMNS).where('id', 'in', chunk).execute();
        for (const r of rows) out.push(toLeanSummary(r));
      } else {
        const rows = await this.liveContacts(ownerId).select(SUMMARY_COLUMNS).where('id', 'in', chunk).execute();
        for (const r of rows) out.push(toSummary(r));
      }
    }
    return out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  async checkinCandidates(ownerId: Id, q: CheckinQuery): Promise<ContactSummary[]> {
    const pg = this.dialect === 'postgres';
    // The day the check-in clock started: the last touch, else when the contact was added.
    const since = pg
      ? sql<string>`(substr(coalesce(last_touch_at, created_at), 1, 10)) COLLATE "C"`
      : sql<string>`substr(coalesce(last_touch_at, created_at), 1, 10)`;
    const idKey = pg ? sql<string>`id COLLATE "C"` : sql<string>`id`;
    // A minimum gap blocks a contact last touched after this day (today minus their gap).
    const gapStart = pg
      ? sql<string>`to_char(CAST(${q.today} AS date) - min_gap_days, 'YYYY-MM-DD')`
      : sql<string>`date(${q.today}, '-' || min_gap_days || ' days')`;
    // Each circle's default group, then each distinct own cadence in it, as before ascending.
    const groups: Array<{ circle: string; own: number | null }> = [];
    const owned = await this.ownCadences(ownerId);
    for (const circle of CIRCLES) {
      groups.push({ circle, own: null });
      for (const o of owned) if (o.circle === circle) groups.push(o);
    }
    // One statement for every group, each read best first by an index seek and cut at perGroup. Written
    // as SQL text: Kysely's builder would take longer to compile forty such groups than SQLite to run them.
    const columns = sql.raw(SUMMARY_COLUMNS.join(', '));
    const limit = q.perGroup === null ? sql`` : sql`LIMIT ${q.perGroup}`;
    const parts = groups.flatMap(({ circle, own }, g) => {
      const cadence = own !== null && own > 0 ? own : q.defaults[circle as Circle];
      if (cadence == null || cadence < 1) return [];
      return [
        sql`SELECT * FROM (SELECT ${columns}, ${sql.lit(g)} AS grp, ${since} AS since_day FROM contacts
          WHERE owner_id = ${ownerId} AND deleted_at IS NULL AND circle = ${circle}
            AND ${own === null ? sql`cadence_days IS NULL` : sql`cadence_days = ${own}`}
            AND ${since} <= ${addDays(q.today, -cadence)} AND (paused_until IS NULL OR paused_until <= ${q.today})
            AND NOT (coalesce(min_gap_days, 0) > 0 AND last_touch_at IS NOT NULL AND substr(last_touch_at, 1, 10) > ${gapStart})
          ORDER BY ${since}, ${idKey} ${limit}) AS ${sql.raw(`g${g}`)}`,
      ];
    });
    if (parts.length === 0) return [];
    type Row = Pick<ContactsTable, (typeof SUMMARY_COLUMNS)[number]> & { grp: number; since_day: string };
    const { rows } = await sql<Row>`${sql.join(parts, sql` UNION ALL `)}`.execute(this.db);
    // A union keeps no order: the groups' order, then best first within each (ids are ASCII: code-unit order is "C" order).
    rows.sort((x, y) =>
      x.grp !== y.grp
        ? Number(x.grp) - Number(y.grp)
        : x.since_day !== y.since_day
          ? x.since_day < y.since_day
            ? -1
            : 1
          : x.id < y.id
            ? -1
            : x.id > y.id
              ? 1
              : 0,
    );
    return rows.map(toSummary);
  }

  /**
   * The distinct own cadences (not null) per circle among live contacts, ascending, in one
   * statement: a loose index scan, one seek per value, instead of reading every contact.
   */
  private async ownCadences(ownerId: Id): Promise<Array<{ circle: string; own: number }>> {
    const live = sql`owner_id = ${ownerId} AND deleted_at IS NULL`;
    const r = await sql<{ circle: string; c: number | string }>`
      WITH RECURSIVE circles(circle) AS (VALUES ${sql.join(CIRCLES.map((c) => sql`(${c})`))}),
      cad(circle, c) AS (
        SELECT circle, (SELECT min(cadence_days) FROM contacts
                        WHERE ${live} AND circle = circles.circle AND cadence_days IS NOT NULL) FROM circles
        UNION ALL
        SELECT circle, (SELECT min(cadence_days) FROM contacts
                        WHERE ${live} AND circle = cad.circle AND cadence_days > cad.c) FROM cad WHERE c IS NOT NULL
      )
      SELECT circle, c FROM cad WHERE c IS NOT NULL`.execute(this.db);
    return r.rows.map((x) => ({ circle: x.circle, own: Number(x.c) })).sort((x, y) => x.own - y.own);
  }

  async contactNames(ownerId: Id): Promise<ContactNames[]> {
    const rows = await this.liveContacts(ownerId)
      .select(['id', 'display_name', 'given_name', 'family_name', 'nickname'])
      .orderBy('id')
      .execute();
    const emails = await this.db
      .selectFrom('contact_identities')
      .select(['contact_id', 'value'])
      .where('owner_id', '=', ownerId)
      .where('kind', '=', 'email')
      .orderBy('contact_id')
      .orderBy('position')
      .execute();
    const byContact = new Map<Id, string[]>();
    for (const e of emails) {
      const list = byContact.get(e.contact_id);
      if (list) list.push(e.value);
      else byContact.set(e.contact_id, [e.value]);
    }
    return rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      givenName: r.given_name,
      familyName: r.family_name,
      nickname: r.nickname,
      emails: byContact.get(r.id) ?? [],
    }));
  }

  async birthdayCandidates(ownerId: Id, monthDays: string[], opts: { lean?: boolean } = {}): Promise<ContactSummary[]> {
    if (monthDays.length === 0) return [];
    const md = this.dialect === 'postgres' ? sql<string>`right(birthday, 5)` : sql<string>`substr(birthday, -5)`;
    const base = this.liveContacts(ownerId)
      .where('birthday', 'is not', null)
      .where(sql<boolean>`${md} IN (${sql.join(monthDays)})`);
    // Sorted here: with ORDER BY id, SQLite walks every contact in id order instead of seeking the index.
    const byId = (x: ContactSummary, y: ContactSummary) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
    if (opts.lean) {
      // Answered from the contacts_birthday index alone.
      const rows = await base.select([...LEAN_COLUMNS, 'birthday']).execute();
      return rows.map((r) => ({ ...toLeanSummary(r), birthday: r.birthday })).sort(byId);
    }
    const rows = await base.select(SUMMARY_COLUMNS).execute();
    return rows.map(toSummary).sort(byId);
  }

  async changeMark(): Promise<string> {
    if (this.dialect === 'postgres') {
      // Two equal snapshots see exactly the same committed transactions.
      const r = await sql<{ s: string }>`SELECT pg_current_snapshot()::text AS s`.execute(this.db);
      return `pg:${r.rows[0]?.s ?? ''}`;
    }
    // data_version moves when another connection commits; total_changes when this one writes.
    const reads = this.sqliteReads;
    if (reads) {
      // The server reads the mark on every request (server/auth-cache.ts): at once when it can.
      const now = this.changeMarkNow();
      if (now !== null) return now;
      // Another caller's transaction is open: wait until it has committed or rolled back.
      return this.onSqliteConnection(() => reads.changeMark());
    }
    const r = await sql<{
      v: number;
      t: number;
    }>`SELECT (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS t`.execute(this.db);
    return `sqlite:${r.rows[0]?.v ?? ''}:${r.rows[0]?.t ?? ''}`;
  }

  changeMarkNow(): string | null {
    const reads = this.sqliteReads;
    if (!reads) return null;
    // In this store's own transaction the mark counts the transaction's writes so far.
    return this.inTransaction ? reads.changeMark() : reads.changeMarkNow();
  }

  private liveContacts(ownerId: Id) {
    return this.db.selectFrom('contacts').where('owner_id', '=', ownerId).where('deleted_at', 'is', null);
  }

  async awaitingReply(ownerId: Id, since: Instant): Promise<AwaitingReplyRow[]> {
    // A contact awaits a reply when their newest touch is a message from them: anything
    // after it (a reply, a call, a coffee) answers it. The Store keeps that touch's id on the
    // contact with the last touch, so only the contacts awaiting a reply are read.
    const rows = await sql<{ contact_id: string; id: string; occurred_at: string; summary: string; kind: string }>`
      SELECT c.id AS contact_id, t.id, t.occurred_at, t.summary, t.kind
      FROM contacts c
      JOIN touchpoints t ON t.id = c.awaiting_reply_id
      WHERE c.owner_id = ${ownerId} AND c.deleted_at IS NULL AND c.awaiting_reply_id IS NOT NULL AND c.last_touch_at >= ${since}
      ORDER BY t.occurred_at, t.id`.execute(this.db);
    // One item per contact: their newest unanswered message.
    const newest = new Map<string, AwaitingReplyRow>();
    for (const r of rows.rows) {
      newest.set(r.contact_id, {
        contactId: r.contact_id,
        touchpointId: r.id,
        receivedAt: r.occurred_at,
        summary: r.summary,
        kind: r.kind as TouchKind,
      });
    }
    return [...newest.values()].sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  }

  async listAgendaCandidates(ownerId: Id, kind: RankedAgendaKind, q: AgendaCandidateQuery): Promise<AgendaCandidate[]> {
    if (q.contactIds && q.contactIds.length === 0) return [];
    const pg = this.dialect === 'postgres';
    const today = q.today;
    const todayDate = pg ? sql`CAST(${today} AS date)` : sql`${today}`;
    /** Whole days from the day `d` to today. */
    const since = (d: RawBuilder<unknown>) =>
      pg ? sql<number>`(${todayDate} - CAST(${d} AS date))` : sql<number>`CAST(julianday(${today}) - julianday(${d}) AS INTEGER)`;
    /** Text keys in the ranking's (bytewise) order. */
    const key = (e: RawBuilder<unknown>) => (pg ? sql`${e} COLLATE "C"` : e);
    const circle = circlePoints(sql`c.circle`);
    const gapStart = pg
      ? sql<string>`to_char(${todayDate} - c.min_gap_days, 'YYYY-MM-DD')`
      : sql<string>`date(${today}, '-' || c.min_gap_days || ' days')`;
    // The contact's boundaries allow an item today (core/agenda.ts boundaryBlocks).
    const allowed = sql<boolean>`((c.paused_until IS NULL OR c.paused_until <= ${today})
      AND NOT (coalesce(c.min_gap_days, 0) > 0 AND c.last_touch_at IS NOT NULL AND substr(c.last_touch_at, 1, 10) > ${gapStart}))`;
    // 5 when the contact's check-in is due and allowed: an item about them then covers it.
    const cadence = sql`(CASE WHEN c.cadence_days > 0 THEN c.cadence_days ELSE ${defaultCadence(q.defaults)} END)`;
    const bonus = sql<number>`(CASE WHEN ${cadence} >= 1 AND ${since(sql`substr(coalesce(c.last_touch_at, c.created_at), 1, 10)`)} >= ${cadence} AND ${allowed} THEN ${sql.lit(COVERS_CHECKIN)} ELSE 0 END)`;
    const live = sql`c.owner_id = ${ownerId} AND c.deleted_at IS NULL`;
    const only = (col: RawBuilder<unknown>) => (q.contactIds ? sql`AND ${col} IN (${sql.join(q.contactIds)})` : sql``);
    const cap = (e: RawBuilder<number>, n: number) =>
      sql<number>`(CASE WHEN ${e} > ${sql.lit(n)} THEN ${sql.lit(n)} ELSE ${e} END)`;
    /**
     * A kind's candidate rows (`rows`: SELECT … WHERE …, to be extended with AND) and the ranking's order on
     * them (`rank`). SQLite or PostgreSQL scores every candidate row and hands over only the first `limit`:
     * a score's urgency is capped (after 10 to 15 days), so no index order can prove the best few without
     * reading every row past the cap anyway, and scoring them there costs far less than sending them here.
     */
    /** The kind's candidate rows, `extra` (AND … on the record's own columns) added, read through `index` when given (SQLite). */
    let rows: (extra: RawBuilder<unknown>, index: string | null) => RawBuilder<unknown>;
    let rank: RawBuilder<unknown>[];
    /**
     * How the kind's rows are found circle by circle (migration 0008): the circle the row is about,
     * the index that has it first, the best score a row can reach in a circle worth `points`
     * (as SQL of the row's own columns, and its most over all rows), and the key the ranking
     * compares after the score.
     */
    let byCircle: {
      circle: RawBuilder<unknown>;
      index: string | null;
      upper: (points: number) => RawBuilder<number>;
      most: (points: number) => number;
      tie: RawBuilder<unknown>;
      tieOf: (r: RankedRow) => string;
    } | null = null;
    const indexedBy = (index: string | null) => (pg || index === null ? sql`` : sql`INDEXED BY ${sql.raw(index)}`);
    /** Where the shown text is: the record's table and column (none for give-first). */
    let text: RawBuilder<unknown> | null;
    const prefix = RANKED_PREFIX[kind];
    switch (kind) {
      case 'commitment': {
        const urgency = cap(sql`2 * ${since(sql`m.due_on`)}`, 20);
        rows = (extra, index) => sql`
          SELECT m.id AS record_id, m.contact_id, m.contact_id AS rank_contact, m.due_on AS at, m.due_on AS due_on,
            90 + ${urgency} + ${circle} + ${bonus} AS bound
          FROM commitments m ${indexedBy(index)} CROSS JOIN contacts c
          WHERE c.id = m.contact_id AND m.owner_id = ${ownerId} AND m.status = 'open' AND m.direction = 'mine' AND m.due_on IS NOT NULL
            AND m.due_on <= ${addDays(today, 2)} AND ${live} ${only(sql`m.contact_id`)} ${extra}`;
        rank = [sql`bound DESC`, key(sql`m.due_on`), key(sql`m.contact_id`), key(sql`m.id`)];
        text = sql`SELECT r.id, r.owner_id, r.text, NULL AS author_name FROM commitments r`;
        byCircle = {
          circle: sql`m.contact_circle`,
          index: 'commitments_by_circle',
          upper: (points) => sql`(90 + ${urgency} + ${sql.lit(points + COVERS_CHECKIN)})`,
          most: (points) => 90 + 20 + points + COVERS_CHECKIN,
          tie: sql`m.due_on`,
          tieOf: (r) => r.due_on ?? '',
        };
        break;
      }
      case 'followUp': {
        const urgency = cap(since(sql`f.due_on`), 15);
        rows = (extra, index) => sql`
          SELECT f.id AS record_id, f.contact_id, f.contact_id AS rank_contact, f.due_on AS at, f.due_on AS due_on,
            70 + ${urgency} + ${circle} + ${bonus} AS bound
          FROM follow_ups f ${indexedBy(index)} CROSS JOIN contacts c
          WHERE c.id = f.contact_id AND f.owner_id = ${ownerId} AND f.done_at IS NULL AND f.due_on IS NOT NULL AND f.due_on <= ${today}
            AND ${live} AND ${allowed} ${only(sql`f.contact_id`)} ${extra}`;
        rank = [sql`bound DESC`, key(sql`f.due_on`), key(sql`f.contact_id`), key(sql`f.id`)];
        text = sql`SELECT r.id, r.owner_id, r.text, NULL AS author_name FROM follow_ups r`;
        byCircle = {
          circle: sql`f.contact_circle`,
          index: 'follow_ups_by_circle',
          upper: (points) => sql`(70 + ${urgency} + ${sql.lit(points + COVERS_CHECKIN)})`,
          most: (points) => 70 + 15 + points + COVERS_CHECKIN,
          tie: sql`f.due_on`,
          tieOf: (r) => r.due_on ?? '',
        };
        break;
      }
      case 'reply': {
        // Who awaits a reply is kept on the contact: awaiting_reply_id is their newest touch, at last_touch_at
        // (as for Store.awaitingReply), so the contacts_awaiting_rank index (circle, then time) alone ranks them.
        const received = sql`substr(c.last_touch_at, 1, 10)`;
        const urgency = cap(sql`${since(received)} - 2`, 15);
        rows = (extra) => sql`
          SELECT c.awaiting_reply_id AS record_id, c.id AS contact_id, c.id AS rank_contact, c.last_touch_at AS at, ${received} AS due_on,
            80 + ${urgency} + ${circle} + ${bonus} AS bound
          FROM contacts c ${indexedBy('contacts_awaiting_rank')}
          WHERE ${live} AND c.awaiting_reply_id IS NOT NULL AND c.last_touch_at >= ${noonOf(addDays(today, -90))}
            AND ${received} <= ${addDays(today, -2)} AND ${allowed} ${only(sql`c.id`)} ${extra}`;
        rank = [sql`bound DESC`, key(received), key(sql`c.id`), key(sql`c.awaiting_reply_id`)];
        text = sql`SELECT r.id, r.owner_id, r.summary AS text, NULL AS author_name FROM touchpoints r`;
        byCircle = {
          circle: sql`c.circle`,
          index: null,
          upper: (points) => sql`(80 + ${urgency} + ${sql.lit(points + COVERS_CHECKIN)})`,
          most: (points) => 80 + 15 + points + COVERS_CHECKIN,
          tie: received,
          tieOf: (r) => r.due_on ?? '',
        };
        break;
      }
      case 'giveFirst': {
        // No urgency: ranked by circle and contact.
        const window = sql`BETWEEN ${addDays(today, -60)} AND ${today}`;
        rows = (extra, index) => sql`
          SELECT c.id AS record_id, c.id AS contact_id, c.id AS rank_contact, a.last_ask AS at, NULL AS due_on, 50 + ${circle} + ${bonus} AS bound
          FROM (
            SELECT l.contact_id, max(l.occurred_on) AS last_ask
            FROM ledger_entries l ${indexedBy(index)}
            WHERE l.owner_id = ${ownerId} AND l.direction = 'ask' AND l.occurred_on ${window} ${only(sql`l.contact_id`)} ${extra}
              AND NOT EXISTS (SELECT 1 FROM ledger_entries g WHERE g.contact_id = l.contact_id AND g.direction = 'give'
                AND g.occurred_on ${window} AND g.owner_id = ${ownerId})
            GROUP BY l.contact_id
          ) a CROSS JOIN contacts c
          WHERE c.id = a.contact_id AND ${live} AND ${allowed}`;
        rank = [sql`bound DESC`, key(sql`c.id`)];
        text = null;
        byCircle = {
          circle: sql`l.contact_circle`,
          index: 'ledger_asks_by_circle',
          upper: (points) => sql`${sql.lit(50 + points + COVERS_CHECKIN)}`,
          most: (points) => 50 + points + COVERS_CHECKIN,
          tie: sql`l.contact_id`,
          tieOf: (r) => r.rank_contact,
        };
        break;
      }
      case 'postResponse': {
        const received = sql`substr(r.received_at, 1, 10)`;
        rows = () => sql`
          SELECT r.id AS record_id, r.contact_id, coalesce(c.id, '') AS rank_contact, r.received_at AS at, NULL AS due_on,
            60 + ${cap(since(received), 15)} + (CASE WHEN c.id IS NULL THEN 0 ELSE ${circle} + ${bonus} END) AS bound
          FROM post_responses r LEFT JOIN contacts c ON c.id = r.contact_id AND ${live}
          WHERE r.owner_id = ${ownerId} AND r.replied_at IS NULL AND ${received} <= ${today}
            AND (c.id IS NULL OR ${allowed}) ${only(sql`r.contact_id`)}`;
        rank = [sql`bound DESC`, key(sql`coalesce(c.id, '')`), key(sql`r.id`)];
        text = sql`SELECT r.id, r.owner_id, coalesce(p.title, 'your post') AS text, r.author_name FROM post_responses r LEFT JOIN posts p ON p.id = r.post_id`;
        break;
      }
    }
    const keyOf = (r: RankedRow): RankKey => ({
      score: Number(r.bound),
      dueOn: r.due_on == null ? null : kind === 'reply' ? addDays(r.due_on, 2) : r.due_on,
      contactId: r.rank_contact,
      id: kind === 'giveFirst' ? `${prefix}${r.record_id}:${r.at}` : `${prefix}${r.record_id}`,
    });
    const byRank = (x: RankedRow, y: RankedRow) => compareRank(keyOf(x), keyOf(y));
    let first: RankedRow[];
    if (q.limit === null) first = (await sql<RankedRow>`${rows(sql``, null)}`.execute(this.db)).rows;
    else if (!byCircle || q.contactIds) {
      first = (await sql<RankedRow>`${rows(sql``, null)} ORDER BY ${sql.join(rank)} LIMIT ${q.limit}`.execute(this.db)).rows;
    } else {
      // Circle by circle, most points first. Once `limit` rows are found, a circle's row can only
      // take a place when its best possible score beats the last of them, or equals it with a key
      // that does not come after the last's; a circle whose best cannot reach it ends the search.
      const { circle: of, index, upper, most, tie, tieOf } = byCircle;
      first = [];
      for (const [name, points] of CIRCLES_BY_POINTS) {
        const last = first.length >= q.limit ? first[q.limit - 1] : undefined;
        if (last && most(points) < Number(last.bound)) break;
        const reach = last
          ? sql`AND (${upper(points)} > ${Number(last.bound)} OR (${upper(points)} = ${Number(last.bound)} AND ${key(tie)} <= ${tieOf(last)}))`
          : sql``;
        const got = await sql<RankedRow>`${rows(sql`AND ${of} = ${name} ${reach}`, index)}
          ORDER BY ${sql.join(rank)} LIMIT ${q.limit}`.execute(this.db);
        if (got.rows.length > 0) first = [...first, ...got.rows].sort(byRank).slice(0, q.limit);
      }
    }
    if (first.length === 0) return [];
    // Their text and the contacts' names, for these rows only: by primary key, the owner checked on the rows.
    const texts = new Map<string, { text: string; author_name: string | null }>();
    if (text) {
      const ids = [...new Set(first.map((r) => r.record_id))];
      for (let i = 0; i < ids.length; i += 500) {
        const got = await sql<{ id: string; owner_id: string; text: string; author_name: string | null }>`${text}
          WHERE r.id IN (${sql.join(ids.slice(i, i + 500))})`.execute(this.db);
        for (const t of got.rows) if (t.owner_id === ownerId) texts.set(t.id, t);
      }
    }
    const contacts = new Map(
      (
        await this.contactSummariesByIds(
          ownerId,
          first.flatMap((r) => (r.rank_contact ? [r.rank_contact] : [])),
          { lean: true },
        )
      ).map((c) => [c.id, c]),
    );
    return first
      .map((r): AgendaCandidate => {
        const k = keyOf(r);
        const t = texts.get(r.record_id);
        const contact = contacts.get(r.rank_contact) ?? null;
        return {
          itemId: k.id,
          bound: k.score,
          dueOn: k.dueOn,
          rankContactId: k.contactId,
          contactId: r.contact_id,
          contact,
          recordId: r.record_id,
          text: t?.text ?? '',
          at: r.at,
          authorName: t?.author_name ?? null,
        };
      })
      .sort((x, y) =>
        compareRank(
          { score: x.bound, dueOn: x.dueOn, contactId: x.rankContactId, id: x.itemId },
          { score: y.bound, dueOn: y.dueOn, contactId: y.rankContactId, id: y.itemId },
        ),
      );
  }

  async listAgendaStates(ownerId: Id): Promise<AgendaStateRow[]> {
    const rows = await this.db
      .selectFrom('agenda_states')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .orderBy('item_id')
      .execute();
    return rows.map((r) => ({
      ownerId: r.owner_id,
      itemId: r.item_id,
      snoozedUntil: r.snoozed_until,
      doneOn: r.done_on,
      updatedAt: r.updated_at,
    }));
  }

  async putAgendaState(row: AgendaStateRow): Promise<void> {
    const values = {
      owner_id: row.ownerId,
      item_id: row.itemId,
      snoozed_until: row.snoozedUntil,
      done_on: row.doneOn,
      updated_at: row.updatedAt,
    };
    await this.db
      .insertInto('agenda_states')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['owner_id', 'item_id'])
          .doUpdateSet({ snoozed_until: values.snoozed_until, done_on: values.done_on, updated_at: values.updated_at }),
      )
      .execute();
  }

  // ---- accounts ----

  async getUserByEmail(email: string): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    return r ? { id: r.id, name: r.name, email: r.email, role: r.role as User['role'], createdAt: r.created_at } : null;
  }

  async getPasswordHash(userId: Id): Promise<string | null> {
    const r = await this.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
    return r?.password_hash ?? null;
  }

  async setPasswordHash(userId: Id, hash: string | null): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
  }

  async updateUser(user: User): Promise<void> {
    await this.guard(async () => {
      await this.db
        .updateTable('users')
        .set({ name: user.name, email: user.email ? user.email.trim().toLowerCase() : null, role: user.role })
        .where('id', '=', user.id)
        .execute();
    });
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: row.idHash,
        user_id: row.userId,
        csrf_token: row.csrfToken,
        created_at: row.createdAt,
        last_seen_at: row.lastSeenAt,
        expires_at: row.expiresAt,
      })
      .execute();
  }

  async getSession(idHash: string): Promise<SessionRow | null> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r
      ? {
          idHash: r.id_hash,
          userId: r.user_id,
          csrfToken: r.csrf_token,
          createdAt: r.created_at,
          lastSeenAt: r.last_seen_at,
          expiresAt: r.expires_at,
        }
      : null;
  }

  async touchSession(idHash: string, lastSeenAt: Instant, expiresAt: Instant): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOfUser(userId: Id): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async insertApiToken(row: ApiTokenRow): Promise<void> {
    await this.guard(async () => {
      await this.db
        .insertInto('api_tokens')
        .values({
          id: row.id,
          user_id: row.userId,
          name: row.name,
          token_hash: row.tokenHash,
          scope: row.scope,
          created_at: row.createdAt,
          last_used_at: row.lastUsedAt,
          revoked_at: row.revokedAt,
        })
        .execute();
    });
  }

  private tokenFromRow(r: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    scope: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  }): ApiTokenRow {
    return {
      id: r.id,
      userId: r.user_id,
      name: r.name,
      tokenHash: r.token_hash,
      scope: r.scope as ApiTokenRow['scope'],
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    };
  }

  async findApiTokenByHash(tokenHash: string): Promise<ApiTokenRow | null> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r ? this.tokenFromRow(r) : null;
  }

  async listApiTokens(userId: Id): Promise<ApiTokenRow[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.tokenFromRow(r));
  }

  async revokeApiToken(userId: Id, id: Id, at: Instant): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async touchApiToken(id: Id, at: Instant): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async getLoginAttempt(key: string): Promise<LoginAttemptRow | null> {
    const r = await this.db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
    return r ? { key: r.key, failures: Number(r.failures), lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until } : null;
  }

  async putLoginAttempt(row: LoginAttemptRow): Promise<void> {
    const values = { key: row.key, failures: row.failures, last_failure_at: row.lastFailureAt, locked_until: row.lockedUntil };
    await this.db
      .insertInto('login_attempts')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ failures: values.failures, last_failure_at: values.last_failure_at, locked_until: values.locked_until }),
      )
      .execute();
  }

  async clearLoginAttempt(key: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }

  async insertInvitation(row: InvitationRow): Promise<void> {
    await this.db
      .insertInto('invitations')
      .values({
        id: row.id,
        token_hash: row.tokenHash,
        email: row.email,
        created_by: row.createdBy,
        created_at: row.createdAt,
        expires_at: row.expiresAt,
        used_at: row.usedAt,
      })
      .execute();
  }

  async findInvitationByHash(tokenHash: string): Promise<InvitationRow | null> {
    const r = await this.db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r
      ? {
          id: r.id,
          tokenHash: r.token_hash,
          email: r.email,
          createdBy: r.created_by,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          usedAt: r.used_at,
        }
      : null;
  }

  async markInvitationUsed(id: Id, at: Instant): Promise<void> {
    await this.db.updateTable('invitations').set({ used_at: at }).where('id', '=', id).execute();
  }

  async getCalendarFeedToken(userId: Id): Promise<string | null> {
    const r = await this.db.selectFrom('calendar_feeds').select('token').where('user_id', '=', userId).executeTakeFirst();
    return r?.token ?? null;
  }

  async setCalendarFeedToken(userId: Id, token: string | null, at: Instant): Promise<void> {
    await this.db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
    if (token) await this.db.insertInto('calendar_feeds').values({ user_id: userId, token, created_at: at }).execute();
  }

  async findUserByCalendarFeedToken(token: string): Promise<Id | null> {
    const r = await this.db.selectFrom('calendar_feeds').select('user_id').where('token', '=', token).executeTakeFirst();
    return r?.user_id ?? null;
  }

  // ---- search ----

  private async index(ownerId: Id, docKind: string, docId: Id, text: IndexText): Promise<void> {
    if (this.dialect === 'sqlite') {
      const existing = await this.db
        .selectFrom('search_docs')
        .select('id')
        .where('doc_kind', '=', docKind)
        .where('doc_id', '=', docId)
        .executeTakeFirst();
      let rowid: number;
      if (existing) {
        rowid = Number(existing.id);
        await sql`UPDATE search_docs SET card = ${text.card}, terms = ${docTerms(docKind, text)} WHERE id = ${rowid}`.execute(
          this.db,
        );
        await sql`DELETE FROM search_fts WHERE rowid = ${rowid}`.execute(this.db);
        await sql`DELETE FROM search_names WHERE rowid = ${rowid}`.execute(this.db);
        if (docKind === 'contact') await sql`DELETE FROM search_contacts WHERE rowid = ${rowid}`.execute(this.db);
      } else {
        const res = await this.db
          .insertInto('search_docs')
          .values({
            owner_id: ownerId,
            doc_kind: docKind,
            doc_id: docId,
            card: text.card,
            terms: docTerms(docKind, text),
          } as never)
          .executeTakeFirstOrThrow();
        rowid = Number(res.insertId);
      }
      // The `owner` column stays empty: queries filter on search_docs.owner_id (see search).
      await sql`INSERT INTO search_fts (rowid, names, body) VALUES (${rowid}, ${text.names}, ${text.body})`.execute(this.db);
      if (text.names) await sql`INSERT INTO search_names (rowid, names) VALUES (${rowid}, ${text.names})`.execute(this.db);
      if (docKind === 'contact') {
        await sql`INSERT INTO search_contacts (rowid, names, body) VALUES (${rowid}, ${text.names}, ${text.body})`.execute(
          this.db,
        );
      }
    } else {
      await sql`INSERT INTO search_docs (owner_id, doc_kind, doc_id, tsv, names_tsv, card)
        VALUES (${ownerId}, ${docKind}, ${docId},
          setweight(to_tsvector('simple', ${text.names}), 'A') || setweight(to_tsvector('simple', ${text.body}), 'B'),
          setweight(to_tsvector('simple', ${text.names}), 'A'), ${text.card})
        ON CONFLICT (doc_kind, doc_id) DO UPDATE
        SET tsv = EXCLUDED.tsv, names_tsv = EXCLUDED.names_tsv, owner_id = EXCLUDED.owner_id, card = EXCLUDED.card`.execute(
        this.db,
      );
    }
  }

  private async unindex(ownerId: Id, docKind: string, docId: Id): Promise<void> {
    const existing = await this.db
      .selectFrom('search_docs')
      .select('id')
      .where('owner_id', '=', ownerId)
      .where('doc_kind', '=', docKind)
      .where('doc_id', '=', docId)
      .executeTakeFirst();
    if (!existing) return;
    if (this.dialect === 'sqlite') {
      await sql`DELETE FROM search_fts WHERE rowid = ${Number(existing.id)}`.execute(this.db);
      await sql`DELETE FROM search_names WHERE rowid = ${Number(existing.id)}`.execute(this.db);
      if (docKind === 'contact') await sql`DELETE FROM search_contacts WHERE rowid = ${Number(existing.id)}`.execute(this.db);
    }
    await this.db.deleteFrom('search_docs').where('id', '=', existing.id).execute();
  }

  async search(ownerId: Id, query: string, limit: number, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const terms = [...new Set(tokens(query))].slice(0, 16);
    if (terms.length === 0 || limit <= 0) return [];
    const reads = this.sqliteReads;
    const rows = reads
      ? await this.onSqliteConnection(() => this.sqliteTiers(reads, ownerId, terms, limit, opts, false))
      : await this.kyselyTiers(ownerId, terms, limit, opts, false);
    return rows.map((r) => ({ kind: r.doc_kind as SearchHit['kind'], id: r.doc_id, score: r.score }));
  }

  async searchPage(ownerId: Id, query: string, limit: number, opts: SearchOptions = {}): Promise<SearchPageItem[]> {
    const terms = [...new Set(tokens(query))].slice(0, 16);
    if (terms.length === 0 || limit <= 0) return [];
    const reads = this.sqliteReads;
    let rows: Array<SearchRow & { score: number }> = [];
    const names = new Map<Id, string>();
    const cards = new Map<string, SearchCard>();
    const people = (): Id[] => {
      for (const r of rows) if (r.card) cards.set(`${r.doc_kind}:${r.doc_id}`, JSON.parse(r.card) as SearchCard);
      return [...new Set([...cards.values()].flatMap((c) => (c.length === 4 ? c[3] : [])))];
    };
    if (reads) {
      // The tiers and the people's names while holding the connection once.
      rows = await this.onSqliteConnection(() => {
        rows = this.sqliteTiers(reads, ownerId, terms, limit, opts, true);
        const ids = people();
        if (ids.length > 0) {
          type NameRow = { id: Id; display_name: string };
          for (const n of reads.prepared(SQLITE_LIVE_NAMES).all(JSON.stringify(ids), ownerId) as NameRow[])
            names.set(n.id, n.display_name);
          const rest = ids.filter((id) => !names.has(id));
          if (rest.length > 0) {
            for (const n of reads.prepared(SQLITE_ANY_NAMES).all(JSON.stringify(rest), ownerId) as NameRow[])
              names.set(n.id, n.display_name);
          }
        }
        return rows;
      });
    } else {
      rows = await this.kyselyTiers(ownerId, terms, limit, opts, true);
      const ids = people();
      if (ids.length > 0) {
        const found = await this.db
          .selectFrom('contacts')
          .select(['id', 'display_name'])
          .where('owner_id', '=', ownerId)
          .where('id', 'in', ids)
          .execute();
        for (const n of found) names.set(n.id, n.display_name);
      }
    }
    const items: SearchPageItem[] = [];
    for (const r of rows) {
      const card = cards.get(`${r.doc_kind}:${r.doc_id}`);
      if (!card) continue;
      if (r.doc_kind === 'contact' && card.length === 3) {
        items.push({ kind: 'contact', id: r.doc_id, score: r.score, displayName: card[0], company: card[1], title: card[2] });
      } else if (r.doc_kind === 'touchpoint' && card.length === 4) {
        items.push({
          kind: 'touchpoint',
          id: r.doc_id,
          score: r.score,
          touchKind: card[0] as TouchKind,
          occurredAt: card[1],
          summary: card[2],
          participants: card[3].flatMap((id) => {
            const name = names.get(id);
            return name === undefined ? [] : [{ id, name }];
          }),
        });
      }
    }
    return items;
  }

  /** The tiers on SQLite: prepared statements, run synchronously on the connection. */
  private sqliteTiers(
    reads: SqliteBulkWriter,
    ownerId: Id,
    terms: string[],
    limit: number,
    opts: SearchOptions,
    cards: boolean,
  ): Array<SearchRow & { score: number }> {
    const found = new TierHits(limit);
    for (const tier of SEARCH_TIERS) {
      if (found.full) break;
      if (opts.namesOnly && !tier.names) continue;
      // A record an earlier tier found comes again in a later one: each asks for `limit` anyway.
      const stmt = reads.prepared(sqliteTierSql(tier, cards, !!opts.kind));
      found.take(tier, stmt.all(...sqliteTierArgs(terms, tier, ownerId, limit, opts.kind)) as SearchRow[]);
    }
    return found.hits;
  }

  /**
   * The tiers through Kysely (PostgreSQL), one statement each: the owner's `limit` most recently
   * added records in which every term matches (in the names only, as a whole word or as a prefix).
   */
  private async kyselyTiers(
    ownerId: Id,
    terms: string[],
    limit: number,
    opts: SearchOptions,
    cards: boolean,
  ): Promise<Array<SearchRow & { score: number }>> {
    const found = new TierHits(limit);
    const ofKind = opts.kind ? sql`AND d.doc_kind = ${opts.kind}` : sql``;
    const card = cards ? sql`, d.card` : sql``;
    for (const tier of SEARCH_TIERS) {
      if (found.full) break;
      if (opts.namesOnly && !tier.names) continue;
      if (this.dialect === 'sqlite') {
        // A SQLite store without its file's prepared statements: the same statement through Kysely.
        const q = CompiledQuery.raw(
          sqliteTierSql(tier, cards, !!opts.kind),
          sqliteTierArgs(terms, tier, ownerId, limit, opts.kind),
        );
        found.take(tier, (await this.db.executeQuery<SearchRow>(q)).rows);
        continue;
      }
      const column = tier.names ? sql`d.names_tsv` : sql`d.tsv`;
      const rows = await sql<SearchRow>`SELECT d.doc_kind, d.doc_id ${card} FROM search_docs d
        WHERE d.owner_id = ${ownerId} ${ofKind} AND ${column} @@ to_tsquery('simple', ${postgresTsQuery(terms, tier)})
        ORDER BY d.id DESC LIMIT ${limit}`.execute(this.db);
      found.take(tier, rows.rows);
    }
    return found.hits;
  }

  /** The prepared statements of the SQLite file, or null (PostgreSQL). */
  private get sqliteReads(): SqliteBulkWriter | null {
    return this.dialect === 'sqlite' ? (this.file?.bulk ?? null) : null;
  }

  /**
   * Runs synchronous better-sqlite3 work on the connection Kysely uses. Inside a transaction
   * the transaction holds it already; otherwise it is taken from Kysely first, so the work
   * never runs in the middle of another caller's open transaction (and sees its uncommitted rows).
   */
  private async onSqliteConnection<T>(fn: () => T): Promise<T> {
    if (this.inTransaction) return fn();
    return (this.db as Kysely<Database>).connection().execute(async () => fn());
  }

  /** Translates driver errors into the error catalogue, once, here. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw translateDriverError(e);
    }
  }
}

/** Says which kind of record collided, from the constraint the database names. */
function conflictMessage(raw: string): string {
  if (/external_id|_external/.test(raw)) {
    return /posts/.test(raw)
      ? 'A post with the same source and external id already exists.'
      : 'A touchpoint with the same source and external id already exists.';
  }
  if (/users.*email|users_email/.test(raw)) return 'A user with that email already exists.';
  const table =
    /(?:failed: |"|\b)(contacts|touchpoints|follow_ups|commitments|ledger_entries|introductions|communities|events|posts|post_responses|resources|job_changes|users|api_tokens)[._]/.exec(
      raw,
    )?.[1];
  return table ? `A record with that id already exists in ${table.replace(/_/g, ' ')}.` : 'That record already exists.';
}

/** Maps a database driver's error to an AppError; AppErrors pass through. */
export function translateDriverError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const err = e as { code?: string; message?: string };
  const code = err?.code ?? '';
  const message = err?.message ?? String(e);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
    return new AppError(
      'conflict',
      conflictMessage(`${message} ${(e as { constraint?: string }).constraint ?? ''}`),
      { reason: message },
      { cause: e },
    );
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new AppError('not_found', 'A record this one refers to does not exist.', { reason: message }, { cause: e });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError('unavailable', 'The database is busy; try again.', {}, { cause: e });
  }
  if (code === 'SQLITE_FULL' || code === '53100') {
    return new AppError('unavailable', 'The disk is full: nothing was written.', {}, { cause: e });
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_IOERR') {
    return new AppError('unavailable', `The database cannot be written: ${message}`, {}, { cause: e });
  }
  return e;
}
