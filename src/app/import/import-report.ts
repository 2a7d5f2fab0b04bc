/**
 * What an import tells the person who ran it: counts, every problem with its
 * `file:line` and field, people it could not place, and likely duplicates it did
 * not merge. The CLI and the HTTP API print this same shape.
 */
import type { ParseIssue } from '../../core/drafts.js';
import type { ImportFormat } from '../../formats/format-detect.js';

export interface ImportCounts {
  /** Records created. */
  new: number;
  /** Records found again by their id (external id, own id) and changed. */
  updated: number;
  /** Records joined into an existing contact found by email or profile URL, adding something. */
  merged: number;
  /** Records passed over: unchanged since the last import, system rows, messages with nobody known. */
  skipped: number;
  /** Records dropped because they are unusable; each has at least one issue. */
  invalid: number;
}

export interface ImportIssue {
  file: string;
  line: number;
  /** The column or property at fault; null when the problem is the record as a whole. */
  field: string | null;
  message: string;
}

/** Two contacts that look like one person but share no strong identifier: shown, never merged. */
export interface DuplicateHint {
  contacts: Array<{ id: string; name: string }>;
  reason: string;
}

/** Someone named in messages or meetings who matches no contact. */
export interface UnknownPerson {
  name: string | null;
  email: string | null;
  profileUrl: string | null;
  /** Messages or meetings they appear in. */
  count: number;
}

export interface JobChangeNote {
  contactId: string;
  name: string;
  from: string | null;
  to: string;
}

export interface ImportReport {
  format: ImportFormat;
  file: string;
  dryRun: boolean;
  counts: ImportCounts;
  /** Contacts created for people in messages or meetings (`createContacts`). */
  contactsCreated: number;
  /** Why records were skipped, with how many. */
  skippedReasons: Record<string, number>;
  issues: ImportIssue[];
  /** All issues, also those left out of `issues` to keep the report small. */
  issuesTotal: number;
  duplicates: DuplicateHint[];
  unknownPeople: UnknownPerson[];
  jobChanges: JobChangeNote[];
}

export const MAX_REPORTED_ISSUES = 1000;
const MAX_DUPLICATES = 500;
const MAX_UNKNOWN = 200;

/** Parser messages that mean the file itself is broken (truncated, not this format), not one record. */
const CORRUPT_FILE = [
  /^CSV: /,
  /^No header row found/,
  /^no messages\.csv header/,
  /^unreadable CSV from here/,
  /^not an mbox file/,
  /^not an iCalendar file/,
  /^BEGIN:\w+ without END:/,
  /^not well-formed XML/,
  /^not an RSS or Atom feed/,
  /^unreadable feed/,
  /^empty feed/,
  /^No vCard found/,
  /^vCard is not closed/,
];

/** True when a parser issue says the file is corrupt or truncated rather than one record being bad. */
export function isCorruptFileIssue(issue: ParseIssue): boolean {
  return CORRUPT_FILE.some((re) => re.test(issue.message));
}

/** `file:line: field: message`, the one way an import issue is written for a person. */
export function formatIssue(i: Pick<ImportIssue, 'file' | 'line' | 'message'> & { field?: string | null }): string {
  return `${i.file}:${i.line}: ${i.field ? `${i.field}: ` : ''}${i.message}`;
}

/**
 * The lines records were read from: 4 bytes a line in one typed array instead of a Set
 * entry each, since an mbox of a million messages has a million of them.
 */
class LineList {
  private lines = new Uint32Array(1024);
  private size = 0;
  private sorted = true;

  add(line: number): void {
    if (this.size === this.lines.length) {
      const bigger = new Uint32Array(this.lines.length * 2);
      bigger.set(this.lines);
      this.lines = bigger;
    }
    if (this.size > 0 && line < (this.lines[this.size - 1] as number)) this.sorted = false;
    this.lines[this.size++] = line;
  }

  has(line: number): boolean {
    const a = this.lines.subarray(0, this.size);
    if (!this.sorted) {
      a.sort();
      this.sorted = true;
    }
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = a[mid] as number;
      if (v === line) return true;
      if (v < line) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** Collects the report while an import runs. */
export class ReportBuilder {
  readonly report: ImportReport;
  private readonly issueLines = new Set<number>();
  private readonly recordLines = new LineList();
  private readonly unknown = new Map<string, UnknownPerson>();
  private readonly hinted = new Set<string>();

  constructor(format: ImportFormat, file: string, dryRun: boolean) {
    this.report = {
      format,
      file,
      dryRun,
      counts: { new: 0, updated: 0, merged: 0, skipped: 0, invalid: 0 },
      contactsCreated: 0,
      skippedReasons: {},
      issues: [],
      issuesTotal: 0,
      duplicates: [],
      unknownPeople: [],
      jobChanges: [],
    };
  }

  issue(i: ParseIssue): ImportIssue {
    const out: ImportIssue = { file: this.report.file, line: i.line, field: i.field ?? null, message: i.message };
    this.report.issuesTotal++;
    if (this.report.issues.length < MAX_REPORTED_ISSUES) this.report.issues.push(out);
    this.issueLines.add(i.line);
    return out;
  }

  /** A record was read from this line (whatever became of it). */
  sawRecord(line: number): void {
    this.recordLines.add(line);
  }

  count(kind: 'new' | 'updated' | 'merged'): void {
    this.report.counts[kind]++;
  }

  passOver(reason: string, line?: number): void {
    this.report.counts.skipped++;
    this.report.skippedReasons[reason] = (this.report.skippedReasons[reason] ?? 0) + 1;
    if (line !== undefined) this.recordLines.add(line);
  }

  duplicate(a: { id: string; name: string }, b: { id: string; name: string }, reason: string): void {
    if (a.id === b.id || !this.wantsDuplicates()) return;
    const key = a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`;
    if (this.hinted.has(key)) return;
    this.hinted.add(key);
    this.report.duplicates.push({ contacts: [a, b], reason });
  }

  /** False once the report holds as many duplicate hints as it shows: looking for more is wasted work. */
  wantsDuplicates(): boolean {
    return this.report.duplicates.length < MAX_DUPLICATES;
  }

  unknownPerson(p: { name?: string | null; email?: string | null; profileUrl?: string | null }): void {
    const key = (p.email ?? p.profileUrl ?? p.name ?? '').toLowerCase();
    if (!key) return;
    const had = this.unknown.get(key);
    if (had) had.count++;
    else if (this.unknown.size < MAX_UNKNOWN)
      this.unknown.set(key, { name: p.name ?? null, email: p.email ?? null, profileUrl: p.profileUrl ?? null, count: 1 });
  }

  /** Final numbers: invalid records are lines with issues that produced no record. */
  finish(): ImportReport {
    let invalid = 0;
    for (const line of this.issueLines) if (!this.recordLines.has(line)) invalid++;
    this.report.counts.invalid = invalid;
    this.report.unknownPeople = [...this.unknown.values()].sort(
      (a, b) => b.count - a.count || (a.email ?? a.name ?? '').localeCompare(b.email ?? b.name ?? ''),
    );
    return this.report;
  }
}
