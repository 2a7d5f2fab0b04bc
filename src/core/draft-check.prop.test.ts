import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDraft, FINDING_CODES, SUGGESTION_CODES, type DraftInput } from './draft-check.js';
import { GENERIC_PHRASES } from './phrases.js';
import { CHANNELS, TOPIC_KINDS, TOUCH_KINDS } from './types.js';

// Text that mixes arbitrary Unicode with the words the check looks for, so both paths get exercised.
const words = fc.constantFrom(
  ...GENERIC_PHRASES.en,
  ...GENERIC_PHRASES.de,
  'could you',
  'kannst du',
  'happy to',
  'gerne',
  '?',
  'https://x.io/a',
  'Anna',
  'Rust',
  'kith-rs',
  '’',
  'ß',
  '\n',
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.oneof(words, fc.string({ maxLength: 8 })), { maxLength: 40 }).map((parts) => parts.join(' ')),
  fc.string({ minLength: 500, maxLength: 2500 }),
);
const anyString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const isoish = fc.oneof(
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  anyString,
);

const input: fc.Arbitrary<DraftInput> = fc.record({
  text,
  contact: fc.record({
    name: anyString,
    givenName: maybe(anyString),
    familyName: maybe(anyString),
    nickname: maybe(anyString),
    topics: fc.array(fc.record({ kind: fc.constantFrom(...TOPIC_KINDS), text: anyString }), { maxLength: 6 }),
    tags: fc.array(anyString, { maxLength: 4 }),
    company: maybe(anyString),
    employment: fc.array(fc.record({ company: anyString }), { maxLength: 3 }),
    howMet: maybe(anyString),
    boundaries: maybe(fc.record({ preferredChannel: maybe(fc.constantFrom(...CHANNELS)) })),
  }),
  touchpoints: fc.array(
    fc.record({
      kind: fc.constantFrom(...TOUCH_KINDS),
      occurredAt: isoish,
      summary: anyString,
      topics: fc.array(anyString, { maxLength: 3 }),
    }),
    { maxLength: 6 },
  ),
  followUps: fc.array(fc.record({ text: anyString, dueOn: maybe(anyString), doneAt: maybe(isoish) }), { maxLength: 4 }),
  sharedEvents: fc.array(anyString, { maxLength: 3 }),
  sharedEmployers: fc.array(anyString, { maxLength: 3 }),
  resources: fc.array(fc.record({ title: anyString, url: maybe(anyString), topics: fc.array(anyString, { maxLength: 3 }) }), {
    maxLength: 4,
  }),
  schedulingLink: maybe(anyString),
  channel: maybe(fc.oneof(fc.constantFrom('email', 'dm', 'linkedin', 'chat', 'sms', 'other'), anyString)),
  language: maybe(fc.constantFrom('en' as const, 'de' as const)),
});

describe('checkDraft properties', () => {
  it('never throws, scores within 0–100 and uses only known codes', () => {
    const findingCodes = new Set<string>(FINDING_CODES);
    const suggestionCodes = new Set<string>(SUGGESTION_CODES);
    fc.assert(
      fc.property(input, (i) => {
        const r = checkDraft(i);
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        for (const f of r.findings) {
          expect(findingCodes.has(f.code)).toBe(true);
          expect(typeof f.message).toBe('string');
          expect(f.message.length).toBeGreaterThan(0);
        }
        for (const s of r.suggestions) expect(suggestionCodes.has(s.code)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(checkDraft(i)).toEqual(checkDraft(structuredClone(i)));
      }),
      { numRuns: 200 },
    );
  });

  it('finds any listed generic phrase appended to any draft, in any case', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...GENERIC_PHRASES.en, ...GENERIC_PHRASES.de), fc.boolean(), (i, phrase, upper) => {
        const line = upper ? phrase.toUpperCase() : phrase;
        const found = checkDraft({ ...i, text: `${i.text}\n${line}` }).findings.filter((f) => f.code === 'generic-phrase');
        expect(found.length).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
