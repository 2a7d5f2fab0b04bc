/**
 * Migrations: a static list, frozen in time. Never edit a migration that has
 * shipped; add a new one. Each runs in its own transaction with its record
 * (SQLite and PostgreSQL both have transactional DDL), so a failing migration
 * leaves the database as it was.
 */
import { sql, type Kysely } from 'kysely';
import { searchText } from '../core/text-fold.js';
import { contactFromRow } from './contact-rows.js';
import type { ContactsTable } from './schema.js';
import { contactSearchText, docTerms } from './search-text.js';
import type { Dialect } from './store.js';

export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

async function createTables(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('profiles')
    .addColumn('owner_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('nickname', 'text')
    .addColumn('company', 'text')
    .addColumn('title', 'text')
    .addColumn('location', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('birthday', 'text')
    .addColumn('how_met', 'text')
    .addColumn('introduced_by_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('circle', 'text', (c) => c.notNull())
    .addColumn('cadence_days', 'integer')
    .addColumn('paused_until', 'text')
    .addColumn('min_gap_days', 'integer')
    .addColumn('preferred_channel', 'text')
    .addColumn('boundary_note', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('photo', 'text')
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('employment', 'text', (c) => c.notNull())
    .addColumn('last_touch_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await s.createIndex('contacts_owner_name').on('contacts').columns(['owner_id', 'display_name']).execute();
  await s.createIndex('contacts_owner_touch').on('contacts').columns(['owner_id', 'last_touch_at']).execute();

  await s
    .createTable('contact_identities')
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_identities_pk', ['contact_id', 'position'])
    .execute();
  await s.createIndex('contact_identities_lookup').on('contact_identities').columns(['owner_id', 'normalized', 'kind']).execute();

  await s
    .createTable('contact_tags')
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_tags_pk', ['contact_id', 'position'])
    .execute();
  await s.createIndex('contact_tags_tag').on('contact_tags').columns(['owner_id', 'tag']).execute();

  await s
    .createTable('touchpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('initiated_by', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await s.createIndex('touchpoints_owner_time').on('touchpoints').columns(['owner_id', 'occurred_at']).execute();
  await s
    .createIndex('touchpoints_external')
    .on('touchpoints')
    .columns(['owner_id', 'source', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();

  await s
    .createTable('touchpoint_participants')
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('touchpoint_id', 'text', (c) => c.notNull().references('touchpoints.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('live', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('touchpoint_participants_pk', ['touchpoint_id', 'contact_id'])
    .execute();
  await s
    .createIndex('touchpoint_participants_contact')
    .on('touchpoint_participants')
    .columns(['contact_id', 'live', 'occurred_at'])
    .execute();

  const contactRef = (t: string) =>
    s
      .createTable(t)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'));

  await contactRef('follow_ups')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('done_at', 'text')
    .addColumn('touchpoint_id', 'text', (c) => c.references('touchpoints.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('follow_ups_contact').on('follow_ups').columns(['contact_id']).execute();
  await s.createIndex('follow_ups_open').on('follow_ups').columns(['owner_id', 'done_at', 'due_on']).execute();

  await contactRef('commitments')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_on', 'text')
    .addColumn('touchpoint_id', 'text', (c) => c.references('touchpoints.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('commitments_contact').on('commitments').columns(['contact_id']).execute();
  await s.createIndex('commitments_open').on('commitments').columns(['owner_id', 'status', 'due_on']).execute();

  await contactRef('ledger_entries')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('ledger_contact').on('ledger_entries').columns(['contact_id', 'occurred_on']).execute();
  await s.createIndex('ledger_owner_day').on('ledger_entries').columns(['owner_id', 'occurred_on']).execute();

  await contactRef('introductions')
    .addColumn('contact_a_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('contact_b_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('introductions_owner').on('introductions').columns(['owner_id']).execute();

  await contactRef('communities')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('cadence_days', 'integer')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('communities_owner').on('communities').columns(['owner_id']).execute();

  await s
    .createTable('community_members')
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('community_members_pk', ['community_id', 'contact_id'])
    .execute();
  await s.createIndex('community_members_contact').on('community_members').columns(['contact_id']).execute();

  await contactRef('events')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('location', 'text')
    .addColumn('url', 'text')
    .addColumn('community_id', 'text', (c) => c.references('communities.id').onDelete('set null'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('events_owner_day').on('events').columns(['owner_id', 'starts_on']).execute();

  await s
    .createTable('event_attendees')
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('met', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_attendees_pk', ['event_id', 'contact_id'])
    .execute();
  await s.createIndex('event_attendees_contact').on('event_attendees').columns(['contact_id']).execute();

  await contactRef('posts')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('posts_owner_day').on('posts').columns(['owner_id', 'published_on']).execute();
  await s
    .createIndex('posts_external')
    .on('posts')
    .columns(['owner_id', 'source', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();

  await contactRef('post_responses')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('author_name', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('replied_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('post_responses_post').on('post_responses').columns(['post_id']).execute();
  await s.createIndex('post_responses_contact').on('post_responses').columns(['contact_id']).execute();

  await contactRef('resources')
    .addColumn('url', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('resources_owner').on('resources').columns(['owner_id']).execute();

  // Full-text search. The text in the index is folded by core/text-fold.ts before it
  // gets here, so both databases match names the same way.
  if (dialect === 'sqlite') {
    await sql`CREATE TABLE search_docs (
      id INTEGER PRIMARY KEY,
      owner_id TEXT NOT NULL,
      doc_kind TEXT NOT NULL,
      doc_id TEXT NOT NULL,
      UNIQUE (doc_kind, doc_id)
    )`.execute(db);
    // contentless_delete: the index stores no copy of the text, yet rows can be deleted by rowid.
    // The owner's id is indexed as a column of its own so that a query filters by owner
    // inside the index, before ranking and LIMIT.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      owner, names, body, content='', contentless_delete=1,
      tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
  } else {
    await sql`CREATE TABLE search_docs (
      id BIGSERIAL PRIMARY KEY,
      owner_id TEXT NOT NULL,
      doc_kind TEXT NOT NULL,
      doc_id TEXT NOT NULL,
      tsv TSVECTOR NOT NULL,
      UNIQUE (doc_kind, doc_id)
    )`.execute(db);
    await sql`CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv)`.execute(db);
  }
  await s.createIndex('search_docs_owner').on('search_docs').columns(['owner_id', 'doc_kind']).execute();
}

/** Accounts (passwords, sessions, API tokens, invitations, login backoff, calendar feeds), agenda state and job changes. */
async function accountsAndAgenda(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s.alterTable('users').addColumn('password_hash', 'text').execute();
  await s.createIndex('users_email').on('users').column('email').unique().where(sql.ref('email'), 'is not', null).execute();
  await s
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await s
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await s.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
  await s
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
  await s
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await s
    .createTable('calendar_feeds')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('agenda_states')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('snoozed_until', 'text')
    .addColumn('done_on', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agenda_states_pk', ['owner_id', 'item_id'])
    .execute();
  await s
    .createTable('job_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('from_company', 'text')
    .addColumn('to_company', 'text', (c) => c.notNull())
    .addColumn('detected_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('job_changes_owner_day').on('job_changes').columns(['owner_id', 'detected_on']).execute();
  await s.createIndex('job_changes_contact').on('job_changes').column('contact_id').execute();
  // Inbound messages awaiting a reply are found from the participants' newest touches.
  await s
    .createIndex('touchpoints_owner_initiator')
    .on('touchpoints')
    .columns(['owner_id', 'initiated_by', 'occurred_at'])
    .execute();
}

/**
 * For an UPDATE of `contacts`: the id of the contact's newest live touch when that touch is a
 * message from them (the latest id among such touches at the newest instant), else null.
 */
export const AWAITING_REPLY_OF_CONTACT = sql`SELECT max(t.id) FROM touchpoint_participants p JOIN touchpoints t ON t.id = p.touchpoint_id
  WHERE p.contact_id = contacts.id AND p.live = 1 AND p.occurred_at = contacts.last_touch_at
    AND t.initiated_by = 'them' AND t.kind IN ('dm', 'email', 'comment')`;

/**
 * Indexes that let the agenda read only what can reach the top of the list.
 * Check-ins: for one circle and one cadence (a circle's default, or a contact's own)
 * the score only grows with the time since the last touch, so walking this index in
 * (last touch day, id) order yields that group's check-ins best first. Birthdays:
 * the month and day, so the next week's birthdays are a handful of index seeks. Lean:
 * what ranking needs of the contacts other rows are about, without reading their rows.
 * PostgreSQL compares these text keys bytewise ("C"), as the agenda's ranking does.
 */
async function agendaIndexes(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // Whose newest touch is a message from them: the Store keeps this with the last touch.
  await sql`ALTER TABLE contacts ADD COLUMN awaiting_reply_id text`.execute(db);
  await sql`UPDATE contacts SET awaiting_reply_id = (${AWAITING_REPLY_OF_CONTACT}) WHERE last_touch_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX contacts_awaiting ON contacts (owner_id, last_touch_at) WHERE awaiting_reply_id IS NOT NULL AND deleted_at IS NULL`.execute(
    db,
  );
  const since = sql`substr(coalesce(last_touch_at, created_at), 1, 10)`;
  if (dialect === 'sqlite') {
    await sql`CREATE INDEX contacts_checkin ON contacts (owner_id, circle, cadence_days, ${since}, id) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX contacts_birthday ON contacts (owner_id, substr(birthday, -5)) WHERE deleted_at IS NULL AND birthday IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE INDEX contacts_lean ON contacts (owner_id, id, display_name, given_name, circle, cadence_days, created_at, last_touch_at, paused_until, min_gap_days) WHERE deleted_at IS NULL`.execute(
      db,
    );
  } else {
    await sql`CREATE INDEX contacts_checkin ON contacts (owner_id, circle, cadence_days, (${since}) COLLATE "C", id COLLATE "C") WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX contacts_birthday ON contacts (owner_id, right(birthday, 5)) WHERE deleted_at IS NULL AND birthday IS NOT NULL`.execute(
      db,
    );
    // PostgreSQL's B-tree carries the other columns as payload.
    await sql`CREATE INDEX contacts_lean ON contacts (owner_id, id) INCLUDE (display_name, given_name, circle, cadence_days, created_at, last_touch_at, paused_until, min_gap_days) WHERE deleted_at IS NULL`.execute(
      db,
    );
  }
}

/**
 * A names-only search index next to the full one. Search looks for names first, and a
 * column filter on the full index (`names : "about"`) walks every record containing the
 * word to find the few with it in a name: 54 ms for a common word at 100 000 contacts,
 * where this index answers in well under a millisecond. Filled from the live contacts.
 */
async function searchNames(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    // The names are the tsvector's weight-A lexemes.
    await sql`ALTER TABLE search_docs ADD COLUMN names_tsv TSVECTOR NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`UPDATE search_docs SET names_tsv = ts_filter(tsv, '{a}') WHERE doc_kind = 'contact'`.execute(db);
    await sql`CREATE INDEX search_docs_names ON search_docs USING GIN (names_tsv)`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE search_names USING fts5(
    names, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
  )`.execute(db);
  // The full index keeps no text: the names come from the contacts again, folded as the Store folds them.
  const rows = await sql<{
    id: number;
    display_name: string;
    given_name: string | null;
    family_name: string | null;
    nickname: string | null;
  }>`
    SELECT d.id, c.display_name, c.given_name, c.family_name, c.nickname
    FROM search_docs d JOIN contacts c ON c.id = d.doc_id WHERE d.doc_kind = 'contact'`.execute(db);
  for (let i = 0; i < rows.rows.length; i += 500) {
    const chunk = rows.rows.slice(i, i + 500);
    await sql`INSERT INTO search_names (rowid, names) VALUES ${sql.join(
      chunk.map((r) => sql`(${r.id}, ${searchText(r.display_name, r.given_name, r.family_name, r.nickname)})`),
    )}`.execute(db);
  }
}

/**
 * Indexes that let the agenda rank follow-ups, promises, replies, give-first nudges and reader
 * responses in SQL and read only the first few of each (Store.listAgendaCandidates): each walks
 * the open or recent rows of its kind from an index that holds what the score needs, joined with
 * the contact through `contacts_lean`, instead of reading every row and its contact in JavaScript.
 * `contacts_awaiting_rank` holds what a reply's score needs, so it replaces `contacts_awaiting`, and
 * `contacts_birthday` now holds what ranking needs of the week's birthdays (the lean columns).
 */
async function agendaRankIndexes(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await sql`CREATE INDEX commitments_agenda ON commitments (owner_id, due_on, contact_id, id) WHERE status = 'open' AND direction = 'mine'`.execute(
    db,
  );
  await sql`CREATE INDEX follow_ups_agenda ON follow_ups (owner_id, due_on, contact_id, id) WHERE done_at IS NULL`.execute(db);
  await sql`CREATE INDEX ledger_agenda ON ledger_entries (owner_id, direction, occurred_on, contact_id)`.execute(db);
  await sql`CREATE INDEX ledger_contact_direction ON ledger_entries (contact_id, direction, occurred_on, owner_id)`.execute(db);
  await sql`CREATE INDEX post_responses_open ON post_responses (owner_id, received_at, contact_id) WHERE replied_at IS NULL`.execute(
    db,
  );
  await sql`DROP INDEX contacts_awaiting`.execute(db);
  await sql`DROP INDEX contacts_birthday`.execute(db);
  const lean = 'display_name, given_name, circle, cadence_days, created_at, last_touch_at, paused_until, min_gap_days';
  if (dialect === 'sqlite') {
    // SQLite reads an index alone only when it holds every column the query names, the partial
    // index's own condition (deleted_at IS NULL) included: contacts_lean gains deleted_at.
    await sql`DROP INDEX contacts_lean`.execute(db);
    await sql`CREATE INDEX contacts_lean ON contacts (owner_id, id, ${sql.raw(lean)}, deleted_at) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX contacts_awaiting_rank ON contacts (owner_id, last_touch_at, circle, cadence_days, created_at, paused_until, min_gap_days, id, awaiting_reply_id, deleted_at)
      WHERE awaiting_reply_id IS NOT NULL AND deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX contacts_birthday ON contacts (owner_id, substr(birthday, -5), id, birthday, ${sql.raw(lean)}, deleted_at)
      WHERE deleted_at IS NULL AND birthday IS NOT NULL`.execute(db);
  } else {
    await sql`CREATE INDEX contacts_awaiting_rank ON contacts (owner_id, last_touch_at)
      INCLUDE (circle, cadence_days, created_at, paused_until, min_gap_days, id, awaiting_reply_id)
      WHERE awaiting_reply_id IS NOT NULL AND deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX contacts_birthday ON contacts (owner_id, right(birthday, 5)) INCLUDE (id, birthday, ${sql.raw(lean)})
      WHERE deleted_at IS NULL AND birthday IS NOT NULL`.execute(db);
  }
}

/**
 * Search cards: with each search_docs row, the fields a list of results shows of its record
 * (a contact's name, company and title; a touchpoint's kind, time, summary and people), as
 * JSON. Search reads the search_docs row of every hit anyway, so showing a page of hits no
 * longer reads 20 random rows of the contacts and touchpoints tables and their participants:
 * at 100 000 contacts those reads cost more than the full-text query itself.
 */
async function searchCards(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await sql`ALTER TABLE search_docs ADD COLUMN card TEXT`.execute(db);
  if (dialect === 'sqlite') {
    await sql`UPDATE search_docs SET card = (
        SELECT json_array(c.display_name, c.company, c.title) FROM contacts c WHERE c.id = search_docs.doc_id)
      WHERE doc_kind = 'contact'`.execute(db);
    await sql`UPDATE search_docs SET card = (
        SELECT json_array(t.kind, t.occurred_at, t.summary, (
          SELECT json_group_array(p.contact_id ORDER BY p.position) FROM touchpoint_participants p WHERE p.touchpoint_id = t.id))
        FROM touchpoints t WHERE t.id = search_docs.doc_id)
      WHERE doc_kind = 'touchpoint'`.execute(db);
    return;
  }
  await sql`UPDATE search_docs d SET card = json_build_array(c.display_name, c.company, c.title)::text
    FROM contacts c WHERE d.doc_kind = 'contact' AND c.id = d.doc_id`.execute(db);
  await sql`UPDATE search_docs d SET card = json_build_array(t.kind, t.occurred_at, t.summary, coalesce((
      SELECT json_agg(p.contact_id ORDER BY p.position) FROM touchpoint_participants p WHERE p.touchpoint_id = t.id), '[]'::json))::text
    FROM touchpoints t WHERE d.doc_kind = 'touchpoint' AND t.id = d.doc_id`.execute(db);
}

/**
 * The contact list's text filter (`GET /contacts?q=`): an index of the contacts' search
 * documents alone, and the live contacts in name order. Finding the contacts with a common
 * word walked the full index's rows of every touchpoint with it (855 000 of a million notes
 * for `about`); this index holds only contacts, with prefix indexes for the 1 to 3 letters
 * someone has typed so far, so its query reads only contacts' rows. The name-ordered index
 * lets a page stop after its first rows when most contacts match.
 * On SQLite a contentless FTS5 table `search_contacts` with the rowids of `search_docs`, and the
 * document's words on the contact's `search_docs` row (`terms`), which the walk through the names
 * tests; both filled here from the contacts already indexed. On PostgreSQL a partial GIN index of
 * the contact rows (the walk tests their tsvector).
 */
async function contactSearch(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`CREATE INDEX search_docs_contacts ON search_docs USING GIN (tsv) WHERE doc_kind = 'contact'`.execute(db);
    await sql`CREATE INDEX contacts_by_name ON contacts (owner_id, display_name, id) INCLUDE (circle) WHERE deleted_at IS NULL`.execute(
      db,
    );
    return;
  }
  // deleted_at in the index too, so SQLite reads it alone (see agendaRankIndexes).
  await sql`CREATE INDEX contacts_by_name ON contacts (owner_id, display_name, id, circle, deleted_at) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`ALTER TABLE search_docs ADD COLUMN terms TEXT`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_contacts USING fts5(
    names, body, content='', contentless_delete=1, prefix='1 2 3', tokenize='unicode61 remove_diacritics 2'
  )`.execute(db);
  // The full index keeps no text: it comes from the contacts again, as the Store makes it.
  let after = -1;
  for (;;) {
    const rows = (
      await sql<ContactsTable & { rowid: number }>`SELECT d.id AS rowid, c.* FROM search_docs d JOIN contacts c ON c.id = d.doc_id
        WHERE d.doc_kind = 'contact' AND d.id > ${after} ORDER BY d.id LIMIT 2000`.execute(db)
    ).rows;
    const last = rows[rows.length - 1];
    if (!last) break;
    after = last.rowid;
    const ids = rows.map((r) => r.id);
    const identities = groupBy(
      (
        await sql<{ contact_id: string; kind: string; value: string; label: string | null }>`
          SELECT contact_id, kind, value, label FROM contact_identities
          WHERE contact_id IN (${sql.join(ids)}) ORDER BY contact_id, position`.execute(db)
      ).rows,
    );
    const tags = groupBy(
      (
        await sql<{ contact_id: string; tag: string }>`SELECT contact_id, tag FROM contact_tags
          WHERE contact_id IN (${sql.join(ids)}) ORDER BY contact_id, position`.execute(db)
      ).rows,
    );
    const text = rows.map((r) => ({
      rowid: r.rowid,
      ...contactSearchText(
        contactFromRow(
          r,
          identities.get(r.id) ?? [],
          (tags.get(r.id) ?? []).map((t) => t.tag),
        ),
      ),
    }));
    for (const t of text) await sql`UPDATE search_docs SET terms = ${docTerms('contact', t)} WHERE id = ${t.rowid}`.execute(db);
    for (let i = 0; i < text.length; i += 200) {
      await sql`INSERT INTO search_contacts (rowid, names, body) VALUES ${sql.join(
        text.slice(i, i + 200).map((t) => sql`(${t.rowid}, ${t.names}, ${t.body})`),
      )}`.execute(db);
    }
  }
}

/**
 * The agenda's ranked kinds by circle. A promise, follow-up, ask or unanswered message scores
 * its own urgency plus its contact's circle (10 inner … -5 dormant) plus at most 5, so the best
 * few of a large network are found circle by circle: the inner circle's rows first, and a lower
 * circle's rows only when their best possible score still reaches the last of the few found.
 * At 100 000 contacts that reads a few hundred rows instead of joining every open promise (7 500
 * due) with its contact. The promise, follow-up and ledger rows keep their contact's circle
 * (`contact_circle`), kept true by triggers on every write path: a row inserted or moved to
 * another contact takes that contact's circle, and a contact's new circle is copied to its rows.
 * Who awaits a reply is already on the contact: its index is now ordered by circle first.
 */
async function agendaByCircle(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const tables = ['commitments', 'follow_ups', 'ledger_entries'] as const;
  for (const t of tables) await sql`ALTER TABLE ${sql.table(t)} ADD COLUMN contact_circle TEXT`.execute(db);
  if (dialect === 'sqlite') {
    for (const t of tables) {
      const table = sql.table(t);
      await sql`UPDATE ${table} SET contact_circle = (SELECT c.circle FROM contacts c WHERE c.id = ${table}.contact_id)`.execute(
        db,
      );
      const set = sql`UPDATE ${table} SET contact_circle = (SELECT c.circle FROM contacts c WHERE c.id = NEW.contact_id) WHERE rowid = NEW.rowid;`;
      await sql`CREATE TRIGGER ${sql.raw(`${t}_circle_insert`)} AFTER INSERT ON ${table} BEGIN ${set} END`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`${t}_circle_move`)} AFTER UPDATE OF contact_id ON ${table} BEGIN ${set} END`.execute(
        db,
      );
    }
    await sql`CREATE TRIGGER contacts_circle_copy AFTER UPDATE OF circle ON contacts WHEN OLD.circle IS NOT NEW.circle BEGIN
      ${sql.join(
        tables.map((t) => sql`UPDATE ${sql.table(t)} SET contact_circle = NEW.circle WHERE contact_id = NEW.id;`),
        sql` `,
      )}
      END`.execute(db);
  } else {
    for (const t of tables)
      await sql`UPDATE ${sql.table(t)} r SET contact_circle = c.circle FROM contacts c WHERE c.id = r.contact_id`.execute(db);
    await sql`CREATE FUNCTION kith_row_circle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.contact_circle := (SELECT c.circle FROM contacts c WHERE c.id = NEW.contact_id); RETURN NEW; END $$`.execute(db);
    for (const t of tables)
      await sql`CREATE TRIGGER ${sql.raw(`${t}_circle`)} BEFORE INSERT OR UPDATE OF contact_id ON ${sql.table(t)}
        FOR EACH ROW EXECUTE FUNCTION kith_row_circle()`.execute(db);
    await sql`CREATE FUNCTION kith_contact_circle_copy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${sql.raw(tables.map((t) => `UPDATE ${t} SET contact_circle = NEW.circle WHERE contact_id = NEW.id;`).join(' '))}
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER contacts_circle_copy AFTER UPDATE OF circle ON contacts
      FOR EACH ROW WHEN (OLD.circle IS DISTINCT FROM NEW.circle) EXECUTE FUNCTION kith_contact_circle_copy()`.execute(db);
  }
  // The status, direction and deleted_at columns ride along so SQLite reads the index alone (see agendaRankIndexes).
  const covering = dialect === 'sqlite';
  await sql`CREATE INDEX commitments_by_circle ON commitments (owner_id, contact_circle, due_on, contact_id, id${sql.raw(covering ? ', status, direction' : '')})
    WHERE status = 'open' AND direction = 'mine' AND due_on IS NOT NULL`.execute(db);
  await sql`CREATE INDEX follow_ups_by_circle ON follow_ups (owner_id, contact_circle, due_on, contact_id, id${sql.raw(covering ? ', done_at' : '')})
    WHERE done_at IS NULL AND due_on IS NOT NULL`.execute(db);
  await sql`CREATE INDEX ledger_asks_by_circle ON ledger_entries (owner_id, contact_circle, occurred_on, contact_id${sql.raw(covering ? ', direction' : '')})
    WHERE direction = 'ask'`.execute(db);
  await sql`DROP INDEX contacts_awaiting_rank`.execute(db);
  if (covering)
    await sql`CREATE INDEX contacts_awaiting_rank ON contacts (owner_id, circle, last_touch_at, cadence_days, created_at, paused_until, min_gap_days, id, awaiting_reply_id, deleted_at)
      WHERE awaiting_reply_id IS NOT NULL AND deleted_at IS NULL`.execute(db);
  else
    await sql`CREATE INDEX contacts_awaiting_rank ON contacts (owner_id, circle, last_touch_at)
      INCLUDE (cadence_days, created_at, paused_until, min_gap_days, id, awaiting_reply_id)
      WHERE awaiting_reply_id IS NOT NULL AND deleted_at IS NULL`.execute(db);
}

/** Rows by their contact. */
function groupBy<R extends { contact_id: string }>(rows: R[]): Map<string, R[]> {
  const by = new Map<string, R[]>();
  for (const r of rows) {
    const list = by.get(r.contact_id);
    if (list) list.push(r);
    else by.set(r.contact_id, [r]);
  }
  return by;
}

/** Every migration kith has ever shipped, in order. */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001_initial', up: createTables },
  { name: '0002_accounts_agenda', up: accountsAndAgenda },
  { name: '0003_agenda_indexes', up: agendaIndexes },
  { name: '0004_search_names', up: searchNames },
  { name: '0005_agenda_rank_indexes', up: agendaRankIndexes },
  { name: '0006_search_cards', up: searchCards },
  { name: '0007_contact_search', up: contactSearch },
  { name: '0008_agenda_by_circle', up: agendaByCircle },
];
