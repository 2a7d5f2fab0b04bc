/**
 * JSON shapes the API returns, as the server's presenters write them: the
 * domain records (from core/types, type-only) without their owner.
 */
import type {
  Circle,
  Commitment,
  Contact,
  Day,
  Employment,
  FollowUp,
  Id,
  Introduction,
  LedgerEntry,
  Profile,
  Touchpoint,
  TouchKind,
} from '../../core/types.js';

export type { Circle, Day, Employment, Id, TouchKind };

export type ContactJson = Omit<Contact, 'ownerId'> & { notesHtml: string };
export type TouchpointJson = Omit<Touchpoint, 'ownerId'> & { notesHtml: string };
export type CommitmentJson = Omit<Commitment, 'ownerId'> & { contactName?: string; overdue?: boolean };
export type FollowUpJson = Omit<FollowUp, 'ownerId'>;
export type LedgerJson = Omit<LedgerEntry, 'ownerId'>;
export type ProfileJson = Omit<Profile, 'ownerId'>;
export type IntroductionJson = Omit<Introduction, 'ownerId'> & { contactA?: { id: Id; name: string }; contactB?: { id: Id; name: string } };

export interface Person {
  id: Id;
  name: string;
}

export interface UserJson {
  id: Id;
  name: string;
  email: string | null;
  role: string;
}

export interface SessionJson {
  user: UserJson;
  via: 'session' | 'token';
  csrfToken?: string;
}

export interface LoginJson {
  user: UserJson;
  csrfToken: string;
  expiresAt: string;
}

export interface SetupJson {
  needsSetup: boolean;
  allowedHere: boolean;
}

export interface AgendaItem {
  id: string;
  kind: string;
  contacts: Person[];
  reason: string;
  score: number;
  suggestion: string;
  dueOn?: Day | null;
}

export interface AgendaJson {
  date: Day;
  items: AgendaItem[];
}

/** A contact in a list page: the record without `notesHtml` (the contact by id has it). */
export type ContactListJson = Omit<ContactJson, 'notesHtml'>;

export interface ContactPage {
  contacts: ContactListJson[];
  nextCursor: string | null;
}

export interface TouchPage {
  touchpoints: TouchpointJson[];
  nextCursor: string | null;
}

export interface HealthComponentJson {
  name: string;
  score: number;
  weight: number;
  explanation: string;
}

export interface ContactHealthJson {
  contact: Person;
  date: Day;
  score: number;
  components: HealthComponentJson[];
}

export interface NetworkHealthJson {
  date: Day;
  count: number;
  mean: number | null;
  median: number | null;
  distribution: Array<{ from: number; to: number; count: number }>;
  drifting: Array<{ id: Id; name: string; score: number; drop: number | null; reasons: string[] }>;
  contacts: Array<{ id: Id; name: string; circle: Circle; score: number; previousScore: number }>;
}

export interface DraftCheckJson {
  contact: Person;
  score: number;
  findings: Array<{ code: string; message: string }>;
  suggestions: Array<{ code: string; message: string }>;
}

export interface CaptureJson {
  dryRun: boolean;
  language: string;
  touchpoint: TouchpointJson | null;
  commitments: CommitmentJson[];
  followUps: FollowUpJson[];
  contacts: Person[];
  issues: Array<{ message: string }>;
}

export interface CommitmentsJson {
  date: Day;
  commitments: CommitmentJson[];
  keptOnTimeRate: number | null;
  counts: { open: number; kept: number; broken: number; overdue: number };
}

export interface BalanceJson {
  contact: Person;
  given: number;
  asked: number;
  received: number;
  balance: number;
  entries: LedgerJson[];
}

export interface SearchJson {
  query: string;
  results: Array<{ kind: string; id: Id; score: number; title: string; detail: string; contacts: Person[] }>;
}

export interface TokenJson {
  id: Id;
  name: string;
  scope: 'read' | 'read-write';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ImportCounts {
  new: number;
  updated: number;
  merged: number;
  skipped: number;
  invalid: number;
}

/** The import report (app/import/import-report.ts) as JSON. */
export interface ImportReportJson {
  format: string;
  file: string;
  dryRun: boolean;
  counts: ImportCounts;
  contactsCreated?: number;
  skippedReasons?: Record<string, number>;
  issues: Array<{ file?: string; line: number; field?: string; message: string }>;
  issuesTotal?: number;
  duplicates?: Array<{ contacts: Person[]; reason: string }>;
  jobChanges?: Array<{ contactId: Id; name: string; from: string | null; to: string }>;
}

export interface CoachStatusJson {
  date: Day;
  goal: number;
  thisWeek: { start: Day; count: number; met: boolean };
  weeks: Array<{ start: Day; count: number; met: boolean }>;
  currentStreak: number;
  longestStreak: number;
  widen: { widen: boolean; message: string | null };
  circle: Array<{ id: Id; name: string; lastTouchOn: Day | null }>;
  summary: string;
}
