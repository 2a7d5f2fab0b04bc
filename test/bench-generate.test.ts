import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, OWNER_ID, TODAY, type DatasetMeta } from '../bench/generate.js';
import { CONNECTIONS_HEADER, CONNECTIONS_PREAMBLE, connectedOn, csvField } from '../bench/lib/linkedin-csv.js';
import { asctime, encodeWords, quoteFromLines, rfc5322Date } from '../bench/lib/mbox.js';
import { asciiSlug, dayFromNumber } from '../bench/lib/people.js';
import { cyrb128, Rng, Zipf } from '../bench/lib/prng.js';
import { countWords } from '../bench/lib/text.js';
import { parseBackup } from '../src/app/backup.js';
import { addDays, dayNumber, fromDayNumber } from '../src/core/days.js';
import { normalizeUrl, searchText, tokens } from '../src/core/text-fold.js';
import { CIRCLES, INITIATORS, TOUCH_KINDS, type Contact, type Touchpoint } from '../src/core/types.js';
import { parseLinkedInConnections } from '../src/formats/linkedin-connections.js';

const SEED = 'kith-bench-test';
const N = 200;
let root: string;
let metaA: DatasetMeta;
const dir = (name: string): string => join(root, name);
const read = (d: string, f: string): string => readFileSync(join(dir(d), f), 'utf8');

/** Every file under a directory, as relative path → bytes. */
function tree(base: string, sub = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(join(base, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of tree(base, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(base, rel)));
  }
  return out;
}

interface Backup {
  [key: string]: unknown;
  contacts: Contact[];
  touchpoints: Touchpoint[];
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kith-bench-'));
  metaA = generateDataset({ contacts: N, seed: SEED, out: dir('a') });
  generateDataset({ contacts: N, seed: SEED, out: dir('b') });
  generateDataset({ contacts: 100, seed: SEED, out: dir('prefix') });
  generateDataset({ contacts: N, seed: 'another-seed', out: dir('other'), notes: false });
  generateDataset({ contacts: N, seed: SEED, out: dir('importable'), importable: true, notes: false });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('determinism', () => {
  it('gives byte-identical trees for the same seed', () => {
    const a = tree(dir('a'));
    const b = tree(dir('b'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [k, v] of a) expect(v.equals(b.get(k) ?? Buffer.alloc(0)), k).toBe(true);
    expect(a.size).toBe(N + 6);
  });

  it('changes with the seed', () => {
    const other = JSON.parse(read('other', 'meta.json')) as DatasetMeta;
    expect(other.files['backup.json']?.sha256).not.toBe(metaA.files['backup.json']?.sha256);
    expect(other.notes).toBeNull();
  });

  it('makes a smaller dataset a prefix of a larger one', () => {
    const small = JSON.parse(read('prefix', 'backup.json')) as Backup;
    const big = JSON.parse(read('a', 'backup.json')) as Backup;
    expect(big.contacts.slice(0, 100)).toEqual(small.contacts);
    expect(big.touchpoints.slice(0, small.touchpoints.length)).toEqual(small.touchpoints);
    expect(read('prefix', 'notes/' + readdirSync(join(dir('prefix'), 'notes')).sort()[0])).toBe(
      read('a', 'notes/' + readdirSync(join(dir('prefix'), 'notes')).sort()[0]),
    );
  });

  it('records the sha256 and size of every file in meta.json', () => {
    const meta = JSON.parse(read('a', 'meta.json')) as DatasetMeta;
    expect(Object.keys(meta.files).sort()).toEqual(['Connections.csv', 'backup.json', 'mail.mbox', 'names.json', 'queries.json']);
    for (const [name, d] of Object.entries(meta.files)) {
      const buf = readFileSync(join(dir('a'), name));
      expect(d.sha256, name).toBe(createHash('sha256').update(buf).digest('hex'));
      expect(d.bytes, name).toBe(buf.length);
    }
    const files = readdirSync(join(dir('a'), 'notes'));
    expect(meta.notes?.files).toBe(files.length);
    expect(meta.notes?.bytes).toBe(files.reduce((s, f) => s + readFileSync(join(dir('a'), 'notes', f)).length, 0));
  });
});

describe('backup.json', () => {
  let b: Backup;
  beforeAll(() => {
    b = JSON.parse(read('a', 'backup.json')) as Backup;
  });

  it('has the kith backup keys in order', () => {
    expect(Object.keys(b)).toEqual([
      'format',
      'version',
      'exportedAt',
      'profile',
      'contacts',
      'touchpoints',
      'followUps',
      'commitments',
      'ledger',
      'introductions',
      'events',
      'communities',
      'posts',
      'postResponses',
      'resources',
    ]);
    expect(b.format).toBe('kith-backup');
    expect(b.exportedAt).toBe(`${TODAY}T00:00:00.000Z`);
    expect(b.contacts).toHaveLength(N);
    for (const key of ['commitments', 'ledger', 'events', 'communities', 'posts', 'resources'])
      expect((b[key] as unknown[]).length, key).toBeGreaterThan(0);
  });

  it('refers only to contacts that exist', () => {
    const ids = new Set(b.contacts.map((c) => c.id));
    expect(ids.size).toBe(N);
    for (const t of b.touchpoints) for (const p of t.participantIds) expect(ids.has(p)).toBe(true);
    for (const c of b.contacts) if (c.introducedById) expect(ids.has(c.introducedById)).toBe(true);
    for (const x of b.commitments as Array<{ contactId: string }>) expect(ids.has(x.contactId)).toBe(true);
    for (const x of b.ledger as Array<{ contactId: string }>) expect(ids.has(x.contactId)).toBe(true);
    for (const e of b.events as Array<{ attendees: Array<{ contactId: string }> }>)
      for (const a of e.attendees) expect(ids.has(a.contactId)).toBe(true);
    for (const c of b.communities as Array<{ memberIds: string[] }>) for (const m of c.memberIds) expect(ids.has(m)).toBe(true);
  });

  it('holds realistic records', () => {
    const threeYearsAgo = addDays(TODAY, -1096);
    for (const t of b.touchpoints) {
      expect(t.ownerId).toBe(OWNER_ID);
      expect(TOUCH_KINDS).toContain(t.kind);
      if (t.initiatedBy !== null) expect(INITIATORS).toContain(t.initiatedBy);
      expect(t.occurredAt.slice(0, 10) >= threeYearsAgo && t.occurredAt.slice(0, 10) < TODAY).toBe(true);
      const words = countWords(t.notes);
      expect(words, t.notes).toBeGreaterThanOrEqual(20);
      expect(words, t.notes).toBeLessThanOrEqual(80);
      expect(t.summary.length).toBeGreaterThan(0);
    }
    for (const c of b.contacts) {
      expect(CIRCLES).toContain(c.circle);
      const words = countWords(c.notes);
      expect(words).toBeGreaterThanOrEqual(20);
      expect(words).toBeLessThanOrEqual(80);
    }
    const words = b.touchpoints.reduce((sum, t) => sum + countWords(t.notes), 0);
    expect(metaA.stats.meanNoteWords).toBe(Math.round((words / b.touchpoints.length) * 100) / 100);
    const mean = b.touchpoints.length / N;
    expect(mean).toBeGreaterThan(7);
    expect(mean).toBeLessThan(13);
    const share = (f: (c: Contact) => boolean): number => b.contacts.filter(f).length / N;
    expect(share((c) => c.identities.some((i) => i.kind === 'email'))).toBeGreaterThan(0.55);
    expect(share((c) => c.identities.some((i) => i.kind === 'linkedin'))).toBeGreaterThan(0.8);
    expect(share((c) => /[^\x20-\x7e]/.test(c.displayName))).toBeGreaterThan(0.2);
    expect(b.contacts.some((c) => c.birthday?.startsWith('--'))).toBe(true);
    expect(b.contacts.some((c) => c.identities.some((i) => i.value.includes('%')))).toBe(true);
    expect(b.contacts.some((c) => c.boundaries.pausedUntil || c.boundaries.minGapDays)).toBe(true);
    expect(new Set(b.contacts.flatMap((c) => c.topics.map((t) => t.kind))).size).toBe(6);
    const emails = b.contacts.flatMap((c) => c.identities.filter((i) => i.kind === 'email').map((i) => i.value));
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('passes kith’s backup validation, in both shapes, with the same records', () => {
    const compact = parseBackup(read('importable', 'backup.json'), 'backup.json');
    expect(compact.contacts).toHaveLength(N);
    expect(compact.touchpoints).toHaveLength(b.touchpoints.length);
    const { ownerId: _o, lastTouchAt: _l, ...first } = b.contacts[0] as Contact;
    expect(compact.contacts[0]).toEqual(first);
    expect(read('importable', 'backup.json')).not.toMatch(/"ownerId"|"lastTouchAt"|"exportedAt"/);
    // The full core types (the default) carry derived fields that kith drops on import.
    expect(parseBackup(read('a', 'backup.json'), 'backup.json')).toEqual(compact);
  });
});

describe('Connections.csv', () => {
  it('has the 2024 LinkedIn layout', () => {
    const text = read('a', 'Connections.csv');
    expect(text.startsWith(`${CONNECTIONS_PREAMBLE}${CONNECTIONS_HEADER}\n`)).toBe(true);
    expect(text.endsWith('\n')).toBe(false);
    const rows = text.slice(CONNECTIONS_PREAMBLE.length + CONNECTIONS_HEADER.length + 1).split('\n');
    expect(rows).toHaveLength(metaA.counts.csvRows ?? -1);
    const dates = rows.map((r) => r.slice(r.lastIndexOf(',') + 1));
    for (const d of dates) expect(d).toMatch(/^\d\d [A-Z][a-z]{2} \d{4}$/);
    const days = dates.map((d) => new Date(`${d} UTC`).toISOString().slice(0, 10));
    expect([...days].sort().reverse()).toEqual(days);
    expect(rows.filter((r) => r.startsWith(',,,,,,')).length).toBe(metaA.counts.csvHiddenRows);
    expect(rows.some((r) => r.includes('"Acme, Inc."'))).toBe(true);
  });

  it('parses with kith’s LinkedIn reader into the same people', () => {
    const result = parseLinkedInConnections(readFileSync(join(dir('a'), 'Connections.csv')));
    expect(result.issues).toEqual([]);
    expect(result.skipped).toHaveLength(metaA.counts.csvHiddenRows ?? -1);
    const b = JSON.parse(read('a', 'backup.json')) as Backup;
    const urls = new Set(
      b.contacts.flatMap((c) => c.identities.filter((i) => i.kind === 'linkedin').map((i) => normalizeUrl(i.value))),
    );
    expect(result.records).toHaveLength(urls.size);
    for (const r of result.records) {
      const li = r.identities.find((i) => i.kind === 'linkedin');
      expect(urls.has(normalizeUrl(li?.value ?? ''))).toBe(true);
    }
  });
});

describe('mail.mbox', () => {
  it('has one separator per message and escapes From lines in bodies', () => {
    const text = read('a', 'mail.mbox');
    const separators = text.match(/^From /gm) ?? [];
    expect(separators.length).toBe(metaA.counts.mboxMessages);
    expect((text.match(/^Message-ID: /gm) ?? []).length).toBe(metaA.counts.mboxMessages);
    expect(text).toMatch(/^>From /m);
    expect(text).toMatch(/^References: </m);
    const b = JSON.parse(read('a', 'backup.json')) as Backup;
    const emails = b.touchpoints.filter((t) => t.kind === 'email');
    expect(emails.length).toBe(metaA.counts.mboxMessages);
    for (const t of emails) expect(text.includes(`Message-ID: <${t.externalId}>`)).toBe(true);
  });

  it('decodes non-ASCII names with a mail parser', async () => {
    const text = read('a', 'mail.mbox');
    const messages = text.split(/\n(?=From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n)/);
    const encoded = messages.find((m) => /^From: =\?UTF-8\?B\?/m.test(m));
    expect(encoded).toBeDefined();
    const parsed = await simpleParser((encoded ?? '').slice((encoded ?? '').indexOf('\n') + 1));
    const name = parsed.from?.value[0]?.name ?? '';
    const b = JSON.parse(read('a', 'backup.json')) as Backup;
    expect(b.contacts.some((c) => c.displayName === name)).toBe(true);
    expect(name).toMatch(/[^\x20-\x7e]/);
  });

  it('is cut short or topped up by --mbox-mb', () => {
    const small = generateDataset({ contacts: N, seed: SEED, out: dir('mbox-small'), mboxMb: 0.02, notes: false });
    const big = generateDataset({ contacts: N, seed: SEED, out: dir('mbox-big'), mboxMb: 1, notes: false });
    expect(small.counts.mboxMessages).toBeLessThan(metaA.counts.mboxMessages ?? 0);
    expect(small.files['mail.mbox']?.bytes).toBeGreaterThanOrEqual(0.02 * 1048576);
    expect(big.counts.mboxExtraMessages).toBeGreaterThan(0);
    expect(big.files['mail.mbox']?.bytes).toBeGreaterThanOrEqual(1048576);
    for (const [d, m] of [
      ['mbox-small', small],
      ['mbox-big', big],
    ] as const) {
      expect((read(d, 'mail.mbox').match(/^From /gm) ?? []).length).toBe(m.counts.mboxMessages);
    }
    expect(small.files['backup.json']?.sha256).toBe(metaA.files['backup.json']?.sha256);
  });
});

describe('notes/', () => {
  it('has one Markdown file per contact with front matter and newest-first sections', () => {
    const files = readdirSync(join(dir('a'), 'notes'));
    expect(files).toHaveLength(N);
    for (const f of files) {
      const md = read('a', `notes/${f}`);
      expect(md.startsWith('---\nname: "')).toBe(true);
      const days = [...md.matchAll(/^### (\d{4}-\d{2}-\d{2}) · ([a-z-]+)$/gm)].map((m) => m[1] ?? '');
      expect([...days].sort().reverse()).toEqual(days);
    }
  });
});

describe('queries.json and names.json', () => {
  it('reports hit counts that match the touchpoints', () => {
    const q = JSON.parse(read('a', 'queries.json')) as {
      touchpoints: number;
      single: Array<{ band: string; terms: string[]; hits: number }>;
      two: Array<{ band: string; terms: string[]; hits: number }>;
      names: Array<{ query: string; hits: number }>;
    };
    const b = JSON.parse(read('a', 'backup.json')) as Backup;
    const docs = b.touchpoints.map((t) => new Set(tokens(`${t.summary} ${t.notes}`)));
    expect(q.touchpoints).toBe(docs.length);
    const count = (terms: string[]): number => docs.filter((d) => terms.every((t) => d.has(t))).length;
    for (const e of [...q.single, ...q.two]) expect(e.hits, e.terms.join(' ')).toBe(count(e.terms));
    // Bands are shares of all touchpoints: at 200 contacts nothing is rarer than one hit in 10 000, so very_rare is empty.
    expect(new Set(q.single.map((e) => e.band))).toEqual(new Set(['common', 'mid', 'rare']));
    for (const e of q.single) expect(e.hits / q.touchpoints >= 0.0001).toBe(e.band !== 'very_rare');
    expect(q.single.length).toBeGreaterThan(50);
    expect(q.two.filter((e) => e.hits === 0).length).toBeGreaterThan(0);
    const names = b.contacts.map((c) => new Set(searchText(c.displayName).split(' ')));
    for (const { query, hits } of q.names) expect(hits, query).toBe(names.filter((s) => s.has(query)).length);
    for (const query of ['muller', 'lukasz', 'sondergaard'])
      expect(q.names.find((x) => x.query === query)?.hits).toBeGreaterThan(0);
  });

  it('lists display names that only one contact has', () => {
    const names = JSON.parse(read('a', 'names.json')) as Array<{ name: string; id: string }>;
    const b = JSON.parse(read('a', 'backup.json')) as Backup;
    expect(names.length).toBeGreaterThan(10);
    for (const { name, id } of names) {
      const same = b.contacts.filter((c) => c.displayName === name);
      expect(same.map((c) => c.id)).toEqual([id]);
    }
  });
});

describe('building blocks', () => {
  function check<I, O>(f: (i: I) => O, cases: Array<[I, O]>): void {
    for (const [input, expected] of cases) expect(f(input)).toEqual(expected);
  }

  it('formats CSV fields and LinkedIn dates', () => {
    check(csvField, [
      ['Acme', 'Acme'],
      ['Acme, Inc.', '"Acme, Inc."'],
      ['Daniel "Dan"', '"Daniel ""Dan"""'],
      ['', ''],
      ['a\nb', '"a\nb"'],
    ]);
    check(connectedOn, [
      ['2024-05-30', '30 May 2024'],
      ['2021-01-03', '03 Jan 2021'],
    ]);
  });

  it('makes ASCII slugs for emails and profile URLs', () => {
    check(asciiSlug, [
      ["Łukasz O'Brien", 'lukasz-obrien'],
      ['Ó Súilleabháin', 'o-suilleabhain'],
      ['Weiß Søndergaard', 'weiss-sondergaard'],
      ['Acme, Inc.', 'acme-inc'],
      ['株式会社テック', ''],
    ]);
  });

  it('computes days like core/days.ts', () => {
    for (let n = dayNumber('1999-12-25'); n < dayNumber('2030-03-05'); n++) expect(dayFromNumber(n)).toBe(fromDayNumber(n));
  });

  it('formats mail headers and quotes From lines', () => {
    check(asctime, [
      ['2026-11-06T09:05:00.000Z', 'Fri Nov  6 09:05:00 2026'],
      ['2026-11-26T21:30:00.000Z', 'Thu Nov 26 21:30:00 2026'],
    ]);
    check(rfc5322Date, [['2026-11-06T09:05:00.000Z', 'Fri, 6 Nov 2026 09:05:00 +0000']]);
    check(encodeWords, [
      ['Plain subject', 'Plain subject'],
      ['Zoë', '=?UTF-8?B?Wm/Dqw==?='],
    ]);
    check(quoteFromLines, [
      ['From here', '>From here'],
      ['a\nFrom b\n>From c\nfrom d', 'a\n>From b\n>>From c\nfrom d'],
    ]);
  });

  it('draws the same numbers for the same seed, and Zipf favours the first ranks', () => {
    expect(cyrb128('kith')).toEqual(cyrb128('kith'));
    expect(cyrb128('kith')).not.toEqual(cyrb128('kitH'));
    const a = Rng.stream('s', 'x', 1);
    const b = Rng.stream('s', 'x', 1);
    const c = Rng.stream('s', 'x', 2);
    const seqA = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(seqA);
    expect(Rng.stream('s', 'id').uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const z = new Zipf(100, 1);
    const rng = Rng.stream('zipf');
    const hist = new Array<number>(100).fill(0);
    for (let k = 0; k < 20000; k++) {
      const s = z.sample(rng);
      hist[s] = (hist[s] ?? 0) + 1;
    }
    expect(hist[0]).toBeGreaterThan(hist[9] ?? 0);
    expect(hist[9]).toBeGreaterThan(hist[99] ?? 0);
    expect(Math.abs((hist[0] ?? 0) / 20000 - z.p(0))).toBeLessThan(0.02);
  });
});
