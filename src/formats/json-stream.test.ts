import { describe, expect, it } from 'vitest';
import { streamJsonObject, utf8Chunks, type JsonStreamEvent } from './json-stream.js';

async function events(text: string | Uint8Array, size = 1 << 16): Promise<JsonStreamEvent[]> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: JsonStreamEvent[] = [];
  for await (const ev of streamJsonObject(utf8Chunks(chunks))) out.push(ev);
  return out;
}
const errors = async (text: string, size?: number) => (await events(text, size)).filter((e) => e.kind === 'error');

const doc = {
  format: 'kith-backup',
  version: 1,
  profile: { tricky: ['}]', '"{[', 'back\\slash', 'Zoë 李雷 🎉'], n: -1.5e3, t: true },
  contacts: [{ id: 'x', notes: 'a\nb' }, { id: 'y', list: [[], {}] }],
  empty: [],
  tail: null,
};

describe('streamJsonObject', () => {
  it('gives every property and array element, whatever the layout and the chunking (UTF-8 split included)', async () => {
    const pretty = `\uFEFF${JSON.stringify(doc, null, 2)}\n`;
    const expected = await events(pretty);
    expect(expected.map((e) => e.kind)).toEqual(['value', 'value', 'value', 'arrayStart', 'item', 'item', 'arrayEnd', 'arrayStart', 'arrayEnd', 'value']);
    expect(expected[2]).toEqual({ kind: 'value', key: 'profile', value: doc.profile, line: 4 });
    expect(expected[5]).toMatchObject({ kind: 'item', key: 'contacts', index: 1, value: doc.contacts[1] });
    for (const size of [1, 2, 3, 7, 64]) expect(await events(pretty, size)).toEqual(expected);
    const strip = (evs: JsonStreamEvent[]) => evs.map((e) => ({ ...e, line: 0 }));
    expect(strip(await events(JSON.stringify(doc), 5))).toEqual(strip(expected));
  });

  it('names line and column for invalid, truncated and trailing input', async () => {
    const pretty = JSON.stringify(doc, null, 2);
    expect(await errors(pretty.slice(0, 60), 4)).toEqual([{ kind: 'error', line: 5, col: 1, message: expect.stringMatching(/ends too early/) }]);
    const bad = pretty.replace('"id": "y"', '"id": y');
    const line = pretty.split('\n').findIndex((l) => l.includes('"id": "y"')) + 1;
    expect(await errors(bad, 3)).toEqual([{ kind: 'error', line, col: 13, message: "Unexpected token 'y'" }]);
    expect(await errors('{"a": [1 2]}')).toEqual([{ kind: 'error', line: 1, col: 10, message: "Expected ',' or ']' after array element" }]);
    expect(await errors('{"a": 1}\n x')).toEqual([{ kind: 'error', line: 2, col: 2, message: expect.stringMatching(/after JSON/) }]);
    expect(await errors('[1]')).toEqual([{ kind: 'error', line: 1, col: 1, message: expect.stringMatching(/one JSON object/) }]);
    expect(await errors('')).toEqual([{ kind: 'error', line: 1, col: 1, message: expect.stringMatching(/ends too early/) }]);
    expect(await errors('{"a": "x\\q"}')).toEqual([{ kind: 'error', line: 1, col: 10, message: 'Bad escaped character' }]);
  });

  it('never throws on arbitrary text: it ends with the document or an error', async () => {
    const samples = ['{', '{"a"', '{"a":', '{"a":[', '{"a":[{', '{"a":[{}', '{"a":[{}]', '{"a":[{}]}', '}', '{"a":tru}', '{,}', '{"a":1,}'];
    for (const s of samples) {
      const evs = await events(s, 2);
      const errs = evs.filter((e) => e.kind === 'error');
      expect(errs.length, s).toBe(s === '{"a":[{}]}' ? 0 : 1);
      expect(evs.at(-1)?.kind === 'error' || errs.length === 0, s).toBe(true);
    }
  });
});
