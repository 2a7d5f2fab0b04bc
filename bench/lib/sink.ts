/**
 * Buffered, hashing file output: text is appended in small pieces, written in ~1 MiB
 * blocks, and its sha256 and size are known when the file is closed. Keeps memory
 * flat however large the file grows.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

export interface FileDigest {
  bytes: number;
  sha256: string;
}

/** One output file being written. */
export class Sink {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private pending: string[] = [];
  private pendingLength = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  /** Copies another (closed) file into this one, e.g. a section written to a temporary file. */
  append(path: string): void {
    this.flush();
    const fd = openSync(path, 'r');
    const buf = Buffer.allocUnsafe(4 << 20);
    try {
      for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) this.writeBytes(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }

  private writeBytes(buf: Buffer): void {
    this.hash.update(buf);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    this.bytes += buf.length;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    this.writeBytes(buf);
  }

  close(): FileDigest {
    this.flush();
    closeSync(this.fd);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}
