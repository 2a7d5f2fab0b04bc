import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authorDay, parseFeed } from './feed.js';
import { decodeEntities, htmlToText, truncateText } from './feed-html.js';

const dir = new URL('../../test/fixtures/formats/activity/feed/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

describe('authorDay', () => {
  it.each([
    ['Mon, 01 Jan 2024 23:30:00 -0500', '2024-01-01'],
    ['Tue, 5 Mar 24 08:00:00 GMT', '2024-03-05'],
    ['5 March 2024 08:00 +0100', '2024-03-05'],
    ['2024-06-01T00:30:00+02:00', '2024-06-01'],
    ['2024-06-01', '2024-06-01'],
    ['2024-02-30T00:00:00Z', null],
    ['31 Feb 2024', null],
    ['sometime in spring', null],
  ])('%s', (raw, expected) => expect(authorDay(raw)).toBe(expected));
});

describe('feed-html', () => {
  it.each([
    ['<p>a &amp; b</p><p>c</p>', 'a & b c'],
    ['it&rsquo;s &#8212; &#x1F600; &bogus;', 'it\u2019s \u2014 \u{1F600} &bogus;'],
    ['<style>p{}</style>x<script>y</script>', 'x'],
    ['<b>bo</b>ld', 'bold'],
    ['&#0; &#xD800;', '\ufffd \ufffd'],
  ])('%s', (html, expected) => expect(htmlToText(html)).toBe(expected));
  it('decodes entities once only', () => expect(decodeEntities('&amp;lt;')).toBe('&lt;'));
  it('truncates at a word boundary', () => {
    expect(truncateText('one two three four', 15)).toBe('one two three…');
    // No space near the end: cut mid-word rather than lose most of the text.
    expect(truncateText('one supercalifragilistic', 12)).toBe('one superca…');
    expect(truncateText('short', 12)).toBe('short');
  });
});

describe('parseFeed', () => {
  it('RSS 2.0 with BOM and CRLF: day as written, relative link, HTML summary, categories, issues', () => {
    const r = parseFeed(fixture('rss.xml'));
    expect(r.records).toEqual([
      {
        line: 6,
        title: 'WASM GC in practice',
        url: 'https://jonas.example/posts/wasm-gc/',
        publishedOn: '2024-01-01',
        summary: 'Notes from three months & one talk \u2013 what I\u2019d do again.',
        externalId: 'post-wasm-gc',
        topics: ['wasm', 'compilers'],
      },
      {
        line: 15,
        title: 'Kaffee & Code: Müller’s Übersicht',
        url: 'https://jonas.example/posts/kaffee',
        publishedOn: '2024-03-05',
        summary: 'Short escaped HTML.',
        externalId: 'https://jonas.example/posts/kaffee',
      },
    ]);
    expect(r.issues).toEqual([
      { line: 21, field: 'pubDate', message: 'item has no date' },
      { line: 25, field: 'title', message: 'item has no title' },
      { line: 29, field: 'pubDate', message: 'unreadable date "sometime in spring"' },
    ]);
  });

  it('Atom: rel=alternate link, published before updated, html and xhtml content, category labels', () => {
    const r = parseFeed(fixture('atom.xml'));
    expect(r.issues).toEqual([]);
    expect(r.records).toEqual([
      {
        line: 8,
        title: 'Rust <3 Kotlin?',
        url: 'https://jonas.example/posts/rust-kotlin/',
        publishedOn: '2024-06-01',
        summary: 'A comparison for people who write both \u2014 and like both.',
        externalId: 'tag:jonas.example,2024:rust-kotlin',
        topics: ['rust', 'Kotlin'],
      },
      {
        line: 19,
        title: 'Only updated',
        url: 'https://jonas.example/posts/relative/',
        publishedOn: '2024-05-20',
        summary: 'XHTML content here.',
        externalId: 'tag:jonas.example,2024:relative',
      },
    ]);
  });

  it('summaries are cut to about 300 characters', () => {
    const long = 'word '.repeat(200);
    const xml = `<rss><channel><item><title>t</title><pubDate>2024-01-01</pubDate><description>${long}</description></item></channel></rss>`;
    const s = parseFeed(xml).records[0]!.summary;
    expect(s.endsWith('…')).toBe(true);
    expect(Array.from(s).length).toBeLessThanOrEqual(300);
  });

  it('RSS 1.0 (RDF) with dc:date and dc:subject', () => {
    const xml = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://jonas.example/"><title>x</title><link>https://jonas.example/</link></channel>
<item rdf:about="https://jonas.example/p/1"><title>First</title><link>https://jonas.example/p/1</link><dc:date>2023-12-24T10:00:00+01:00</dc:date><dc:subject>holidays</dc:subject></item>
</rdf:RDF>`;
    expect(parseFeed(xml).records).toEqual([
      {
        line: 4,
        title: 'First',
        url: 'https://jonas.example/p/1',
        publishedOn: '2023-12-24',
        summary: '',
        externalId: 'https://jonas.example/p/1',
        topics: ['holidays'],
      },
    ]);
  });

  it('reports what is not a feed', () => {
    const check = (text: string, expected: Array<{ line: number; message: string }>): void => {
      expect(parseFeed(text)).toEqual({ records: [], issues: expected, skipped: [] });
    };
    check('', [{ line: 1, message: 'empty feed' }]);
    check('<html><body>hi</body></html>', [{ line: 1, message: 'not an RSS or Atom feed' }]);
    check('<rss>\n<channel>\n<item>\n</channel></rss>', [
      {
        line: 4,
        message: "not well-formed XML: Expected closing tag 'item' (opened in line 3, col 1) instead of closing tag 'channel'.",
      },
    ]);
    check('<rss><channel><title>empty</title></channel></rss>', []);
  });
});
