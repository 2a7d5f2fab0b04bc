import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CAPTURE_LENGTH, parseCapture, type CaptureContact, type CaptureResult } from './capture.js';
import { isDay } from './days.js';
import { TOUCH_KINDS } from './types.js';

// Words that reach every branch of the parser: kinds, anchors, dates, promise and follow-up phrases, names.
const VOCAB = [
  'coffee',
  'Kaffee',
  'video call',
  'zoom',
  'call',
  'Anruf',
  'telefoniert',
  'dm',
  'Nachricht',
  'email',
  'met at',
  'conference',
  'code review',
  'mentoring',
  'introduced',
  'shout-out',
  'with',
  'mit',
  'w/',
  'from',
  'von',
  'and',
  'und',
  ',',
  '&',
  ';',
  '.',
  'and then',
  'about',
  're',
  'über',
  'yesterday',
  'gestern',
  'vorgestern',
  'today',
  'heute',
  'last Tuesday',
  'letzten Dienstag',
  'on Monday',
  '2 days ago',
  'vor 3 Tagen',
  'on 2026-11-03',
  '3 Nov',
  '3.11.',
  'am 3. November',
  '31.02.',
  '99.99.9999',
  'by Friday',
  'bis Freitag',
  'next week',
  'in 2 Wochen',
  'end of month',
  'promised to',
  'promised',
  "I'll",
  'I owe her',
  'versprochen,',
  'ich schicke',
  'she will',
  'he promised to',
  'sie schickt mir',
  'follow up',
  'remind me to',
  'ask her about',
  'nachfassen',
  'nachhaken',
  'erinnere mich,',
  'she reached out',
  'er hat sich gemeldet',
  'pinged me',
  'I called',
  'Anna',
  'anna',
  'Schmidt',
  'Ana José Pérez',
  'Li Lei',
  'Lukasz',
  'Łukasz',
  'Zed',
  'April',
  'May',
  'her',
  'him',
  'sie',
  'er',
  'slides',
  'die Folien',
  'zu schicken',
  'a@b.c',
  '王芳',
  'Ольга',
  '🙂',
  '\u0301',
  'İ',
  'ß',
  '\n',
  '\t',
  '"',
  '(',
  ')',
  '...',
];

const NAME_PARTS = [
  'Anna',
  'Schmidt',
  'Ana',
  'José',
  'Pérez',
  'Li',
  'Lei',
  'Łukasz',
  'Nowak',
  'Zoë',
  'İlkay',
  'May',
  'April',
  '王芳',
  'Ольга',
  'O’Brien',
  'van',
  'de',
];

const nameArb = fc.oneof(
  fc.array(fc.constantFrom(...NAME_PARTS), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const contactArb: fc.Arbitrary<CaptureContact> = fc.record({
  id: fc.uuid(),
  displayName: nameArb,
  givenName: fc.option(nameArb, { nil: null }),
  familyName: fc.option(nameArb, { nil: undefined }),
  nickname: fc.option(nameArb, { nil: null }),
  emails: fc.option(fc.array(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 10 })), { maxLength: 2 }), { nil: undefined }),
});

const textArb = fc.oneof(
  fc.array(fc.constantFrom(...VOCAB), { maxLength: 30 }).map((xs) => xs.join(' ')),
  fc
    .array(fc.oneof(fc.constantFrom(...VOCAB), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 30 })
    .map((xs) => xs.join(' ')),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

const todayArb = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function checkInvariants(r: CaptureResult, contacts: CaptureContact[]): void {
  const ids = new Set(contacts.map((c) => c.id));
  expect(['en', 'de']).toContain(r.language);
  if (r.touchpoint) {
    expect(TOUCH_KINDS).toContain(r.touchpoint.kind);
    expect(isDay(r.touchpoint.occurredOn)).toBe(true);
    for (const id of r.touchpoint.participantIds) expect(ids.has(id)).toBe(true);
    expect(new Set(r.touchpoint.participantIds).size).toBe(r.touchpoint.participantIds.length);
  }
  for (const c of r.commitments) {
    expect(ids.has(c.contactId)).toBe(true);
    if (c.dueOn !== null) expect(isDay(c.dueOn)).toBe(true);
  }
  for (const f of r.followUps) {
    expect(ids.has(f.contactId)).toBe(true);
    if (f.dueOn !== null) expect(isDay(f.dueOn)).toBe(true);
  }
  for (const u of r.unresolved) for (const c of u.candidates) expect(ids.has(c.id)).toBe(true);
}

describe('parseCapture properties', () => {
  it('never throws, and every id and date it returns is real', () => {
    fc.assert(
      fc.property(textArb, fc.array(contactArb, { maxLength: 6 }), todayArb, (text, contacts, today) => {
        const r = parseCapture(text, { today, contacts });
        checkInvariants(r, contacts);
      }),
      { numRuns: 400 },
    );
  });

  it('copes with very long input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...VOCAB), { minLength: 600, maxLength: 1500 }).map((xs) => xs.join(' ')),
        fc.array(contactArb, { maxLength: 3 }),
        (text, contacts) => {
          const r = parseCapture(text, { today: '2026-11-12', contacts });
          checkInvariants(r, contacts);
          if (text.replace(/\s+/g, ' ').trim().length > MAX_CAPTURE_LENGTH)
            expect(r.issues.map((i) => i.message).join('\n')).toMatch(/longer than/);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('is deterministic: the same input gives the same result', () => {
    fc.assert(
      fc.property(textArb, fc.array(contactArb, { maxLength: 4 }), todayArb, (text, contacts, today) => {
        expect(parseCapture(text, { today, contacts })).toEqual(parseCapture(text, { today, contacts }));
      }),
      { numRuns: 100 },
    );
  });

  it('a contact named in full after "with" is always a participant or listed as ambiguous', () => {
    const simpleName = fc
      .array(fc.constantFrom('Anna', 'Schmidt', 'Pérez', 'Lei', 'Nowak', 'Zoë', 'Ольга', 'Jonas', 'Ruiz'), {
        minLength: 2,
        maxLength: 3,
      })
      .map((xs) => xs.join(' '));
    fc.assert(
      fc.property(fc.array(simpleName, { minLength: 1, maxLength: 5 }), fc.nat(), (names, pick) => {
        const contacts = names.map((displayName, i) => ({ id: `c${i}`, displayName }));
        const target = contacts[pick % contacts.length];
        if (!target) return;
        const r = parseCapture(`coffee with ${target.displayName} yesterday`, { today: '2026-11-12', contacts });
        const inTouch = r.touchpoint?.participantIds.includes(target.id) ?? false;
        const listed = r.unresolved.some((u) => u.candidates.some((c) => c.id === target.id));
        expect(inTouch || listed).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
