import { describe, expect, it } from 'vitest';
import { bodyPool } from './body-pool.js';

describe('bodyPool', () => {
  it('lends a buffer of the exact size and lends the same memory again once it is given back', () => {
    const pool = bodyPool();
    const a = pool.take(20_000);
    expect(a.length).toBe(20_000);
    expect(a.buffer.byteLength).toBe(32 * 1024);
    const b = pool.take(20_000);
    expect(b.buffer).not.toBe(a.buffer);
    pool.give(a);
    expect(pool.freeBytes).toBe(32 * 1024);
    const c = pool.take(30_000);
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(30_000);
    expect(pool.freeBytes).toBe(0);
    // A size of another class gets other memory.
    expect(pool.take(40_000).buffer).not.toBe(b.buffer);
  });

  it('takes a buffer back once, and only its own', () => {
    const pool = bodyPool();
    const a = pool.take(16 * 1024);
    pool.give(a);
    pool.give(a);
    expect(pool.freeBytes).toBe(16 * 1024);
    pool.give(Buffer.alloc(16 * 1024));
    pool.give(Buffer.from('short'));
    expect(pool.freeBytes).toBe(16 * 1024);
    const x = pool.take(100);
    const y = pool.take(100);
    expect(x.buffer).toBe(a.buffer);
    expect(y.buffer).not.toBe(a.buffer);
  });

  it('keeps no more than its bound free, and answers beyond the largest class get their own buffer', () => {
    const pool = bodyPool(64 * 1024);
    const out = [pool.take(30_000), pool.take(30_000), pool.take(30_000)];
    for (const b of out) pool.give(b);
    expect(pool.freeBytes).toBe(64 * 1024);
    const huge = pool.take(3 * 1024 * 1024);
    expect(huge.length).toBe(3 * 1024 * 1024);
    pool.give(huge);
    expect(pool.freeBytes).toBe(64 * 1024);
  });
});
