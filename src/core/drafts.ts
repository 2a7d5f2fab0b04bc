/**
 * What parsers hand to the import pipeline: records without ids or owners,
 * each with the line it started on, so problems can be reported as `file:line`.
 */
import type { Boundaries, Channel, Circle, Employment, Identity, Initiator, Topic, TouchKind, Day, Instant } from './types.js';

/** A contact as a source describes it. Matching and merging happen later, in app/. */
export interface ContactDraft {
  /** 1-based line where the record starts in its file. */
  line: number;
  displayName: string;
  givenName?: string | null;
  familyName?: string | null;
  nickname?: string | null;
  identities: Identity[];
  company?: string | null;
  title?: string | null;
  employment?: Employment[];
  location?: string | null;
  timeZone?: string | null;
  /** `YYYY-MM-DD` or `--MM-DD`. */
  birthday?: string | null;
  howMet?: string | null;
  circle?: Circle | null;
  cadenceDays?: number | null;
  boundaries?: Boundaries;
  topics?: Topic[];
  tags?: string[];
  notes?: string;
  photo?: string | null;
  /** Day the relationship started in the source (e.g. LinkedIn "Connected On"). */
  connectedOn?: Day | null;
  /** The source's own id for the record (vCard UID, …). */
  externalId?: string | null;
}

/** A person named by a message or meeting, to be matched to a contact by email or profile URL. */
export interface PersonRef {
  name?: string | null;
  email?: string | null;
  profileUrl?: string | null;
}

export interface TouchpointDraft {
  line: number;
  kind: TouchKind;
  channel?: Channel | null;
  initiatedBy?: Initiator | null;
  occurredAt: Instant;
  /** Everyone involved other than the user. */
  people: PersonRef[];
  summary: string;
  notes?: string;
  topics?: string[];
  /** Stable id in the source (Message-ID, UID+RECURRENCE-ID, conversation id + date…). */
  externalId: string;
  /** Thread or conversation it belongs to, when the source has one. */
  threadId?: string | null;
}

export interface PostDraft {
  line: number;
  title: string;
  url?: string | null;
  publishedOn: Day;
  summary: string;
  topics?: string[];
  externalId: string;
}

/** A problem with one record. Parsers never throw on bad data: they return these. */
export interface ParseIssue {
  line: number;
  field?: string;
  message: string;
}

export interface ParseResult<T> {
  records: T[];
  issues: ParseIssue[];
  /** Records deliberately passed over (system rows, sponsored messages, empty rows), with why. */
  skipped: Array<{ line: number; reason: string }>;
}
