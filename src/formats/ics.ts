/**
 * iCalendar files → meeting touchpoints (`parseIcs`), and the agenda/commitments/birthdays
 * feed kith publishes (`writeIcsFeed`).
 *
 * Decisions (FORMATS.md §4):
 * - One touchpoint per meeting occurrence. A VEVENT without RRULE/RDATE is one occurrence with
 *   externalId = UID. Occurrences of a series get `UID#<RECURRENCE-ID>` (the master's own start
 *   included), so a later override file replaces the same occurrence on re-import.
 * - Recurrence: bounded rules (COUNT/UNTIL, RDATE) are expanded, at most `maxOccurrences`
 *   (default 500; cutting off is reported). Infinite rules are NOT expanded: only the master's
 *   DTSTART occurrence and the RECURRENCE-ID overrides are imported, unless `until` is given,
 *   in which case any series is expanded up to it. With `until`, later occurrences are skipped
 *   (a meeting that has not happened is not a touchpoint).
 * - Kind: `coffee` when the summary or location says coffee/lunch/dinner/breakfast (also in
 *   German); `video` when a Meet/Zoom/Teams/Webex/Jitsi/Whereby link appears; `call` when the
 *   summary says call/phone or the location is a phone number; otherwise `event` for all-day
 *   events and gatherings of more than 8 other people, else `other`.
 * - People: ORGANIZER and ATTENDEEs by email (`mailto:` case-insensitive), minus the user's
 *   emails, rooms/resources (CUTYPE=ROOM|RESOURCE, Google resource/group/virtual addresses,
 *   `room-…@`), and DECLINED attendees. An occurrence the user declined is skipped, as are
 *   cancelled events and occurrences with no one else in them.
 * - Times: UTC (`Z`), IANA TZIDs, Windows zone names (mapped), VTIMEZONE definitions as a
 *   fallback, floating times in X-WR-TIMEZONE or UTC. All-day events happen at noon UTC.
 * - Duplicate UID+RECURRENCE-ID (iTIP REQUEST files concatenated): the highest SEQUENCE wins.
 */
import ICAL from 'ical.js';
import type { ParseIssue, ParseResult, PersonRef, TouchpointDraft } from '../core/drafts.js';
import type { Channel, Day, Initiator, Instant, TouchKind } from '../core/types.js';
import { addDays, isDay, noonOf } from '../core/days.js';
import { invalidField } from '../core/errors.js';
import { normalizeEmail } from '../core/text-fold.js';
import { ianaZone, zonedToEpoch, type WallTime } from './ics-time-zones.js';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Timezone = InstanceType<typeof ICAL.Timezone>;

export interface IcsSelf {
  emails: string[];
}

export interface IcsOptions {
  /** Occurrences after this instant are skipped, and open-ended series are expanded up to it. */
  until?: Instant;
  /** Most occurrences taken from one series (default 500). */
  maxOccurrences?: number;
}

const DEFAULT_MAX_OCCURRENCES = 500;
const LARGE_GATHERING = 8;

const VIDEO_LINK_RE =
  /\b(?:meet\.google\.com|(?:[\w-]+\.)?zoom\.us\/(?:j|my|w|s)\/|teams\.microsoft\.com\/l\/meetup-join|teams\.live\.com\/meet|(?:[\w-]+\.)?webex\.com\/(?:meet|join|[\w-]+\/j\.php)|meet\.jit\.si\/|whereby\.com\/|chime\.aws\/)/i;
const COFFEE_RE =
  /\b(?:coffee|kaffee|caf[eé]|espresso|lunch|dinner|breakfast|brunch|mittagessen|abendessen|fr[üu]hst[üu]ck)\b|☕/i;
const CALL_RE = /\b(?:call|phone|telefonat|anruf|telefon)\b/i;
const PHONE_LOCATION_RE = /^(?:tel:)?\+?[\d\s()./-]{7,}$/i;
const ROOM_EMAIL_RE =
  /(?:@resource\.calendar\.google\.com|@group\.calendar\.google\.com|@group\.v\.calendar\.google\.com|@virtual|\.calendar\.google\.com)$|^(?:room|rm|conf|conference|meetingroom|meeting-room|raum|besprechungsraum)[-._\d]/i;
const ROOM_NAME_RE = /^(?:room|meeting room|conference room|raum|besprechungsraum)\b/i;

interface Block {
  name: 'VEVENT' | 'VTIMEZONE';
  line: number;
  text: string;
}

interface Scan {
  blocks: Block[];
  calendarZone: string | null;
  method: string | null;
  sawCalendar: boolean;
}

/** Reads meetings from an iCalendar file; never throws on bad data. */
export function parseIcs(text: string, self: IcsSelf, opts: IcsOptions = {}): ParseResult<TouchpointDraft> {
  const result: ParseResult<TouchpointDraft> = { records: [], issues: [], skipped: [] };
  const scan = scanBlocks(text, result.issues);
  if (!scan.sawCalendar && scan.blocks.length === 0) {
    if (text.trim() !== '') result.issues.push({ line: 1, message: 'not an iCalendar file (no BEGIN:VCALENDAR or VEVENT)' });
    return result;
  }
  const selfEmails = new Set(self.emails.map(normalizeEmail));
  const zones = new Map<string, Timezone>();
  for (const b of scan.blocks.filter((x) => x.name === 'VTIMEZONE')) {
    try {
      const tz = new ICAL.Timezone(new ICAL.Component(ICAL.parse(b.text)));
      if (tz.tzid) zones.set(tz.tzid, tz);
    } catch (err) {
      result.issues.push({ line: b.line, field: 'VTIMEZONE', message: `unreadable time zone: ${describe(err)}` });
    }
  }
  const ctx: Context = {
    selfEmails,
    zones,
    calendarZone: scan.calendarZone,
    issues: result.issues,
    skipped: result.skipped,
    until: opts.until ? Date.parse(opts.until) : null,
    maxOccurrences: opts.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES,
  };
  const cancelledFile = scan.method?.toUpperCase() === 'CANCEL';

  // Group by UID: overrides need their master, and duplicates resolve by SEQUENCE.
  const series = new Map<string, { master: Parsed | null; overrides: Map<string, Parsed> }>();
  for (const b of scan.blocks.filter((x) => x.name === 'VEVENT')) {
    const parsed = parseEvent(b, ctx);
    if (!parsed) continue;
    if (cancelledFile) {
      result.skipped.push({ line: b.line, reason: `cancellation of ${parsed.uid} (METHOD:CANCEL)` });
      continue;
    }
    let entry = series.get(parsed.uid);
    if (!entry) series.set(parsed.uid, (entry = { master: null, overrides: new Map() }));
    if (parsed.recurrenceId === null) {
      entry.master = newer(entry.master, parsed, result.skipped);
    } else {
      const key = parsed.recurrenceId.key;
      entry.overrides.set(key, newer(entry.overrides.get(key) ?? null, parsed, result.skipped));
    }
  }

  for (const [uid, { master, overrides }] of series) {
    const occurrences: Array<{ event: Parsed; start: Occurrence; key: string | null }> = [];
    if (master) {
      const recurring = master.comp.hasProperty('rrule') || master.comp.hasProperty('rdate');
      if (!recurring) {
        occurrences.push({ event: master, start: master.start, key: null });
      } else {
        for (const start of expand(master, ctx)) {
          if (!overrides.has(start.key)) occurrences.push({ event: master, start, key: start.key });
        }
      }
    }
    for (const [key, override] of overrides) occurrences.push({ event: override, start: override.start, key });
    for (const occ of occurrences) {
      const draft = toDraft(uid, occ.event, occ.start, occ.key, ctx);
      if (draft) result.records.push(draft);
    }
  }
  result.records.sort((a, b) => a.line - b.line || a.occurredAt.localeCompare(b.occurredAt));
  result.skipped.sort((a, b) => a.line - b.line);
  result.issues.sort((a, b) => a.line - b.line);
  return result;
}

interface Context {
  selfEmails: Set<string>;
  zones: Map<string, Timezone>;
  calendarZone: string | null;
  issues: ParseIssue[];
  skipped: Array<{ line: number; reason: string }>;
  until: number | null;
  maxOccurrences: number;
}

interface Occurrence {
  instant: Instant;
  allDay: boolean;
  /** RECURRENCE-ID form: `20240105T090000Z` or `20240105`. */
  key: string;
}

interface Parsed {
  line: number;
  comp: Component;
  uid: string;
  sequence: number;
  start: Occurrence;
  recurrenceId: Occurrence | null;
}

function parseEvent(b: Block, ctx: Context): Parsed | null {
  try {
    const comp = new ICAL.Component(ICAL.parse(b.text));
    const startProp = comp.getFirstProperty('dtstart');
    const startValue = startProp?.getFirstValue() as Time | null | undefined;
    if (!startProp || !startValue) {
      ctx.issues.push({ line: b.line, field: 'DTSTART', message: 'event has no start' });
      return null;
    }
    const start = toOccurrence(startValue, startProp.getParameter('tzid') as string | undefined, b.line, 'DTSTART', ctx);
    if (!start) return null;
    const ridProp = comp.getFirstProperty('recurrence-id');
    let recurrenceId: Occurrence | null = null;
    if (ridProp) {
      const ridValue = ridProp.getFirstValue() as Time;
      recurrenceId = toOccurrence(ridValue, ridProp.getParameter('tzid') as string | undefined, b.line, 'RECURRENCE-ID', ctx);
      if (!recurrenceId) return null;
    }
    let uid = String(comp.getFirstPropertyValue('uid') ?? '').trim();
    if (uid === '') {
      // RFC 5545 requires a UID; without one, start + summary is the most stable key there is.
      uid = `no-uid:${start.key}:${String(comp.getFirstPropertyValue('summary') ?? '')}`;
    }
    const sequence = Number(comp.getFirstPropertyValue('sequence') ?? 0);
    return { line: b.line, comp, uid, sequence: Number.isFinite(sequence) ? sequence : 0, start, recurrenceId };
  } catch (err) {
    ctx.issues.push({ line: b.line, message: `unreadable event: ${describe(err)}` });
    return null;
  }
}

/** Keeps the event with the higher SEQUENCE (the later one on a tie) and records the other as skipped. */
function newer(old: Parsed | null, next: Parsed, skipped: Array<{ line: number; reason: string }>): Parsed {
  if (!old) return next;
  const [keep, drop] = next.sequence >= old.sequence ? [next, old] : [old, next];
  skipped.push({ line: drop.line, reason: `superseded by the update on line ${keep.line} (SEQUENCE ${keep.sequence})` });
  return keep;
}

function* expand(master: Parsed, ctx: Context): Generator<Occurrence> {
  const rrules = master.comp.getAllProperties('rrule').map((p) => p.getFirstValue() as InstanceType<typeof ICAL.Recur>);
  const bounded = rrules.every((r) => r.isFinite());
  if (!bounded && ctx.until === null) {
    ctx.skipped.push({
      line: master.line,
      reason: 'open-ended recurrence: only the first occurrence and changed occurrences imported',
    });
    yield master.start;
    return;
  }
  const startProp = master.comp.getFirstProperty('dtstart')!;
  const tzid = startProp.getParameter('tzid') as string | undefined;
  const iterator = new ICAL.RecurExpansion({ component: master.comp, dtstart: startProp.getFirstValue() as Time });
  let count = 0;
  for (let t = iterator.next(); t; t = iterator.next()) {
    const occ = toOccurrence(t, tzid, master.line, 'DTSTART', ctx, true);
    if (!occ) return;
    if (ctx.until !== null && Date.parse(occ.instant) > ctx.until) return;
    if (count >= ctx.maxOccurrences) {
      ctx.issues.push({
        line: master.line,
        field: 'RRULE',
        message: `more than ${ctx.maxOccurrences} occurrences: imported the first ${ctx.maxOccurrences}`,
      });
      return;
    }
    count++;
    yield occ;
  }
}

function toOccurrence(
  t: Time,
  tzid: string | undefined,
  line: number,
  field: string,
  ctx: Context,
  quiet = false,
): Occurrence | null {
  const wall: WallTime = { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const day: Day = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  if (!isDay(day)) {
    ctx.issues.push({ line, field, message: `invalid date ${day}` });
    return null;
  }
  if (t.isDate) return { instant: noonOf(day), allDay: true, key: day.replace(/-/g, '') };
  let ms: number;
  if (t.zone?.tzid === 'UTC') {
    ms = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  } else if (tzid) {
    const iana = ianaZone(tzid);
    const defined = ctx.zones.get(tzid);
    if (iana) {
      ms = zonedToEpoch(wall, iana);
    } else if (defined) {
      ms = ICAL.Time.fromData({ ...wall, isDate: false }, defined).toUnixTime() * 1000;
    } else {
      if (!quiet) ctx.issues.push({ line, field, message: `unknown time zone "${tzid}": read as UTC` });
      ms = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    }
  } else {
    // Floating time: the calendar's own zone if it names one.
    const zone = ctx.calendarZone ? ianaZone(ctx.calendarZone) : null;
    ms = zone ? zonedToEpoch(wall, zone) : Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  }
  if (!Number.isFinite(ms)) {
    ctx.issues.push({ line, field, message: 'invalid date-time' });
    return null;
  }
  const instant = new Date(ms).toISOString();
  return { instant, allDay: false, key: `${instant.slice(0, 19).replace(/[-:]/g, '')}Z` };
}

function toDraft(uid: string, event: Parsed, start: Occurrence, key: string | null, ctx: Context): TouchpointDraft | null {
  const comp = event.comp;
  const line = event.line;
  const skip = (reason: string): null => {
    ctx.skipped.push({ line, reason });
    return null;
  };
  if (String(comp.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return skip('cancelled');
  if (ctx.until !== null && Date.parse(start.instant) > ctx.until) return skip('in the future');

  const { people, organizerIsSelf, organizerKnown, selfDeclined } = participants(comp, ctx.selfEmails);
  if (selfDeclined) return skip('declined by you');
  if (people.length === 0) return skip('no other participants');

  const summary = String(comp.getFirstPropertyValue('summary') ?? '').trim() || '(no title)';
  const location = String(comp.getFirstPropertyValue('location') ?? '').trim();
  const { kind, channel } = classify(comp, summary, location, start.allDay, people.length);
  const initiatedBy: Initiator | null = organizerKnown ? (organizerIsSelf ? 'me' : 'them') : null;

  const draft: TouchpointDraft = {
    line,
    kind,
    channel,
    initiatedBy,
    occurredAt: start.instant,
    people,
    summary,
    externalId: key === null ? uid : `${uid}#${key}`,
    threadId: uid,
  };
  const topics = comp
    .getAllProperties('categories')
    .flatMap((p) => p.getValues().map((v) => String(v).trim()))
    .filter((v) => v !== '');
  if (topics.length > 0) draft.topics = [...new Set(topics)];
  return draft;
}

function participants(
  comp: Component,
  selfEmails: Set<string>,
): { people: PersonRef[]; organizerIsSelf: boolean; organizerKnown: boolean; selfDeclined: boolean } {
  const people: PersonRef[] = [];
  const seen = new Set<string>();
  let organizerIsSelf = false;
  let organizerKnown = false;
  let selfDeclined = false;
  const props = [
    ...comp.getAllProperties('organizer').map((p) => ({ p, organizer: true })),
    ...comp.getAllProperties('attendee').map((p) => ({ p, organizer: false })),
  ];
  for (const { p, organizer } of props) {
    const value = String(p.getFirstValue() ?? '');
    const param = (name: string): string => {
      const v = p.getParameter(name) as unknown;
      return (Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '')).trim();
    };
    const fromValue = /^mailto:/i.test(value.trim())
      ? value.trim().replace(/^mailto:/i, '')
      : value.includes('@') && !value.includes(':')
        ? value
        : '';
    const emailRaw = fromValue || param('email');
    const email = emailRaw.includes('@') ? normalizeEmail(emailRaw) : '';
    const name = param('cn').replace(/^"|"$/g, '');
    const isSelf = email !== '' && selfEmails.has(email);
    const partstat = param('partstat').toUpperCase();
    if (organizer && (email !== '' || name !== '')) {
      organizerKnown = true;
      organizerIsSelf = isSelf;
    }
    if (isSelf) {
      if (!organizer && partstat === 'DECLINED') selfDeclined = true;
      continue;
    }
    if (!organizer && partstat === 'DECLINED') continue;
    const cutype = param('cutype').toUpperCase();
    if (cutype === 'ROOM' || cutype === 'RESOURCE') continue;
    if ((email !== '' && ROOM_EMAIL_RE.test(email)) || ROOM_NAME_RE.test(name)) continue;
    const key = email || `name:${name.toLowerCase()}`;
    if ((email === '' && name === '') || seen.has(key)) continue;
    seen.add(key);
    people.push({ name: name || null, email: email || null });
  }
  return { people, organizerIsSelf, organizerKnown, selfDeclined };
}

function classify(
  comp: Component,
  summary: string,
  location: string,
  allDay: boolean,
  others: number,
): { kind: TouchKind; channel: Channel | null } {
  const linkText = [
    location,
    String(comp.getFirstPropertyValue('description') ?? ''),
    String(comp.getFirstPropertyValue('url') ?? ''),
    ...comp.getAllProperties('conference').map((p) => String(p.getFirstValue() ?? '')),
    String(comp.getFirstPropertyValue('x-google-conference') ?? ''),
    String(comp.getFirstPropertyValue('x-microsoft-skypeteamsmeetingurl') ?? ''),
  ].join('\n');
  const video = VIDEO_LINK_RE.test(linkText);
  const physical = location !== '' && !VIDEO_LINK_RE.test(location) && !/^https?:\/\//i.test(location);
  if (COFFEE_RE.test(summary) || (physical && COFFEE_RE.test(location))) {
    return { kind: 'coffee', channel: video ? 'video' : 'in-person' };
  }
  if (video) return { kind: 'video', channel: 'video' };
  if (CALL_RE.test(summary) || PHONE_LOCATION_RE.test(location)) return { kind: 'call', channel: 'phone' };
  if (allDay || others > LARGE_GATHERING) return { kind: 'event', channel: physical ? 'in-person' : null };
  return { kind: 'other', channel: physical ? 'in-person' : null };
}

/** Finds VEVENT and VTIMEZONE blocks with the physical line they begin on, unfolding as RFC 5545 says. */
function scanBlocks(input: string, issues: ParseIssue[]): Scan {
  const physical = input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const scan: Scan = { blocks: [], calendarZone: null, method: null, sawCalendar: false };
  // Logical lines: continuation lines (leading space or tab) join the one before.
  const logical: Array<{ text: string; line: number }> = [];
  physical.forEach((raw, i) => {
    const last = logical[logical.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
    else if (raw.trim() !== '') logical.push({ text: raw, line: i + 1 });
  });
  const stack: string[] = [];
  let current: { name: Block['name']; line: number; lines: string[]; depth: number } | null = null;
  for (const { text, line } of logical) {
    const begin = /^BEGIN:(.+)$/i.exec(text.trim());
    const end = /^END:(.+)$/i.exec(text.trim());
    if (begin) {
      const name = begin[1]!.trim().toUpperCase();
      if (name === 'VCALENDAR') scan.sawCalendar = true;
      if (!current && (name === 'VEVENT' || name === 'VTIMEZONE')) {
        current = { name, line, lines: [], depth: stack.length };
      }
      stack.push(name);
    } else if (end) {
      const name = end[1]!.trim().toUpperCase();
      const at = stack.lastIndexOf(name);
      if (at < 0) {
        issues.push({ line, message: `END:${name} without BEGIN:${name}` });
        continue;
      }
      if (current && at < current.depth) {
        // The enclosing component closed first: the open block never ended.
        issues.push({ line: current.line, message: `BEGIN:${current.name} without END:${current.name}` });
        current = null;
      }
      stack.length = at;
      if (current && at === current.depth) {
        current.lines.push(text);
        scan.blocks.push({ name: current.name, line: current.line, text: `${current.lines.join('\r\n')}\r\n` });
        current = null;
        continue;
      }
    } else if (!current && stack.length === 1 && stack[0] === 'VCALENDAR') {
      const prop = /^([A-Za-z-]+)(?:;[^:]*)?:(.*)$/.exec(text);
      if (prop?.[1]?.toUpperCase() === 'X-WR-TIMEZONE') scan.calendarZone = prop[2]!.trim();
      if (prop?.[1]?.toUpperCase() === 'METHOD') scan.method = prop[2]!.trim();
    }
    if (current) current.lines.push(text);
  }
  if (current) issues.push({ line: current.line, message: `BEGIN:${current.name} without END:${current.name}` });
  return scan;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One all-day entry in a published feed. */
export interface IcsFeedItem {
  uid: string;
  summary: string;
  description?: string | null;
  day: Day;
  url?: string | null;
}

export interface IcsFeedOptions {
  /** Calendar name shown by clients. */
  name: string;
  prodId?: string;
  /** DTSTAMP of every event: the time the feed was generated, passed in so output is deterministic. */
  stamp: Instant;
}

/** Writes a VCALENDAR of all-day events (CRLF, folded at 75 octets, TEXT escaped); throws `invalid_input` on a bad day or stamp. */
export function writeIcsFeed(items: IcsFeedItem[], opts: IcsFeedOptions): string {
  const stampMs = Date.parse(opts.stamp);
  if (!Number.isFinite(stampMs)) throw invalidField('stamp', `not an instant: ${opts.stamp}`);
  const stamp = `${new Date(stampMs).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${opts.prodId ?? '-//kith//agenda feed//EN'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(opts.name)}`,
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  items.forEach((item, i) => {
    if (!isDay(item.day)) throw invalidField(`items.${i}.day`, `not a YYYY-MM-DD day: ${item.day}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(item.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${item.day.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${addDays(item.day, 1).replace(/-/g, '')}`,
      `SUMMARY:${escapeText(item.summary)}`,
    );
    if (item.description) lines.push(`DESCRIPTION:${escapeText(item.description)}`);
    if (item.url) lines.push(`URL:${item.url.replace(/[\r\n]/g, '')}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  });
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** RFC 5545 TEXT escaping: backslash, semicolon, comma, newline. */
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Folds a content line at 75 octets without splitting a UTF-8 sequence (or a surrogate pair). */
function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines start with a space
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
