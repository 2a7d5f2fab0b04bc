import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLinkedInMessages } from './linkedin-messages.js';

const linesOk = (r: {
  records: Array<{ line: number }>;
  issues: Array<{ line: number }>;
  skipped: Array<{ line: number }>;
}): void => {
  for (const x of [...r.records, ...r.issues, ...r.skipped]) expect(Number.isInteger(x.line) && x.line >= 1).toBe(true);
};

const cell = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('"', '""', ',', '\n', '\r\n', 'UTC', '2024-01-01 10:00:00 UTC', 'Yes', '%FIRSTNAME%'),
);
const csvish = fc
  .array(fc.array(cell, { maxLength: 12 }), { maxLength: 8 })
  .map((rows) =>
    ['CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE,CONTENT,IS MESSAGE DRAFT', ...rows.map((r) => r.join(','))].join('\n'),
  );

describe('parseLinkedInMessages never throws', () => {
  it('parseLinkedInMessages', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), csvish), (text) => {
        linesOk(parseLinkedInMessages(text, { names: ['Me'], profileUrls: ['https://linkedin.com/in/me'] }));
      }),
      { numRuns: 300 },
    );
  });
});
