/**
 * Row types of kith's tables, as Kysely sees them. Portable columns only:
 * text ids, ISO-8601 text instants, `YYYY-MM-DD` text days, JSON as text,
 * integers for numbers and booleans (0/1). Every row carries `owner_id`.
 */

export interface UsersTable {
  id: string;
  name: string;
  email: string | null;
  role: string;
  created_at: string;
  password_hash: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  email: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface CalendarFeedsTable {
  user_id: string;
  token: string;
  created_at: string;
}

export interface AgendaStatesTable {
  owner_id: string;
  item_id: string;
  snoozed_until: string | null;
  done_on: string | null;
  updated_at: string;
}

export interface JobChangesTable {
  id: string;
  owner_id: string;
  contact_id: string;
  from_company: string | null;
  to_company: string;
  detected_on: string;
  created_at: string;
}

export interface ProfilesTable {
  owner_id: string;
  data: string;
  updated_at: string;
}

export interface ContactsTable {
  id: string;
  owner_id: string;
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  nickname: string | null;
  company: string | null;
  title: string | null;
  location: string | null;
  time_zone: string | null;
  birthday: string | null;
  how_met: string | null;
  introduced_by_id: string | null;
  circle: string;
  cadence_days: number | null;
  paused_until: string | null;
  min_gap_days: number | null;
  preferred_channel: string | null;
  boundary_note: string | null;
  notes: string;
  photo: string | null;
  topics: string;
  employment: string;
  last_touch_at: string | null;
  /** Derived: the newest live touch's id when it is a message from them (dm, email, comment) the user has not answered. */
  awaiting_reply_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ContactIdentitiesTable {
  owner_id: string;
  contact_id: string;
  position: number;
  kind: string;
  value: string;
  label: string | null;
  normalized: string;
}

export interface ContactTagsTable {
  owner_id: string;
  contact_id: string;
  position: number;
  tag: string;
}

export interface TouchpointsTable {
  id: string;
  owner_id: string;
  kind: string;
  channel: string | null;
  initiated_by: string | null;
  occurred_at: string;
  summary: string;
  notes: string;
  topics: string;
  source: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface TouchpointParticipantsTable {
  owner_id: string;
  touchpoint_id: string;
  contact_id: string;
  position: number;
  /** Copied from the touchpoint so a contact's timeline and last touch come from one index. */
  occurred_at: string;
  /** Copied from the touchpoint: trashed touches do not count for a contact. */
  live: number;
}

export interface FollowUpsTable {
  id: string;
  owner_id: string;
  contact_id: string;
  text: string;
  due_on: string | null;
  done_at: string | null;
  touchpoint_id: string | null;
  created_at: string;
}

export interface CommitmentsTable {
  id: string;
  owner_id: string;
  contact_id: string;
  direction: string;
  text: string;
  due_on: string | null;
  status: string;
  resolved_on: string | null;
  touchpoint_id: string | null;
  created_at: string;
}

export interface LedgerEntriesTable {
  id: string;
  owner_id: string;
  contact_id: string;
  direction: string;
  kind: string;
  note: string;
  occurred_on: string;
  is_public: number;
  created_at: string;
}

export interface IntroductionsTable {
  id: string;
  owner_id: string;
  contact_a_id: string;
  contact_b_id: string;
  status: string;
  reason: string;
  created_at: string;
  updated_at: string;
}

export interface CommunitiesTable {
  id: string;
  owner_id: string;
  name: string;
  url: string | null;
  cadence_days: number | null;
  notes: string;
  created_at: string;
}

export interface CommunityMembersTable {
  owner_id: string;
  community_id: string;
  contact_id: string;
  position: number;
}

export interface EventsTable {
  id: string;
  owner_id: string;
  name: string;
  starts_on: string;
  ends_on: string | null;
  location: string | null;
  url: string | null;
  community_id: string | null;
  notes: string;
  created_at: string;
}

export interface EventAttendeesTable {
  owner_id: string;
  event_id: string;
  contact_id: string;
  position: number;
  met: number;
}

export interface PostsTable {
  id: string;
  owner_id: string;
  title: string;
  url: string | null;
  published_on: string;
  summary: string;
  topics: string;
  source: string | null;
  external_id: string | null;
  created_at: string;
}

export interface PostResponsesTable {
  id: string;
  owner_id: string;
  post_id: string;
  contact_id: string | null;
  author_name: string | null;
  received_at: string;
  summary: string;
  replied_at: string | null;
  created_at: string;
}

export interface ResourcesTable {
  id: string;
  owner_id: string;
  url: string | null;
  title: string;
  topics: string;
  notes: string;
  created_at: string;
}

/** Maps a search document to the full-text index row (FTS5 rowid on SQLite, a GIN-indexed row on PostgreSQL). */
export interface SearchDocsTable {
  id: number;
  owner_id: string;
  doc_kind: string;
  doc_id: string;
  /** What a list of search results shows of the record, as JSON (migration 0006). */
  card: string | null;
  /** SQLite, contacts only: the document's folded words, space-separated (migration 0007). */
  terms?: string | null;
}

export interface MigrationsTable {
  name: string;
  applied_at: string;
}

export interface Database {
  users: UsersTable;
  profiles: ProfilesTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  contact_tags: ContactTagsTable;
  touchpoints: TouchpointsTable;
  touchpoint_participants: TouchpointParticipantsTable;
  follow_ups: FollowUpsTable;
  commitments: CommitmentsTable;
  ledger_entries: LedgerEntriesTable;
  introductions: IntroductionsTable;
  communities: CommunitiesTable;
  community_members: CommunityMembersTable;
  events: EventsTable;
  event_attendees: EventAttendeesTable;
  posts: PostsTable;
  post_responses: PostResponsesTable;
  resources: ResourcesTable;
  search_docs: SearchDocsTable;
  kith_migrations: MigrationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  invitations: InvitationsTable;
  calendar_feeds: CalendarFeedsTable;
  agenda_states: AgendaStatesTable;
  job_changes: JobChangesTable;
}
