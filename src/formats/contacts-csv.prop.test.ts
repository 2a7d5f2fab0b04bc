import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactDraft, ParseResult } from '../core/drafts.js';
import { parseGoogleCsv, parseOutlookCsv, streamGoogleCsv, writeContactsCsv } from './contacts-csv.js';
import { addEvent, readCsv } from './csv-reader.js';
import { detectFormat } from './format-detect.js';
import { parseLinkedInConnections, streamLinkedInConnections } from './linkedin-connections.js';

const parsers = [parseLinkedInConnections, parseGoogleCsv, parseOutlookCsv];

// CSV-ish text built from the pieces that trip parsers: quotes, delimiters, line ends, BOMs, known headers.
const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('"', '""', ',', ';', '\t', '\n', '\r\n', '\r', '\uFEFF', ' ::: ', '* ', 'First Name,Last Name,Connected On\n', 'First Name,E-mail 1 - Value,Labels\n', 'First Name,Last Name,E-mail Address\n', '28 Nov 2021', 'urn:li:member:1', '李雷'),
);
const csvish = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));

const checkResult = (r: ParseResult<ContactDraft>, lineCount: number) => {
  for (const i of r.issues) expect(i.line).toBeGreaterThanOrEqual(1);
  for (const x of [...r.records, ...r.skipped]) {
    expect(x.line).toBeGreaterThanOrEqual(1);
    expect(x.line).toBeLessThanOrEqual(lineCount);
  }
  for (const c of r.records) expect(c.displayName).not.toBe('');
};

describe('CSV parsers never throw', () => {
  it('on CSV-like text', () => {
    fc.assert(
      fc.property(csvish, (s) => {
        const lines = s.split(/\r\n|\r|\n/).length;
        for (const p of parsers) checkResult(p(s), lines);
      }),
      { numRuns: 400 },
    );
  });

  it('on arbitrary bytes and strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), (bytes, s) => {
        for (const p of parsers) {
          p(bytes);
          p(s);
        }
        readCsv(bytes);
        detectFormat('x', s);
      }),
      { numRuns: 300 },
    );
  });

  it('streaming gives what the whole-input parser gives, for any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(csvish, fc.integer({ min: 1, max: 9 }), async (s, size) => {
        const bytes = Buffer.from(s);
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const a: ParseResult<ContactDraft> = { records: [], issues: [], skipped: [] };
        for await (const ev of streamLinkedInConnections(chunks)) addEvent(a, ev);
        a.issues.sort((x, y) => x.line - y.line);
        expect(a).toEqual(parseLinkedInConnections(bytes));
        const g: ParseResult<ContactDraft> = { records: [], issues: [], skipped: [] };
        for await (const ev of streamGoogleCsv(chunks)) addEvent(g, ev);
        g.issues.sort((x, y) => x.line - y.line);
        expect(g).toEqual(parseGoogleCsv(bytes));
      }),
      { numRuns: 200 },
    );
  });
});

describe('writeContactsCsv', () => {
  it('reads back cell for cell with any text', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\r/g, ''));
    fc.assert(
      fc.property(fc.array(fc.record({ displayName: text, company: text, notes: text }), { maxLength: 5 }), (cs) => {
        const out = writeContactsCsv(cs.map((c) => ({ ...c, identities: [] })));
        expect(out.charCodeAt(0)).not.toBe(0xfeff);
        const back = readCsv(out, { required: ['Id', 'Display Name'] });
        expect(back.issues).toEqual([]);
        const nonEmpty = cs.filter((c) => [c.displayName, c.company, c.notes].some((v) => v.trim() !== ''));
        expect(back.rows.map((r) => [r.values.get('display name'), r.values.get('company'), r.values.get('notes')])).toEqual(
          nonEmpty.map((c) => [c.displayName, c.company, c.notes]),
        );
      }),
      { numRuns: 200 },
    );
  });
});
