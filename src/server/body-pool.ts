/**
 * Buffers for long JSON answers, used again once Node has written them.
 *
 * A page of contacts is some 50–100 KB of UTF-8. Encoded into a fresh buffer per answer,
 * each one is memory outside V8's heap that is given back only when the garbage collector
 * finds its buffer dead. Under load most of them outlive a young-generation collection (the
 * answer is still being written), so they waited for a full collection, which V8 starts only
 * after some 64 MB of such memory: measured with 32 connections on `GET /api/v1/contacts?q=…`
 * at 100 000 contacts, 20 to 47 MB of dead answers were held at the peak, and the server's
 * peak RSS swung with them.
 *
 * Here an answer borrows one of a few buffers of a size class (powers of two) and gives it
 * back when its response has finished: Node emits `finish` after the last byte has been
 * handed to the socket, so nothing reads the buffer after that. A response that ends
 * otherwise (the client went away) keeps its buffer, which the collector frees as before.
 * The buffers kept free are bounded in bytes; answers larger than the largest class get a
 * buffer of their own.
 */

const SMALLEST = 16 * 1024;
const LARGEST = 1024 * 1024;

export interface BodyPool {
  /** A buffer of exactly `bytes` bytes (its contents are left over from earlier answers). */
  take(bytes: number): Buffer;
  /** Gives back a buffer from `take` that nothing will read again. */
  give(buf: Buffer): void;
  /** Bytes kept free for later answers (for tests). */
  readonly freeBytes: number;
}

/** The size class of an answer of `bytes` bytes, or 0 when it gets a buffer of its own. */
function classOf(bytes: number): number {
  if (bytes > LARGEST) return 0;
  let size = SMALLEST;
  while (size < bytes) size *= 2;
  return size;
}

/** A pool keeping at most `maxFreeBytes` of free buffers. */
export function bodyPool(maxFreeBytes = 8 * 1024 * 1024): BodyPool {
  const free = new Map<number, ArrayBuffer[]>();
  /** Every buffer this pool made and that is out, so only those are taken back, once each. */
  const out = new WeakSet<ArrayBuffer>();
  let freeBytes = 0;
  return {
    take(bytes) {
      const size = classOf(bytes);
      if (!size) return Buffer.allocUnsafeSlow(bytes);
      const ab = free.get(size)?.pop();
      if (ab) freeBytes -= size;
      const buffer = ab ?? new ArrayBuffer(size);
      out.add(buffer);
      return Buffer.from(buffer, 0, bytes);
    },
    give(buf) {
      const ab = buf.buffer;
      if (!(ab instanceof ArrayBuffer) || !out.has(ab)) return;
      out.delete(ab);
      if (freeBytes + ab.byteLength > maxFreeBytes) return;
      let list = free.get(ab.byteLength);
      if (!list) free.set(ab.byteLength, (list = []));
      list.push(ab);
      freeBytes += ab.byteLength;
    },
    get freeBytes() {
      return freeBytes;
    },
  };
}
