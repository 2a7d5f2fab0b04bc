/**
 * Where an import reads from: a path on disk (streamed, so a large file never sits
 * in memory whole) or bytes already in hand (an HTTP upload, a test).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../core/errors.js';

export type ImportSource = { path: string; name?: string } | { bytes: Uint8Array | string; name: string };

/** The name problems are reported under (`file:line`). */
export function sourceName(src: ImportSource): string {
  return 'path' in src ? (src.name ?? basename(src.path)) : src.name;
}

/** Size in bytes, checking that the file is there and is a file. */
export async function sourceSize(src: ImportSource): Promise<number> {
  if (!('path' in src)) return typeof src.bytes === 'string' ? Buffer.byteLength(src.bytes) : src.bytes.byteLength;
  try {
    const s = await stat(src.path);
    if (!s.isFile())
      throw new AppError('invalid_input', `${src.path}: not a file`, {
        issues: [{ file: src.path, field: 'file', message: 'not a file' }],
      });
    return s.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable(src.path, e);
  }
}

function unreadable(path: string, e: unknown): AppError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT')
    return new AppError('not_found', `${path}: no such file`, {
      issues: [{ file: path, field: 'file', message: 'no such file' }],
    });
  return new AppError('invalid_input', `${path}: cannot read it (${(e as Error).message})`, {
    issues: [{ file: path, field: 'file', message: 'unreadable' }],
  });
}

/** The first `bytes` bytes as text, for format detection. */
export async function readHead(src: ImportSource, bytes = 4096): Promise<string> {
  if (!('path' in src)) {
    const b = src.bytes;
    return typeof b === 'string' ? b.slice(0, bytes) : new TextDecoder().decode(b.subarray(0, bytes));
  }
  try {
    const fh = await open(src.path, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const { bytesRead } = await fh.read(buf, 0, bytes, 0);
      // A multi-byte character cut at the end decodes to U+FFFD, which detection ignores.
      return new TextDecoder().decode(buf.subarray(0, bytesRead));
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw unreadable(src.path, e);
  }
}

/** The whole content as bytes (for the formats whose parsers need it whole). */
export async function readAll(src: ImportSource, onBytes: (n: number) => void = () => {}): Promise<Uint8Array> {
  if (!('path' in src)) {
    const b = typeof src.bytes === 'string' ? Buffer.from(src.bytes) : src.bytes;
    onBytes(b.byteLength);
    return b;
  }
  const parts: Buffer[] = [];
  for await (const chunk of byteStream(src, onBytes)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** The content as a stream of chunks, reporting bytes read as it goes. */
export async function* byteStream(src: ImportSource, onBytes: (n: number) => void = () => {}): AsyncGenerator<Uint8Array> {
  if (!('path' in src)) {
    const b = typeof src.bytes === 'string' ? Buffer.from(src.bytes) : src.bytes;
    for (let i = 0; i < b.byteLength; i += 65536) {
      const chunk = b.subarray(i, i + 65536);
      onBytes(chunk.byteLength);
      yield chunk;
    }
    return;
  }
  const stream = createReadStream(src.path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      onBytes((chunk as Buffer).byteLength);
      yield chunk as Buffer;
    }
  } catch (e) {
    throw unreadable(src.path, e);
  } finally {
    stream.destroy();
  }
}

/** Bytes as text the way the text parsers want it (UTF-8, BOM left for them to strip). */
export function asText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
