/**
 * Header-driven CSV reading over `csv-parse`, shared by every CSV import.
 *
 * Real exports differ in ways a plain CSV parser does not cover: a preamble before the
 * header (LinkedIn), CRLF/LF/CR or a mix, a UTF-8 BOM, `;` as delimiter (Thunderbird),
 * windows-1252 bytes (Outlook desktop), and 100 000-row files. This layer turns bytes
 * into rows keyed by header name, each with the physical 1-based line where it starts,
 * and never throws on bad data: problems become issues.
 */
import { Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { ParseIssue, ParseResult } from '../core/drafts.js';

export type CsvDelimiter = ',' | ';' | '\t';
export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface CsvHeader {
  /** 1-based line of the header row. */
  line: number;
  /** Header names as written, trimmed, BOM and surrounding quotes removed. */
  names: string[];
  delimiter: CsvDelimiter;
  /** Encoding in force when the header was read (a later switch is reported as an issue). */
  encoding: CsvEncoding;
}

export interface CsvRow {
  /** 1-based physical line of the row's first character. */
  line: number;
  cells: string[];
  /** Cell values by header key (see `headerKey`); the first non-empty wins for repeated names. */
  values: Map<string, string>;
}

export type CsvEvent =
  | { kind: 'header'; header: CsvHeader }
  | { kind: 'row'; row: CsvRow }
  | { kind: 'issue'; issue: ParseIssue };

export interface CsvReadOptions {
  /** Header names that must all be present for a row to be the header (case-insensitive). */
  required?: readonly string[];
  /** Custom header test over the row's header keys; overrides `required`. */
  isHeader?: (keys: string[]) => boolean;
  /** Rows to look through for the header before giving up (default 50). */
  maxPreambleRows?: number;
  /** Force a delimiter instead of detecting it. */
  delimiter?: CsvDelimiter;
  /** Names to use when no header row is found; without it a missing header is an issue. */
  fallbackHeader?: readonly string[];
}

export interface CsvReadResult {
  header: CsvHeader | null;
  rows: CsvRow[];
  issues: ParseIssue[];
}

const headerKeys = new Map<string, string>();

/** The key a header name is looked up by: trimmed, lower-case, inner whitespace collapsed. */
export function headerKey(name: string): string {
  // Looked up for every cell of every row (`cell`): the names are few, so remember them.
  let key = headerKeys.get(name);
  if (key === undefined) {
    key = name.replace(/^\uFEFF/, '').trim().replace(/^"(.*)"$/, '$1').replace(/\s+/g, ' ').toLowerCase();
    if (headerKeys.size > 10_000) headerKeys.clear();
    headerKeys.set(name, key);
  }
  return key;
}

/** The first non-empty value among `names` in a row, trimmed; '' when none. */
export function cell(row: CsvRow, ...names: string[]): string {
  for (const n of names) {
    const v = row.values.get(headerKey(n));
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return '';
}

// ---------------------------------------------------------------------------
// Decoding: bytes → text with LF line ends, BOM removed, windows-1252 fallback.

// Node's TextDecoder('windows-1252') decodes 0x80–0x9F as C1 controls (latin1); map them to cp1252.
const CP1252_C1: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** Decodes windows-1252 bytes, including the 0x80–0x9F punctuation. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (ch) => CP1252_C1[ch.charCodeAt(0)] ?? ch);
}

/** Number of bytes at the end of `b` that start a UTF-8 sequence not yet complete. */
function incompleteUtf8Tail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const byte = b[b.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * Incremental decoder: UTF-8 while the bytes are valid, windows-1252 from the first chunk
 * that is not. Normalises CRLF and lone CR to LF (holding back a trailing CR) and drops a BOM.
 */
export class TextFeed {
  encoding: CsvEncoding = 'utf-8';
  /** Set when the encoding switched after text had already been produced. */
  switchedLate = false;
  private carry: Uint8Array = new Uint8Array(0);
  private pendingCR = false;
  private started = false;
  private produced = false;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  /** Decodes the next chunk; returns normalised text (may be empty). */
  push(chunk: Uint8Array | string): string {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
    } else {
      let bytes = chunk;
      if (this.carry.length > 0) {
        const joined = new Uint8Array(this.carry.length + chunk.length);
        joined.set(this.carry);
        joined.set(chunk, this.carry.length);
        bytes = joined;
      }
      if (this.encoding === 'utf-8') {
        const tail = incompleteUtf8Tail(bytes);
        const whole = bytes.subarray(0, bytes.length - tail);
        try {
          text = this.utf8.decode(whole);
          this.carry = bytes.slice(bytes.length - tail);
        } catch {
          this.switchTo1252();
          text = decodeWindows1252(bytes);
          this.carry = new Uint8Array(0);
        }
      } else {
        text = decodeWindows1252(bytes);
        this.carry = new Uint8Array(0);
      }
    }
    return this.normalise(text, false);
  }

  /** Flushes what is held back at the end of input. */
  end(): string {
    let text = '';
    if (this.carry.length > 0) {
      // A truncated UTF-8 sequence at the very end: not valid UTF-8.
      if (this.encoding === 'utf-8') this.switchTo1252();
      text = decodeWindows1252(this.carry);
      this.carry = new Uint8Array(0);
    }
    return this.normalise(text, true);
  }

  private switchTo1252(): void {
    this.encoding = 'windows-1252';
    if (this.produced) this.switchedLate = true;
  }

  private normalise(text: string, final: boolean): string {
    if (this.pendingCR) {
      text = `\r${text}`;
      this.pendingCR = false;
    }
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!final && text.endsWith('\r')) {
      this.pendingCR = true;
      text = text.slice(0, -1);
    }
    const out = text.replace(/\r\n?/g, '\n');
    if (out.length > 0) this.produced = true;
    return out;
  }
}

/** Decodes a whole input: UTF-8 when valid, else windows-1252; LF line ends; no BOM. */
export function decodeText(input: string | Uint8Array): { text: string; encoding: CsvEncoding } {
  const feed = new TextFeed();
  let text: string;
  if (typeof input === 'string') {
    text = feed.push(input) + feed.end();
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      text = decodeWindows1252(input);
      feed.encoding = 'windows-1252';
    }
    text = feed.push(text) + feed.end();
  }
  return { text, encoding: feed.encoding };
}

// ---------------------------------------------------------------------------
// Delimiter detection and header matching.

/** Splits one physical line on `delim`, honouring quotes (enough for header sniffing). */
function splitLine(line: string, delim: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

function makeHeaderTest(opts: CsvReadOptions): (keys: string[]) => boolean {
  if (opts.isHeader) return opts.isHeader;
  const required = (opts.required ?? []).map(headerKey);
  if (required.length === 0) return (keys) => keys.some((k) => k !== '');
  return (keys) => required.every((r) => keys.includes(r));
}

/**
 * Where the header line starts when a preamble comes before it (LinkedIn's `Notes:`): the
 * text before it can be cut off before parsing. csv-parse fixes the record length from the
 * first record, so a one-cell preamble would make it build an error object for every row.
 * Null when the header is the first line, or when cutting is not safe (the header is not
 * found by physical lines within `maxPreamble` non-empty lines, or the text before it has an
 * open quote, so the "header" line may be inside a quoted cell).
 */
export function preambleCut(
  head: string,
  delimiter: CsvDelimiter,
  isHeader: (keys: string[]) => boolean,
  maxPreamble: number,
): { offset: number; lines: number } | null {
  let offset = 0;
  let nonEmpty = 0;
  let quotes = 0;
  for (let line = 0; line < 60; line++) {
    const end = head.indexOf('\n', offset);
    if (end === -1) return null; // the header line must be complete
    const text = head.slice(offset, end);
    if (quotes % 2 === 0 && isHeader(splitLine(text, delimiter).map(headerKey))) {
      return line === 0 ? null : { offset, lines: line };
    }
    if (text.trim() !== '' && ++nonEmpty >= maxPreamble) return null;
    for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
    offset = end + 1;
  }
  return null;
}

/** Picks the delimiter under which some early line is a header; else the most frequent one. */
export function detectDelimiter(head: string, isHeader: (keys: string[]) => boolean): CsvDelimiter {
  const candidates: CsvDelimiter[] = [',', ';', '\t'];
  const lines = head.split('\n').slice(0, 60);
  for (const line of lines) {
    for (const d of candidates) {
      if (!line.includes(d)) continue;
      if (isHeader(splitLine(line, d).map(headerKey))) return d;
    }
  }
  const first = lines.find((l) => l.trim() !== '') ?? '';
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const count = splitLine(first, d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Row assembly, shared by the whole-input and streaming readers.

interface RawRecord {
  record: string[];
  raw: string;
}

interface CsvErrorLike {
  code?: string;
  message?: string;
  lines?: number;
}

const PARSER_OPTIONS = {
  raw: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_records_with_error: true,
  // Text reaching the parser has LF line ends only (see TextFeed).
  record_delimiter: '\n',
} as const;

class RowAssembler {
  private readonly isHeader: (keys: string[]) => boolean;
  private readonly maxPreamble: number;
  private header: CsvHeader | null = null;
  private headerKeys: string[] = [];
  private preamble: Array<{ line: number; cells: string[] }> = [];
  private gaveUp = false;
  /** Lines fully consumed by records seen so far. */
  private linesDone = 0;
  readonly out: CsvEvent[] = [];

  constructor(
    private readonly opts: CsvReadOptions,
    private readonly delimiter: CsvDelimiter,
    private readonly encoding: () => CsvEncoding,
    /** Lines already cut off before the text reaching the parser (a preamble). */
    skippedLines = 0,
  ) {
    this.isHeader = makeHeaderTest(opts);
    this.maxPreamble = opts.maxPreambleRows ?? 50;
    this.linesDone = skippedLines;
  }

  onRecord(rec: RawRecord): void {
    const line = this.linesDone + 1;
    this.linesDone += countNewlines(rec.raw);
    if (!rec.raw.endsWith('\n')) this.linesDone += 1; // last record without a trailing newline
    this.accept(line, rec.record);
  }

  onSkip(err: CsvErrorLike | undefined, raw: string | undefined): void {
    const line = this.linesDone + 1;
    const what = err?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed' : (err?.message ?? 'unreadable row');
    this.out.push({ kind: 'issue', issue: { line, message: `CSV: ${what}` } });
    if (raw !== undefined) this.linesDone += countNewlines(raw);
  }

  finish(): void {
    if (!this.header && !this.gaveUp) this.giveUp();
  }

  private accept(line: number, cells: string[]): void {
    if (this.header) {
      this.emitRow(line, cells);
      return;
    }
    if (this.gaveUp) return;
    const keys = cells.map(headerKey);
    if (this.isHeader(keys)) {
      this.setHeader(line, cells);
      this.preamble = [];
      return;
    }
    if (cells.some((c) => c.trim() !== '')) this.preamble.push({ line, cells });
    if (this.preamble.length >= this.maxPreamble) this.giveUp();
  }

  private setHeader(line: number, names: string[]): void {
    const clean = names.map((n) => n.replace(/^\uFEFF/, '').trim());
    this.header = { line, names: clean, delimiter: this.delimiter, encoding: this.encoding() };
    this.headerKeys = clean.map(headerKey);
    this.out.push({ kind: 'header', header: this.header });
  }

  private giveUp(): void {
    const held = this.preamble;
    this.preamble = [];
    if (this.opts.fallbackHeader && held.length > 0) {
      this.setHeader(0, [...this.opts.fallbackHeader]);
      for (const r of held) this.emitRow(r.line, r.cells);
      return;
    }
    this.gaveUp = true;
    if (held.length === 0 && this.linesDone === 0) return; // empty input: nothing to say
    const want = this.opts.required?.length ? `: expected columns ${this.opts.required.join(', ')}` : '';
    this.out.push({ kind: 'issue', issue: { line: held[0]?.line ?? 1, message: `No header row found${want}` } });
  }

  private emitRow(line: number, cells: string[]): void {
    if (cells.every((c) => c.trim() === '')) return;
    const values = new Map<string, string>();
    this.headerKeys.forEach((key, i) => {
      const v = cells[i] ?? '';
      if (!values.has(key) || (values.get(key) === '' && v !== '')) values.set(key, v);
    });
    const extra = cells.slice(this.headerKeys.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      this.out.push({
        kind: 'issue',
        issue: {
          line,
          message: `Row has ${cells.length} cells but the header has ${this.headerKeys.length}; extra cells ignored`,
        },
      });
    }
    this.out.push({ kind: 'row', row: { line, cells, values } });
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function parserOptions(asm: RowAssembler, delimiter: CsvDelimiter) {
  return {
    ...PARSER_OPTIONS,
    delimiter,
    on_record: (rec: RawRecord) => {
      asm.onRecord(rec);
      return null;
    },
    on_skip: (err: CsvErrorLike | undefined, raw: string | undefined) => {
      asm.onSkip(err, raw);
      return undefined;
    },
  };
}

/** Reads a whole CSV text or byte buffer into header, rows and issues. */
export function readCsv(input: string | Uint8Array, opts: CsvReadOptions = {}): CsvReadResult {
  const { text, encoding } = decodeText(input);
  const isHeader = makeHeaderTest(opts);
  const delimiter = opts.delimiter ?? detectDelimiter(text.slice(0, 65536), isHeader);
  const cut = preambleCut(text.slice(0, 65536), delimiter, isHeader, opts.maxPreambleRows ?? 50);
  const asm = new RowAssembler(opts, delimiter, () => encoding, cut?.lines ?? 0);
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    parseSync(cut ? text.slice(cut.offset) : text, parserOptions(asm, delimiter) as any);
  } catch (e) {
    asm.onSkip(e as CsvErrorLike, undefined);
  }
  asm.finish();
  return collect(asm.out);
}

function collect(events: CsvEvent[]): CsvReadResult {
  const res: CsvReadResult = { header: null, rows: [], issues: [] };
  for (const ev of events) {
    if (ev.kind === 'header') res.header = ev.header;
    else if (ev.kind === 'row') res.rows.push(ev.row);
    else res.issues.push(ev.issue);
  }
  return res;
}

/** Bytes (or already-decoded text) from a Readable or any async iterable of chunks. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * Streams a CSV: yields the header, then each row as soon as it is complete, with issues
 * in file order. Memory stays bounded by the longest row (plus a 64 KB sniffing window).
 */
export async function* streamCsv(source: ByteSource, opts: CsvReadOptions = {}): AsyncGenerator<CsvEvent> {
  const feed = new TextFeed();
  const isHeader = makeHeaderTest(opts);
  let head = '';
  let parser: Parser | null = null;
  let asm: RowAssembler | null = null;
  let failed = false;

  const start = (): void => {
    const delimiter = opts.delimiter ?? detectDelimiter(head, isHeader);
    const cut = preambleCut(head, delimiter, isHeader, opts.maxPreambleRows ?? 50);
    asm = new RowAssembler(opts, delimiter, () => feed.encoding, cut?.lines ?? 0);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    parser = new Parser(parserOptions(asm, delimiter) as any);
    parser.on('error', () => undefined); // errors are reported through write callbacks below
    write(cut ? head.slice(cut.offset) : head);
    head = '';
  };
  const write = (text: string): void => {
    if (!parser || !asm || failed || text === '') return;
    // csv-parse processes a write synchronously because nothing is pushed downstream.
    parser.write(text, (err) => {
      if (err && !failed) {
        failed = true;
        asm?.onSkip(err as CsvErrorLike, undefined);
      }
    });
  };
  function* drain(): Generator<CsvEvent> {
    const a = asm as RowAssembler | null;
    if (!a) return;
    while (a.out.length > 0) yield a.out.shift() as CsvEvent;
  }

  let reportedSwitch = false;
  for await (const chunk of source) {
    const text = feed.push(chunk);
    if (!parser) {
      head += text;
      if (head.length >= 65536) start();
    } else write(text);
    if (feed.switchedLate && !reportedSwitch && asm) {
      reportedSwitch = true;
      (asm as RowAssembler).out.push({
        kind: 'issue',
        issue: { line: 1, message: 'Input is not valid UTF-8 throughout; decoded the rest as windows-1252' },
      });
    }
    yield* drain();
  }
  const rest = feed.end();
  if (!parser) {
    head += rest;
    start();
  } else write(rest);
  const p = parser as Parser | null;
  if (p && !failed) {
    await new Promise<void>((resolve) => {
      p.on('finish', () => resolve());
      p.on('error', (err) => {
        if (!failed) {
          failed = true;
          (asm as RowAssembler | null)?.onSkip(err as CsvErrorLike, undefined);
        }
        resolve();
      });
      p.end();
    });
  }
  (asm as RowAssembler | null)?.finish();
  yield* drain();
}

/** What a streaming parser yields, in file order. */
export type RecordEvent<T> =
  | { kind: 'record'; record: T }
  | { kind: 'issue'; issue: ParseIssue }
  | { kind: 'skipped'; line: number; reason: string };

/** Folds one streamed event into a ParseResult. */
export function addEvent<T>(result: ParseResult<T>, ev: RecordEvent<T>): void {
  if (ev.kind === 'record') result.records.push(ev.record);
  else if (ev.kind === 'issue') result.issues.push(ev.issue);
  else result.skipped.push({ line: ev.line, reason: ev.reason });
}
