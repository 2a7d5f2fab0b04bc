import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ContactDraft, ParseResult } from '../core/drafts.js';
import { addEvent } from './csv-reader.js';
import { parseConnectedOn, parseLinkedInConnections, streamLinkedInConnections } from './linkedin-connections.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/formats/contacts/${name}`, import.meta.url));

describe('parseConnectedOn', () => {
  const check = (input: string, expected: string | null) => expect(parseConnectedOn(input)).toBe(expected);
  it.each([
    ['28 Nov 2021', '2021-11-28'],
    ['01 Feb 2023', '2023-02-01'],
    ['12/22/16, 9:55 AM', '2016-12-22'],
    ['1/8/18, 6:14 PM', '2018-01-08'],
    ['23-Apr-23', '2023-04-23'],
    ['5-Dec-19', '2019-12-05'],
    ['2024-05-30', '2024-05-30'],
    ['31 Feb 2022', null],
    ['13/1/18, 1:00 PM', null],
    ['yesterday', null],
    ['', null],
  ])('%s → %s', check);
});

describe('parseLinkedInConnections', () => {
  it('reads the 2016 layout (CRLF, Address, Websites, Instant Messengers, quoted US dates)', () => {
    const r = parseLinkedInConnections(fixture('linkedin-2016.csv'));
    expect(r.issues).toEqual([]);
    expect(r.records).toHaveLength(2);
    expect(r.records[0]).toEqual<ContactDraft>({
      line: 2,
      displayName: 'Zoë Adams',
      givenName: 'Zoë',
      familyName: 'Adams',
      identities: [
        { kind: 'email', value: 'zoe.adams@example.com' },
        { kind: 'site', value: 'https://zoe.example.org' },
        { kind: 'github', value: 'https://github.com/zoe-adams' },
        { kind: 'other', value: 'zoe.adams', label: 'SKYPE' },
      ],
      company: 'Stripe, Inc.',
      title: 'Staff Engineer',
      employment: [{ company: 'Stripe, Inc.', title: 'Staff Engineer', from: null, to: null }],
      location: 'Berlin, Germany',
      howMet: 'LinkedIn',
      tags: [],
      connectedOn: '2016-12-22',
    });
    expect(r.records[1]?.connectedOn).toBe('2016-01-03');
    expect(r.records[1]?.line).toBe(3);
  });

  it('reads the 2018 layout and ignores urn:li:member in the email column without an issue', () => {
    const r = parseLinkedInConnections(fixture('linkedin-2018.csv'));
    expect(r.issues).toEqual([]);
    expect(r.records.map((c) => [c.displayName, c.identities, c.connectedOn])).toEqual([
      ['José García', [{ kind: 'email', value: 'jose.garcia@example.es' }], '2018-01-08'],
      ['Søren Kierkegaard', [], '2018-11-04'],
    ]);
  });

  it('skips the 2021 Notes preamble, has no URL column and no trailing newline', () => {
    const r = parseLinkedInConnections(fixture('linkedin-2021.csv'));
    expect(r.issues).toEqual([]);
    expect(r.records.map((c) => [c.line, c.displayName, c.company, c.title, c.connectedOn])).toEqual([
      [5, '李 雷', '字节跳动', '工程师', '2021-11-28'],
      [6, "Mary O'Brien", 'Intercom, Ltd.', 'Product Manager', '2020-03-03'],
    ]);
  });

  it('reads the 2024 layout: BOM, URL, empty rows skipped, trimmed cells, multi-line cells, bad rows at the right line', () => {
    const r = parseLinkedInConnections(fixture('linkedin-2024.csv'));
    expect(r.records.map((c) => c.line)).toEqual([5, 7, 8, 11]);
    const [goran, anna, nguyen, priya] = r.records;
    expect(goran?.identities).toEqual([
      { kind: 'linkedin', value: 'https://www.linkedin.com/in/goran-stipeti%C4%87-4a1b2c' },
    ]);
    expect(goran?.connectedOn).toBe('2024-05-30');
    expect(anna).toMatchObject({
      displayName: 'Anna Sillekens 🔸',
      givenName: 'Anna',
      familyName: 'Sillekens 🔸',
      company: 'Χαλκίδα Α.Ε.',
      title: 'CTO',
      identities: [
        { kind: 'linkedin', value: 'https://www.linkedin.com/in/anna-sillekens' },
        { kind: 'email', value: 'anna@sillekens.example' },
      ],
    });
    expect(nguyen).toMatchObject({ displayName: 'Nguyễn Văn An', company: 'Tiki, Corp', title: 'Head of\nPlatform' });
    expect(priya?.connectedOn).toBeNull();
    expect(r.skipped).toEqual([
      { line: 6, reason: expect.stringContaining('Empty connection') },
      { line: 12, reason: expect.stringContaining('Empty connection') },
    ]);
    expect(r.issues).toEqual([
      { line: 10, field: 'First Name', message: expect.stringContaining('No name') },
      { line: 11, field: 'Connected On', message: expect.stringContaining('31 Feb 2022') },
    ]);
  });

  it('reads an Excel re-save: no preamble, CRLF, D-Mon-YY dates, doubled quotes', () => {
    const r = parseLinkedInConnections(fixture('linkedin-excel.csv'));
    expect(r.issues).toEqual([]);
    expect(r.records.map((c) => [c.displayName, c.title, c.connectedOn])).toEqual([
      ['Zoë Adams', 'Staff Engineer', '2023-04-23'],
      ['Søren Holm', 'Researcher, "Obesity"', '2019-12-05'],
    ]);
  });

  it('reports a file without a header as one issue', () => {
    const r = parseLinkedInConnections('just,some\nrandom,cells\n');
    expect(r.records).toEqual([]);
    expect(r.issues).toEqual([{ line: 1, message: expect.stringContaining('No header row') }]);
  });

  it('reports a bad email as an issue but keeps the contact', () => {
    const r = parseLinkedInConnections('First Name,Last Name,Email Address,Connected On\nAda,Lovelace,not-an-email,01 Jan 2020\n');
    expect(r.records).toHaveLength(1);
    expect(r.records[0]?.identities).toEqual([]);
    expect(r.issues).toEqual([{ line: 2, field: 'Email Address', message: expect.stringContaining('not-an-email') }]);
  });

  it('streams the same result as the whole-file parser, even in 7-byte chunks', async () => {
    for (const name of ['linkedin-2016.csv', 'linkedin-2018.csv', 'linkedin-2021.csv', 'linkedin-2024.csv', 'linkedin-excel.csv']) {
      const bytes = fixture(name);
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
      const streamed: ParseResult<ContactDraft> = { records: [], issues: [], skipped: [] };
      for await (const ev of streamLinkedInConnections(Readable.from(chunks))) addEvent(streamed, ev);
      expect(streamed).toEqual(parseLinkedInConnections(bytes));
    }
  });

  it('streams 100 000 rows with correct lines', async () => {
    async function* gen() {
      yield 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';
      for (let i = 0; i < 100_000; i++) yield `P${i},"Q\n${i}",https://www.linkedin.com/in/p${i},,Co,Dev,30 May 2024\n`;
    }
    let count = 0;
    let last = 0;
    for await (const ev of streamLinkedInConnections(gen())) {
      if (ev.kind === 'record') {
        count++;
        last = ev.record.line;
      }
    }
    expect(count).toBe(100_000);
    expect(last).toBe(2 + 2 * 99_999);
  });
});
