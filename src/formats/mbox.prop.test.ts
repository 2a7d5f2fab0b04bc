import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMbox, splitMbox } from './mbox.js';

describe('parseMbox never throws', () => {
  it('parseMbox', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 1, max: 64 }), async (bytes, size) => {
        const prefix = Buffer.from('From a@b.example Mon Jan  1 00:00:00 2024\n');
        for (const buf of [Buffer.from(bytes), Buffer.concat([prefix, Buffer.from(bytes)])]) {
          async function* source(): AsyncGenerator<Buffer> {
            for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
          }
          for await (const o of parseMbox(source(), { emails: ['me@x.y'] })) {
            const line = 'record' in o ? o.record.line : 'issue' in o ? o.issue.line : o.skipped.line;
            expect(line).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('mbox round trip', () => {
  const bodyLine = fc.oneof(
    fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')),
    fc.constantFrom('', 'From here', '>From there', '>>From x', 'From a@b.example Mon Jan  1 00:00:00 2024'),
  );
  it('escaping mboxrd-style and splitting gives back every message, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(bodyLine, { maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 50 }),
        async (bodies, size) => {
          const messages = bodies.map((lines, i) => `Subject: ${i}\n\n${lines.map((l) => `${l}\n`).join('')}`);
          const escaped = messages.map((m) => m.replace(/^(>*From )/gm, '>$1'));
          const file = Buffer.from(escaped.map((m) => `From a@b.example Mon Jan  1 00:00:00 2024\n${m}\n`).join(''));
          async function* source(): AsyncGenerator<Buffer> {
            for (let i = 0; i < file.length; i += size) yield file.subarray(i, i + size);
          }
          const out: string[] = [];
          for await (const m of splitMbox(source())) out.push(m.raw.toString('utf8'));
          expect(out).toEqual(messages);
        },
      ),
      { numRuns: 200 },
    );
  });
});
