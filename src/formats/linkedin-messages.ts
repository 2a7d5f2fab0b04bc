/**
 * LinkedIn `messages.csv` (and the 2018 `Messages.csv`) → one `dm` touchpoint per message.
 *
 * Layouts handled by header name, never by position (FORMATS.md §1.2):
 * 2018 `From,To,Date,Subject,Content,Direction,Folder`; 2021 9 columns; 2023 10 columns with
 * RECIPIENT PROFILE URLS; 2026 all-quoted with ATTACHMENTS and multi-line CONTENT; and the
 * fixture-claimed `IS MESSAGE DRAFT` / `IS CONVERSATION DRAFT` columns.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { ParseIssue, ParseResult, PersonRef, TouchpointDraft } from '../core/drafts.js';
import type { Initiator } from '../core/types.js';
import { fold, normalizeUrl } from '../core/text-fold.js';
import { collapseWhitespace, htmlToText, truncateText } from './feed-html.js';

/** Who the user is on LinkedIn: display names as LinkedIn shows them and profile URLs. */
export interface LinkedInSelf {
  names: string[];
  profileUrls: string[];
}

const SUMMARY_CHARS = 120;

// Canonical column keys; the 2018 capitalised names map onto the same keys.
type Column =
  | 'conversationId'
  | 'conversationTitle'
  | 'from'
  | 'senderUrl'
  | 'to'
  | 'recipientUrls'
  | 'date'
  | 'subject'
  | 'content'
  | 'folder'
  | 'direction'
  | 'attachments'
  | 'isMessageDraft'
  | 'isConversationDraft';

const HEADER_NAMES: Record<string, Column> = {
  'conversation id': 'conversationId',
  'conversation title': 'conversationTitle',
  from: 'from',
  'sender profile url': 'senderUrl',
  to: 'to',
  'recipient profile urls': 'recipientUrls',
  date: 'date',
  subject: 'subject',
  content: 'content',
  folder: 'folder',
  direction: 'direction',
  attachments: 'attachments',
  'is message draft': 'isMessageDraft',
  'is conversation draft': 'isConversationDraft',
};

// Rows LinkedIn writes for its own events rather than for something a person wrote.
const SYSTEM_CONTENT = [/^message request accepted\.?$/i, /^you are now connected/i, /^this conversation has been/i];

const MONTHS_2018_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i;
const ISO_UTC_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*(?:UTC|Z|GMT)?$/i;

/** Parses a LinkedIn messages export; never throws on bad data. */
export function parseLinkedInMessages(input: string | Uint8Array, self: LinkedInSelf): ParseResult<TouchpointDraft> {
  const result: ParseResult<TouchpointDraft> = { records: [], issues: [], skipped: [] };
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  // csv-parse counts lines reliably only with one kind of line ending; quoted newlines become \n too.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

  const rows = readCsv(normalised, result.issues);
  const headerIndex = rows.findIndex((r) => isHeader(r.cells));
  if (headerIndex < 0) {
    result.issues.push({ line: 1, message: 'no messages.csv header found (expected FROM, TO and DATE columns)' });
    return result;
  }
  const header = rows[headerIndex]!;
  const columns = header.cells.map((c) => HEADER_NAMES[headerKey(c)] ?? null);

  const selfUrls = new Set(self.profileUrls.map(normalizeUrl).filter((u) => u !== ''));
  const selfNames = new Set(self.names.map((n) => fold(collapseWhitespace(n))).filter((n) => n !== ''));
  const seenIds = new Map<string, number>();

  for (const row of rows.slice(headerIndex + 1)) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (row.cells.length !== header.cells.length) {
      result.issues.push({
        line: row.line,
        message: `expected ${header.cells.length} fields, found ${row.cells.length} (a quote may be missing)`,
      });
      continue;
    }
    const get = (col: Column): string => {
      const i = columns.indexOf(col);
      return i < 0 ? '' : (row.cells[i] ?? '').trim();
    };
    const outcome = messageToDraft(row.line, get, selfUrls, selfNames);
    if ('skip' in outcome) {
      result.skipped.push({ line: row.line, reason: outcome.skip });
    } else if ('issue' in outcome) {
      result.issues.push(outcome.issue);
    } else {
      // Two identical messages in the same second stay distinct, and stay stable across re-exports.
      const n = (seenIds.get(outcome.draft.externalId) ?? 0) + 1;
      seenIds.set(outcome.draft.externalId, n);
      if (n > 1) outcome.draft.externalId += `#${n}`;
      result.records.push(outcome.draft);
    }
  }
  return result;
}

type Outcome = { draft: TouchpointDraft } | { skip: string } | { issue: ParseIssue };

function messageToDraft(line: number, get: (col: Column) => string, selfUrls: Set<string>, selfNames: Set<string>): Outcome {
  const from = collapseWhitespace(get('from'));
  const to = collapseWhitespace(get('to'));
  const senderUrl = get('senderUrl');
  const recipientUrls = splitUrls(get('recipientUrls'));
  const content = get('content');
  const title = get('conversationTitle');

  if (isYes(get('isMessageDraft')) || isYes(get('isConversationDraft'))) return { skip: 'draft message' };
  if (/^spam$/i.test(get('folder'))) return { skip: 'spam folder' };
  if ((from === '' && senderUrl === '') || (to === '' && recipientUrls.length === 0 && from === '')) {
    return { skip: 'system row (no sender)' };
  }
  if (SYSTEM_CONTENT.some((re) => re.test(collapseWhitespace(content)))) return { skip: 'system row' };
  if (
    /^sponsored conversation$/i.test(title) ||
    /%(?:FIRSTNAME|LASTNAME|FULLNAME)%/i.test(content) ||
    (/^linkedin member$/i.test(from) && /spinmail/i.test(content))
  ) {
    return { skip: 'sponsored conversation' };
  }

  const rawDate = get('date');
  const occurredAt = parseLinkedInDate(rawDate);
  if (!occurredAt) {
    return { issue: { line, field: 'DATE', message: rawDate === '' ? 'missing date' : `unreadable date "${rawDate}"` } };
  }

  const initiatedBy = senderRole(from, senderUrl, get('direction'), get('folder'), selfUrls, selfNames);
  const isSelfUrl = (u: string): boolean => selfUrls.has(normalizeUrl(u));
  const isSelfName = (n: string): boolean => selfNames.has(fold(n));

  const people: PersonRef[] = [];
  if (initiatedBy !== 'me') {
    people.push({ name: from || null, profileUrl: senderUrl || null });
  }
  const others = recipientUrls.filter((u) => !isSelfUrl(u) && (senderUrl === '' || normalizeUrl(u) !== normalizeUrl(senderUrl)));
  if (recipientUrls.length > 0) {
    // TO holds display names that may themselves contain commas ("Femi O SPHRi, CPHR"),
    // so a name is attached only when exactly one recipient URL makes the pairing certain.
    const single = recipientUrls.length === 1;
    for (const u of others) people.push({ name: single && to !== '' ? to : null, profileUrl: u });
  } else if (initiatedBy === 'me' && to !== '' && !isSelfName(to)) {
    // Without URLs the whole TO cell is one name: never split it on commas.
    people.push({ name: to, profileUrl: null });
  }
  if (people.length === 0) return { skip: 'no other participant' };

  const contentText = htmlToText(content);
  const subject = collapseWhitespace(get('subject'));
  const summary = subject !== '' ? truncateText(subject, SUMMARY_CHARS) : truncateText(contentText, SUMMARY_CHARS) || '(no text)';
  const conversationId = get('conversationId');
  const threadId = conversationId !== '' ? conversationId : legacyThreadId(people);
  const senderKey = senderUrl !== '' ? normalizeUrl(senderUrl) : fold(from);

  const draft: TouchpointDraft = {
    line,
    kind: 'dm',
    channel: 'linkedin',
    initiatedBy,
    occurredAt,
    people,
    summary,
    externalId: `linkedin:${hash([conversationId, occurredAt, senderKey, contentText])}`,
    threadId,
  };
  if (contentText !== '' && contentText !== summary) draft.notes = contentText;
  return { draft };
}

/** Who sent the message: profile URL first, then name, then the 2018 Direction/Folder columns. */
function senderRole(
  from: string,
  senderUrl: string,
  direction: string,
  folder: string,
  selfUrls: Set<string>,
  selfNames: Set<string>,
): Initiator | null {
  if (senderUrl !== '' && selfUrls.size > 0) return selfUrls.has(normalizeUrl(senderUrl)) ? 'me' : 'them';
  if (from !== '' && selfNames.has(fold(from))) return 'me';
  if (/^outgoing$/i.test(direction) || /^sent$/i.test(folder)) return 'me';
  if (/^incoming$/i.test(direction)) return 'them';
  if (selfNames.size > 0 || selfUrls.size > 0) return 'them';
  return null;
}

/** The 2018 export has no conversation id: group by the other side's folded name. */
function legacyThreadId(people: PersonRef[]): string {
  const names = people.map((p) => fold(p.name ?? p.profileUrl ?? '')).sort();
  return `linkedin-2018:${names.join('|')}`;
}

/** `2023-04-05 09:10:11 UTC` or the 2018 US form `10/16/18, 8:36 AM` (no zone given: read as UTC). */
export function parseLinkedInDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, mo: number, d: number, h: number, mi: number, sec: number;
  const iso = ISO_UTC_RE.exec(s);
  const us = iso ? null : MONTHS_2018_RE.exec(s);
  if (iso) {
    [y, mo, d, h, mi, sec] = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6] ?? '0'].map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
  } else if (us) {
    mo = Number(us[1]);
    d = Number(us[2]);
    y = Number(us[3]);
    if (y < 100) y += 2000;
    h = Number(us[4]);
    mi = Number(us[5]);
    sec = Number(us[6] ?? '0');
    const ampm = us[7]?.toUpperCase();
    if (ampm) {
      if (h < 1 || h > 12) return null;
      if (ampm === 'AM' && h === 12) h = 0;
      if (ampm === 'PM' && h !== 12) h += 12;
    }
  } else {
    return null;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return null;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  if (date.getUTCDate() !== d) return null; // 31 April and friends
  return date.toISOString();
}

function splitUrls(cell: string): string[] {
  // Profile URLs are percent-encoded, so commas and whitespace only ever separate them.
  return cell
    .split(/[,\s]+/)
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

function isYes(v: string): boolean {
  return /^(yes|true|1)$/i.test(v);
}

function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function isHeader(cells: string[]): boolean {
  const keys = new Set(cells.map((c) => HEADER_NAMES[headerKey(c)]));
  return keys.has('from') && keys.has('to') && keys.has('date');
}

function hash(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

interface CsvRow {
  line: number;
  /** Line where the row ends (differs from `line` when quoted cells hold newlines). */
  end: number;
  cells: string[];
}

/** RFC 4180 rows with the 1-based line each starts on; a broken quote becomes an issue, not an exception. */
function readCsv(text: string, issues: ParseIssue[]): CsvRow[] {
  const rows: CsvRow[] = [];
  const failures: Array<{ at: number; message: string }> = [];
  const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));
  try {
    const parsed = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: unknown) => {
        const at = typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : Infinity;
        failures.push({ at, message: describe(err) });
      },
    }) as unknown as Array<{ record: string[]; raw: string; info: { lines: number } }>;
    for (const p of parsed) {
      // info.lines is the line where the record ends; count back over the newlines inside it.
      const body = p.raw.replace(/\n$/, '');
      const leading = /^\n*/.exec(body)?.[0].length ?? 0;
      const inner = (body.slice(leading).match(/\n/g) ?? []).length;
      rows.push({ line: p.info.lines - inner, end: p.info.lines, cells: p.record });
    }
  } catch (err) {
    failures.push({ at: Infinity, message: describe(err) });
  }
  // csv-parse reports where it noticed the problem (often the end of the file); the broken
  // record starts right after the last good one before that point.
  for (const f of failures) {
    const lastEnd = rows.filter((r) => r.end < f.at).reduce((max, r) => Math.max(max, r.end), 0);
    issues.push({ line: lastEnd + 1, message: `unreadable CSV from here: ${f.message}` });
  }
  return rows;
}
