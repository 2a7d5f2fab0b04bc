/**
 * vCard 2.1, 3.0 (RFC 2425/2426) and 4.0 (RFC 6350): reading every client quirk listed in
 * FORMATS.md §3, and writing 3.0 or 4.0 that other clients read and that reads back into
 * kith without loss.
 *
 * kith fields vCard has no property for travel as X-KITH-* properties:
 *   X-KITH-CIRCLE:inner                    X-KITH-CADENCE:30 (days)
 *   X-KITH-TOPIC;TYPE=goal:text            X-KITH-HOW-MET:text
 *   X-KITH-EMPLOYMENT:company;title;from;to (one per job, text-escaped components)
 *   X-KITH-PAUSED-UNTIL:YYYY-MM-DD          X-KITH-MIN-GAP:days
 *   X-KITH-PREFERRED-CHANNEL:video          X-KITH-BOUNDARY-NOTE:text
 *   X-KITH-CONNECTED-ON:YYYY-MM-DD          X-KITH-IDENTITY:value (identities of kind `other`)
 *   URL;X-KITH-KIND=blog:…                  (when the kind is not what the address implies)
 */
import type { ContactDraft, ParseIssue, ParseResult } from '../core/drafts.js';
import { isBirthday, isDay } from '../core/days.js';
import { CHANNELS, CIRCLES, TOPIC_KINDS } from '../core/types.js';
import type { Boundaries, Channel, Circle, Contact, IdentityKind, TopicKind } from '../core/types.js';
import { pushIdentity, urlKind, withLabel } from './contacts-csv-identity.js';
import { addEvent, decodeText, decodeWindows1252, TextFeed, type ByteSource, type RecordEvent } from './csv-reader.js';

// ---------------------------------------------------------------------------
// Reading: physical lines → logical content lines.

interface ContentLine {
  line: number;
  group: string | null;
  /** Upper-case property name. */
  name: string;
  /** Upper-case parameter names → values (bare 2.1 parameters become TYPE or ENCODING). */
  params: Map<string, string[]>;
  value: string;
}

const ENCODING_WORDS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);
const PROPERTY_START = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?[;:]/;

/** Index of the first `:` outside double quotes, or -1. */
function colonIndex(s: string): number {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) return i;
  }
  return -1;
}

function headOf(logical: string): string {
  const i = colonIndex(logical);
  return (i === -1 ? logical : logical.slice(0, i)).toUpperCase();
}

/**
 * Joins folded lines: space/tab continuations, QP soft breaks, and 2.1 base64 blocks.
 * Fed one physical line at a time (so a file can stream through it); a logical line is
 * handed to `emit` once the next physical line shows that it is complete.
 */
class Unfolder {
  private cur: { line: number; text: string } | null = null;
  private mode: 'plain' | 'qp' | 'base64' = 'plain';
  constructor(private readonly emit: (l: { line: number; text: string }) => void) {}

  /** The physical line `raw` (without its line break), 1-based `line`. */
  push(raw: string, line: number): void {
    const cur = this.cur;
    if (cur && this.mode === 'qp' && cur.text.endsWith('=') && !/^END:VCARD\s*$/i.test(raw)) {
      cur.text = cur.text.slice(0, -1) + raw;
      return;
    }
    if (cur && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      cur.text += raw.slice(1);
      return;
    }
    if (cur && this.mode === 'base64' && /^[A-Za-z0-9+/=]+$/.test(raw) && !PROPERTY_START.test(raw)) {
      cur.text += raw;
      return;
    }
    if (raw.trim() === '') {
      if (cur) this.emit(cur);
      this.cur = null;
      this.mode = 'plain';
      return;
    }
    if (cur) this.emit(cur);
    this.cur = { line, text: raw };
    const head = headOf(raw);
    this.mode = /QUOTED-PRINTABLE/.test(head) ? 'qp' : /(^|[;=,])BASE64([;,]|$)/.test(head) ? 'base64' : 'plain';
  }

  end(): void {
    if (this.cur) this.emit(this.cur);
    this.cur = null;
  }
}

/** Undoes RFC 6868 caret escapes in a parameter value. */
function caretDecode(s: string): string {
  return s.replace(/\^(\^|n|N|')/g, (_, c: string) => (c === '^' ? '^' : c === "'" ? '"' : '\n'));
}

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function parseContentLine(l: { line: number; text: string }): ContentLine | null {
  const ci = colonIndex(l.text);
  if (ci <= 0) return null;
  const [namepart = '', ...paramParts] = splitOutsideQuotes(l.text.slice(0, ci), ';');
  const dot = namepart.lastIndexOf('.');
  const group = dot > 0 ? namePart(namepart.slice(0, dot)) : null;
  const name = namePart(namepart.slice(dot + 1)).toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params = new Map<string, string[]>();
  const add = (k: string, vals: string[]) => params.set(k, [...(params.get(k) ?? []), ...vals]);
  for (const p of paramParts) {
    const eq = p.indexOf('=');
    if (eq === -1) {
      const word = p.trim().toUpperCase();
      if (word === '') continue;
      add(ENCODING_WORDS.has(word) ? 'ENCODING' : 'TYPE', [word.toLowerCase()]);
      continue;
    }
    const key = p.slice(0, eq).trim().toUpperCase();
    const vals = splitOutsideQuotes(p.slice(eq + 1), ',').map((v) => caretDecode(v.trim().replace(/^"(.*)"$/s, '$1')));
    // TYPE="HOME,VOICE": a quoted list is still a list.
    add(key, key === 'TYPE' ? vals.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()) : vals);
  }
  return { line: l.line, group, name, params, value: l.text.slice(ci + 1) };
}

function namePart(s: string): string {
  return s.trim();
}

function param(cl: ContentLine, key: string): string | undefined {
  return cl.params.get(key)?.[0];
}

function hasType(cl: ContentLine, type: string): boolean {
  return (cl.params.get('TYPE') ?? []).includes(type);
}

// ---------------------------------------------------------------------------
// Value decoding.

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const cs = (charset ?? 'utf-8').toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return decodeWindows1252(bytes);
    }
  }
  if (cs === 'iso-8859-1' || cs === 'latin1' || cs === 'windows-1252' || cs === 'us-ascii') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(cs).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** Decodes a quoted-printable value (soft breaks already joined) in the given charset. */
function decodeQuotedPrintable(s: string, charset: string | undefined): string {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    const hex = s.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === '=' && s[i + 1] === '\n') {
      i += 1;
    } else {
      const cp = s.codePointAt(i) ?? 0;
      if (cp > 0xffff) i++;
      bytes.push(...enc.encode(String.fromCodePoint(cp)));
    }
  }
  return decodeCharset(Uint8Array.from(bytes), charset).replace(/\r\n?/g, '\n');
}

/** The value with QUOTED-PRINTABLE undone (escapes are still in place). */
function rawValue(cl: ContentLine): string {
  if ((param(cl, 'ENCODING') ?? '').toLowerCase() === 'quoted-printable') {
    return decodeQuotedPrintable(cl.value, param(cl, 'CHARSET'));
  }
  return cl.value;
}

/** Undoes text escapes: `\n` `\N` `\,` `\;` `\:` `\\`. */
function unescapeText(s: string): string {
  return s.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits on an unescaped separator, leaving escapes for unescapeText. */
function splitEscaped(s: string, sep: ';' | ','): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + (s[i + 1] ?? '');
      i++;
    } else if (ch === sep) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function textValue(cl: ContentLine): string {
  return unescapeText(rawValue(cl));
}

function structured(cl: ContentLine): string[] {
  return splitEscaped(rawValue(cl), ';').map(unescapeText);
}

function listValue(cl: ContentLine): string[] {
  return splitEscaped(rawValue(cl), ',')
    .map((v) => unescapeText(v).trim())
    .filter((v) => v !== '');
}

/** A vCard BDAY as `YYYY-MM-DD` or `--MM-DD`; year 1604 and 0000 mean "no year" (Apple, CardBook). */
export function parseVCardBirthday(value: string, omitYear?: string): string | null {
  const v = value.trim();
  let m = /^--(\d{2})-?(\d{2})$/.exec(v);
  if (m) return yearless(m[1], m[2]);
  m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(v);
  if (m) {
    if (m[1] === omitYear || m[1] === '1604' || m[1] === '0000') return yearless(m[2], m[3]);
    const d = `${m[1]}-${m[2]}-${m[3]}`;
    return isDay(d) ? d : null;
  }
  return null;
}

function yearless(mm: string | undefined, dd: string | undefined): string | null {
  const s = `--${mm}-${dd}`;
  return isBirthday(s) ? s : null;
}

const APPLE_LABEL = /^_\$!<(.*)>!\$_$/;

/** An Apple `X-ABLabel` as a kith label: `_$!<HomePage>!$_` → `homepage`, custom text as is. */
function appleLabel(s: string): string {
  const m = APPLE_LABEL.exec(s.trim());
  return m ? (m[1] ?? '').toLowerCase() : s.trim();
}

/** TYPE values that say something a person would call a label (not pref, voice, internet…). */
const GENERIC_TYPES = new Set(['pref', 'voice', 'internet', 'x400', 'uri', 'text', 'dom', 'intl', 'postal', 'parcel']);
const LABEL_TYPES = new Set(['home', 'work', 'cell', 'mobile', 'fax', 'pager', 'video', 'car', 'isdn', 'msg', 'bbs', 'modem', 'pcs', 'textphone', 'main', 'other']);

function typeLabel(cl: ContentLine): string | null {
  const types = (cl.params.get('TYPE') ?? []).filter((t) => t !== '' && !GENERIC_TYPES.has(t));
  return types.length > 0 ? types.join(',') : null;
}

const IM_PROPERTIES: Record<string, string> = {
  'X-AIM': 'aim',
  'X-ICQ': 'icq',
  'X-JABBER': 'jabber',
  'X-MSN': 'msn',
  'X-YAHOO': 'yahoo',
  'X-SKYPE': 'skype',
  'X-SKYPE-USERNAME': 'skype',
  'X-GOOGLE-TALK': 'gtalk',
  'X-GTALK': 'gtalk',
  'X-MS-IMADDRESS': 'im',
  'X-TWITTER': 'twitter',
  'X-MASTODON': 'mastodon',
};

function photoValue(cl: ContentLine): string | null {
  const value = unescapeText(rawValue(cl)).trim();
  if (/^(data|https?|file):/i.test(value)) return value.replace(/\s+/g, '');
  const enc = (param(cl, 'ENCODING') ?? '').toLowerCase();
  if (enc === 'b' || enc === 'base64') {
    const types = [...(cl.params.get('TYPE') ?? []), ...(cl.params.get('MEDIATYPE') ?? [])];
    const t = (types.find((x) => x !== '' && x !== 'pref') ?? 'jpeg').toLowerCase();
    const media = t.includes('/') ? t : `image/${t}`;
    return `data:${media};base64,${value.replace(/\s+/g, '')}`;
  }
  return value || null;
}

function issue(line: number, field: string, message: string): ParseIssue {
  return { line, field, message };
}

function intValue(s: string): number | null {
  return /^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : null;
}

/** Builds one draft from a card's content lines; returns issues for what it could not use. */
function cardToDraft(beginLine: number, lines: ContentLine[], issues: ParseIssue[]): ContactDraft | 'group' | null {
  const labels = new Map<string, string>();
  for (const cl of lines) if (cl.group && cl.name === 'X-ABLABEL') labels.set(cl.group.toLowerCase(), appleLabel(textValue(cl)));
  const labelOf = (cl: ContentLine) => (cl.group ? labels.get(cl.group.toLowerCase()) : undefined) ?? typeLabel(cl);

  let fn = '';
  let n: string[] | null = null;
  let org = '';
  const d: ContactDraft = {
    line: beginLine,
    displayName: '',
    givenName: null,
    familyName: null,
    nickname: null,
    identities: [],
    company: null,
    title: null,
    employment: [],
    location: null,
    timeZone: null,
    birthday: null,
    howMet: null,
    circle: null,
    cadenceDays: null,
    boundaries: {},
    topics: [],
    tags: [],
    notes: '',
    photo: null,
    connectedOn: null,
    externalId: null,
  };
  const notes: string[] = [];
  const boundaries: Boundaries = {};
  let adrPicked = false;

  for (const cl of lines) {
    switch (cl.name) {
      case 'KIND':
        if (textValue(cl).trim().toLowerCase() === 'group') return 'group';
        break;
      case 'X-ADDRESSBOOKSERVER-KIND':
        if (textValue(cl).trim().toLowerCase() === 'group') return 'group';
        break;
      case 'FN':
        fn = fn || textValue(cl).trim();
        break;
      case 'N':
        n = n ?? structured(cl).map((x) => x.trim());
        break;
      case 'NICKNAME':
        d.nickname = d.nickname ?? (listValue(cl).join(', ') || null);
        break;
      case 'ORG':
        org = org || (structured(cl)[0] ?? '').trim();
        break;
      case 'TITLE':
        d.title = d.title ?? (textValue(cl).trim() || null);
        break;
      case 'EMAIL': {
        const v = textValue(cl).trim().replace(/^mailto:/i, '');
        pushIdentity(d.identities, withLabel({ kind: 'email', value: v }, labelOf(cl)));
        break;
      }
      case 'TEL': {
        let v = textValue(cl).trim();
        if ((param(cl, 'VALUE') ?? '').toLowerCase() === 'uri') v = v.replace(/^tel:/i, '');
        pushIdentity(d.identities, withLabel({ kind: 'phone', value: v }, labelOf(cl)));
        break;
      }
      case 'URL':
      case 'X-SOCIALPROFILE': {
        const v = textValue(cl).trim();
        if (v === '') break;
        const explicit = (param(cl, 'X-KITH-KIND') ?? '').toLowerCase();
        const social = cl.name === 'X-SOCIALPROFILE' ? (cl.params.get('TYPE') ?? []).find((t) => t === 'linkedin' || t === 'github') : undefined;
        const kind = (isIdentityKind(explicit) ? explicit : (social ?? urlKind(v))) as IdentityKind;
        const label = cl.name === 'X-SOCIALPROFILE' ? null : labelOf(cl);
        pushIdentity(d.identities, withLabel({ kind, value: v }, label));
        break;
      }
      case 'IMPP':
      case 'X-KITH-IDENTITY': {
        const v = textValue(cl).trim();
        const label = cl.name === 'IMPP' ? (labelOf(cl) ?? /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1]?.toLowerCase() ?? null) : labelOf(cl);
        pushIdentity(d.identities, withLabel({ kind: 'other', value: v }, label));
        break;
      }
      case 'ADR': {
        if (adrPicked && !hasType(cl, 'pref')) break;
        const [, , street = '', locality = '', region = '', , country = ''] = structured(cl).map((x) => x.trim());
        const loc = [locality, region, country].filter(Boolean).join(', ') || street;
        if (loc) {
          d.location = loc;
          adrPicked = true;
        }
        break;
      }
      case 'BDAY': {
        const v = textValue(cl).trim();
        const b = parseVCardBirthday(v, param(cl, 'X-APPLE-OMIT-YEAR'));
        if (b) d.birthday = b;
        else if (v) issues.push(issue(cl.line, 'BDAY', `"${v}" is not a date; ignored`));
        break;
      }
      case 'NOTE': {
        const v = textValue(cl);
        if (v.trim()) notes.push(v);
        break;
      }
      case 'CATEGORIES':
        for (const t of listValue(cl)) if (!d.tags?.includes(t)) d.tags?.push(t);
        break;
      case 'PHOTO':
        d.photo = d.photo ?? photoValue(cl);
        break;
      case 'UID':
        d.externalId = textValue(cl).trim() || null;
        break;
      case 'TZ':
        d.timeZone = textValue(cl).trim() || null;
        break;
      case 'X-KITH-CIRCLE': {
        const v = textValue(cl).trim();
        if ((CIRCLES as readonly string[]).includes(v)) d.circle = v as Circle;
        else issues.push(issue(cl.line, 'X-KITH-CIRCLE', `unknown circle "${v}"`));
        break;
      }
      case 'X-KITH-CADENCE': {
        const v = intValue(textValue(cl));
        if (v !== null && v > 0) d.cadenceDays = v;
        else issues.push(issue(cl.line, 'X-KITH-CADENCE', 'cadence must be a whole number of days'));
        break;
      }
      case 'X-KITH-TOPIC': {
        const kind = (cl.params.get('TYPE') ?? [])[0] ?? 'interest';
        const text = textValue(cl);
        if ((TOPIC_KINDS as readonly string[]).includes(kind)) d.topics?.push({ kind: kind as TopicKind, text });
        else issues.push(issue(cl.line, 'X-KITH-TOPIC', `unknown topic kind "${kind}"`));
        break;
      }
      case 'X-KITH-HOW-MET':
        d.howMet = textValue(cl);
        break;
      case 'X-KITH-EMPLOYMENT': {
        const [company = '', title = '', from = '', to = ''] = structured(cl);
        if (company) d.employment?.push({ company, title: title || null, from: from || null, to: to || null });
        break;
      }
      case 'X-KITH-PAUSED-UNTIL': {
        const v = textValue(cl).trim();
        if (isDay(v)) boundaries.pausedUntil = v;
        else issues.push(issue(cl.line, 'X-KITH-PAUSED-UNTIL', `"${v}" is not a YYYY-MM-DD day`));
        break;
      }
      case 'X-KITH-MIN-GAP': {
        const v = intValue(textValue(cl));
        if (v !== null) boundaries.minGapDays = v;
        else issues.push(issue(cl.line, 'X-KITH-MIN-GAP', 'minimum gap must be a whole number of days'));
        break;
      }
      case 'X-KITH-PREFERRED-CHANNEL': {
        const v = textValue(cl).trim();
        if ((CHANNELS as readonly string[]).includes(v)) boundaries.preferredChannel = v as Channel;
        else issues.push(issue(cl.line, 'X-KITH-PREFERRED-CHANNEL', `unknown channel "${v}"`));
        break;
      }
      case 'X-KITH-BOUNDARY-NOTE':
        boundaries.note = textValue(cl);
        break;
      case 'X-KITH-CONNECTED-ON': {
        const v = textValue(cl).trim();
        if (isDay(v)) d.connectedOn = v;
        else issues.push(issue(cl.line, 'X-KITH-CONNECTED-ON', `"${v}" is not a YYYY-MM-DD day`));
        break;
      }
      default: {
        const service = IM_PROPERTIES[cl.name];
        const v = service ? textValue(cl).trim() : '';
        if (v) pushIdentity(d.identities, { kind: 'other', value: v, label: service ?? null });
      }
    }
  }

  const [family = '', given = '', additional = '', prefix = '', suffix = ''] = n ?? [];
  d.givenName = given || null;
  d.familyName = family || null;
  d.company = org || null;
  d.notes = notes.join('\n\n');
  d.boundaries = boundaries;
  d.displayName =
    fn ||
    [prefix, given, additional, family, suffix].filter(Boolean).join(' ') ||
    d.nickname ||
    org ||
    (d.identities.find((i) => i.kind === 'email')?.value ?? '');
  if (!d.displayName && d.identities.length === 0) {
    issues.push(issue(beginLine, 'FN', 'vCard has no name (FN, N, ORG) and no email, phone or URL'));
    return null;
  }
  if (!d.displayName) d.displayName = d.identities[0]?.value ?? '';
  return d;
}

function isIdentityKind(s: string): boolean {
  return ['email', 'phone', 'linkedin', 'github', 'blog', 'site', 'url', 'other'].includes(s);
}

/**
 * The reader behind parseVCards and streamVCards: physical lines in, drafts, skipped groups and
 * issues out through `out`, one card at a time (memory bounded by the largest card).
 */
class VCardReader {
  private card: { line: number; lines: ContentLine[] } | null = null;
  private depth = 0;
  private strayLine: number | null = null;
  private sawCard = false;
  private sawText = false;
  private issues = 0;
  private readonly unfolder = new Unfolder((l) => this.logical(l));

  constructor(private readonly out: (ev: RecordEvent<ContactDraft>) => void) {}

  private issue(i: ParseIssue): void {
    this.issues++;
    this.out({ kind: 'issue', issue: i });
  }

  private finish(c: { line: number; lines: ContentLine[] }): void {
    const issues: ParseIssue[] = [];
    const d = cardToDraft(c.line, c.lines, issues);
    issues.sort((a, b) => a.line - b.line);
    for (const i of issues) this.issue(i);
    if (d === 'group') this.out({ kind: 'skipped', line: c.line, reason: 'Contact group, not a person' });
    else if (d) this.out({ kind: 'record', record: d });
  }

  line(raw: string, line: number): void {
    if (!this.sawText && raw.trim() !== '') this.sawText = true;
    this.unfolder.push(raw, line);
  }

  private logical(l: { line: number; text: string }): void {
    const trimmed = l.text.trim();
    const upper = trimmed.toUpperCase();
    if (upper === 'BEGIN:VCARD' || /^AGENT[;:].*BEGIN:VCARD$/i.test(trimmed)) {
      if (this.card) {
        this.depth++; // a nested vCard (2.1 AGENT): not a separate contact
        return;
      }
      if (upper !== 'BEGIN:VCARD') return;
      this.card = { line: l.line, lines: [] };
      this.depth = 1;
      this.sawCard = true;
      this.strayLine = null;
      return;
    }
    if (upper === 'END:VCARD') {
      if (!this.card) {
        this.issue(issue(l.line, 'END', 'END:VCARD without BEGIN:VCARD'));
        return;
      }
      this.depth--;
      if (this.depth === 0) {
        const card = this.card;
        this.card = null;
        this.finish(card);
      }
      return;
    }
    if (!this.card) {
      if (this.strayLine === null) {
        this.strayLine = l.line;
        this.issue({ line: l.line, message: 'Text outside BEGIN:VCARD … END:VCARD ignored' });
      }
      return;
    }
    if (this.depth > 1) return;
    const cl = parseContentLine(l);
    if (!cl) {
      this.issue({ line: l.line, message: `Not a vCard property line: "${trimmed.slice(0, 40)}"` });
      return;
    }
    this.card.lines.push(cl);
  }

  end(): void {
    this.unfolder.end();
    if (this.card) {
      const card = this.card;
      this.card = null;
      this.issue(issue(card.line, 'END', 'vCard is not closed by END:VCARD'));
      this.finish(card);
    }
    if (!this.sawCard && this.sawText && this.issues === 0) {
      this.issue({ line: 1, message: 'No vCard found (BEGIN:VCARD)' });
    }
  }
}

/** Parses every vCard (2.1, 3.0, 4.0) in a text or byte buffer. Never throws on bad data. */
export function parseVCards(input: string | Uint8Array): ParseResult<ContactDraft> {
  const result: ParseResult<ContactDraft> = { records: [], issues: [], skipped: [] };
  const { text } = decodeText(input);
  const reader = new VCardReader((ev) => addEvent(result, ev));
  const physical = text.split('\n');
  for (let i = 0; i < physical.length; i++) reader.line(physical[i] ?? '', i + 1);
  reader.end();
  result.issues.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * Streams vCards from bytes: records, skipped groups and issues in file order, each card as soon
 * as it is closed, so memory stays bounded by the largest card whatever the file size. Decoded
 * as UTF-8 unless the bytes are not, then as windows-1252 (said once, as streamCsv does).
 */
export async function* streamVCards(source: ByteSource): AsyncGenerator<RecordEvent<ContactDraft>> {
  const feed = new TextFeed();
  const queue: Array<RecordEvent<ContactDraft>> = [];
  const reader = new VCardReader((ev) => queue.push(ev));
  let carry = '';
  let line = 0;
  let reportedSwitch = false;
  const lines = (text: string): void => {
    const parts = (carry + text).split('\n');
    carry = parts.pop() ?? '';
    for (const raw of parts) reader.line(raw, ++line);
  };
  for await (const chunk of source) {
    lines(feed.push(chunk));
    if (feed.switchedLate && !reportedSwitch) {
      reportedSwitch = true;
      queue.push({
        kind: 'issue',
        issue: { line: 1, message: 'Input is not valid UTF-8 throughout; decoded the rest as windows-1252' },
      });
    }
    while (queue.length > 0) yield queue.shift() as RecordEvent<ContactDraft>;
  }
  lines(feed.end());
  reader.line(carry, ++line);
  reader.end();
  while (queue.length > 0) yield queue.shift() as RecordEvent<ContactDraft>;
}

// ---------------------------------------------------------------------------
// Writing.

export interface VCardWriteOptions {
  version: '3.0' | '4.0';
}

/** What the writer needs: a draft or a stored contact. */
export type VCardContact = Omit<ContactDraft, 'line'> & { line?: number; id?: string };

/** Escapes a TEXT value: backslash, newline, comma, semicolon. */
function escapeText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\\,;\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** Escapes a URI-ish value: only what would break the line or the reader's unescaping. */
function escapeUri(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

/** Folds one content line at 75 octets without splitting a UTF-8 sequence. */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  if (enc.encode(line).length <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (size + n > limit) {
      out.push(cur);
      cur = ' ';
      size = 1;
      limit = 75;
    }
    cur += ch;
    size += n;
  }
  out.push(cur);
  return out.join('\r\n');
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const MEDIA_DATA_URI = /^data:image\/([a-z0-9]+);base64,([A-Za-z0-9+/=]*)$/;

/** Writes one contact as a vCard 3.0 or 4.0 (CRLF, folded, always VERSION/UID/FN/N). */
export function writeVCard(contact: VCardContact | Contact, opts: VCardWriteOptions): string {
  const c = contact as VCardContact;
  const v4 = opts.version === '4.0';
  const lines: string[] = ['BEGIN:VCARD', `VERSION:${opts.version}`, 'PRODID:-//kith//kith//EN'];
  const uid = c.externalId || c.id || `kith-${fnv1a(`${c.displayName}\n${c.identities.map((i) => i.value).join('\n')}`)}`;
  lines.push(`UID:${escapeText(uid)}`);
  lines.push(`FN:${escapeText(c.displayName)}`);
  lines.push(`N:${escapeText(c.familyName ?? '')};${escapeText(c.givenName ?? '')};;;`);
  if (c.nickname) lines.push(`NICKNAME:${escapeText(c.nickname)}`);
  if (c.company) lines.push(`ORG:${escapeText(c.company)}`);
  if (c.title) lines.push(`TITLE:${escapeText(c.title)}`);

  let group = 0;
  for (const id of c.identities) {
    const label = id.label ?? null;
    let name: string;
    let params = '';
    let value: string;
    if (id.kind === 'email') {
      name = 'EMAIL';
      value = escapeText(id.value);
    } else if (id.kind === 'phone') {
      name = 'TEL';
      value = escapeText(id.value);
    } else if (id.kind === 'other') {
      name = 'X-KITH-IDENTITY';
      value = escapeText(id.value);
    } else {
      name = 'URL';
      value = escapeUri(id.value);
      if (urlKind(id.value) !== id.kind) params += `;X-KITH-KIND=${id.kind}`;
    }
    if (label && LABEL_TYPES.has(label) && name !== 'X-KITH-IDENTITY') {
      lines.push(`${name};TYPE=${label}${params}:${value}`);
    } else if (label) {
      group++;
      lines.push(`item${group}.${name}${params}:${value}`, `item${group}.X-ABLabel:${escapeText(label)}`);
    } else {
      lines.push(`${name}${params}:${value}`);
    }
  }
  if (c.location) lines.push(`ADR:;;;${escapeText(c.location)};;;`);
  if (c.birthday) {
    const b = c.birthday;
    if (b.startsWith('--')) lines.push(v4 ? `BDAY:--${b.slice(2, 4)}${b.slice(5, 7)}` : `BDAY;X-APPLE-OMIT-YEAR=1604:1604-${b.slice(2)}`);
    else lines.push(v4 ? `BDAY:${b.replace(/-/g, '')}` : `BDAY:${b}`);
  }
  if (c.timeZone) lines.push(`TZ${v4 ? '' : ';VALUE=text'}:${escapeText(c.timeZone)}`);
  if (c.notes) lines.push(`NOTE:${escapeText(c.notes)}`);
  if (c.tags && c.tags.length > 0) lines.push(`CATEGORIES:${c.tags.map(escapeText).join(',')}`);
  if (c.photo) {
    const m = MEDIA_DATA_URI.exec(c.photo);
    if (v4) lines.push(`PHOTO:${escapeUri(c.photo)}`);
    else if (m) lines.push(`PHOTO;ENCODING=b;TYPE=${(m[1] ?? '').toUpperCase()}:${m[2] ?? ''}`);
    else lines.push(`PHOTO;VALUE=uri:${escapeUri(c.photo)}`);
  }
  if (c.circle) lines.push(`X-KITH-CIRCLE:${c.circle}`);
  if (c.cadenceDays != null) lines.push(`X-KITH-CADENCE:${c.cadenceDays}`);
  if (c.howMet) lines.push(`X-KITH-HOW-MET:${escapeText(c.howMet)}`);
  for (const t of c.topics ?? []) lines.push(`X-KITH-TOPIC;TYPE=${t.kind}:${escapeText(t.text)}`);
  for (const e of c.employment ?? []) {
    const parts = [e.company, e.title ?? '', e.from ?? '', e.to ?? ''].map(escapeText);
    lines.push(`X-KITH-EMPLOYMENT:${parts.join(';')}`);
  }
  const bd = c.boundaries ?? {};
  if (bd.pausedUntil) lines.push(`X-KITH-PAUSED-UNTIL:${bd.pausedUntil}`);
  if (bd.minGapDays != null) lines.push(`X-KITH-MIN-GAP:${bd.minGapDays}`);
  if (bd.preferredChannel) lines.push(`X-KITH-PREFERRED-CHANNEL:${bd.preferredChannel}`);
  if (bd.note) lines.push(`X-KITH-BOUNDARY-NOTE:${escapeText(bd.note)}`);
  if (c.connectedOn) lines.push(`X-KITH-CONNECTED-ON:${c.connectedOn}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Writes several contacts as one .vcf text. */
export function writeVCards(contacts: ReadonlyArray<VCardContact | Contact>, opts: VCardWriteOptions): string {
  return contacts.map((c) => writeVCard(c, opts)).join('');
}
