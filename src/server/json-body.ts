/**
 * JSON answers serialized a piece at a time, so a long list never becomes one large string.
 *
 * `JSON.stringify` of a page of contacts is one string of 90 000 characters or more, and
 * twice that in bytes as soon as one name has a character beyond Latin-1 (Łukasz): V8 keeps
 * such a string among its large objects, and under load (measured with 32 connections on
 * `GET /api/v1/contacts?q=…`) nearly every one of them was promoted to the old generation
 * before the response was written, about 2.7 MB per young-generation collection, where it
 * waited for the next full collection: the heap grew by some 40 MB. Written here, the top
 * level's arrays are serialized element by element and the pieces are encoded into a buffer
 * every `PIECE` characters, so every string stays small and dies young.
 *
 * The bytes are exactly those of `JSON.stringify(value)` encoded as UTF-8. A small answer
 * stays a string (one write with the headers).
 */

/** Characters gathered before they are encoded into the answer's buffer. */
const PIECE = 8192;

class Pieces {
  private text = '';
  private readonly done_: string[] = [];
  private bytes = 0;

  add(s: string): void {
    this.text += s;
    if (this.text.length >= PIECE) this.flush();
  }

  private flush(): void {
    this.done_.push(this.text);
    this.bytes += Buffer.byteLength(this.text, 'utf8');
    this.text = '';
  }

  /** The text when it is short; else one buffer of the exact size from `alloc`, written piece by piece. */
  done(alloc: (bytes: number) => Buffer): string | Buffer {
    if (!this.done_.length) return this.text;
    if (this.text) this.flush();
    const out = alloc(this.bytes);
    let at = 0;
    for (const piece of this.done_) at += out.write(piece, at, 'utf8');
    return out;
  }
}

/**
 * `JSON.stringify(value)`, as a string when it is short and as UTF-8 bytes when it is not, in a
 * buffer of exactly that size from `alloc` (body-pool.ts lends them to the server's answers).
 */
export function jsonBody(value: unknown, alloc: (bytes: number) => Buffer = Buffer.allocUnsafe): string | Buffer {
  if (!value || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.stringify(value);
  }
  const out = new Pieces();
  let sep = '{';
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      out.add(`${sep}${JSON.stringify(key)}:[`);
      for (let i = 0; i < v.length; i++) out.add((i ? ',' : '') + (JSON.stringify(v[i]) ?? 'null'));
      out.add(']');
    } else {
      const s = JSON.stringify(v) as string | undefined;
      // undefined, functions and symbols: JSON.stringify leaves the member out.
      if (s === undefined) continue;
      out.add(`${sep}${JSON.stringify(key)}:${s}`);
    }
    sep = ',';
  }
  out.add(sep === '{' ? '{}' : '}');
  return out.done(alloc);
}
