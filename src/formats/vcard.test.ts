import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContactDraft } from '../core/drafts.js';
import { foldLine, parseVCardBirthday, parseVCards, writeVCard, writeVCards } from './vcard.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/formats/contacts/${name}`, import.meta.url));

describe('parseVCardBirthday', () => {
  const check = (value: string, omit: string | undefined, expected: string | null) =>
    expect(parseVCardBirthday(value, omit)).toBe(expected);
  it.each([
    ['1985-04-12', undefined, '1985-04-12'],
    ['19850412', undefined, '1985-04-12'],
    ['--0412', undefined, '--04-12'],
    ['--04-12', undefined, '--04-12'],
    ['1604-05-24', '1604', '--05-24'],
    ['16040101', undefined, '--01-01'],
    ['1953-10-15T23:10:00Z', undefined, '1953-10-15'],
    ['--0229', undefined, '--02-29'],
    ['1985-02-30', undefined, null],
    ['circa 1800', undefined, null],
  ])('%s (omit %s) → %s', check);
});

describe('parseVCards on client exports', () => {
  it('Apple iOS 3.0: grouped labels, repeated type params, omit-year BDAY, folded base64 photo, social profiles', () => {
    const { records, issues } = parseVCards(fixture('apple-ios.vcf'));
    expect(issues).toEqual([]);
    const [zoe] = records;
    expect(zoe).toMatchObject({
      line: 1,
      displayName: 'Zoë Adams',
      givenName: 'Zoë',
      familyName: 'Adams',
      company: 'Stripe, Inc.',
      title: 'Staff Engineer',
      location: 'Berlin, Germany',
      birthday: '--05-24',
      tags: ['Rust', 'Berlin meetups'],
    });
    expect(zoe?.identities).toEqual([
      { kind: 'email', value: 'zoe.adams@example.com', label: 'work' },
      { kind: 'email', value: 'zoe@side.example', label: 'Side project' },
      { kind: 'phone', value: '+49 151 2345678', label: 'cell' },
      { kind: 'phone', value: '+49 30 1234567', label: 'home' },
      { kind: 'site', value: 'https://zoe.example.org', label: 'homepage' },
      { kind: 'linkedin', value: 'http://www.linkedin.com/in/zoeadams' },
      { kind: 'site', value: 'http://twitter.com/zoe' },
      { kind: 'other', value: 'skype:zoe.adams', label: 'home' },
    ]);
    const bytes = Buffer.from((zoe?.photo ?? '').replace('data:image/jpeg;base64,', ''), 'base64');
    expect([...bytes]).toEqual([...Array(120).keys()]);
  });

  it('Android 2.1: QUOTED-PRINTABLE with CHARSET and soft breaks, bare TYPE params, blank-line-ended base64, nested AGENT', () => {
    const { records, issues } = parseVCards(fixture('android-21.vcf'));
    expect(issues).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([1, 16]);
    expect(records[0]).toMatchObject({ displayName: '李雷', givenName: '雷', familyName: '李', notes: '第一行\nsecond line, ok' });
    expect(records[0]?.identities).toEqual([
      { kind: 'phone', value: '+86 138 0013 8000', label: 'cell' },
      { kind: 'phone', value: '+86 10 1234 5678', label: 'work,fax' },
      { kind: 'email', value: 'li.lei@example.cn', label: 'home' },
    ]);
    expect(Buffer.from((records[0]?.photo ?? '').split(',')[1] ?? '', 'base64').length).toBe(120);
    expect(records[1]).toMatchObject({ displayName: 'Nguyễn Văn An', company: 'Tiki', birthday: '1985-04-12', identities: [] });
  });

  it('Thunderbird lower-case 2.1 with VERSION last and QP note', () => {
    const { records, issues } = parseVCards(fixture('thunderbird-lower.vcf'));
    expect(issues).toEqual([]);
    expect(records[0]).toMatchObject({
      displayName: 'José García',
      company: 'Cabify',
      title: 'Data Scientist',
      notes: 'Met at PyCon ES\nLikes paella',
      identities: [
        { kind: 'email', value: 'jose.garcia@example.es' },
        { kind: 'phone', value: '+34 91 123 45 67', label: 'work' },
        { kind: 'site', value: 'https://jose.example.es' },
      ],
    });
  });

  it('Gmail 3.0: escapes, fold mid-word, http\\:// and custom labels', () => {
    const { records, issues } = parseVCards(fixture('gmail.vcf'));
    expect(issues).toEqual([]);
    expect(records[0]).toMatchObject({
      displayName: "John O'Brien",
      nickname: 'Johny,JayJay',
      location: 'Dublin, Ireland',
      tags: ['myContacts', 'starred'],
      notes: 'This is a long note that Gmail folds in the middle of a word, and it keeps; escapes\nacross lines\\done.',
    });
    expect(records[0]?.identities).toContainEqual({ kind: 'phone', value: '205246;;,;' });
    expect(records[0]?.identities).toContainEqual({ kind: 'linkedin', value: 'http://www.linkedin.com/in/john-obrien', label: 'PROFILE' });
  });

  it('vCard 4.0: tel URI, quoted TYPE list, --MMDD, escaped data URI, groups skipped, nameless card and text BDAY reported', () => {
    const r = parseVCards(fixture('v4.vcf'));
    expect(r.records[0]).toMatchObject({
      displayName: 'Søren Holm',
      birthday: '--04-12',
      timeZone: 'Europe/Copenhagen',
      externalId: 'urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1',
      identities: [
        { kind: 'phone', value: '+45-3312-3456;ext=102', label: 'work' },
        { kind: 'email', value: 'soren@example.dk', label: 'work' },
      ],
    });
    expect(r.records[0]?.photo).toMatch(/^data:image\/png;base64,AAEC/);
    expect(r.records[1]).toMatchObject({ line: 27, displayName: 'Ada Circa', birthday: null });
    expect(r.skipped).toEqual([{ line: 16, reason: 'Contact group, not a person' }]);
    expect(r.issues).toEqual([
      { line: 22, field: 'FN', message: expect.stringContaining('no name') },
      { line: 30, field: 'BDAY', message: expect.stringContaining('circa 1800') },
    ]);
  });

  it('Outlook 2.1 in windows-1252 with QP LABEL soft breaks, IM address and basic-format BDAY', () => {
    const { records, issues } = parseVCards(fixture('outlook-21-cp1252.vcf'));
    expect(issues).toEqual([]);
    expect(records[0]).toMatchObject({
      displayName: 'Jürgen Müller',
      company: 'Contoso',
      location: 'München, Bayern, Deutschland',
      birthday: '1980-03-22',
      notes: 'Sagt immer „danke“',
    });
    expect(records[0]?.identities).toContainEqual({ kind: 'other', value: 'juergen@im.example', label: 'im' });
  });

  it('reports garbage, unclosed cards and non-property lines with their lines', () => {
    const text = 'hello\nBEGIN:VCARD\nFN:A\nthis is not a property\nEND:VCARD\nBEGIN:VCARD\nFN:B\n';
    const r = parseVCards(text);
    expect(r.records.map((c) => [c.line, c.displayName])).toEqual([
      [2, 'A'],
      [6, 'B'],
    ]);
    expect(r.issues).toEqual([
      { line: 1, message: expect.stringContaining('outside') },
      { line: 4, message: expect.stringContaining('Not a vCard property') },
      { line: 6, field: 'END', message: expect.stringContaining('not closed') },
    ]);
    expect(parseVCards('no cards here').issues).toEqual([{ line: 1, message: expect.stringContaining('Text outside') }]);
  });
});

describe('writeVCard', () => {
  const zoe: ContactDraft = {
    line: 1,
    displayName: 'Zoë Łukasz-Adams',
    givenName: 'Zoë',
    familyName: 'Łukasz-Adams',
    identities: [
      { kind: 'email', value: 'zoe@example.com', label: 'work' },
      { kind: 'phone', value: '+49 151 2345678', label: 'Mobile (DE)' },
      { kind: 'blog', value: 'https://zoe.dev/blog' },
      { kind: 'other', value: 'matrix:@zoe:example.org' },
    ],
    birthday: '--02-29',
    notes: 'Line one, with; specials\\\nline two',
    externalId: 'abc-123',
  };

  it('writes 3.0 with CRLF, VERSION/UID/FN/N, escaping, Apple labels and the omit-year BDAY', () => {
    const out = writeVCard(zoe, { version: '3.0' });
    expect(out.split('\r\n').slice(0, 6)).toEqual([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'PRODID:-//kith//kith//EN',
      'UID:abc-123',
      'FN:Zoë Łukasz-Adams',
      'N:Łukasz-Adams;Zoë;;;',
    ]);
    expect(out).toContain('\r\nEMAIL;TYPE=work:zoe@example.com\r\n');
    expect(out).toContain('\r\nitem1.TEL:+49 151 2345678\r\nitem1.X-ABLabel:Mobile (DE)\r\n');
    expect(out).toContain('\r\nURL;X-KITH-KIND=blog:https://zoe.dev/blog\r\n');
    expect(out).toContain('\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n');
    expect(out).toContain('\r\nNOTE:Line one\\, with\\; specials\\\\\\nline two\r\n');
    expect(out.endsWith('END:VCARD\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes 4.0 year-less BDAY as --MMDD and full dates in basic format', () => {
    expect(writeVCard(zoe, { version: '4.0' })).toContain('\r\nBDAY:--0229\r\n');
    expect(writeVCard({ ...zoe, birthday: '1985-04-12' }, { version: '4.0' })).toContain('\r\nBDAY:19850412\r\n');
  });

  it('gives drafts without an id a stable UID and writes several cards', () => {
    const a = writeVCard({ ...zoe, externalId: null }, { version: '3.0' });
    expect(a).toMatch(/\r\nUID:kith-[0-9a-f]{8}\r\n/);
    expect(writeVCard({ ...zoe, externalId: null }, { version: '3.0' })).toBe(a);
    const both = writeVCards([zoe, { ...zoe, externalId: 'x' }], { version: '4.0' });
    expect(parseVCards(both).records.map((r) => r.externalId)).toEqual(['abc-123', 'x']);
  });
});

describe('foldLine', () => {
  const check = (line: string) => {
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    for (const p of parts) {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p); // no lone surrogate, no split sequence
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  };
  it.each([['a'.repeat(75)], ['a'.repeat(200)], ['NOTE:' + '李'.repeat(60)], ['NOTE:' + '🔸'.repeat(40)], ['x' + 'é'.repeat(80)]])(
    'folds %#',
    check,
  );
});
