import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeed } from './feed.js';

const linesOk = (r: {
  records: Array<{ line: number }>;
  issues: Array<{ line: number }>;
  skipped: Array<{ line: number }>;
}): void => {
  for (const x of [...r.records, ...r.issues, ...r.skipped]) expect(Number.isInteger(x.line) && x.line >= 1).toBe(true);
};

const xmlish = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(
        '<rss>',
        '</rss>',
        '<channel>',
        '</channel>',
        '<item>',
        '</item>',
        '<feed>',
        '</feed>',
        '<entry>',
        '</entry>',
        '<title>t</title>',
        '<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>',
        '<link href="::bad"/>',
        '<![CDATA[<p>x]]>',
        '&amp;',
        '<description>&lt;b&gt;</description>',
      ),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('parseFeed never throws', () => {
  it('parseFeed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), xmlish), (text) => {
        linesOk(parseFeed(text));
      }),
      { numRuns: 300 },
    );
  });
});
