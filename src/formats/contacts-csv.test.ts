import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContactDraft, ParseResult } from '../core/drafts.js';
import { CONTACTS_CSV_HEADER, parseCsvBirthday, parseGoogleCsv, parseOutlookCsv, streamOutlookCsv, writeContactsCsv } from './contacts-csv.js';
import { addEvent, readCsv } from './csv-reader.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/formats/contacts/${name}`, import.meta.url));

describe('parseCsvBirthday', () => {
  const check = (s: string, expected: string | null) => expect(parseCsvBirthday(s)).toBe(expected);
  it.each([
    ['1985-04-12', '1985-04-12'],
    ['--05-05', '--05-05'],
    ['3/22/1980', '1980-03-22'],
    ['0/0/00', null],
    ['1990-13-40', null],
    ['', null],
  ])('%s → %s', check);
});

describe('parseGoogleCsv', () => {
  it('current header: BOM, CRLF, ::: values, * prefixes, localised labels, multi-line cells, lines after them', () => {
    const r = parseGoogleCsv(fixture('google-current.csv'));
    expect(r.records.map((c) => c.line)).toEqual([2, 6]);
    const [jose, soren] = r.records;
    expect(jose).toMatchObject({
      displayName: 'José García',
      nickname: 'Pepe',
      company: 'Cabify, S.L.',
      title: 'Data Scientist',
      employment: [{ company: 'Cabify, S.L.', title: 'Data Scientist', from: null, to: null }],
      birthday: '1985-04-12',
      location: 'Madrid, España',
      photo: 'https://lh3.googleusercontent.com/contacts/ABC123',
      tags: ['starred', 'Madrid'],
      notes: 'Met at PyCon ES.\nLoves paella, obviously.\n\nMet via: Ana',
    });
    expect(jose?.identities).toEqual([
      { kind: 'email', value: 'jose@cabify.example', label: 'Trabajo' },
      { kind: 'email', value: 'jose.garcia@example.es', label: 'Trabajo' },
      { kind: 'email', value: 'pepe@home.example', label: 'Personal' },
      { kind: 'phone', value: '+34 600 111 222', label: 'Móvil' },
      { kind: 'phone', value: '+34 600 333 444', label: 'Móvil' },
      { kind: 'linkedin', value: 'https://www.linkedin.com/in/jose-garcia', label: 'Profile' },
      { kind: 'blog', value: 'https://pepe.example.es/blog', label: 'Blog' },
    ]);
    expect(soren).toMatchObject({ displayName: 'Dr. Søren Kierkegaard', birthday: '--05-05', identities: [{ kind: 'phone', value: '+45 33 12 34 56', label: 'Otro' }] });
    expect(r.issues).toEqual([
      { line: 5, field: 'First Name', message: expect.stringContaining('No name') },
      { line: 7, field: 'E-mail - Value', message: expect.stringContaining('not-an-email') },
      { line: 7, field: 'Birthday', message: expect.stringContaining('1990-13-40') },
      { line: 7, field: 'First Name', message: expect.stringContaining('No name') },
    ]);
  });

  it('legacy header: Name/Given/Family, Group Membership, Type columns, IM service, Organization groups', () => {
    const r = parseGoogleCsv(fixture('google-legacy.csv'));
    expect(r.issues).toEqual([]);
    expect(r.records[0]).toMatchObject({
      displayName: 'Nguyễn Văn An',
      givenName: 'Văn An',
      familyName: 'Nguyễn',
      company: 'Tiki',
      title: 'Engineer',
      location: 'Hà Nội',
      tags: ['Friends'],
      identities: [
        { kind: 'email', value: 'an@example.vn', label: 'Home' },
        { kind: 'phone', value: '+84 90 123 4567', label: 'Telemóvel' },
        { kind: 'github', value: 'https://github.com/nguyenvanan', label: 'Home Page' },
        { kind: 'other', value: 'an@jabber.example', label: 'Jabber' },
      ],
    });
  });
});

describe('parseOutlookCsv', () => {
  it('Outlook.com: name prefix, business address with Country/Region, phones with labels, multi-line notes', () => {
    const r = parseOutlookCsv(fixture('outlook-com.csv'));
    expect(r.issues).toEqual([]);
    expect(r.records[0]).toMatchObject({
      line: 2,
      displayName: "Ms. Mary O'Brien",
      company: 'Intercom',
      title: 'Product Manager',
      location: 'Dublin, Ireland',
      birthday: '1988-07-09',
      notes: 'Runs the Dublin\nproduct meetup',
      identities: [
        { kind: 'email', value: 'mary@intercom.example' },
        { kind: 'email', value: 'mary.obrien@example.ie' },
        { kind: 'phone', value: '+353 87 765 4321', label: 'cell' },
        { kind: 'phone', value: '+353 1 234 5678', label: 'work' },
        { kind: 'site', value: 'https://mary.example.ie' },
        { kind: 'other', value: 'mary@im.example', label: 'im' },
      ],
    });
  });

  it('Outlook desktop: quoted headers, Business Country, windows-1252, Categories, 0/0/00 birthday', () => {
    const r = parseOutlookCsv(fixture('outlook-desktop-cp1252.csv'));
    expect(r.issues).toEqual([]);
    expect(r.records.map((c) => [c.displayName, c.location, c.birthday, c.tags, c.notes])).toEqual([
      ['Jürgen Müller', 'München, Bayern, Deutschland', '1980-03-22', ['Kunden', 'VIP'], 'Sagt immer „danke“'],
      ['Zoë Adams', 'Berlin, Germany', null, [], ''],
    ]);
  });

  it("Google's Outlook CSV option: Categories drop myContacts, Location column", () => {
    const r = parseOutlookCsv(fixture('google-outlook-option.csv'));
    expect(r.records[0]).toMatchObject({ displayName: 'Łukasz Nowak', location: 'Kraków', birthday: '1991-01-31', tags: ['starred'] });
  });

  it('Thunderbird: Display Name, CRLF inside a quoted cell, tabs, """quoted""" cells, Birth Year/Month/Day', () => {
    const r = parseOutlookCsv(fixture('thunderbird.csv'));
    expect(r.issues).toEqual([]);
    expect(r.records.map((c) => [c.line, c.displayName, c.title, c.birthday])).toEqual([
      [2, '李雷', null, null],
      [3, 'Anna Schmidt', '"worker"', '--04-12'],
      [5, 'Ada', null, '1815-12-10'],
    ]);
    expect(r.records[1]?.notes).toBe("here's some unicode text…\n\nCustom 1: custom, 1\n\nCustom 2: custom\t2\n\nCustom 3: custom3\n\nCustom 4: custom\n4");
  });

  it('Thunderbird csv_semicolon', () => {
    const r = parseOutlookCsv(fixture('thunderbird-semicolon.csv'));
    expect(r.records.map((c) => [c.displayName, c.identities])).toEqual([
      ['Zoë Adams', [{ kind: 'email', value: 'zoe@example.com' }]],
      ['Søren Holm', [{ kind: 'email', value: 'soren@example.dk' }]],
    ]);
  });

  it('streams the same as the whole-file parser', async () => {
    for (const name of ['outlook-com.csv', 'outlook-desktop-cp1252.csv', 'thunderbird.csv', 'thunderbird-semicolon.csv']) {
      const bytes = fixture(name);
      const chunks = [...bytes].map((b) => Uint8Array.of(b));
      const streamed: ParseResult<ContactDraft> = { records: [], issues: [], skipped: [] };
      for await (const ev of streamOutlookCsv(chunks)) addEvent(streamed, ev);
      expect(streamed).toEqual(parseOutlookCsv(bytes));
    }
  });
});

describe('writeContactsCsv', () => {
  it('writes RFC 4180 with the documented header, CRLF, no BOM, quoted commas/quotes/newlines', () => {
    const out = writeContactsCsv([
      {
        id: 'c1',
        displayName: 'Zoë "Z" Adams',
        givenName: 'Zoë',
        familyName: 'Adams',
        identities: [
          { kind: 'email', value: 'zoe@example.com' },
          { kind: 'email', value: 'z@work.example' },
          { kind: 'linkedin', value: 'https://www.linkedin.com/in/zoe' },
        ],
        company: 'Stripe, Inc.',
        birthday: '--05-24',
        circle: 'inner',
        cadenceDays: 30,
        tags: ['rust', 'berlin'],
        topics: [{ kind: 'goal', text: 'ship v2' }],
        notes: 'line 1\nline 2',
      },
    ]);
    expect(out.startsWith('Id,Display Name,')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    const back = readCsv(out, { required: ['Id', 'Display Name'] });
    expect(back.header?.names).toEqual([...CONTACTS_CSV_HEADER]);
    const v = (k: string) => back.rows[0]?.values.get(k.toLowerCase());
    expect([v('Display Name'), v('Emails'), v('LinkedIn'), v('Company'), v('Birthday'), v('Cadence Days'), v('Tags'), v('Topics'), v('Notes')]).toEqual([
      'Zoë "Z" Adams',
      'zoe@example.com ::: z@work.example',
      'https://www.linkedin.com/in/zoe',
      'Stripe, Inc.',
      '--05-24',
      '30',
      'rust ::: berlin',
      'goal: ship v2',
      'line 1\nline 2',
    ]);
  });
});
