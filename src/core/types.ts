/**
 * kith's domain model. Plain data, no behaviour: every face, the Store and the
 * pure decisions in core/ speak these types.
 *
 * Conventions: ids are opaque text (UUIDv7 from the ids port); instants are
 * ISO-8601 UTC strings (`2026-11-26T09:30:00.000Z`); calendar days are
 * `YYYY-MM-DD` strings; a birthday without a year is `--MM-DD` (RFC 6350 form).
 * Every stored row carries `ownerId`, the user it belongs to.
 */

export type Id = string;
/** ISO-8601 instant in UTC, e.g. `2026-11-26T09:30:00.000Z`. */
export type Instant = string;
/** Calendar day, `YYYY-MM-DD`. */
export type Day = string;

export const CIRCLES = ['inner', 'active', 'network', 'dormant'] as const;
export type Circle = (typeof CIRCLES)[number];

export const TOPIC_KINDS = ['interest', 'goal', 'side-project', 'challenge', 'can-help', 'looking-for'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export const IDENTITY_KINDS = ['email', 'phone', 'linkedin', 'github', 'blog', 'site', 'url', 'other'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const TOUCH_KINDS = [
  'coffee',
  'video',
  'call',
  'dm',
  'email',
  'event',
  'comment',
  'code-review',
  'mentoring',
  'intro',
  'shout-out',
  'other',
] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const INITIATORS = ['me', 'them'] as const;
export type Initiator = (typeof INITIATORS)[number];

export const CHANNELS = ['in-person', 'video', 'phone', 'email', 'linkedin', 'chat', 'social', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const COMMITMENT_DIRECTIONS = ['mine', 'theirs'] as const;
export type CommitmentDirection = (typeof COMMITMENT_DIRECTIONS)[number];

export const COMMITMENT_STATUSES = ['open', 'kept', 'broken'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const LEDGER_DIRECTIONS = ['give', 'ask', 'receive'] as const;
export type LedgerDirection = (typeof LEDGER_DIRECTIONS)[number];

export const LEDGER_KINDS = ['intro', 'resource', 'review', 'mentoring', 'referral', 'recommendation', 'help', 'thanks'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const INTRO_STATUSES = ['proposed', 'asked', 'accepted', 'made', 'declined'] as const;
export type IntroStatus = (typeof INTRO_STATUSES)[number];

export interface Identity {
  kind: IdentityKind;
  /** As the user typed or the source gave it. */
  value: string;
  /** Optional label, e.g. `work`, `home`. */
  label?: string | null;
}

export interface Topic {
  kind: TopicKind;
  text: string;
}

/** A job held by a contact or by the user. `from`/`to` are days or `YYYY-MM`/`YYYY`; open-ended when `to` is null. */
export interface Employment {
  company: string;
  title?: string | null;
  from?: string | null;
  to?: string | null;
}

/** What the agenda must respect for this person. */
export interface Boundaries {
  /** No nudges before this day. */
  pausedUntil?: Day | null;
  /** At least this many days between two touches I start. */
  minGapDays?: number | null;
  preferredChannel?: Channel | null;
  /** Free text, e.g. "no calls before 10". */
  note?: string | null;
}

export interface Contact {
  id: Id;
  ownerId: Id;
  /** How the name is shown, in any script. */
  displayName: string;
  givenName?: string | null;
  familyName?: string | null;
  nickname?: string | null;
  identities: Identity[];
  company?: string | null;
  title?: string | null;
  employment: Employment[];
  location?: string | null;
  timeZone?: string | null;
  /** `YYYY-MM-DD` or `--MM-DD` when the year is unknown. */
  birthday?: string | null;
  howMet?: string | null;
  introducedById?: Id | null;
  circle: Circle;
  /** Days between check-ins; null means the circle's default. */
  cadenceDays?: number | null;
  boundaries: Boundaries;
  topics: Topic[];
  tags: string[];
  /** Markdown. */
  notes: string;
  /** Photo as a data URI or URL, kept from imports. */
  photo?: string | null;
  /** The newest touchpoint's instant, kept up to date by the Store (denormalised for the agenda). */
  lastTouchAt?: Instant | null;
  createdAt: Instant;
  updatedAt: Instant;
  /** Set while the contact is in the trash. */
  deletedAt?: Instant | null;
}

export interface Touchpoint {
  id: Id;
  ownerId: Id;
  kind: TouchKind;
  channel?: Channel | null;
  initiatedBy?: Initiator | null;
  occurredAt: Instant;
  /** 1..n contacts. */
  participantIds: Id[];
  summary: string;
  notes: string;
  topics: string[];
  /** Where it came from (`cli`, `linkedin-messages`, `mbox`, `ics`, …) and the id it had there: re-imports are idempotent on the pair. */
  source?: string | null;
  externalId?: string | null;
  createdAt: Instant;
  updatedAt: Instant;
  deletedAt?: Instant | null;
}

export interface FollowUp {
  id: Id;
  ownerId: Id;
  contactId: Id;
  text: string;
  dueOn?: Day | null;
  doneAt?: Instant | null;
  /** The touchpoint it came out of, if any. */
  touchpointId?: Id | null;
  createdAt: Instant;
}

export interface Commitment {
  id: Id;
  ownerId: Id;
  contactId: Id;
  direction: CommitmentDirection;
  text: string;
  dueOn?: Day | null;
  status: CommitmentStatus;
  resolvedOn?: Day | null;
  touchpointId?: Id | null;
  createdAt: Instant;
}

export interface LedgerEntry {
  id: Id;
  ownerId: Id;
  contactId: Id;
  direction: LedgerDirection;
  kind: LedgerKind;
  note: string;
  occurredOn: Day;
  /** For thanks: said in public (a shout-out) or privately. */
  isPublic?: boolean;
  createdAt: Instant;
}

export interface Introduction {
  id: Id;
  ownerId: Id;
  contactAId: Id;
  contactBId: Id;
  status: IntroStatus;
  /** Why these two should meet. */
  reason: string;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface Community {
  id: Id;
  ownerId: Id;
  name: string;
  url?: string | null;
  /** How often the user wants to take part, in days. */
  cadenceDays?: number | null;
  notes: string;
  memberIds: Id[];
  createdAt: Instant;
}

export interface EventAttendee {
  contactId: Id;
  /** Met in person there (raises the post-event follow-up), not only listed. */
  met: boolean;
}

export interface KithEvent {
  id: Id;
  ownerId: Id;
  name: string;
  startsOn: Day;
  endsOn?: Day | null;
  location?: string | null;
  url?: string | null;
  communityId?: Id | null;
  notes: string;
  attendees: EventAttendee[];
  createdAt: Instant;
}

export interface Post {
  id: Id;
  ownerId: Id;
  title: string;
  url?: string | null;
  publishedOn: Day;
  summary: string;
  topics: string[];
  source?: string | null;
  externalId?: string | null;
  createdAt: Instant;
}

export interface PostResponse {
  id: Id;
  ownerId: Id;
  postId: Id;
  contactId?: Id | null;
  /** Who responded, when not a known contact. */
  authorName?: string | null;
  receivedAt: Instant;
  summary: string;
  repliedAt?: Instant | null;
  createdAt: Instant;
}

export interface Resource {
  id: Id;
  ownerId: Id;
  url?: string | null;
  title: string;
  topics: string[];
  notes: string;
  createdAt: Instant;
}

/** A change of employer seen on re-import (P10); raises a job-change agenda item. */
export interface JobChange {
  id: Id;
  ownerId: Id;
  contactId: Id;
  fromCompany: string | null;
  toCompany: string;
  detectedOn: Day;
  createdAt: Instant;
}

export type CadenceDefaults = Record<Circle, number | null>;

export const DEFAULT_CADENCE: CadenceDefaults = { inner: 30, active: 90, network: 180, dormant: null };

/** The user's own profile and settings. One per user. */
export interface Profile {
  ownerId: Id;
  name: string;
  emails: string[];
  /** The user's own profile URLs (LinkedIn, GitHub, blog…), used to tell direction on import. */
  urls: string[];
  employment: Employment[];
  schedulingLink?: string | null;
  timeZone: string;
  /** Touchpoints per week the user aims for. */
  weeklyGoal: number;
  /** Items on the daily agenda. */
  dailyBudget: number;
  cadenceDefaults: CadenceDefaults;
  /** Posts per month the user aims for (P1). */
  postsPerMonth: number;
  updatedAt: Instant;
}

export const DEFAULT_PROFILE: Omit<Profile, 'ownerId' | 'updatedAt'> = {
  name: '',
  emails: [],
  urls: [],
  employment: [],
  schedulingLink: null,
  timeZone: 'UTC',
  weeklyGoal: 3,
  dailyBudget: 5,
  cadenceDefaults: DEFAULT_CADENCE,
  postsPerMonth: 1,
};
