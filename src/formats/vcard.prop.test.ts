import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactDraft } from '../core/drafts.js';
import { CHANNELS, CIRCLES, TOPIC_KINDS } from '../core/types.js';
import type { Identity } from '../core/types.js';
import { parseVCards, writeVCard, writeVCards } from './vcard.js';

// Text as people type it, in any script, with the characters vCard must escape; no CR (read back as LF).
const text = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .map((s) => s.replace(/\r/g, ''))
  .chain((s) => fc.constantFrom(s, `${s},;\\`, `${s}\nsecond line`, `Zoë; Łukasz, 李雷 \\n ${s}`));
const word = text.map((s) => s.trim()).filter((s) => s !== '');
const optWord = fc.option(word, { nil: null });
const day = fc
  .record({ y: fc.integer({ min: 1900, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const birthday = fc.oneof(
  day,
  fc.record({ m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 29 }) }).map(
    ({ m, d }) => `--${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
);
const label = fc.option(fc.oneof(fc.constantFrom('work', 'home', 'cell', 'Work', 'work,fax', 'Mobile (DE)'), word), { nil: null });
const identity: fc.Arbitrary<Identity> = fc
  .record({
    kind: fc.constantFrom('email', 'phone', 'linkedin', 'github', 'blog', 'site', 'url', 'other'),
    value: fc.oneof(word, fc.constantFrom('https://www.linkedin.com/in/goran-stipeti%C4%87', 'https://github.com/zoe', 'a@b.example')),
    label,
  })
  .filter((i) => !/^mailto:/i.test(i.value))
  .map((i) => (i.label ? { kind: i.kind, value: i.value, label: i.label } : { kind: i.kind, value: i.value }));

const draft: fc.Arbitrary<ContactDraft> = fc.record({
  line: fc.constant(1),
  displayName: word,
  givenName: optWord,
  familyName: optWord,
  nickname: optWord,
  identities: fc.uniqueArray(identity, { maxLength: 6, selector: (i) => `${i.kind}\u0000${i.value}\u0000${i.label ?? ''}` }),
  company: optWord,
  title: optWord,
  employment: fc.array(
    fc.record({ company: word, title: optWord, from: fc.option(fc.oneof(day, fc.constant('2019-03')), { nil: null }), to: fc.option(day, { nil: null }) }),
    { maxLength: 3 },
  ),
  location: optWord,
  timeZone: fc.option(fc.constantFrom('Europe/Berlin', 'America/New_York', '-05:00'), { nil: null }),
  birthday: fc.option(birthday, { nil: null }),
  howMet: optWord,
  circle: fc.option(fc.constantFrom(...CIRCLES), { nil: null }),
  cadenceDays: fc.option(fc.integer({ min: 1, max: 3650 }), { nil: null }),
  boundaries: fc.record(
    {
      pausedUntil: day,
      minGapDays: fc.integer({ min: 0, max: 365 }),
      preferredChannel: fc.constantFrom(...CHANNELS),
      note: word,
    },
    { requiredKeys: [] },
  ),
  topics: fc.array(fc.record({ kind: fc.constantFrom(...TOPIC_KINDS), text }), { maxLength: 4 }),
  tags: fc.uniqueArray(word, { maxLength: 4 }),
  notes: fc.oneof(fc.constant(''), word),
  photo: fc.option(
    fc.oneof(
      fc.base64String({ minLength: 4, maxLength: 200 }).map((b) => `data:image/png;base64,${b}`),
      fc.constantFrom('https://lh3.googleusercontent.com/a/photo123', 'data:image/svg+xml;charset=utf-8;base64,PHN2Zz4='),
    ),
    { nil: null },
  ),
  connectedOn: fc.option(day, { nil: null }),
  externalId: word,
});

describe('vCard round trip', () => {
  for (const version of ['3.0', '4.0'] as const) {
    it(`parseVCards(writeVCard(x)) gives back every field (${version})`, () => {
      fc.assert(
        fc.property(draft, (d) => {
          const out = parseVCards(writeVCard(d, { version }));
          expect(out.issues).toEqual([]);
          expect(out.records).toEqual([d]);
        }),
        { numRuns: 300 },
      );
    });

    it(`folds every line to at most 75 octets without splitting UTF-8 (${version})`, () => {
      fc.assert(
        fc.property(fc.array(draft, { minLength: 1, maxLength: 3 }), (ds) => {
          const out = writeVCards(ds, { version });
          expect(out.endsWith('\r\n')).toBe(true);
          for (const line of out.slice(0, -2).split('\r\n')) {
            const bytes = Buffer.from(line, 'utf8');
            expect(bytes.length).toBeLessThanOrEqual(75);
            expect(line).not.toMatch(/[\r\n]/);
            expect(bytes.toString('utf8')).toBe(line); // no lone surrogate from a split pair
          }
          expect(parseVCards(out).records.map((r) => r.externalId)).toEqual(ds.map((x) => x.externalId));
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('parseVCards never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = parseVCards(s);
        for (const i of r.issues) expect(i.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
  it('on arbitrary bytes and on vCard-like fragments', () => {
    const fragment = fc.constantFrom('BEGIN:VCARD', 'END:VCARD', 'VERSION:2.1', 'FN:A', 'N:;;', 'PHOTO;ENCODING=BASE64:AAA', ' folded', 'AGENT:BEGIN:VCARD', 'NOTE;QUOTED-PRINTABLE:=E4=', 'BDAY:--1399', 'X-KITH-CADENCE:x', 'item1.X-ABLabel:_$!<', 'TEL;TYPE="a,b:1', '=', '');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fragment, { maxLength: 30 }), fc.boolean(), (bytes, lines, crlf) => {
        parseVCards(bytes);
        const r = parseVCards(lines.join(crlf ? '\r\n' : '\n'));
        expect(Array.isArray(r.records)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
