/**
 * LinkedIn `Connections.csv`, every era seen in real exports (FORMATS.md §1.1): with or
 * without the "Notes:" preamble, with or without the URL column, the 2016 extra columns,
 * and the three date styles (`28 Nov 2021`, `12/22/16, 9:55 AM`, Excel's `23-Apr-23`).
 */
import type { ContactDraft, ParseResult } from '../core/drafts.js';
import { isDay } from '../core/days.js';
import type { Identity } from '../core/types.js';
import { isEmail, pushIdentity, urlIdentity } from './contacts-csv-identity.js';
import { addEvent, cell, headerKey, readCsv, streamCsv } from './csv-reader.js';
import type { ByteSource, CsvReadOptions, CsvRow, RecordEvent } from './csv-reader.js';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function day(y: number, m: number, d: number): string | null {
  const year = y < 100 ? 2000 + y : y; // LinkedIn dates are all after 2003
  const s = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isDay(s) ? s : null;
}

/** A LinkedIn "Connected On" value as `YYYY-MM-DD`, or null when it is not a date we know. */
export function parseConnectedOn(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{1,2})[ -]([A-Za-z]{3,4})[ -](\d{2}|\d{4})$/.exec(s); // 28 Nov 2021, 23-Apr-23
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    return month ? day(Number(m[3]), month, Number(m[1])) : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?)?$/.exec(s); // 12/22/16, 9:55 AM
  if (m) return day(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

const HEADER_OPTIONS: CsvReadOptions = {
  // The header is the first row naming these; everything before it is the Notes preamble.
  isHeader: (keys) => keys.includes('first name') && (keys.includes('connected on') || keys.includes('last name')),
};

type Outcome =
  | { kind: 'record'; record: ContactDraft; issues: RecordIssue[] }
  | { kind: 'skipped'; reason: string }
  | { kind: 'invalid'; issues: RecordIssue[] };

interface RecordIssue {
  field?: string;
  message: string;
}

/** Maps one Connections.csv row to a draft (or a skip or issues). */
function connectionFromRow(row: CsvRow): Outcome {
  const first = cell(row, 'First Name');
  const last = cell(row, 'Last Name');
  const url = cell(row, 'URL', 'Profile URL');
  const emailCell = cell(row, 'Email Address', 'E-mail Address', 'Email');
  const company = cell(row, 'Company');
  const position = cell(row, 'Position');
  const connectedText = cell(row, 'Connected On');
  const address = cell(row, 'Address');
  const websites = cell(row, 'Websites');
  const ims = cell(row, 'Instant Messengers');
  const issues: RecordIssue[] = [];

  const otherCells = [first, last, url, emailCell, company, position, address, websites, ims];
  const anyOther = [...row.values.entries()].some(([k, v]) => k !== headerKey('Connected On') && v.trim() !== '');
  if (!anyOther && otherCells.every((c) => c === '')) {
    return { kind: 'skipped', reason: 'Empty connection (deleted or hidden LinkedIn member)' };
  }

  const identities: Identity[] = [];
  pushIdentity(identities, url ? { kind: 'linkedin', value: url } : null);
  for (const e of emailCell.split(/[,;\s]+/).filter(Boolean)) {
    // Some exports put the member URN where the email would be: it is not contact data.
    if (/^urn:li:/i.test(e)) continue;
    if (isEmail(e)) pushIdentity(identities, { kind: 'email', value: e });
    else issues.push({ field: 'Email Address', message: `"${e}" is not an email address; ignored` });
  }
  for (const w of websites.match(/https?:\/\/[^\s,;]+/gi) ?? []) pushIdentity(identities, urlIdentity(w));
  for (const part of ims.split(/[,;]/)) {
    // 2016 exports write `SKYPE: handle`.
    const m = /^\s*([^:]+?)\s*:\s*(.+?)\s*$/.exec(part);
    if (m) pushIdentity(identities, { kind: 'other', value: m[2] ?? '', label: m[1] ?? null });
    else if (part.trim()) pushIdentity(identities, { kind: 'other', value: part.trim() });
  }

  const displayName = [first, last].filter(Boolean).join(' ');
  if (displayName === '' && identities.length === 0) {
    return {
      kind: 'invalid',
      issues: [{ field: 'First Name', message: 'No name and no email or profile URL: cannot identify this connection' }],
    };
  }

  let connectedOn: string | null = null;
  if (connectedText) {
    connectedOn = parseConnectedOn(connectedText);
    if (!connectedOn) issues.push({ field: 'Connected On', message: `Unrecognised date "${connectedText}"; kept without it` });
  }

  const record: ContactDraft = {
    line: row.line,
    displayName: displayName || identities[0]?.value || '',
    givenName: first || null,
    familyName: last || null,
    identities,
    company: company || null,
    title: position || null,
    employment: company ? [{ company, title: position || null, from: null, to: null }] : [],
    location: address || null,
    howMet: 'LinkedIn',
    tags: [],
    connectedOn,
  };
  return { kind: 'record', record, issues };
}

function* outcomeEvents(row: CsvRow, o: Outcome): Generator<RecordEvent<ContactDraft>> {
  if (o.kind === 'skipped') {
    yield { kind: 'skipped', line: row.line, reason: o.reason };
    return;
  }
  for (const i of o.issues) yield { kind: 'issue', issue: { line: row.line, ...i } };
  if (o.kind === 'record') yield { kind: 'record', record: o.record };
}

/** Parses a whole LinkedIn Connections.csv (text or bytes). Never throws on bad data. */
export function parseLinkedInConnections(input: string | Uint8Array): ParseResult<ContactDraft> {
  const result: ParseResult<ContactDraft> = { records: [], issues: [], skipped: [] };
  const csv = readCsv(input, HEADER_OPTIONS);
  const events: Array<RecordEvent<ContactDraft>> = csv.issues.map((issue) => ({ kind: 'issue', issue }));
  for (const row of csv.rows) events.push(...outcomeEvents(row, connectionFromRow(row)));
  for (const ev of events) addEvent(result, ev);
  result.issues.sort((a, b) => a.line - b.line);
  return result;
}

/** Streams a LinkedIn Connections.csv, yielding records, issues and skips in file order. */
export async function* streamLinkedInConnections(source: ByteSource): AsyncGenerator<RecordEvent<ContactDraft>> {
  for await (const ev of streamCsv(source, HEADER_OPTIONS)) {
    if (ev.kind === 'issue') yield ev;
    else if (ev.kind === 'row') yield* outcomeEvents(ev.row, connectionFromRow(ev.row));
  }
}
