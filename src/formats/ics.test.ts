import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { parseIcs, writeIcsFeed } from './ics.js';

const dir = new URL('../../test/fixtures/formats/activity/ics/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
const self = { emails: ['Jonas.Berg@example.org', 'jberg@work.example.com'] };

describe('parseIcs', () => {
  it('Google export: open-ended series gives its first occurrence plus overrides; rooms, self and declined dropped', () => {
    const r = parseIcs(fixture('google.ics'), self);
    expect(r.issues).toEqual([]);
    expect(r.records.map((d) => [d.externalId, d.occurredAt, d.summary, d.kind, d.initiatedBy])).toEqual([
      ['1on1-mareike-7f3a@google.com#20240108T090000Z', '2024-01-08T09:00:00.000Z', '1:1 Mareike / Jonas', 'video', 'me'],
      // The override keeps the RECURRENCE-ID of the occurrence it replaces, not its new time.
      ['1on1-mareike-7f3a@google.com#20240115T090000Z', '2024-01-16T14:00:00.000Z', '1:1 Mareike / Jonas (moved)', 'video', 'me'],
      ['wasm-review-2024@google.com', '2024-06-12T16:00:00.000Z', 'WASM GC design review', 'video', 'them'],
    ]);
    // Folded mid-address and mid-CN; the resource room and the user's own address are gone.
    expect(r.records[0]!.people).toEqual([{ name: 'Mareike Schönfeld', email: 'mareike.schoenfeld@example.net' }]);
    expect(r.records[0]!.threadId).toBe('1on1-mareike-7f3a@google.com');
    // Declined Lukas, the user in upper case and the group-calendar address are dropped; emails lower-cased.
    expect(r.records[2]!.people).toEqual([
      { name: 'Priya Raghunathan', email: 'priya@raghunathan.dev' },
      { name: 'Zoë Lambert', email: 'zoe.lambert@example.com' },
    ]);
    expect(r.records[2]!.topics).toEqual(['wasm', 'compilers']);
    expect(r.skipped).toEqual([
      { line: 26, reason: 'open-ended recurrence: only the first occurrence and changed occurrences imported' },
      { line: 60, reason: 'cancelled' },
    ]);
  });

  it('with `until`, an open-ended series is expanded up to it and later meetings are left out', () => {
    const r = parseIcs(fixture('google.ics'), self, { until: '2024-02-01T00:00:00.000Z' });
    expect(r.records.map((d) => d.occurredAt)).toEqual([
      '2024-01-08T09:00:00.000Z',
      '2024-01-29T09:00:00.000Z',
      '2024-01-16T14:00:00.000Z',
    ]);
    // 22 Jan is cancelled by its override; the June review is in the future.
    expect(r.skipped.map((s) => s.reason)).toEqual(['cancelled', 'in the future']);
  });

  it('caps the expansion of a long series and says so', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:daily',
      'DTSTART:20240101T090000Z',
      'RRULE:FREQ=DAILY;COUNT=50',
      'SUMMARY:Standup',
      'ORGANIZER:mailto:lead@team.example',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const r = parseIcs(text, self, { maxOccurrences: 10 });
    expect(r.records).toHaveLength(10);
    expect(r.issues).toEqual([{ line: 2, field: 'RRULE', message: 'more than 10 occurrences: imported the first 10' }]);
    expect(parseIcs(text, self).records).toHaveLength(50);
  });

  it('Exchange invite: Windows zone names, display-name TZID, MAILTO, CUTYPE=ROOM, bounded series with EXDATE', () => {
    const r = parseIcs(fixture('outlook.ics'), self);
    expect(r.issues).toEqual([]);
    expect(r.records.map((d) => [d.occurredAt, d.kind, d.channel])).toEqual([
      ['2024-03-07T13:00:00.000Z', 'video', 'video'],
      ['2024-03-21T13:00:00.000Z', 'video', 'video'],
      // 09:00 in Sydney (UTC+11 in January) is 22:00 UTC the day before.
      ['2024-01-09T22:00:00.000Z', 'call', 'phone'],
    ]);
    expect(r.records[0]!.people).toEqual([
      { name: 'Goran Stipetić', email: 'goran.stipetic@firma.example' },
      { name: 'Okafor, Amara', email: 'amara.okafor@firma.example' },
    ]);
    expect(r.records[0]!.initiatedBy).toBe('them');
  });

  it('BOM and LF; all-day, coffee, cancelled, alone, declined, RFC 6868, broken event, unknown zone, SEQUENCE', () => {
    const r = parseIcs(fixture('misc.ics'), self);
    expect(r.records.map((d) => [d.line, d.kind, d.channel, d.occurredAt, d.summary])).toEqual([
      [4, 'coffee', 'in-person', '2024-02-05T08:30:00.000Z', 'Coffee with Olu'],
      [15, 'event', null, '2024-09-10T12:00:00.000Z', 'RustConf 2024'],
      [50, 'other', null, '2024-03-04T09:00:00.000Z', 'Mentoring session'],
      [58, 'other', null, '2024-03-06T17:00:00.000Z', 'Pairing (moved to 18:00)'],
    ]);
    expect(r.records[1]!.people).toEqual([{ name: 'Conf "Team" ^ Org', email: 'team@rustconf.example' }]);
    expect(r.records[3]!.people).toEqual([{ name: null, email: 'ana@souza.example' }]);
    expect(r.issues).toEqual([
      { line: 46, message: 'unreadable event: invalid line (no token ";" or ":") "this line has no colon"' },
      { line: 50, field: 'DTSTART', message: 'unknown time zone "Customized Time Zone 7": read as UTC' },
    ]);
    expect(r.skipped).toEqual([
      { line: 24, reason: 'cancelled' },
      { line: 32, reason: 'no other participants' },
      { line: 38, reason: 'declined by you' },
      { line: 66, reason: 'superseded by the update on line 58 (SEQUENCE 2)' },
    ]);
  });

  it('METHOD:CANCEL files import nothing and name the cancelled UID', () => {
    const r = parseIcs(fixture('cancel.ics'), self);
    expect(r.records).toEqual([]);
    expect(r.skipped).toEqual([{ line: 5, reason: 'cancellation of aus-call-001 (METHOD:CANCEL)' }]);
  });

  it('structure problems become issues with lines', () => {
    const check = (text: string, expected: Array<{ line: number; field?: string; message: string }>): void => {
      expect(parseIcs(text, self).issues).toEqual(expected);
    };
    check('hello world', [{ line: 1, message: 'not an iCalendar file (no BEGIN:VCALENDAR or VEVENT)' }]);
    check('', []);
    check('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR\n', [{ line: 2, message: 'BEGIN:VEVENT without END:VEVENT' }]);
    check('BEGIN:VCALENDAR\nEND:VEVENT\nEND:VCALENDAR\n', [{ line: 2, message: 'END:VEVENT without BEGIN:VEVENT' }]);
    check('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:no start\nEND:VEVENT\nEND:VCALENDAR\n', [
      { line: 2, field: 'DTSTART', message: 'event has no start' },
    ]);
  });

  it('kinds by link and wording', () => {
    const event = (summary: string, extra: string[]): string =>
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:k',
        'DTSTART:20240101T100000Z',
        `SUMMARY:${summary}`,
        'ORGANIZER:mailto:a@b.example',
        ...extra,
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\n');
    const check = (summary: string, extra: string[], expected: [string, string | null]): void => {
      const d = parseIcs(event(summary, extra), self).records[0]!;
      expect([d.kind, d.channel]).toEqual(expected);
    };
    check('Virtual coffee', ['LOCATION:https://meet.google.com/xyz-abcd-efg'], ['coffee', 'video']);
    check('Kaffee mit Anna', [], ['coffee', 'in-person']);
    check('Catch-up', ['X-GOOGLE-CONFERENCE:https://meet.google.com/xyz-abcd-efg'], ['video', 'video']);
    check('Catch-up', ['DESCRIPTION:Join https://us02web.zoom.us/j/123456789'], ['video', 'video']);
    check('Quick call', [], ['call', 'phone']);
    check('Planning', ['LOCATION:Office, 3rd floor'], ['other', 'in-person']);
    check('Planning', [], ['other', null]);
  });
});

describe('writeIcsFeed', () => {
  const items = [
    {
      uid: 'agenda-2026-11-26-anna@kith',
      summary: 'Check in with Anna Schmidt; ask about the Rust meetup, slides',
      day: '2026-11-26',
    },
    {
      uid: 'birthday-zoe@kith',
      summary: 'Zoë Łukasz-Müller’s birthday 🎂',
      description:
        'Line one\nLine two with a backslash \\ and a very long tail that certainly needs folding because it runs past seventy-five octets ✓✓✓',
      day: '2026-12-31',
      url: 'https://kith.example/contacts/zoe',
    },
  ];
  const stamp = '2026-11-26T08:00:00.000Z';

  it('is deterministic, CRLF, folded at 75 octets and parses back with ical.js', () => {
    const out = writeIcsFeed(items, { name: 'kith agenda', stamp });
    expect(writeIcsFeed(items, { name: 'kith agenda', stamp })).toBe(out);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of out.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(out).toContain('DTSTAMP:20261126T080000Z');

    const cal = new ICAL.Component(ICAL.parse(out));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('kith agenda');
    const events = cal.getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('summary'))).toEqual(items.map((i) => i.summary));
    expect(events.map((e) => String(e.getFirstPropertyValue('uid')))).toEqual(items.map((i) => i.uid));
    const second = events[1]!;
    expect(second.getFirstPropertyValue('description')).toBe(items[1]!.description);
    expect(String(second.getFirstPropertyValue('url'))).toBe('https://kith.example/contacts/zoe');
    const start = second.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>;
    const end = second.getFirstPropertyValue('dtend') as InstanceType<typeof ICAL.Time>;
    expect([start.isDate, start.toString(), end.toString()]).toEqual([true, '2026-12-31', '2027-01-01']);
  });

  it('reads back through parseIcs as all-day occurrences', () => {
    // The feed has no attendees, so nothing becomes a touchpoint: it is an agenda, not a history.
    const r = parseIcs(writeIcsFeed(items, { name: 'x', stamp }), self);
    expect(r.issues).toEqual([]);
    expect(r.skipped.map((s) => s.reason)).toEqual(['no other participants', 'no other participants']);
  });

  it('rejects a bad day or stamp with invalid_input', () => {
    const bad = (f: () => unknown, field: string): void => {
      try {
        f();
        expect.unreachable();
      } catch (err) {
        expect(isAppError(err) && err.code === 'invalid_input' && err.details.issues?.[0]?.field).toBe(field);
      }
    };
    bad(() => writeIcsFeed([{ uid: 'a', summary: 'a', day: '2026-02-30' }], { name: 'x', stamp }), 'items.0.day');
    bad(() => writeIcsFeed([], { name: 'x', stamp: 'soon' }), 'stamp');
  });
});
