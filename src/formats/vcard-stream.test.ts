/**
 * streamVCards (what `kith import vcard` reads with, card by card) says exactly what
 * parseVCards says of the whole file, however the bytes are cut into chunks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactDraft, ParseResult } from '../core/drafts.js';
import { addEvent } from './csv-reader.js';
import { parseVCards, streamVCards } from './vcard.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures');
const files = [
  join(FIXTURES, 'import', 'people.vcf'),
  ...readdirSync(join(FIXTURES, 'formats', 'contacts'))
    .filter((f) => f.endsWith('.vcf'))
    .map((f) => join(FIXTURES, 'formats', 'contacts', f)),
];

async function streamed(bytes: Uint8Array, size: number): Promise<ParseResult<ContactDraft>> {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const result: ParseResult<ContactDraft> = { records: [], issues: [], skipped: [] };
  for await (const ev of streamVCards(chunks)) addEvent(result, ev);
  result.issues.sort((a, b) => a.line - b.line);
  return result;
}

describe('streamVCards', () => {
  it.each(files.map((f) => [f.slice(FIXTURES.length + 1), f]))(
    '%s: the same as parseVCards in chunks of 1, 7 and 64 KiB bytes',
    async (_name, file) => {
      const bytes = readFileSync(file);
      const whole = parseVCards(bytes);
      expect(whole.records.length + whole.skipped.length).toBeGreaterThan(0);
      expect(await streamed(bytes, 65536)).toEqual(whole);
      for (const size of [1, 7]) {
        // A windows-1252 file whose first chunk was plain ASCII is said to switch, as streamCsv says it;
        // the ASCII before the switch reads the same either way.
        const got = await streamed(bytes, size);
        got.issues = got.issues.filter((i) => !/not valid UTF-8 throughout/.test(i.message));
        expect(got).toEqual(whole);
      }
    },
  );

  it('the same as parseVCards on arbitrary text (folding, blank lines, stray and broken cards)', async () => {
    const piece = fc.constantFrom(
      'BEGIN:VCARD',
      'END:VCARD',
      'VERSION:3.0',
      'FN:Zoë Müller',
      'EMAIL:z@example.org',
      ' continued',
      '\tmore',
      'NOTE;ENCODING=QUOTED-PRINTABLE:a=',
      'b=C3=A9',
      '',
      'garbage',
      'N:Doe;Jane;;;',
      'PHOTO;ENCODING=b:QUJD',
      'REVA=',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 50 }),
        async (lines, eol, size) => {
          const bytes = new TextEncoder().encode(lines.join(eol));
          expect(await streamed(bytes, size)).toEqual(parseVCards(bytes));
        },
      ),
      { numRuns: 200 },
    );
  });
});
