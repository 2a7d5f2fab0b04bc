/**
 * Reads a JSON document whose top level is an object, incrementally: each top-level
 * property comes out as soon as it is complete, and a property whose value is an array
 * comes out element by element. Memory stays bounded by the largest element, whatever
 * the file's size or layout (kith's pretty-printed backup, one record per line, or
 * everything on one line), where `JSON.parse` of the whole text needs the text as one
 * string (V8 refuses those past ~512 MiB) and the whole object graph.
 *
 * The scanner only finds where each value ends (strings, escapes, nesting); `JSON.parse`
 * parses and checks each value. Problems come out as an `error` event with the 1-based
 * line and column, never as a throw, and end the stream.
 */

export type JsonStreamEvent =
  /** A top-level property whose value is not an array. */
  | { kind: 'value'; key: string; value: unknown; line: number }
  | { kind: 'arrayStart'; key: string; line: number }
  /** One element of a top-level array property, with the line where it starts. */
  | { kind: 'item'; key: string; index: number; value: unknown; line: number }
  | { kind: 'arrayEnd'; key: string; count: number }
  | { kind: 'error'; line: number; col: number; message: string };

const TRUNCATED = 'the file ends too early (is it truncated?)';

type State = 'start' | 'key' | 'colon' | 'value' | 'afterValue' | 'item' | 'afterItem' | 'end';

class JsonTopLevelReader {
  private buf = '';
  /** Absolute offset of buf[0] in the document. */
  private bufStart = 0;
  private pos = 0;
  // Line bookkeeping: the line and the absolute offset just after the last newline, up to `lineAt`.
  private lineAt = 0;
  private line = 1;
  private lineStart = 0;
  private state: State = 'start';
  private key = '';
  private index = 0;
  private first = true;
  // Scan state of the value being read, kept across chunks so a long value is scanned once.
  private valueStart = -1;
  private scanAt = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private failed = false;

  /** Adds text; returns the events it completes. */
  push(text: string, out: JsonStreamEvent[]): boolean {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buf += text;
    if (!this.run(false, out)) return false;
    this.compact();
    return true;
  }

  /** End of input: returns the last events (an error when the document is not complete). */
  end(out: JsonStreamEvent[]): void {
    if (!this.run(true, out)) return;
    this.skipSpace();
    if (this.state !== 'end') this.fail(this.buf.length, TRUNCATED, out);
    else if (this.pos < this.buf.length) this.fail(this.pos, 'Unexpected non-whitespace character after JSON', out);
  }

  /** Absolute 1-based line and column of a buffer index (indexes only ever move forward). */
  private where(i: number): { line: number; col: number } {
    const abs = this.bufStart + i;
    for (let k = this.buf.indexOf('\n', this.lineAt - this.bufStart); k !== -1 && k < i; k = this.buf.indexOf('\n', k + 1)) {
      this.line++;
      this.lineStart = this.bufStart + k + 1;
    }
    if (abs > this.lineAt) this.lineAt = abs;
    return { line: this.line, col: abs - this.lineStart + 1 };
  }

  private fail(i: number, message: string, out: JsonStreamEvent[]): false {
    const { line, col } = this.where(Math.max(i, this.lineAt - this.bufStart));
    out.push({ kind: 'error', line, col, message });
    this.failed = true;
    this.state = 'end';
    this.buf = '';
    this.pos = 0;
    return false;
  }

  private skipSpace(): void {
    const b = this.buf;
    let p = this.pos;
    for (;;) {
      const c = b.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  /** Drops what is consumed, keeping line bookkeeping right. */
  private compact(): void {
    const keepFrom = this.valueStart >= 0 ? this.valueStart : this.pos;
    if (keepFrom < 65536) return;
    this.where(keepFrom);
    this.buf = this.buf.slice(keepFrom);
    this.bufStart += keepFrom;
    this.pos -= keepFrom;
    if (this.valueStart >= 0) {
      this.valueStart -= keepFrom;
      this.scanAt -= keepFrom;
    }
  }

  /**
   * Scans the value starting at `valueStart` for its end; returns the index just past it,
   * or -1 when the buffer ends first (at the end of input the caller reports truncation).
   */
  private scanValue(final: boolean): number {
    const b = this.buf;
    const n = b.length;
    let i = this.scanAt;
    const first = b.charCodeAt(this.valueStart);
    if (first !== 123 && first !== 91 && first !== 34) {
      // A number, true, false or null: up to the next delimiter.
      while (i < n) {
        const c = b.charCodeAt(i);
        if (c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9) return i;
        i++;
      }
      this.scanAt = i;
      return final ? n : -1;
    }
    let { depth, inString, escaped } = this;
    if (i === this.valueStart) {
      if (first === 34) inString = true;
      else depth = 1;
      i++;
    }
    while (i < n) {
      const c = b.charCodeAt(i++);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (depth === 0) return i;
        }
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) return i;
      }
    }
    Object.assign(this, { depth, inString, escaped, scanAt: i });
    return -1;
  }

  /** Reads the value at `pos`; not ok when more input is needed, or on an error (then `failed`). */
  private readValue(final: boolean, out: JsonStreamEvent[]): { ok: true; value: unknown; line: number } | { ok: false } {
    if (this.valueStart < 0) {
      this.valueStart = this.pos;
      this.scanAt = this.pos;
      this.depth = 0;
      this.inString = false;
      this.escaped = false;
    }
    const endAt = this.scanValue(final);
    if (endAt < 0) {
      if (final) this.fail(this.buf.length, TRUNCATED, out);
      return { ok: false };
    }
    const start = this.valueStart;
    const text = this.buf.slice(start, endAt);
    this.valueStart = -1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const msg = (e as Error).message;
      const m = /position (\d+)/.exec(msg);
      if (m) this.fail(start + Number(m[1]), msg.replace(/ in JSON at position \d+.*$/, ''), out);
      else if (/end of JSON input/.test(msg)) this.fail(endAt, TRUNCATED, out);
      // V8 names no position for an unexpected token, and quotes the text: find the token, keep its name only.
      else this.fail(start + tokenAt(text, /^Unexpected token '(.+?)'/.exec(msg)?.[1]), msg.replace(/, (\.\.\.)?".*$/s, ''), out);
      return { ok: false };
    }
    const { line } = this.where(start);
    this.pos = endAt;
    return { ok: true, value, line };
  }

  /** After a property or an element: a comma goes on, the closing bracket ends the object or the array. */
  private separator(c: string | undefined, close: '}' | ']', out: JsonStreamEvent[]): boolean {
    this.pos++;
    if (c === ',') {
      this.state = close === '}' ? 'key' : 'item';
      this.first = false;
    } else if (c !== close) {
      const what = close === '}' ? 'property value' : 'array element';
      return this.fail(this.pos - 1, `Expected ',' or '${close}' after ${what}`, out);
    } else if (close === ']') {
      out.push({ kind: 'arrayEnd', key: this.key, count: this.index });
      this.state = 'afterValue';
    } else this.state = 'end';
    return true;
  }

  private run(final: boolean, out: JsonStreamEvent[]): boolean {
    for (;;) {
      if (this.state === 'end') return true;
      if (this.valueStart < 0) {
        this.skipSpace();
        if (this.pos >= this.buf.length) return true; // need more input (end() reports a truncated document)
      }
      const c = this.buf[this.pos];
      switch (this.state) {
        case 'start':
          if (c !== '{') return this.fail(this.pos, "Expected '{': the document must be one JSON object", out);
          this.pos++;
          this.state = 'key';
          this.first = true;
          break;
        case 'key': {
          if (c === '}' && this.first) {
            this.pos++;
            this.state = 'end';
            break;
          }
          if (c !== '"') return this.fail(this.pos, "Expected property name or '}'", out);
          const r = this.readValue(final, out);
          if (!r.ok) return !this.failed;
          this.key = r.value as string;
          this.state = 'colon';
          break;
        }
        case 'colon':
          if (c !== ':') return this.fail(this.pos, "Expected ':' after property name", out);
          this.pos++;
          this.state = 'value';
          break;
        case 'value': {
          if (c === '[' && this.valueStart < 0) {
            const { line } = this.where(this.pos);
            this.pos++;
            out.push({ kind: 'arrayStart', key: this.key, line });
            this.index = 0;
            this.first = true;
            this.state = 'item';
            break;
          }
          const r = this.readValue(final, out);
          if (!r.ok) return !this.failed;
          out.push({ kind: 'value', key: this.key, value: r.value, line: r.line });
          this.state = 'afterValue';
          break;
        }
        case 'afterValue':
          if (!this.separator(c, '}', out)) return false;
          break;
        case 'item': {
          if (c === ']' && this.first && this.valueStart < 0) {
            this.pos++;
            out.push({ kind: 'arrayEnd', key: this.key, count: 0 });
            this.state = 'afterValue';
            break;
          }
          const r = this.readValue(final, out);
          if (!r.ok) return !this.failed;
          out.push({ kind: 'item', key: this.key, index: this.index++, value: r.value, line: r.line });
          this.state = 'afterItem';
          break;
        }
        case 'afterItem':
          if (!this.separator(c, ']', out)) return false;
          break;
      }
    }
  }
}

/** Index of the first `token` outside a string in `text` (0 when it is not found). */
function tokenAt(text: string, token: string | undefined): number {
  if (!token) return 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (text.startsWith(token, i)) return i;
    else if (c === '"') inString = true;
  }
  return 0;
}

/** Streams the top-level properties of a JSON object document from text chunks. */
export async function* streamJsonObject(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<JsonStreamEvent> {
  const reader = new JsonTopLevelReader();
  const out: JsonStreamEvent[] = [];
  for await (const chunk of chunks) {
    const more = reader.push(chunk, out);
    yield* out.splice(0);
    if (!more) return;
  }
  reader.end(out);
  yield* out.splice(0);
}

/** UTF-8 bytes (or text) as text chunks, multi-byte characters split across chunks kept whole. */
export async function* utf8Chunks(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
