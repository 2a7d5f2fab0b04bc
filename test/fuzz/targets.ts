/**
 * Fuzz targets, shared by the short run in `npm test` (fuzz.test.ts) and the long one
 * in `npm run fuzz` (*.fuzz.ts): every parser in src/formats, every input schema in
 * src/app (directly, and through the operations that hold the private ones), the JSON
 * backup parser, and the CLI (garbage import files, arbitrary argv).
 *
 * Properties: parsers never throw and name 1-based lines; schemas and operations
 * either succeed or throw an AppError; the CLI exits 0–4 without a stack trace; nothing hangs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseBackup, backupToJson } from '../../src/app/backup.js';
import { addCommunity } from '../../src/app/communities.js';
import { addEvent, markMet } from '../../src/app/events.js';
import { addFollowUp } from '../../src/app/follow-ups.js';
import { capture } from '../../src/app/capture.js';
import { coachStart, setWeeklyGoal } from '../../src/app/coach.js';
import { promise } from '../../src/app/commitments.js';
import { createContact, editContact } from '../../src/app/contacts.js';
import { draftCheck } from '../../src/app/draft.js';
import { proposeIntro } from '../../src/app/introductions.js';
import { recordLedger } from '../../src/app/ledger.js';
import * as networkSchemas from '../../src/app/network-schemas.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { updateProfile } from '../../src/app/profile.js';
import { addResource } from '../../src/app/resources.js';
import * as schemas from '../../src/app/schemas.js';
import { localUser } from '../../src/app/session.js';
import { logTouch } from '../../src/app/touchpoints.js';
import { addPost, addResponse, setPostingGoal } from '../../src/app/writing.js';
import { snooze } from '../../src/app/agenda-items.js';
import { createApiToken } from '../../src/app/accounts.js';
import { AppError } from '../../src/core/errors.js';
import type { ParseResult } from '../../src/core/drafts.js';
import { parseGoogleCsv, parseOutlookCsv, streamGoogleCsv, streamOutlookCsv } from '../../src/formats/contacts-csv.js';
import { decodeText, readCsv, streamCsv } from '../../src/formats/csv-reader.js';
import { parseFeed } from '../../src/formats/feed.js';
import { detectFormat } from '../../src/formats/format-detect.js';
import { parseIcs } from '../../src/formats/ics.js';
import { parseLinkedInConnections, streamLinkedInConnections } from '../../src/formats/linkedin-connections.js';
import { parseLinkedInMessages } from '../../src/formats/linkedin-messages.js';
import { parseMbox } from '../../src/formats/mbox.js';
import { parseVCards } from '../../src/formats/vcard.js';
import { openStore } from '../../src/storage/open.js';
import { BIN, ROOT } from '../support/cli.js';
import { bigBackupJson } from '../safety/big-backup.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');

/** Every fixture file's bytes: seeds that mutations start from. */
function fixtureFiles(): Array<{ name: string; bytes: Buffer }> {
  const out: Array<{ name: string; bytes: Buffer }> = [];
  const walk = (dir: string): void => {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ name: n, bytes: readFileSync(p) });
    }
  };
  walk(FIXTURES);
  return out;
}
const SEEDS = fixtureFiles();

const TOKENS = [
  'BEGIN:VCARD',
  'END:VCARD',
  'VERSION:3.0',
  'VERSION:4.0',
  'VERSION:2.1',
  'FN:',
  'N:',
  'EMAIL;TYPE=work:',
  'BDAY:',
  'TEL:',
  'URL:',
  'BEGIN:VCALENDAR',
  'END:VCALENDAR',
  'BEGIN:VEVENT',
  'END:VEVENT',
  'DTSTART;TZID=Europe/Berlin:',
  'DTSTART:',
  'DTEND:',
  'RRULE:FREQ=DAILY',
  'ATTENDEE;CN=A:mailto:',
  'ORGANIZER:mailto:',
  'SUMMARY:',
  'UID:',
  'ENCODING=QUOTED-PRINTABLE:',
  '=0D=0A',
  'CHARSET=UTF-8',
  'From ',
  'From: ',
  'To: ',
  'Date: ',
  'Subject: ',
  'Message-ID: <',
  'Content-Type: multipart/mixed; boundary=x',
  '--x',
  'Content-Transfer-Encoding: base64',
  'First Name,Last Name,Email Address,Company,Position,Connected On',
  'Notes:',
  'CONVERSATION ID,FROM,TO,DATE,CONTENT',
  'Name,Given Name,E-mail 1 - Value',
  'First Name,Last Name,E-mail Address',
  '<rss version="2.0"><channel><item><title>',
  '</item></channel></rss>',
  '<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
  '</entry></feed>',
  '<![CDATA[',
  ']]>',
  '&amp;',
  '&#x0;',
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\r\n',
  '\n',
  '\r',
  ' ',
  ':',
  '=',
  '\\',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'é',
  'Łukasz',
  '1970-01-01',
  '9999-12-31',
  '2026-11-26 10:00:00 UTC',
];

/** Text built from format words, separators and arbitrary strings: reaches further into a parser than uniform noise. */
export const formatText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }), {
    maxLength: 120,
  })
  .map((parts) => parts.join(''));

/** A fixture with a few mutations: bytes flipped, cut short, lines dropped or repeated, garbage inserted. */
export const mutatedFixture = fc
  .record({
    seed: fc.constantFrom(...SEEDS),
    ops: fc.array(
      fc.record({
        kind: fc.constantFrom('flip', 'cut', 'insert', 'dropLine', 'dupLine'),
        at: fc.nat(),
        junk: fc.uint8Array({ maxLength: 16 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ seed, ops }) => {
    let b = Buffer.from(seed.bytes);
    for (const op of ops) {
      const at = b.length === 0 ? 0 : op.at % b.length;
      if (op.kind === 'flip' && b.length > 0) b[at] = (b[at] ?? 0) ^ (op.junk[0] ?? 0xff);
      else if (op.kind === 'cut') b = b.subarray(0, at);
      else if (op.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(op.junk), b.subarray(at)]);
      else {
        const lines = b.toString('latin1').split('\n');
        const i = lines.length === 0 ? 0 : op.at % lines.length;
        if (op.kind === 'dropLine') lines.splice(i, 1);
        else lines.splice(i, 0, lines[i] ?? '');
        b = Buffer.from(lines.join('\n'), 'latin1');
      }
    }
    return { name: seed.name, bytes: new Uint8Array(b) };
  });

/** Anything a parser may be handed: noise, format-shaped text, raw bytes, mutated real files. */
export const parserInput: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  formatText,
  fc.uint8Array({ maxLength: 400 }),
  mutatedFixture.map((m) => m.bytes),
);

const asText = (x: string | Uint8Array): string => (typeof x === 'string' ? x : Buffer.from(x).toString('utf8'));

/** A parse result is well formed: arrays, and every issue and skip on a 1-based line. */
function wellFormed<T>(r: ParseResult<T>): void {
  expect(Array.isArray(r.records)).toBe(true);
  for (const i of r.issues) {
    expect(Number.isInteger(i.line) && i.line >= 1, `issue line ${i.line}`).toBe(true);
    expect(typeof i.message).toBe('string');
  }
  for (const s of r.skipped) expect(Number.isInteger(s.line) && s.line >= 1, `skip line ${s.line}`).toBe(true);
}

async function timed<T>(what: string, fn: () => Promise<T> | T, maxMs = 5000): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  const ms = performance.now() - t0;
  expect(ms, `${what} took ${ms.toFixed(0)} ms`).toBeLessThan(maxMs);
  return out;
}

/** Splits input into chunks at arbitrary points, as a stream would deliver it. */
function chunks(x: string | Uint8Array, cuts: number[]): Uint8Array[] {
  const b = typeof x === 'string' ? Buffer.from(x) : Buffer.from(x);
  const points = [...new Set(cuts.map((c) => (b.length ? c % b.length : 0)))].sort((a, z) => a - z);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(b.subarray(last, p));
    last = p;
  }
  out.push(b.subarray(last));
  return out;
}

async function* asAsync<T>(items: T[]): AsyncGenerator<T> {
  for (const x of items) yield x;
}

async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

/** Every parser in src/formats, on arbitrary input. */
export async function fuzzFormatParsers(numRuns: number): Promise<void> {
  const self = { emails: ['me@example.com'] };
  const liSelf = { names: ['Sam Rivera'], profileUrls: ['https://www.linkedin.com/in/sam'] };
  await fc.assert(
    fc.asyncProperty(parserInput, fc.array(fc.nat(), { maxLength: 5 }), async (input, cuts) => {
      wellFormed(await timed('parseVCards', () => parseVCards(input)));
      wellFormed(await timed('parseGoogleCsv', () => parseGoogleCsv(input)));
      wellFormed(await timed('parseOutlookCsv', () => parseOutlookCsv(input)));
      wellFormed(await timed('parseLinkedInConnections', () => parseLinkedInConnections(input)));
      wellFormed(await timed('parseLinkedInMessages', () => parseLinkedInMessages(input, liSelf)));
      wellFormed(
        await timed('parseIcs', () => parseIcs(asText(input), self, { until: '2027-01-01T00:00:00.000Z', maxOccurrences: 50 })),
      );
      wellFormed(await timed('parseFeed', () => parseFeed(asText(input))));
      const csv = await timed('readCsv', () => readCsv(input));
      expect(Array.isArray(csv.rows)).toBe(true);
      for (const i of csv.issues) expect(i.line).toBeGreaterThanOrEqual(1);
      decodeText(input);
      const fmt = detectFormat('upload', asText(input).slice(0, 4096));
      expect(fmt === null || typeof fmt === 'string').toBe(true);
      for (const o of await timed('parseMbox', () => collect(parseMbox(asAsync(chunks(input, cuts)), self)))) {
        if ('issue' in o) expect(o.issue.line).toBeGreaterThanOrEqual(1);
        if ('skipped' in o) expect(o.skipped.line).toBeGreaterThanOrEqual(1);
      }
      for (const stream of [streamGoogleCsv, streamOutlookCsv, streamLinkedInConnections]) {
        await timed(stream.name, () => collect(stream(chunks(input, cuts))));
      }
      await timed('streamCsv', () => collect(streamCsv(chunks(input, cuts))));
    }),
    { numRuns },
  );
}

/** Succeeds, or fails with an AppError: never a TypeError, a RangeError or a driver error. */
async function onlyAppErrors(what: string, fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof AppError))
      throw new Error(`${what} threw a non-AppError: ${(e as Error)?.stack ?? String(e)}`, { cause: e });
  }
}

const isZod = (x: unknown): x is { safeParse: (v: unknown) => unknown } =>
  !!x && typeof x === 'object' && typeof (x as { safeParse?: unknown }).safeParse === 'function';

/** Keys the input schemas know, so generated objects reach past "unknown key" and "required". */
const FIELD_KEYS = [
  'name',
  'email',
  'phone',
  'link',
  'company',
  'title',
  'circle',
  'cadence',
  'cadenceDays',
  'topic',
  'topics',
  'tag',
  'tags',
  'birthday',
  'howMet',
  'introducedBy',
  'location',
  'timeZone',
  'notes',
  'who',
  'with',
  'kind',
  'on',
  'by',
  'summary',
  'channel',
  'text',
  'due',
  'dueOn',
  'direction',
  'url',
  'date',
  'until',
  'item',
  'itemId',
  'a',
  'b',
  'why',
  'value',
  'label',
  'from',
  'to',
  'scope',
  'weeklyGoal',
  'dailyBudget',
  'addEmails',
  'addUrls',
  'schedulingLink',
  'linkedin',
  'goal',
  'perMonth',
  'members',
  'attendees',
  'contact',
  'post',
  'note',
  'type',
  'message',
  'draft',
];

/** Values of the shapes the schemas expect, and of the shapes they must refuse. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '2026-11-26',
    '--04-12',
    '04-12',
    '2026-02-30',
    'inner',
    'coffee',
    'me',
    'them',
    'email',
    'https://example.com/x',
    'a@b.c',
    'interest',
    '',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('anna', 'interest:rust', 'https://github.com/x')), {
    maxLength: 4,
  }),
  fc.anything({ maxDepth: 2 }),
);
export const inputObject: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...FIELD_KEYS), fieldValue, { maxKeys: 8 }) },
  { weight: 1, arbitrary: fc.anything() },
);

/** Every exported zod schema of src/app/schemas.ts and network-schemas.ts, through `parseInput`. */
export async function fuzzSchemas(numRuns: number): Promise<void> {
  const all = Object.entries({ ...schemas, ...networkSchemas }).filter(([, v]) => isZod(v)) as Array<
    [string, Parameters<typeof schemas.parseInput>[0]]
  >;
  expect(all.length).toBeGreaterThanOrEqual(10);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...all), inputObject, async ([name, schema], input) => {
      await onlyAppErrors(`parseInput(${name})`, () => schemas.parseInput(schema, input));
    }),
    { numRuns },
  );
}

/** The operations that take raw input, each validating it with its (often private) zod schema. */
const OPERATIONS: Array<[string, (ctx: Ctx, raw: unknown) => Promise<unknown>]> = [
  ['createContact', createContact],
  ['editContact', editContact],
  ['logTouch', logTouch],
  ['updateProfile', updateProfile],
  ['addFollowUp', addFollowUp],
  ['promise', promise],
  ['recordLedger', recordLedger],
  ['proposeIntro', proposeIntro],
  ['addEvent', addEvent],
  ['markMet', markMet],
  ['addCommunity', addCommunity],
  ['addResource', addResource],
  ['addPost', addPost],
  ['addResponse', addResponse],
  ['setPostingGoal', setPostingGoal],
  ['coachStart', coachStart],
  ['setWeeklyGoal', setWeeklyGoal],
  ['capture', capture],
  ['draftCheck', draftCheck],
  ['snooze', snooze],
  ['createApiToken', createApiToken],
];

/** Every raw-input operation on arbitrary input, against a real (in-memory SQLite) store with a few contacts. */
export async function fuzzOperations(numRuns: number): Promise<void> {
  const store = await openStore({ target: ':memory:' });
  const clock = fixedClock('2026-11-26T10:00:00.000Z');
  const ids = sequentialIds('00000000-0000-7000-8000-');
  const user = await localUser(store, clock, ids, {});
  const ctx: Ctx = { store, clock, ids, userId: user.id };
  try {
    for (const name of ['Anna Schmidt', 'Ben Okafor', 'Li Lei']) await createContact(ctx, { name });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), inputObject, async ([name, op], input) => {
        await onlyAppErrors(name, () => op(ctx, input));
      }),
      { numRuns },
    );
  } finally {
    await store.close();
  }
}

/** The JSON backup parser: arbitrary text, and valid backups with one value replaced. */
export async function fuzzBackupParser(numRuns: number): Promise<void> {
  const valid = JSON.parse(bigBackupJson(3, 4)) as Record<string, unknown>;
  const paths: Array<Array<string | number>> = [];
  const walk = (node: unknown, path: Array<string | number>): void => {
    paths.push(path);
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, [...path, i]));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(valid, []);
  const replaced = fc
    .record({ path: fc.constantFrom(...paths.filter((p) => p.length > 0)), value: fc.anything({ maxDepth: 2 }) })
    .map(({ path, value }) => {
      const copy = structuredClone(valid);
      let node: Record<string | number, unknown> = copy;
      for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
      node[path[path.length - 1] as string | number] = value;
      return backupToJson(copy as never);
    });
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.json({ maxDepth: 3 }),
    replaced,
    replaced.map((t) => t.slice(0, Math.floor(t.length / 2))),
  );
  await fc.assert(
    fc.asyncProperty(text, async (t) => {
      await onlyAppErrors('parseBackup', () => parseBackup(t, 'fuzz.json'));
    }),
    { numRuns },
  );
}

export interface CliRun {
  code: number | null;
  signal: string | null;
  stderr: string;
  timedOut: boolean;
}

/** Runs kith in a scratch home and working directory, stdin closed, killed after `timeoutMs`. */
export function runCli(home: string, args: string[], timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', KITH_HOME: join(home, 'home'), NO_COLOR: '1', HOME: home },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, timedOut });
    });
  });
}

/** What every CLI run must satisfy: an exit code of the catalogue, no stack trace, no hang. */
export function saneExit(r: CliRun, what: string): void {
  expect(r.timedOut, `${what}: hung`).toBe(false);
  expect([0, 1, 2, 3, 4], `${what}: exit ${r.code}: ${r.stderr}`).toContain(r.code);
  expect(r.stderr, `${what}: stack trace`).not.toMatch(/^ {4}at /m);
}

const IMPORT_FORMATS = [
  null,
  'linkedin',
  'linkedin-messages',
  'vcard',
  'google-csv',
  'outlook-csv',
  'ics',
  'mbox',
  'feed',
  'json',
] as const;

/** `kith import` of garbage and mutated files, with and without a format. */
export async function fuzzCliImport(numRuns: number): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'kith-fuzz-cli-'));
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        mutatedFixture,
        fc.record({
          name: fc.constantFrom('x.csv', 'x.vcf', 'x.ics', 'x.mbox', 'x.json', 'x.xml', 'x'),
          bytes: fc.uint8Array({ maxLength: 2000 }),
        }),
      ),
      fc.constantFrom(...IMPORT_FORMATS),
      fc.boolean(),
      async (file, format, dryRun) => {
        const path = join(scratch, `${runs++}-${file.name}`);
        writeFileSync(path, file.bytes);
        const args = ['import', ...(format ? [format] : []), path, ...(dryRun ? ['--dry-run'] : [])];
        saneExit(await runCli(scratch, args), args.join(' '));
      },
    ),
    { numRuns },
  );
  return runs;
}

const WORDS = [
  'contact',
  'add',
  'edit',
  'list',
  'show',
  'rm',
  'restore',
  'merge',
  'duplicates',
  'log',
  'search',
  'today',
  'snooze',
  'done',
  'health',
  'draft',
  'check',
  'capture',
  'give',
  'ask',
  'got',
  'thank',
  'balance',
  'promises',
  'follow-ups',
  'me',
  'export',
  'import',
  'backup',
  'json',
  'csv',
  'vcard',
  'markdown',
  'ics',
  'coffee',
  'anna',
  '--with',
  '--json',
  '--on',
  '--by',
  '--email',
  '--circle',
  'inner',
  '--cadence',
  '--limit',
  '--until',
  '--yes',
  '--dry-run',
  '--strict',
  '--help',
  '-V',
  '--topic',
  '--tag',
  '--birthday',
  '2026-02-30',
  '-o',
  '--',
  '-',
  '',
  '%s',
  '../../etc/passwd',
];

/** Arbitrary argv (never `serve`, which runs until stopped). */
export async function fuzzCliArgv(numRuns: number): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'kith-fuzz-argv-'));
  let runs = 0;
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  await fc.assert(
    fc.asyncProperty(fc.array(token, { maxLength: 7 }), async (argv) => {
      fc.pre(!argv.includes('serve') && !argv.some((a) => a.includes('\u0000')));
      runs++;
      saneExit(await runCli(scratch, argv), JSON.stringify(argv));
    }),
    { numRuns },
  );
  return runs;
}
