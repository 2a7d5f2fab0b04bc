/**
 * Contact CSVs from address books (FORMATS.md §2): Google Contacts (current and legacy
 * headers, numbered `E-mail 1 - Value` groups, ` ::: ` multi-values, `* ` system prefixes,
 * localised labels), Outlook.com, Outlook desktop (quoted headers, `Business Country`,
 * windows-1252), Google's "Outlook CSV" option and Thunderbird (also `;`-separated, Birth
 * Year/Month/Day). Plus kith's own CSV export.
 */
import type { ContactDraft, ParseResult } from '../core/drafts.js';
import { isDay } from '../core/days.js';
import type { Contact, Employment, Identity } from '../core/types.js';
import { isEmail, pushIdentity, urlIdentity, withLabel } from './contacts-csv-identity.js';
import { addEvent, cell, readCsv, streamCsv } from './csv-reader.js';
import type { ByteSource, CsvReadOptions, CsvRow, RecordEvent } from './csv-reader.js';
import { writeCsv } from './csv-writer.js';
import { parseVCardBirthday } from './vcard.js';

const MULTI = ' ::: ';

/** Splits a Google multi-value cell (`a ::: b`). */
function multi(s: string): string[] {
  return s
    .split(/\s*:::\s*/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A Google label without its `* ` system/primary marker; null when nothing is left. */
function cleanLabel(s: string): string | null {
  const l = s.trim().replace(/^\*\s*/, '').trim();
  return l === '' ? null : l;
}

/** Birthday in the forms address books write: ISO, `--MM-DD`, `YYYYMMDD`, US `M/D/YYYY`. */
export function parseCsvBirthday(s: string): string | null {
  const v = s.trim();
  if (v === '' || /^0?0\/0?0\/0{2,4}$/.test(v)) return null; // Outlook desktop's "no date"
  const iso = parseVCardBirthday(v);
  if (iso) return iso;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(v);
  if (!m) return null;
  const yy = Number(m[3]);
  const year = m[3]?.length === 2 ? (yy > 30 ? 1900 + yy : 2000 + yy) : yy;
  const d = `${year}-${String(m[1]).padStart(2, '0')}-${String(m[2]).padStart(2, '0')}`;
  return isDay(d) ? d : null;
}

type Outcome = { record: ContactDraft | null; issues: Array<{ field?: string; message: string }> };

interface Names {
  display: string;
  given: string;
  family: string;
  nickname: string;
}

/** Finishes a draft: display name fallback and the "nobody here" check. */
function finish(row: CsvRow, names: Names, d: Omit<ContactDraft, 'displayName' | 'line'>, issues: Outcome['issues'], nameField: string): Outcome {
  const displayName =
    names.display || [names.given, names.family].filter(Boolean).join(' ') || names.nickname || d.company || d.identities[0]?.value || '';
  if (displayName === '') {
    issues.push({ field: nameField, message: 'No name and no email, phone or web address: cannot identify this contact' });
    return { record: null, issues };
  }
  return {
    record: {
      line: row.line,
      displayName,
      givenName: names.given || null,
      familyName: names.family || null,
      nickname: names.nickname || null,
      ...d,
    },
    issues,
  };
}

// ---------------------------------------------------------------------------
// Google

const NUMBERED = /^(.+) (\d+) - (.+)$/;

/** Numbered groups of a row: `E-mail 1 - Value` → groups.get('e-mail')[0].get('value'). */
function numberedGroups(row: CsvRow): Map<string, Array<Map<string, string>>> {
  const byKey = new Map<string, Map<number, Map<string, string>>>();
  for (const [key, value] of row.values) {
    const m = NUMBERED.exec(key);
    if (!m) continue;
    const base = m[1] ?? '';
    const n = Number(m[2]);
    const sub = m[3] ?? '';
    const groups = byKey.get(base) ?? new Map<number, Map<string, string>>();
    byKey.set(base, groups);
    const g = groups.get(n) ?? new Map<string, string>();
    groups.set(n, g);
    g.set(sub, value.trim());
  }
  const out = new Map<string, Array<Map<string, string>>>();
  for (const [base, groups] of byKey) out.set(base, [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g));
  return out;
}

const GOOGLE_SYSTEM_GROUPS = new Set(['mycontacts', 'my contacts', 'other', 'friends', 'family', 'coworkers']);

function googleRow(row: CsvRow): Outcome {
  const issues: Outcome['issues'] = [];
  const groups = numberedGroups(row);
  const identities: Identity[] = [];
  const labelOf = (g: Map<string, string>) => cleanLabel(g.get('label') ?? g.get('type') ?? '');

  for (const g of groups.get('e-mail') ?? []) {
    for (const v of multi(g.get('value') ?? '')) {
      if (isEmail(v)) pushIdentity(identities, withLabel({ kind: 'email', value: v }, labelOf(g)));
      else issues.push({ field: 'E-mail - Value', message: `"${v}" is not an email address; ignored` });
    }
  }
  for (const g of groups.get('phone') ?? []) for (const v of multi(g.get('value') ?? '')) pushIdentity(identities, withLabel({ kind: 'phone', value: v }, labelOf(g)));
  for (const g of groups.get('website') ?? []) {
    for (const v of multi(g.get('value') ?? '')) {
      const id = urlIdentity(v, labelOf(g));
      if (id && id.kind === 'site' && /blog/i.test(id.label ?? '')) id.kind = 'blog';
      pushIdentity(identities, id);
    }
  }
  for (const g of groups.get('im') ?? []) {
    for (const v of multi(g.get('value') ?? '')) pushIdentity(identities, withLabel({ kind: 'other', value: v }, cleanLabel(g.get('service') ?? '') ?? labelOf(g)));
  }

  let location = '';
  for (const g of groups.get('address') ?? []) {
    const parts = [g.get('city'), g.get('region'), g.get('country')].map((x) => x ?? '').filter(Boolean);
    location = parts.join(', ') || (g.get('formatted') ?? '').split('\n')[0]?.trim() || '';
    if (location) break;
  }

  const employment: Employment[] = [];
  const orgs = groups.get('organization') ?? [];
  for (const g of orgs) {
    const company = g.get('name') ?? '';
    if (company) employment.push({ company, title: (g.get('title') ?? '') || null, from: null, to: null });
  }
  const company = cell(row, 'Organization Name') || (orgs[0]?.get('name') ?? '');
  const title = cell(row, 'Organization Title') || (orgs[0]?.get('title') ?? '');
  if (company && employment.length === 0) employment.push({ company, title: title || null, from: null, to: null });

  const notes: string[] = [];
  const n = cell(row, 'Notes');
  if (n) notes.push(n);
  for (const g of groups.get('custom field') ?? []) {
    const v = g.get('value') ?? '';
    if (v) notes.push(`${labelOf(g) ?? 'Custom'}: ${v}`);
  }

  const tags: string[] = [];
  for (const t of multi(cell(row, 'Labels', 'Group Membership'))) {
    const name = cleanLabel(t);
    if (name && !(t.trim().startsWith('*') && GOOGLE_SYSTEM_GROUPS.has(name.toLowerCase())) && !tags.includes(name)) tags.push(name);
  }

  const bdayText = cell(row, 'Birthday');
  const birthday = bdayText ? parseCsvBirthday(bdayText) : null;
  if (bdayText && !birthday) issues.push({ field: 'Birthday', message: `"${bdayText}" is not a date; ignored` });

  const given = cell(row, 'First Name', 'Given Name');
  const middle = cell(row, 'Middle Name', 'Additional Name');
  const family = cell(row, 'Last Name', 'Family Name');
  const full = [cell(row, 'Name Prefix'), given, middle, family, cell(row, 'Name Suffix')].filter(Boolean).join(' ');
  return finish(
    row,
    { display: cell(row, 'Name') || full || cell(row, 'File As'), given, family, nickname: cell(row, 'Nickname') },
    {
      identities,
      company: company || null,
      title: title || null,
      employment,
      location: location || cell(row, 'Location') || null,
      birthday,
      tags,
      notes: notes.join('\n\n'),
      photo: cell(row, 'Photo') || null,
    },
    issues,
    'First Name',
  );
}

const GOOGLE_HEADER: CsvReadOptions = {
  isHeader: (keys) =>
    (keys.includes('first name') || keys.includes('given name') || keys.includes('name')) &&
    keys.some((k) => NUMBERED.test(k) || k === 'labels' || k === 'group membership'),
};

// ---------------------------------------------------------------------------
// Outlook (Outlook.com, desktop, Google's Outlook option) and Thunderbird

const OUTLOOK_EMAILS = ['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address', 'Primary Email', 'Secondary Email'];
const OUTLOOK_PHONES: Array<[string, string]> = [
  ['Mobile Phone', 'cell'],
  ['Mobile Number', 'cell'],
  ['Primary Phone', 'main'],
  ['Business Phone', 'work'],
  ['Business Phone 2', 'work'],
  ['Work Phone', 'work'],
  ['Company Main Phone', 'work'],
  ['Home Phone', 'home'],
  ['Home Phone 2', 'home'],
  ['Car Phone', 'car'],
  ['Other Phone', 'other'],
  ['Pager', 'pager'],
  ['Pager Number', 'pager'],
  ['Business Fax', 'work,fax'],
  ['Home Fax', 'home,fax'],
  ['Other Fax', 'fax'],
  ['Fax Number', 'fax'],
  ['Assistant\'s Phone', 'assistant'],
  ['Callback', 'callback'],
  ['Radio Phone', 'radio'],
  ['Telex', 'telex'],
  ['TTY/TDD Phone', 'textphone'],
];
const OUTLOOK_WEB: Array<[string, string | null]> = [
  ['Web Page', null],
  ['Personal Web Page', 'personal'],
  ['Web Page 1', null],
  ['Web Page 2', null],
];
const ADDRESS_PREFIXES = ['Home', 'Business', 'Work', 'Other'];

function outlookLocation(row: CsvRow): string {
  for (const p of ADDRESS_PREFIXES) {
    const parts = [
      cell(row, `${p} City`),
      cell(row, `${p} State`),
      cell(row, `${p} Country/Region`, `${p} Country`),
    ].filter(Boolean);
    if (parts.length > 0) return parts.join(', ');
  }
  return cell(row, 'Location', 'Office Location');
}

function outlookRow(row: CsvRow): Outcome {
  const issues: Outcome['issues'] = [];
  const identities: Identity[] = [];
  for (const col of OUTLOOK_EMAILS) {
    for (const v of multi(cell(row, col))) {
      if (isEmail(v)) pushIdentity(identities, { kind: 'email', value: v });
      else issues.push({ field: col, message: `"${v}" is not an email address; ignored` });
    }
  }
  for (const [col, label] of OUTLOOK_PHONES) {
    const v = cell(row, col);
    if (v) pushIdentity(identities, { kind: 'phone', value: v, label });
  }
  for (const [col, label] of OUTLOOK_WEB) pushIdentity(identities, urlIdentity(cell(row, col), label));
  for (const col of ['IMAddress', 'IM Address', 'Screen Name']) {
    const v = cell(row, col);
    if (v) pushIdentity(identities, { kind: 'other', value: v, label: 'im' });
  }

  let birthday: string | null = null;
  const bdayText = cell(row, 'Birthday');
  if (bdayText) {
    birthday = parseCsvBirthday(bdayText);
    if (!birthday && !/^0?0\/0?0\/0{2,4}$/.test(bdayText)) issues.push({ field: 'Birthday', message: `"${bdayText}" is not a date; ignored` });
  } else {
    const [y, m, d] = ['Birth Year', 'Birth Month', 'Birth Day'].map((c) => cell(row, c));
    if (m && d) {
      const md = `${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
      birthday = parseVCardBirthday(y ? `${y.padStart(4, '0')}-${md}` : `--${md}`);
      if (!birthday) issues.push({ field: 'Birth Month', message: `"${[y, m, d].filter(Boolean).join('-')}" is not a date; ignored` });
    }
  }

  const notes: string[] = [];
  const n = cell(row, 'Notes');
  if (n) notes.push(n);
  for (const c of ['Custom 1', 'Custom 2', 'Custom 3', 'Custom 4']) {
    const v = cell(row, c);
    if (v) notes.push(`${c}: ${v}`);
  }

  const tags: string[] = [];
  for (const t of cell(row, 'Categories').split(/;|\s*:::\s*/)) {
    const name = cleanLabel(t);
    if (name && name.toLowerCase() !== 'mycontacts' && !tags.includes(name)) tags.push(name);
  }

  const company = cell(row, 'Company', 'Organization');
  const title = cell(row, 'Job Title');
  const given = cell(row, 'First Name');
  const family = cell(row, 'Last Name');
  const full = [cell(row, 'Title'), given, cell(row, 'Middle Name'), family, cell(row, 'Suffix')].filter(Boolean).join(' ');
  return finish(
    row,
    { display: cell(row, 'Display Name') || full, given, family, nickname: cell(row, 'Nickname') },
    {
      identities,
      company: company || null,
      title: title || null,
      employment: company ? [{ company, title: title || null, from: null, to: null }] : [],
      location: outlookLocation(row) || null,
      birthday,
      tags,
      notes: notes.join('\n\n'),
    },
    issues,
    'First Name',
  );
}

const OUTLOOK_HEADER: CsvReadOptions = {
  isHeader: (keys) =>
    ['first name', 'last name', 'display name'].some((k) => keys.includes(k)) &&
    ['e-mail address', 'primary email', 'job title', 'company', 'mobile phone', 'notes'].some((k) => keys.includes(k)),
};

// ---------------------------------------------------------------------------
// Entry points

function run(input: string | Uint8Array, opts: CsvReadOptions, map: (row: CsvRow) => Outcome): ParseResult<ContactDraft> {
  const result: ParseResult<ContactDraft> = { records: [], issues: [], skipped: [] };
  const csv = readCsv(input, opts);
  result.issues.push(...csv.issues);
  for (const row of csv.rows) for (const ev of rowEvents(row, map)) addEvent(result, ev);
  result.issues.sort((a, b) => a.line - b.line);
  return result;
}

function rowEvents(row: CsvRow, map: (row: CsvRow) => Outcome): Array<RecordEvent<ContactDraft>> {
  const o = map(row);
  const evs: Array<RecordEvent<ContactDraft>> = o.issues.map((i) => ({ kind: 'issue', issue: { line: row.line, ...i } }));
  if (o.record) evs.push({ kind: 'record', record: o.record });
  return evs;
}

async function* stream(source: ByteSource, opts: CsvReadOptions, map: (row: CsvRow) => Outcome): AsyncGenerator<RecordEvent<ContactDraft>> {
  for await (const ev of streamCsv(source, opts)) {
    if (ev.kind === 'issue') yield ev;
    else if (ev.kind === 'row') yield* rowEvents(ev.row, map);
  }
}

/** Parses a Google Contacts CSV export (current or legacy header). Never throws on bad data. */
export function parseGoogleCsv(input: string | Uint8Array): ParseResult<ContactDraft> {
  return run(input, GOOGLE_HEADER, googleRow);
}

/** Streams a Google Contacts CSV export. */
export function streamGoogleCsv(source: ByteSource): AsyncGenerator<RecordEvent<ContactDraft>> {
  return stream(source, GOOGLE_HEADER, googleRow);
}

/** Parses an Outlook (.com or desktop), Google "Outlook CSV" or Thunderbird CSV. Never throws on bad data. */
export function parseOutlookCsv(input: string | Uint8Array): ParseResult<ContactDraft> {
  return run(input, OUTLOOK_HEADER, outlookRow);
}

/** Streams an Outlook-style or Thunderbird CSV. */
export function streamOutlookCsv(source: ByteSource): AsyncGenerator<RecordEvent<ContactDraft>> {
  return stream(source, OUTLOOK_HEADER, outlookRow);
}

// ---------------------------------------------------------------------------
// kith's own CSV export

/**
 * Columns of `kith export csv`, one row per contact. Multi-valued cells join their values
 * with ` ::: ` (as Google does); topics are written `kind: text`.
 */
export const CONTACTS_CSV_HEADER = [
  'Id',
  'Display Name',
  'Given Name',
  'Family Name',
  'Nickname',
  'Emails',
  'Phones',
  'LinkedIn',
  'GitHub',
  'Websites',
  'Other Identities',
  'Company',
  'Title',
  'Location',
  'Time Zone',
  'Birthday',
  'How Met',
  'Circle',
  'Cadence Days',
  'Tags',
  'Topics',
  'Notes',
  'Connected On',
] as const;

/** What the CSV export needs: a stored contact or a draft. */
export type CsvExportContact = Omit<ContactDraft, 'line'> & { id?: string };

/** kith's own CSV export: RFC 4180, UTF-8 without BOM, CRLF, the header above. */
export function writeContactsCsv(contacts: ReadonlyArray<CsvExportContact | Contact>): string {
  const rows = contacts.map((x) => {
    const c = x as CsvExportContact;
    const ids = (kinds: string[]) => c.identities.filter((i) => kinds.includes(i.kind)).map((i) => i.value).join(MULTI);
    return [
      c.id ?? c.externalId ?? '',
      c.displayName,
      c.givenName ?? '',
      c.familyName ?? '',
      c.nickname ?? '',
      ids(['email']),
      ids(['phone']),
      ids(['linkedin']),
      ids(['github']),
      ids(['blog', 'site', 'url']),
      ids(['other']),
      c.company ?? '',
      c.title ?? '',
      c.location ?? '',
      c.timeZone ?? '',
      c.birthday ?? '',
      c.howMet ?? '',
      c.circle ?? '',
      c.cadenceDays ?? '',
      (c.tags ?? []).join(MULTI),
      (c.topics ?? []).map((t) => `${t.kind}: ${t.text}`).join(MULTI),
      c.notes ?? '',
      c.connectedOn ?? '',
    ];
  });
  return writeCsv(CONTACTS_CSV_HEADER, rows);
}

