import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLinkedInDate, parseLinkedInMessages } from './linkedin-messages.js';

const dir = new URL('../../test/fixtures/formats/activity/linkedin/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, dir));
const self = { names: ['Jonas Berg'], profileUrls: ['https://www.linkedin.com/in/jonas-berg-42/'] };

describe('parseLinkedInDate', () => {
  const check = (input: string, expected: string | null): void => {
    expect(parseLinkedInDate(input)).toBe(expected);
  };
  it.each([
    ['2023-06-01 07:45:00 UTC', '2023-06-01T07:45:00.000Z'],
    ['10/16/18, 8:36 AM', '2018-10-16T08:36:00.000Z'],
    ['10/16/18, 9:02 PM', '2018-10-16T21:02:00.000Z'],
    ['1/3/19, 12:05 AM', '2019-01-03T00:05:00.000Z'],
    ['1/3/19, 12:15 PM', '2019-01-03T12:15:00.000Z'],
    ['2023-02-30 10:00:00 UTC', null],
    ['13/1/19, 1:00 PM', null],
    ['yesterday', null],
    ['', null],
  ])('%s', (input, expected) => check(input, expected));
});

describe('parseLinkedInMessages', () => {
  it('2018 layout: CRLF, US dates, Direction fallback, entities, commas in names', () => {
    const r = parseLinkedInMessages(fixture('messages-2018.csv'), self);
    expect(r.issues).toEqual([]);
    expect(r.records.map((d) => [d.line, d.initiatedBy, d.occurredAt, d.summary])).toEqual([
      [2, 'them', '2018-10-16T08:36:00.000Z', 'Rust meetup'],
      [3, 'me', '2018-10-16T21:02:00.000Z', 'RE: Rust meetup'],
      [4, 'them', '2019-01-03T00:05:00.000Z', 'Happy new year, Jonas. Lunch in January?'],
      // "J. Berg" is not a known self name: OUTGOING decides.
      [5, 'me', '2019-01-03T12:15:00.000Z', 'Sounds great.'],
    ]);
    const first = r.records[0]!;
    expect(first.kind).toBe('dm');
    expect(first.channel).toBe('linkedin');
    expect(first.people).toEqual([{ name: 'Mareike Schönfeld', profileUrl: null }]);
    expect(first.notes).toBe('Hi Jonas, it\u2019s Mareike & the Rust crowd \u2013 are you coming Thursday?');
    expect(r.records[2]!.people).toEqual([{ name: 'Amara Okafor, PhD', profileUrl: null }]);
    expect(r.records[3]!.people).toEqual([{ name: 'Amara Okafor, PhD', profileUrl: null }]);
    // Without conversation ids both directions still land in one thread.
    expect(r.records[2]!.threadId).toBe(r.records[3]!.threadId);
    expect(r.records[0]!.threadId).not.toBe(r.records[2]!.threadId);
  });

  it('2021 layout: system rows and sponsored conversations are skipped with a reason', () => {
    const r = parseLinkedInMessages(fixture('messages-2021.csv'), self);
    expect(r.issues).toEqual([]);
    expect(r.records).toHaveLength(2);
    expect(r.skipped).toEqual([
      { line: 4, reason: 'system row (no sender)' },
      { line: 5, reason: 'sponsored conversation' },
    ]);
    const [incoming, reply] = r.records;
    expect(incoming!.initiatedBy).toBe('them');
    expect(incoming!.people).toEqual([
      { name: 'Priya Raghunathan', profileUrl: 'https://www.linkedin.com/in/priya-raghunathan-3a1b' },
    ]);
    expect(incoming!.summary).toBe('Thanks for the intro to Lukas it went really well.');
    expect(incoming!.threadId).toBe('2-YmQ0ZTRhZjUtMmQ0Zi00ZjJmLWE4NzEtZDFmM2E1ZWVhYjU2XzAxMA==');
    // Sender URL matches the user's profile (trailing slash and www. ignored).
    expect(reply!.initiatedBy).toBe('me');
    expect(reply!.people).toEqual([{ name: 'Priya Raghunathan', profileUrl: null }]);
    expect(reply!.threadId).toBe(incoming!.threadId);
  });

  it('2023 layout: recipient URLs, group chats, percent-encoding, spam', () => {
    const r = parseLinkedInMessages(fixture('messages-2023.csv'), self);
    expect(r.issues).toEqual([]);
    expect(r.skipped).toEqual([{ line: 5, reason: 'spam folder' }]);
    const [goran, mine, group] = r.records;
    expect(goran!.people).toEqual([{ name: 'Goran Stipetić', profileUrl: 'https://www.linkedin.com/in/goran-stipeti%C4%87-77' }]);
    expect(goran!.summary).toBe('Kotlin Multiplatform talk');
    expect(mine!.initiatedBy).toBe('me');
    expect(mine!.people).toEqual([{ name: 'Goran Stipetić', profileUrl: 'https://www.linkedin.com/in/goran-stipeti%C4%87-77' }]);
    // A group: the sender plus every other recipient, by URL; TO is never split on commas.
    expect(group!.initiatedBy).toBe('them');
    expect(group!.people).toEqual([
      { name: 'Femi Adeyemi SPHRi, CPHR', profileUrl: 'https://www.linkedin.com/in/femi-adeyemi' },
      { name: null, profileUrl: 'https://www.linkedin.com/in/zoe-lambert-9' },
    ]);
  });

  it('2026 layout: all quoted, multi-line content, attachments; lines are where rows start', () => {
    const r = parseLinkedInMessages(fixture('messages-2026.csv'), self);
    expect(r.issues).toEqual([]);
    expect(r.records.map((d) => d.line)).toEqual([2, 8]);
    const [first, second] = r.records;
    expect(first!.summary).toBe(
      'Hi Jonas, thanks for the code review on my side project. "Ship it" was the best comment I got all year! Next time the…',
    );
    expect(Array.from(first!.summary).length).toBeLessThanOrEqual(120);
    expect(first!.notes).toBe(
      'Hi Jonas, thanks for the code review on my side project. "Ship it" was the best comment I got all year! Next time the coffee is on me. Naomi',
    );
    expect(second!.initiatedBy).toBe('me');
    expect(second!.people).toEqual([{ name: 'Naomi Tanaka', profileUrl: 'https://www.linkedin.com/in/naomi-tanaka' }]);
  });

  it('draft columns, BOM, an unreadable date and a short row', () => {
    const r = parseLinkedInMessages(fixture('messages-drafts.csv'), self);
    expect(r.skipped).toEqual([{ line: 2, reason: 'draft message' }]);
    expect(r.records.map((d) => d.summary)).toEqual(['Did you get my CV?']);
    expect(r.issues).toEqual([
      { line: 4, field: 'DATE', message: 'unreadable date "yesterday-ish"' },
      { line: 5, message: 'expected 13 fields, found 5 (a quote may be missing)' },
    ]);
  });

  it('externalIds are stable across parses and distinct within a file', () => {
    const a = parseLinkedInMessages(fixture('messages-2023.csv'), self);
    const b = parseLinkedInMessages(fixture('messages-2023.csv').toString('utf8').replace(/\n/g, '\r\n'), self);
    expect(b.records.map((d) => d.externalId)).toEqual(a.records.map((d) => d.externalId));
    expect(new Set(a.records.map((d) => d.externalId)).size).toBe(a.records.length);
    const dup = 'FROM,TO,DATE,CONTENT\nAna,Jonas Berg,2024-01-01 10:00:00 UTC,hi\nAna,Jonas Berg,2024-01-01 10:00:00 UTC,hi\n';
    const ids = parseLinkedInMessages(dup, self).records.map((d) => d.externalId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(`${ids[0]}#2`);
  });

  it('reports a missing header and an unclosed quote instead of throwing', () => {
    expect(parseLinkedInMessages('just,some\ncsv,here\n', self).issues).toEqual([
      { line: 1, message: 'no messages.csv header found (expected FROM, TO and DATE columns)' },
    ]);
    const broken =
      'FROM,TO,DATE,CONTENT\nAna,Jonas Berg,2024-01-01 10:00:00 UTC,ok\nBo,Jonas Berg,2024-01-02 10:00:00 UTC,"never closed\nmore\n';
    const r = parseLinkedInMessages(broken, self);
    expect(r.records).toHaveLength(1);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.line).toBe(3);
  });

  it('without any self information, direction stays unknown rather than guessed', () => {
    const r = parseLinkedInMessages(fixture('messages-2021.csv'), { names: [], profileUrls: [] });
    expect(r.records.map((d) => d.initiatedBy)).toEqual([null, null]);
  });
});
