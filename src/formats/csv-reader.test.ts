import { describe, expect, it } from 'vitest';
import type { CsvEvent, CsvReadResult } from './csv-reader.js';
import { TextFeed, decodeWindows1252, preambleCut, readCsv, streamCsv } from './csv-reader.js';

const opts = { required: ['Name', 'Email'] };
const simple = (r: CsvReadResult) => ({
  header: r.header && { line: r.header.line, names: r.header.names, delimiter: r.header.delimiter, encoding: r.header.encoding },
  rows: r.rows.map((x) => [x.line, ...x.cells]),
  issues: r.issues,
});

async function streamed(chunks: Array<Uint8Array | string>) {
  const out: CsvReadResult = { header: null, rows: [], issues: [] };
  for await (const ev of streamCsv(chunks, opts) as AsyncGenerator<CsvEvent>) {
    if (ev.kind === 'header') out.header = ev.header;
    else if (ev.kind === 'row') out.rows.push(ev.row);
    else out.issues.push(ev.issue);
  }
  return out;
}

describe('readCsv', () => {
  const check = (input: string | Uint8Array, expected: ReturnType<typeof simple>) => expect(simple(readCsv(input, opts))).toEqual(expected);

  it('LF, CRLF, lone CR and a mix count physical lines the same way', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      check(`Name,Email${eol}"A${eol}B",a@x${eol}${eol}C,c@x`, {
        header: { line: 1, names: ['Name', 'Email'], delimiter: ',', encoding: 'utf-8' },
        rows: [
          [2, 'A\nB', 'a@x'],
          [5, 'C', 'c@x'],
        ],
        issues: [],
      });
    }
    check('Name,Email\r\nA,a@x\nB,b@x\rC,c@x\r\n', {
      header: { line: 1, names: ['Name', 'Email'], delimiter: ',', encoding: 'utf-8' },
      rows: [
        [2, 'A', 'a@x'],
        [3, 'B', 'b@x'],
        [4, 'C', 'c@x'],
      ],
      issues: [],
    });
  });

  it('finds the header after a preamble, strips a BOM and quoted header names', () => {
    check('\uFEFFNotes:\n"some, text"\n\n"Name","Email"\nZoë,z@x\n', {
      header: { line: 4, names: ['Name', 'Email'], delimiter: ',', encoding: 'utf-8' },
      rows: [[5, 'Zoë', 'z@x']],
      issues: [],
    });
  });

  it('cuts a preamble off before parsing only where that is safe, with the same rows and lines', () => {
    const isHeader = (keys: string[]) => keys.includes('name') && keys.includes('email');
    expect(preambleCut('Notes:\n"a, b"\n\nName,Email\nA,a@x\n', ',', isHeader, 50)).toEqual({ offset: 15, lines: 3 });
    expect(preambleCut('Name,Email\nA,a@x\n', ',', isHeader, 50)).toBeNull();
    // A "header" inside a quoted preamble cell is not the header csv-parse would see.
    expect(preambleCut('Notes:\n"open\nName,Email\nclose"\nName,Email\n', ',', isHeader, 50)).toEqual({ offset: 31, lines: 4 });
    expect(preambleCut('x\ny\nName,Email\n', ',', isHeader, 2)).toBeNull();
    const text = 'Notes:\n"open\nName,Email\nclose"\nName,Email\nA,a@x\n';
    check(text, {
      header: { line: 5, names: ['Name', 'Email'], delimiter: ',', encoding: 'utf-8' },
      rows: [[6, 'A', 'a@x']],
      issues: [],
    });
  });

  it('detects ; and tab delimiters from the header', () => {
    expect(readCsv('Name;Email\nA, B;a@x\n', opts).rows[0]?.cells).toEqual(['A, B', 'a@x']);
    expect(readCsv('Name\tEmail\nA;B\ta@x\n', opts).rows[0]?.cells).toEqual(['A;B', 'a@x']);
  });

  it('falls back to windows-1252 when the bytes are not UTF-8', () => {
    const bytes = Uint8Array.from([...Buffer.from('Name,Email\n'), 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x93, 0x80, 0x94, 0x2c, 0x6d, 0x40, 0x78, 0x0a]);
    const r = readCsv(bytes, opts);
    expect(r.header?.encoding).toBe('windows-1252');
    expect(r.rows[0]?.cells).toEqual(['Müller “€”', 'm@x']);
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x9f, 0xe9))).toBe('€Ÿé');
  });

  it('reports an unclosed quote after multi-line cells at the line where its row starts', () => {
    const text = 'Name,Email,Notes\n"A",a@x,"one\ntwo\nthree"\nB,b@x,"x"\nC,c@x,"never closed\nD,d@x,\n';
    const r = readCsv(text, opts);
    expect(r.rows.map((x) => [x.line, x.cells[0]])).toEqual([
      [2, 'A'],
      [5, 'B'],
    ]);
    expect(r.issues).toEqual([{ line: 6, message: expect.stringContaining('never closed') }]);
  });

  it('reports extra cells, tolerates missing ones, keeps the first non-empty value of a repeated header', () => {
    const r = readCsv('Name,Email,Email\nA,,a@x,surplus\nB\n', opts);
    expect(r.rows.map((x) => [x.line, x.values.get('name'), x.values.get('email')])).toEqual([
      [2, 'A', 'a@x'],
      [3, 'B', ''],
    ]);
    expect(r.issues).toEqual([{ line: 2, message: expect.stringContaining('extra cells') }]);
  });

  it('reports a missing header once, and says nothing for empty input', () => {
    expect(readCsv('a,b\nc,d\n', opts).issues).toEqual([{ line: 1, message: expect.stringContaining('No header row found') }]);
    expect(readCsv('', opts)).toEqual({ header: null, rows: [], issues: [] });
    const fb = readCsv('John Doe,john@x\n', { ...opts, fallbackHeader: ['Name', 'Email'] });
    expect(fb.rows[0]?.values.get('email')).toBe('john@x');
  });
});

describe('streamCsv', () => {
  it('gives the same rows as readCsv for any chunking, including split CRLF and split UTF-8', async () => {
    const text = 'pre\r\nName,Email\r\n"Zoë\r\nŁukasz",z@x\r\n李雷,l@x\r\n';
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 5, 64]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(simple(await streamed(chunks))).toEqual(simple(readCsv(bytes, opts)));
    }
  });

  it('switches to windows-1252 mid-stream and says so', async () => {
    const first = Buffer.from('Name,Email\nA,a@x\n'.padEnd(70000, ' ') + '\n');
    const r = await streamed([first, Uint8Array.from([0x4d, 0xfc, 0x2c, 0x6d, 0x0a])]);
    expect(r.rows.at(-1)?.cells).toEqual(['Mü', 'm']);
    expect(r.issues).toContainEqual({ line: 1, message: expect.stringContaining('windows-1252') });
  });

  it('TextFeed holds back a CR split from its LF', () => {
    const f = new TextFeed();
    expect(f.push('a\r') + f.push('\nb') + f.end()).toBe('a\nb');
  });
});
