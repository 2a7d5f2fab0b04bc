import ICAL from 'ical.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIcs, writeIcsFeed } from './ics.js';

const linesOk = (r: {
  records: Array<{ line: number }>;
  issues: Array<{ line: number }>;
  skipped: Array<{ line: number }>;
}): void => {
  for (const x of [...r.records, ...r.issues, ...r.skipped]) expect(Number.isInteger(x.line) && x.line >= 1).toBe(true);
};

const icsLine = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    'BEGIN:VCALENDAR',
    'END:VCALENDAR',
    'BEGIN:VEVENT',
    'END:VEVENT',
    'BEGIN:VTIMEZONE',
    'END:VTIMEZONE',
    'UID:x',
    'DTSTART:20240101T100000Z',
    'DTSTART;TZID=Nowhere:20240101T100000',
    'DTSTART;VALUE=DATE:20240230',
    'RRULE:FREQ=DAILY',
    'RRULE:FREQ=DAILY;COUNT=3',
    'RECURRENCE-ID:20240102T100000Z',
    'ATTENDEE;PARTSTAT=DECLINED:mailto:a@b.c',
    'ORGANIZER:mailto:me@x.y',
    'STATUS:CANCELLED',
    ' folded',
    'METHOD:CANCEL',
    'SEQUENCE:x',
  ),
);

describe('parseIcs never throws', () => {
  it('parseIcs', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(icsLine, { maxLength: 30 }).map((l) => l.join('\r\n')),
        ),
        (text) => {
          linesOk(parseIcs(text, { emails: ['me@x.y'] }, { maxOccurrences: 20 }));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('writeIcsFeed round trip', () => {
  it('any summary and description survive escaping and folding', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            summary: fc.string({ unit: 'grapheme', maxLength: 200 }),
            description: fc.string({ unit: 'grapheme', maxLength: 300 }),
          }),
          { maxLength: 5 },
        ),
        (items) => {
          const out = writeIcsFeed(
            items.map((it, i) => ({ uid: `u${i}`, summary: it.summary, description: it.description, day: '2026-03-01' })),
            { name: 'feed', stamp: '2026-01-01T00:00:00Z' },
          );
          for (const line of out.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
          const clean = (s: string): string => s.replace(/\r\n|\r/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
          const events = new ICAL.Component(ICAL.parse(out)).getAllSubcomponents('vevent');
          expect(events.map((e) => String(e.getFirstPropertyValue('summary') ?? ''))).toEqual(
            items.map((it) => clean(it.summary)),
          );
          expect(events.map((e) => String(e.getFirstPropertyValue('description') ?? ''))).toEqual(
            items.map((it) => clean(it.description)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
