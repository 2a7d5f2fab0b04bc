/**
 * Row mapping for the simple records (follow-ups, commitments, ledger, introductions,
 * communities, events, posts, responses, resources): one spec per kind, so the Store
 * has one generic path for all of them.
 */
import type { Kysely, Transaction } from 'kysely';
import type {
  Commitment,
  CommitmentDirection,
  CommitmentStatus,
  Community,
  FollowUp,
  Id,
  Introduction,
  JobChange,
  IntroStatus,
  KithEvent,
  LedgerDirection,
  LedgerEntry,
  LedgerKind,
  Post,
  PostResponse,
  Resource,
} from '../core/types.js';
import type { Database } from './schema.js';
import type { RecordKind, RecordTypes } from './store.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Record<string, unknown>;

interface ListQuery {
  id?: Id;
  contactId?: Id;
  limit?: number;
  openOnly?: boolean;
  sinceDay?: string;
}

export interface RecordSpec<T> {
  insert(db: Db, row: T): Promise<void>;
  /** Returns how many rows were updated (0 when the id is not the owner's). */
  update(db: Db, row: T): Promise<number>;
  list(db: Db, ownerId: Id, q: ListQuery): Promise<T[]>;
  remove(db: Db, ownerId: Id, id: Id): Promise<void>;
}

const parseList = (s: unknown): string[] => {
  try {
    const v = JSON.parse(String(s ?? '[]')) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

interface TableSpec<T> {
  table: keyof Database;
  toRow(x: T): Row;
  fromRow(r: Row): T;
  /** Column that names the contact, for `contactId` filters. */
  contactColumn?: string;
  /** What "still open" means for this kind, for `openOnly`. */
  open?: { column: string; is: 'null' } | { column: string; equals: string };
  /** The day column `sinceDay` filters on. */
  dayColumn?: string;
  order: [string, 'asc' | 'desc'];
}

/** A record kind stored as one row in one table. */
function tableSpec<T extends { id: Id; ownerId: Id }>(spec: TableSpec<T>): RecordSpec<T> {
  const table = spec.table as 'follow_ups';
  return {
    async insert(db, x) {
      await db
        .insertInto(table)
        .values(spec.toRow(x) as never)
        .execute();
    },
    async update(db, x) {
      const { id, owner_id, ...rest } = spec.toRow(x);
      const res = await db
        .updateTable(table)
        .set(rest as never)
        .where('id', '=', id as string)
        .where('owner_id', '=', owner_id as string)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
    async list(db, ownerId, q) {
      let query = db.selectFrom(table).selectAll().where('owner_id', '=', ownerId);
      if (q.id) query = query.where('id', '=', q.id);
      if (q.contactId && spec.contactColumn) query = query.where(spec.contactColumn as 'contact_id', '=', q.contactId);
      if (q.openOnly && spec.open) {
        const o = spec.open;
        query = 'is' in o ? query.where(o.column as 'done_at', 'is', null) : query.where(o.column as 'text', '=', o.equals);
      }
      if (q.sinceDay && spec.dayColumn) query = query.where(spec.dayColumn as 'due_on', '>=', q.sinceDay);
      query = query.orderBy(spec.order[0] as 'created_at', spec.order[1]).orderBy('id');
      if (q.limit) query = query.limit(q.limit);
      const rows = (await query.execute()) as Row[];
      return rows.map((r) => spec.fromRow(r));
    },
    async remove(db, ownerId, id) {
      await db.deleteFrom(table).where('owner_id', '=', ownerId).where('id', '=', id).execute();
    },
  };
}

const followUp = tableSpec<FollowUp>({
  table: 'follow_ups',
  contactColumn: 'contact_id',
  open: { column: 'done_at', is: 'null' },
  order: ['created_at', 'asc'],
  toRow: (f) => ({
    id: f.id,
    owner_id: f.ownerId,
    contact_id: f.contactId,
    text: f.text,
    due_on: f.dueOn ?? null,
    done_at: f.doneAt ?? null,
    touchpoint_id: f.touchpointId ?? null,
    created_at: f.createdAt,
  }),
  fromRow: (r) => ({
    id: r.id as Id,
    ownerId: r.owner_id as Id,
    contactId: r.contact_id as Id,
    text: r.text as string,
    dueOn: (r.due_on as string | null) ?? null,
    doneAt: (r.done_at as string | null) ?? null,
    touchpointId: (r.touchpoint_id as string | null) ?? null,
    createdAt: r.created_at as string,
  }),
});

const commitment = tableSpec<Commitment>({
  table: 'commitments',
  contactColumn: 'contact_id',
  open: { column: 'status', equals: 'open' },
  order: ['created_at', 'asc'],
  toRow: (c) => ({
    id: c.id,
    owner_id: c.ownerId,
    contact_id: c.contactId,
    direction: c.direction,
    text: c.text,
    due_on: c.dueOn ?? null,
    status: c.status,
    resolved_on: c.resolvedOn ?? null,
    touchpoint_id: c.touchpointId ?? null,
    created_at: c.createdAt,
  }),
  fromRow: (r) => ({
    id: r.id as Id,
    ownerId: r.owner_id as Id,
    contactId: r.contact_id as Id,
    direction: r.direction as CommitmentDirection,
    text: r.text as string,
    dueOn: (r.due_on as string | null) ?? null,
    status: r.status as CommitmentStatus,
    resolvedOn: (r.resolved_on as string | null) ?? null,
    touchpointId: (r.touchpoint_id as string | null) ?? null,
    createdAt: r.created_at as string,
  }),
});

const ledger = tableSpec<LedgerEntry>({
  table: 'ledger_entries',
  contactColumn: 'contact_id',
  dayColumn: 'occurred_on',
  order: ['occurred_on', 'asc'],
  toRow: (l) => ({
    id: l.id,
    owner_id: l.ownerId,
    contact_id: l.contactId,
    direction: l.direction,
    kind: l.kind,
    note: l.note,
    occurred_on: l.occurredOn,
    is_public: l.isPublic ? 1 : 0,
    created_at: l.createdAt,
  }),
  fromRow: (r) => ({
    id: r.id as Id,
    ownerId: r.owner_id as Id,
    contactId: r.contact_id as Id,
    direction: r.direction as LedgerDirection,
    kind: r.kind as LedgerKind,
    note: r.note as string,
    occurredOn: r.occurred_on as string,
    isPublic: Number(r.is_public) === 1,
    createdAt: r.created_at as string,
  }),
});

const introductionRows = tableSpec<Introduction>({
  table: 'introductions',
  order: ['created_at', 'asc'],
  toRow: (i) => ({
    id: i.id,
    owner_id: i.ownerId,
    contact_a_id: i.contactAId,
    contact_b_id: i.contactBId,
    status: i.status,
    reason: i.reason,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  }),
  fromRow: (r) => ({
    id: r.id as Id,
    ownerId: r.owner_id as Id,
    contactAId: r.contact_a_id as Id,
    contactBId: r.contact_b_id as Id,
    status: r.status as IntroStatus,
    reason: r.reason as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  }),
});

const introduction: RecordSpec<Introduction> = {
  ...introductionRows,
  async list(db, ownerId, q) {
    const all = await introductionRows.list(db, ownerId, { ...q, contactId: undefined });
    return q.contactId ? all.filter((i) => i.contactAId === q.contactId || i.contactBId === q.contactId) : all;
  },
};

const post = tableSpec<Post>({
  table: 'posts',
  order: ['published_on', 'desc'],
  dayColumn: 'published_on',
  toRow: (p) => ({
    id: p.id,
    owner_id: p.ownerId,
    title: p.title,
    url: p.url ?? null,
    published_on: p.publishedOn,
    summary: p.summary,
    topics: JSON.stringify(p.topics),
    source: p.source ?? null,
    external_id: p.externalId ?? null,
    created_at: p.createdAt,
  }),
  fromRow: (r) => ({
    id: r.id as Id,
    ownerId: r.owner_id as Id,
    title: r.title as string,
    url: (r.url as string | null) ?? null,
    publishedOn: r.published_on as string,
    summary: r.summary as string,
    topics: parseList(r.topics),
    source: (r.source as string | null) ?? null,
    externalId: (r.external_id as string | null) ?? null,
    createdAt: r.created_at as string,
  }),
});

const postResponse = tableSpec<PostResponse>({
  table: 'post_responses',
  contactColumn: 'contact_id',
  open: { column: 'replied_at', is: 'null' },
  order: ['received_at', 'asc'],
  toRow: (p) => ({
    id: p.id,
    owner_id: p.ownerId,
    post_id: p.postId,
    contact_id: p.contactId ?? null,
    author_name: p.authorName ?? null,
    received_at: p.receivedAt,
    summary: p.summary,
    replied_at: p.repliedAt ?? null,
    created_at: p.createdAt,
  }),
  fromRow: (r) => ({
    id: r.id as Id,
    ownerId: r.owner_id as Id,
    postId: r.post_id as Id,
    contactId: (r.contact_id as string | null) ?? null,
    authorName: (r.author_name as string | null) ?? null,
    receivedAt: r.received_at as string,
    summary: r.summary as string,
    repliedAt: (r.replied_at as string | null) ?? null,
    createdAt: r.created_at as string,
  }),
});

const resource = tableSpec<Resource>({
  table: 'resources',
  order: ['created_at', 'asc'],
  toRow: (x) => ({
    id: x.id,
    owner_id: x.ownerId,
    url: x.url ?? null,
    title: x.title,
    topics: JSON.stringify(x.topics),
    notes: x.notes,
    created_at: x.createdAt,
  }),
  fromRow: (r) => ({
    id: r.id as Id,
    ownerId: r.owner_id as Id,
    url: (r.url as string | null) ?? null,
    title: r.title as string,
    topics: parseList(r.topics),
    notes: r.notes as string,
    createdAt: r.created_at as string,
  }),
});

/** A record kind with a list of contacts in a child table (community members, event attendees). */
function withMembers<T extends { id: Id; ownerId: Id }, M>(
  base: RecordSpec<T>,
  child: {
    table: 'community_members' | 'event_attendees';
    parent: 'community_id' | 'event_id';
    get(x: T): M[];
    set(x: T, members: M[]): T;
    toRow(m: M): { contact_id: Id; met?: number };
    fromRow(r: Row): M;
  },
): RecordSpec<T> {
  const writeMembers = async (db: Db, x: T): Promise<void> => {
    await db
      .deleteFrom(child.table)
      .where(child.parent as 'event_id', '=', x.id)
      .execute();
    const members = child.get(x);
    if (members.length === 0) return;
    await db
      .insertInto(child.table)
      .values(members.map((m, position) => ({ owner_id: x.ownerId, [child.parent]: x.id, position, ...child.toRow(m) })) as never)
      .execute();
  };
  return {
    async insert(db, x) {
      await base.insert(db, x);
      await writeMembers(db, x);
    },
    async update(db, x) {
      const n = await base.update(db, x);
      if (n > 0) await writeMembers(db, x);
      return n;
    },
    async list(db, ownerId, q) {
      let rows = await base.list(db, ownerId, { ...q, contactId: undefined, limit: q.contactId ? undefined : q.limit });
      if (rows.length === 0) return rows;
      // The members of these records only (by the primary key's first column), not of every record the owner has.
      const members: Row[] = [];
      const ids = rows.map((x) => x.id);
      for (let i = 0; i < ids.length; i += 500) {
        members.push(
          ...((await db
            .selectFrom(child.table)
            .selectAll()
            .where('owner_id', '=', ownerId)
            .where(child.parent as 'event_id', 'in', ids.slice(i, i + 500))
            .execute()) as Row[]),
        );
      }
      members.sort((x, y) => Number(x.position) - Number(y.position));
      const by = new Map<string, Row[]>();
      for (const m of members) {
        const key = m[child.parent] as string;
        const list = by.get(key) ?? [];
        list.push(m);
        by.set(key, list);
      }
      if (q.contactId) {
        rows = rows.filter((x) => (by.get(x.id) ?? []).some((m) => m.contact_id === q.contactId));
        if (q.limit) rows = rows.slice(0, q.limit);
      }
      return rows.map((x) =>
        child.set(
          x,
          (by.get(x.id) ?? []).map((m) => child.fromRow(m)),
        ),
      );
    },
    remove: base.remove,
  };
}

const community = withMembers<Community, Id>(
  tableSpec<Community>({
    table: 'communities',
    order: ['created_at', 'asc'],
    toRow: (c) => ({
      id: c.id,
      owner_id: c.ownerId,
      name: c.name,
      url: c.url ?? null,
      cadence_days: c.cadenceDays ?? null,
      notes: c.notes,
      created_at: c.createdAt,
    }),
    fromRow: (r) => ({
      id: r.id as Id,
      ownerId: r.owner_id as Id,
      name: r.name as string,
      url: (r.url as string | null) ?? null,
      cadenceDays: (r.cadence_days as number | null) ?? null,
      notes: r.notes as string,
      memberIds: [],
      createdAt: r.created_at as string,
    }),
  }),
  {
    table: 'community_members',
    parent: 'community_id',
    get: (c) => [...new Set(c.memberIds)],
    set: (c, memberIds) => ({ ...c, memberIds }),
    toRow: (id) => ({ contact_id: id }),
    fromRow: (r) => r.contact_id as Id,
  },
);

const event = withMembers<KithEvent, KithEvent['attendees'][number]>(
  tableSpec<KithEvent>({
    table: 'events',
    order: ['starts_on', 'asc'],
    dayColumn: 'starts_on',
    toRow: (e) => ({
      id: e.id,
      owner_id: e.ownerId,
      name: e.name,
      starts_on: e.startsOn,
      ends_on: e.endsOn ?? null,
      location: e.location ?? null,
      url: e.url ?? null,
      community_id: e.communityId ?? null,
      notes: e.notes,
      created_at: e.createdAt,
    }),
    fromRow: (r) => ({
      id: r.id as Id,
      ownerId: r.owner_id as Id,
      name: r.name as string,
      startsOn: r.starts_on as string,
      endsOn: (r.ends_on as string | null) ?? null,
      location: (r.location as string | null) ?? null,
      url: (r.url as string | null) ?? null,
      communityId: (r.community_id as string | null) ?? null,
      notes: r.notes as string,
      attendees: [],
      createdAt: r.created_at as string,
    }),
  }),
  {
    table: 'event_attendees',
    parent: 'event_id',
    get: (e) => {
      const seen = new Set<string>();
      return e.attendees.filter((a) => !seen.has(a.contactId) && seen.add(a.contactId));
    },
    set: (e, attendees) => ({ ...e, attendees }),
    toRow: (a) => ({ contact_id: a.contactId, met: a.met ? 1 : 0 }),
    fromRow: (r) => ({ contactId: r.contact_id as Id, met: Number(r.met) === 1 }),
  },
);

const jobChange = tableSpec<JobChange>({
  table: 'job_changes',
  contactColumn: 'contact_id',
  dayColumn: 'detected_on',
  order: ['detected_on', 'asc'],
  toRow: (j) => ({
    id: j.id,
    owner_id: j.ownerId,
    contact_id: j.contactId,
    from_company: j.fromCompany ?? null,
    to_company: j.toCompany,
    detected_on: j.detectedOn,
    created_at: j.createdAt,
  }),
  fromRow: (r) => ({
    id: r.id as Id,
    ownerId: r.owner_id as Id,
    contactId: r.contact_id as Id,
    fromCompany: (r.from_company as string | null) ?? null,
    toCompany: r.to_company as string,
    detectedOn: r.detected_on as string,
    createdAt: r.created_at as string,
  }),
});

export const RECORD_SPECS: { [K in RecordKind]: RecordSpec<RecordTypes[K]> } = {
  followUp,
  commitment,
  ledger,
  introduction,
  community,
  event,
  post,
  postResponse,
  resource,
  jobChange,
};
