import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBody } from './json-body.js';

const bytesOf = (b: string | Buffer): Buffer => (typeof b === 'string' ? Buffer.from(b, 'utf8') : b);
const same = (value: unknown): void => {
  expect(bytesOf(jsonBody(value)).equals(Buffer.from(JSON.stringify(value), 'utf8'))).toBe(true);
};

describe('jsonBody', () => {
  it('gives the bytes of JSON.stringify for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => same(v)));
  });

  it('gives the bytes of JSON.stringify for objects whose members are lists, with what JSON leaves out or nulls', () => {
    const member = fc.oneof(
      fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(() => 1)), { maxLength: 40 }),
      fc.jsonValue(),
      fc.constant(undefined),
      fc.constant(new Date(0)),
    );
    fc.assert(fc.property(fc.dictionary(fc.string({ unit: 'grapheme' }), member), (v) => same(v)));
  });

  it('writes a long list as bytes, and a short answer as a string', () => {
    const contacts = Array.from({ length: 300 }, (_, i) => ({ id: `c${i}`, name: i % 7 ? `Anna ${i}` : `Łukasz ${i} 🙂`, notes: 'x'.repeat(200) }));
    const long = { contacts, nextCursor: null };
    expect(Buffer.isBuffer(jsonBody(long))).toBe(true);
    same(long);
    expect(jsonBody({ ok: true })).toBe('{"ok":true}');
    same({});
    same([]);
    same({ toJSON: () => ({ a: 1 }) });
  });
});
