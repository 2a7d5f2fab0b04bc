/**
 * The benchmark dataset generator: a deterministic, realistic network for `npm run bench`.
 *
 *   node --import tsx bench/generate.ts --contacts 10000 --seed kith-bench-v1 --out bench/data/10k
 *
 * Writes backup.json (a kith JSON backup), Connections.csv (LinkedIn 2024 layout),
 * mail.mbox, notes/<slug>.md (the plain-notes alternative), queries.json, names.json and
 * meta.json (counts and sha256 of every output). Depends only on Node built-ins and
 * src/core; never reads the clock or the locale: "today" is the constant TODAY and every
 * random draw comes from cyrb128-seeded sfc32 streams, one per contact, so contact i
 * depends only on (seed, i) and a 10k dataset is a prefix of a 100k one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { addDays } from '../src/core/days.js';
import { searchText, tokens } from '../src/core/text-fold.js';
import { DEFAULT_CADENCE, type Community, type KithEvent, type Post, type Profile, type Resource } from '../src/core/types.js';
import { Lexicon } from './lib/lexicon.js';
import {
  CONNECTIONS_HEADER,
  CONNECTIONS_PREAMBLE,
  connectedOn,
  rowLine,
  sortRows,
  type ConnectionRow,
} from './lib/linkedin-csv.js';
import { formatMessage, wrap, type MailMessage } from './lib/mbox.js';
import {
  ME,
  OWNER_ID,
  TODAY,
  asciiSlug,
  contactId,
  effectiveCadenceOf,
  makeHistory,
  makePerson,
  touchSchedule,
  type Person,
  type Touch,
} from './lib/people.js';
import { Rng } from './lib/prng.js';
import { Sink, type FileDigest } from './lib/sink.js';
import { TextMaker, Vocabulary, type TextContext } from './lib/text.js';
import { BOOKS, CITIES, EVENTS, HOBBIES, TECHNOLOGIES, TOPICS } from './lib/vocab.js';

export { TODAY, OWNER_ID } from './lib/people.js';
export const DEFAULT_SEED = 'kith-bench-v1';
export const EXPORTED_AT = `${TODAY}T00:00:00.000Z`;
const GENERATOR = 'kith-bench-generate';
const GENERATOR_VERSION = 1;

export interface GenerateOptions {
  contacts: number;
  seed?: string;
  /** Output directory (created if missing). */
  out: string;
  /** Size the mbox to about this many MiB (cut short or topped up); default: one message per email touchpoint. */
  mboxMb?: number | null;
  /** Write notes/<slug>.md (default true). */
  notes?: boolean;
  /**
   * Write backup.json the way kith's own export does: without exportedAt, ownerId, lastTouchAt and
   * profile.updatedAt (kith derives them; its import accepts both forms). Default false: records are
   * the full core types, as the benchmark brief asks.
   */
  importable?: boolean;
  /** Called every 1000 contacts, in each of the two passes. */
  onProgress?: (done: number, total: number, pass: 'contacts' | 'histories') => void;
}

export interface DatasetMeta {
  generator: string;
  generatorVersion: number;
  seed: string;
  today: string;
  options: { contacts: number; mboxMb: number | null; notes: boolean; importable: boolean };
  counts: Record<string, number>;
  stats: { touchpointsPerContact: number; meanNoteWords: number; circles: Record<string, number> };
  files: Record<string, FileDigest>;
  notes: { files: number; bytes: number; sha256: string; hashOf: string } | null;
}

const BANDS = [
  ['common', 0.01],
  ['mid', 0.001],
  ['rare', 0.0001],
  ['very_rare', 0],
] as const;
type Band = (typeof BANDS)[number][0];
const PER_BAND = 25;
const NAME_QUERIES = [
  'muller',
  'mueller',
  'lukasz',
  'sondergaard',
  'sorensen',
  'zoe',
  'jose',
  'nguyen',
  'weiss',
  'ozturk',
  'bjorn',
  'jurgen',
];

function bandOf(hits: number, docs: number): Band {
  const f = docs > 0 ? hits / docs : 0;
  for (const [band, min] of BANDS) if (f >= min) return band;
  return 'very_rare';
}

/** `count` items spread evenly over a list (first and last included). */
function spread<T>(list: readonly T[], count: number): T[] {
  if (list.length <= count) return [...list];
  const out: T[] = [];
  for (let k = 0; k < count; k++) out.push(list[Math.round((k * (list.length - 1)) / (count - 1))] as T);
  return out;
}

function omit<T extends object>(obj: T, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out as Partial<T>;
}

/** Unique single tokens of a vocabulary list, for query candidates. */
function tokenPool(list: readonly string[]): string[] {
  const set = new Set<string>();
  for (const s of list) for (const t of tokens(s)) if (t.length >= 3 && !/^\d+$/.test(t)) set.add(t);
  return [...set].sort();
}

/** Two-term candidates, fixed before generation so their co-occurrence can be counted on the way. */
function candidatePairs(seed: string, vocab: Vocabulary, templateWords: string[]): Array<[string, string]> {
  const rng = Rng.stream(seed, 'queries', 'pairs');
  const tech = tokenPool(TECHNOLOGIES);
  const topTech = tokenPool(TECHNOLOGIES.slice(0, 12));
  const topic = tokenPool(TOPICS);
  const hobby = tokenPool(HOBBIES);
  const city = tokenPool(CITIES);
  const event = tokenPool(EVENTS);
  const book = tokenPool(BOOKS);
  const code = tokenPool(vocab.codeNames);
  const plan: Array<[string[], string[], number]> = [
    [templateWords, templateWords, 60],
    [templateWords, topTech, 60],
    [tech, topic, 120],
    [tech, city, 60],
    [topic, hobby, 60],
    [event, tech, 60],
    [tech, code, 60],
    [book, topic, 40],
    [hobby, city, 40],
    [code, code, 20],
  ];
  const out: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const [a, b, n] of plan) {
    for (let k = 0; k < n; k++) {
      const x = rng.pick(a);
      const y = rng.pick(b);
      const key = x < y ? `${x} ${y}` : `${y} ${x}`;
      if (x === y || seen.has(key)) continue;
      seen.add(key);
      out.push([x, y]);
    }
  }
  return out;
}

/** The body of an email about a touchpoint: greeting, the note in paragraphs, sign-off. */
function emailBody(rng: Rng, greetName: string, german: boolean, sentences: string[], signer: string): string {
  const paras: string[] = [];
  let cur: string[] = [];
  for (const s of sentences) {
    // "From what I remember…" opens a paragraph, so some bodies have lines starting with "From ".
    if (s.startsWith('From ') && cur.length > 0) {
      paras.push(cur.join(' '));
      cur = [];
    }
    cur.push(s);
    if (cur.length >= 3 || rng.chance(0.3)) {
      paras.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length > 0) paras.push(cur.join(' '));
  const hello = german ? `Hallo ${greetName},` : `Hi ${greetName},`;
  const bye = german ? 'Viele Grüße' : rng.pick(['Best', 'Cheers', 'Thanks', 'All the best']);
  return `${hello}\n\n${paras.map((p) => wrap(p)).join('\n\n')}\n\n${bye},\n${signer}`;
}

/** Generates the dataset into `opts.out`; returns what meta.json says. */
export function generateDataset(opts: GenerateOptions): DatasetMeta {
  const n = opts.contacts;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--contacts must be a positive integer (got ${n})`);
  const seed = opts.seed ?? DEFAULT_SEED;
  const writeNotes = opts.notes ?? true;
  const importable = opts.importable ?? false;
  const mboxTarget = opts.mboxMb != null ? Math.round(opts.mboxMb * 1048576) : null;
  if (mboxTarget !== null && !(mboxTarget >= 0)) throw new Error('--mbox-mb must be a number ≥ 0');
  const out = resolve(opts.out);
  prepareOut(out, writeNotes);

  const lex = new Lexicon();
  const vocab = new Vocabulary(seed);
  const text = new TextMaker(vocab, lex);
  const templateWords = lex.terms.filter((t) => t.length >= 3 && !/^\d+$/.test(t)).sort();
  const pairs = candidatePairs(seed, vocab, templateWords);
  lex.watchPairs(pairs);

  const strip = importable ? ['ownerId', 'lastTouchAt'] : [];
  const rec = (o: object): string => JSON.stringify(strip.length ? omit(o, strip) : o);

  const profile: Profile = {
    ownerId: OWNER_ID,
    name: ME.name,
    emails: [ME.email],
    urls: [ME.linkedin, 'https://alex.blog.example/'],
    employment: [
      { company: 'Lumen Labs', title: 'Staff Engineer', from: '2022-03', to: null },
      { company: 'Globex', title: 'Senior Software Engineer', from: '2017-09', to: '2022-02' },
    ],
    schedulingLink: 'https://cal.example/alex',
    timeZone: 'Europe/Berlin',
    weeklyGoal: 5,
    dailyBudget: 5,
    cadenceDefaults: DEFAULT_CADENCE,
    postsPerMonth: 1,
    updatedAt: EXPORTED_AT,
  };

  const backup = new Sink(join(out, 'backup.json'));
  // Commitments and ledger entries come out with the touchpoints but go after them in the file.
  const tmp = {
    commitments: new Sink(join(out, '.commitments.tmp')),
    ledger: new Sink(join(out, '.ledger.tmp')),
  };
  const mbox = new Sink(join(out, 'mail.mbox'));
  let mboxBytes = 0;
  backup.write(`{"format":"kith-backup","version":1,${importable ? '' : `"exportedAt":"${EXPORTED_AT}",`}`);
  backup.write(`"profile":${JSON.stringify(importable ? omit(profile, ['ownerId', 'updatedAt']) : profile)},\n"contacts":[\n`);

  const counts = {
    contacts: 0,
    touchpoints: 0,
    commitments: 0,
    ledger: 0,
    mboxMessages: 0,
    mboxExtraMessages: 0,
    notesFiles: 0,
    csvRows: 0,
    csvHiddenRows: 0,
  };
  const circles: Record<string, number> = { inner: 0, active: 0, network: 0, dormant: 0 };
  let noteWords = 0;
  const csvRows: ConnectionRow[] = [];
  const names = new Map<string, number>();
  const nameHits = new Map<string, number>(NAME_QUERIES.map((q) => [q, 0]));
  const notesHash = createHash('sha256');
  let notesBytes = 0;
  const me = { name: ME.name, address: ME.email };

  // Two passes over the people rather than a temporary copy of a gigabyte of touchpoints:
  // contacts first (their lastTouchAt comes from the text-free schedule), then their histories.
  for (let i = 0; i < n; i++) {
    const person = makePerson(seed, i, text);
    const c = person.contact;
    c.lastTouchAt = touchSchedule(seed, person).at(-1) ?? null;
    backup.write(`${i ? ',\n' : ''}${rec(c)}`);
    counts.contacts++;
    circles[c.circle] = (circles[c.circle] ?? 0) + 1;

    names.set(c.displayName, names.has(c.displayName) ? -1 : i);
    for (const tok of new Set(searchText(c.displayName).split(' '))) {
      const h = nameHits.get(tok);
      if (h !== undefined) nameHits.set(tok, h + 1);
    }

    if (person.csv && person.linkedin) {
      const r = person.csv;
      csvRows.push({
        day: person.connectedOn,
        index: i,
        sub: 0,
        line: rowLine([r.first, r.last, person.linkedin, r.email, r.company, r.position, connectedOn(person.connectedOn)]),
      });
      counts.csvRows++;
    }
    person.hiddenRows.forEach((day, k) => {
      csvRows.push({ day, index: i, sub: k + 1, line: rowLine(['', '', '', '', '', '', connectedOn(day)]) });
      counts.csvRows++;
      counts.csvHiddenRows++;
    });
    if (opts.onProgress && (i + 1) % 1000 === 0) opts.onProgress(i + 1, n, 'contacts');
  }
  backup.write('\n],\n"touchpoints":[\n');

  for (let i = 0; i < n; i++) {
    const person = makePerson(seed, i, text);
    const history = makeHistory(seed, person, text);
    const c = person.contact;
    for (const t of history.touches) {
      backup.write(`${counts.touchpoints++ ? ',\n' : ''}${rec(t.touchpoint)}`);
      noteWords += t.note.words;
    }
    for (const x of history.commitments) tmp.commitments.write(`${counts.commitments++ ? ',\n' : ''}${rec(x)}`);
    for (const x of history.ledger) tmp.ledger.write(`${counts.ledger++ ? ',\n' : ''}${rec(x)}`);

    if (writeNotes) {
      const md = notesMarkdown(person, history.touches);
      const file = `${(tokens(c.displayName).join('-') || 'contact').slice(0, 60)}-${i}.md`;
      const buf = Buffer.from(md, 'utf8');
      writeFileSync(join(out, 'notes', file), buf);
      notesHash.update(`${createHash('sha256').update(buf).digest('hex')}  notes/${file}\n`);
      notesBytes += buf.length;
      counts.notesFiles++;
    }

    const mailRng = Rng.stream(seed, 'mail', i);
    let thread: { subject: string; refs: string[] } | null = null;
    for (const t of history.touches) {
      if (!t.messageId || !person.email) continue;
      const reply = thread !== null && mailRng.chance(0.45);
      const subject: string = reply && thread ? `Re: ${thread.subject}` : t.touchpoint.summary;
      const references = reply && thread ? thread.refs.slice(-10) : [];
      if (reply && thread) thread.refs.push(t.messageId);
      else thread = { subject: t.touchpoint.summary, refs: [t.messageId] };
      if (mboxTarget !== null && mboxBytes >= mboxTarget) continue;
      const them = { name: c.displayName, address: person.email };
      const cc = t.others.flatMap((j) => {
        const other = makePerson(seed, j, text);
        return other.email ? [{ name: other.contact.displayName, address: other.email }] : [];
      });
      const fromThem = t.touchpoint.initiatedBy === 'them';
      const msg: MailMessage = {
        from: fromThem ? them : me,
        to: [fromThem ? me : them],
        cc,
        date: t.touchpoint.occurredAt,
        messageId: t.messageId,
        subject,
        references,
        body: emailBody(
          mailRng,
          fromThem ? 'Alex' : person.text.given,
          person.text.german && !fromThem,
          t.note.sentences,
          fromThem ? (c.givenName ?? c.displayName) : 'Alex',
        ),
      };
      const s = formatMessage(msg);
      mbox.write(s);
      mboxBytes += Buffer.byteLength(s, 'utf8');
      counts.mboxMessages++;
    }
    if (opts.onProgress && (i + 1) % 1000 === 0) opts.onProgress(i + 1, n, 'histories');
  }

  // mbox topped up to the requested size with further mail from the same people.
  for (let k = 0; mboxTarget !== null && mboxBytes < mboxTarget; k++) {
    const rng = Rng.stream(seed, 'mail-extra', k);
    const person = makePerson(seed, rng.int(0, n - 1), text);
    if (!person.email) {
      if (k > 1000 && counts.mboxExtraMessages === 0) break; // nobody has an email address
      continue;
    }
    const note = text.prose(rng, person.text, 20, 80);
    const fromThem = rng.chance(0.5);
    const them = { name: person.contact.displayName, address: person.email };
    const s = formatMessage({
      from: fromThem ? them : me,
      to: [fromThem ? me : them],
      cc: [],
      date: `${addDays(TODAY, -rng.int(1, 1095))}T${String(rng.int(7, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`,
      messageId: `${rng.uuid()}@bench.kith.example`,
      subject: text.phrase(
        rng.pick(['{topic} and {tech}', 'Quick question about {tech}', 'Re: {event}', '{theirproject} news']),
        rng,
        person.text,
      ),
      references: [],
      body: emailBody(rng, fromThem ? 'Alex' : person.text.given, false, note.sentences, fromThem ? person.text.given : 'Alex'),
    });
    mbox.write(s);
    mboxBytes += Buffer.byteLength(s, 'utf8');
    counts.mboxMessages++;
    counts.mboxExtraMessages++;
  }

  const meCtx: TextContext = { given: 'Alex', project: vocab.codeNames[0] ?? 'Korvel', tech: 'TypeScript', german: false };
  const communities = makeCommunities(seed, n, text, meCtx);
  const events = makeEvents(seed, n, text, meCtx, communities);
  const posts = makePosts(seed, text, meCtx);
  const resources = makeResources(seed, text, meCtx);

  const section = (key: string, sink: Sink | null, items: readonly object[] = []): void => {
    backup.write(`\n],\n"${key}":[\n`);
    if (sink) {
      const digest = sink.close();
      if (digest.bytes > 0) backup.append(sink.path);
      unlinkSync(sink.path);
    } else backup.write(items.map(rec).join(',\n'));
  };
  section('followUps', null);
  section('commitments', tmp.commitments);
  section('ledger', tmp.ledger);
  section('introductions', null);
  section('events', null, events);
  section('communities', null, communities);
  section('posts', null, posts);
  section('postResponses', null);
  section('resources', null, resources);
  backup.write('\n]}\n');
  const files: Record<string, FileDigest> = { 'backup.json': backup.close(), 'mail.mbox': mbox.close() };

  const csv = new Sink(join(out, 'Connections.csv'));
  csv.write(`${CONNECTIONS_PREAMBLE}${CONNECTIONS_HEADER}`);
  for (const r of sortRows(csvRows)) csv.write(`\n${r.line}`);
  files['Connections.csv'] = csv.close();

  files['queries.json'] = writeJson(join(out, 'queries.json'), queries(seed, n, lex, pairs, nameHits));
  files['names.json'] = writeJson(join(out, 'names.json'), uniqueNames(seed, names));

  const meta: DatasetMeta = {
    generator: GENERATOR,
    generatorVersion: GENERATOR_VERSION,
    seed,
    today: TODAY,
    options: { contacts: n, mboxMb: opts.mboxMb ?? null, notes: writeNotes, importable },
    counts: {
      ...counts,
      followUps: 0,
      introductions: 0,
      events: events.length,
      communities: communities.length,
      posts: posts.length,
      postResponses: 0,
      resources: resources.length,
    },
    stats: {
      touchpointsPerContact: Math.round((counts.touchpoints / n) * 1000) / 1000,
      meanNoteWords: counts.touchpoints ? Math.round((noteWords / counts.touchpoints) * 100) / 100 : 0,
      circles,
    },
    files,
    notes: writeNotes
      ? {
          files: counts.notesFiles,
          bytes: notesBytes,
          sha256: notesHash.digest('hex'),
          hashOf: 'sha256 of the `sha256sum`-style lines "<sha256>  notes/<file>\\n" in contact order',
        }
      : null,
  };
  writeJson(join(out, 'meta.json'), meta);
  return meta;
}

/** Empties what a previous run of this generator left; refuses to touch a folder it did not write. */
function prepareOut(out: string, writeNotes: boolean): void {
  mkdirSync(out, { recursive: true });
  const notesDir = join(out, 'notes');
  if (existsSync(notesDir) && readdirSync(notesDir).length > 0) {
    if (!existsSync(join(out, 'meta.json')))
      throw new Error(`${notesDir} is not empty and ${out} has no meta.json from this generator: refusing to delete it`);
    rmSync(notesDir, { recursive: true });
  }
  if (writeNotes) mkdirSync(notesDir, { recursive: true });
}

function writeJson(path: string, value: unknown): FileDigest {
  const buf = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  writeFileSync(path, buf);
  return { bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
}

/** One Markdown file per contact: YAML front matter, their notes, then every touchpoint newest first. */
function notesMarkdown(p: Person, touches: readonly Touch[]): string {
  const c = p.contact;
  const y = (v: string | null | undefined): string => (v == null ? 'null' : JSON.stringify(v));
  const lines = [
    '---',
    `name: ${y(c.displayName)}`,
    `email: ${y(p.email)}`,
    `company: ${y(c.company)}`,
    `position: ${y(c.title)}`,
    `linkedin: ${y(p.linkedin)}`,
    `connected_on: ${y(p.connectedOn)}`,
    `circle: ${y(c.circle)}`,
    `cadence_days: ${effectiveCadenceOf(c) ?? 'null'}`,
    `tags: ${JSON.stringify(c.tags)}`,
    '---',
    '',
    `# ${c.displayName}`,
    '',
    c.notes,
    '',
    '## Timeline',
  ];
  for (let k = touches.length - 1; k >= 0; k--) {
    const t = (touches[k] as Touch).touchpoint;
    lines.push('', `### ${t.occurredAt.slice(0, 10)} · ${t.kind}`, '', `**${t.summary}**`, '', t.notes);
  }
  return `${lines.join('\n')}\n`;
}

/** Distinct contacts drawn from 0..n-1. */
function sample(rng: Rng, n: number, size: number): number[] {
  const want = Math.min(n, size);
  const set = new Set<number>();
  while (set.size < want) set.add(rng.int(0, n - 1));
  return [...set];
}

const COMMUNITY_NAMES = [
  'Berlin Rust Meetup',
  'Local-First Discord',
  'PostgreSQL Slack',
  'Write the Docs Slack',
  'OSS Maintainers Circle',
  'Staff Engineering Guild',
  'CNCF Slack',
  'Lisbon Tech Breakfast',
  'Women Who Go',
  'Kraków JUG',
  'Systems Reading Group',
  'DevRel Collective',
];

function makeCommunities(seed: string, n: number, text: TextMaker, ctx: TextContext): Community[] {
  return COMMUNITY_NAMES.map((name, k) => {
    const rng = Rng.stream(seed, 'community', k);
    return {
      id: rng.uuid(),
      ownerId: OWNER_ID,
      name,
      url: rng.chance(0.8) ? `https://${asciiSlug(name)}.community.example/` : null,
      cadenceDays: rng.chance(0.7) ? rng.pick([7, 14, 30, 60]) : null,
      notes: text.prose(rng, ctx, 8, 30).text,
      memberIds: sample(rng, n, rng.int(5, Math.max(5, Math.floor(n / 100)))).map((j) => contactId(seed, j)),
      createdAt: `${addDays(TODAY, -rng.int(200, 2000))}T10:00:00.000Z`,
    };
  });
}

function makeEvents(seed: string, n: number, text: TextMaker, ctx: TextContext, communities: readonly Community[]): KithEvent[] {
  const count = 24 + Math.floor(n / 2000);
  const out: KithEvent[] = [];
  for (let k = 0; k < count; k++) {
    const rng = Rng.stream(seed, 'event', k);
    const upcoming = rng.chance(0.1);
    const startsOn = upcoming ? addDays(TODAY, rng.int(1, 60)) : addDays(TODAY, -rng.int(1, 1095));
    const city = text.vocab.city.draw(rng);
    const name = `${text.vocab.event.draw(rng)} ${startsOn.slice(0, 4)}${rng.chance(0.4) ? ` ${city}` : ''}`;
    out.push({
      id: rng.uuid(),
      ownerId: OWNER_ID,
      name,
      startsOn,
      endsOn: rng.chance(0.6) ? addDays(startsOn, rng.int(1, 3)) : null,
      location: city,
      url: rng.chance(0.7) ? `https://events.example/${asciiSlug(name)}` : null,
      communityId: rng.chance(0.3) ? rng.pick(communities).id : null,
      notes: text.prose(rng, ctx, 10, 40).text,
      attendees: sample(rng, n, rng.int(3, 40)).map((j) => ({
        contactId: contactId(seed, j),
        met: !upcoming && rng.chance(0.4),
      })),
      createdAt: `${addDays(startsOn, -rng.int(5, 60))}T09:00:00.000Z`,
    });
  }
  return out;
}

function makePosts(seed: string, text: TextMaker, ctx: TextContext): Post[] {
  const out: Post[] = [];
  for (let k = 0; k < 36; k++) {
    const rng = Rng.stream(seed, 'post', k);
    const publishedOn = addDays(TODAY, -(k * 30 + rng.int(1, 12)));
    const title = text.phrase(
      rng.pick([
        'What {tech} taught me about {topic}',
        'Notes from {event}',
        'A year of {topic}',
        'Why we moved from {tech} to {tech2}',
        '{hobby} and {topic}',
      ]),
      rng,
      ctx,
    );
    // Two posts can draw the same title in a year; a post's URL (its feed externalId) must stay unique.
    const base = `https://alex.blog.example/${publishedOn.slice(0, 4)}/${asciiSlug(title)}`;
    const url = out.some((p) => p.url === base) ? `${base}-${k}` : base;
    const summary = text.prose(rng, ctx, 15, 40);
    const rss = rng.chance(0.5);
    out.push({
      id: rng.uuid(),
      ownerId: OWNER_ID,
      title,
      url,
      publishedOn,
      summary: summary.text,
      topics: summary.topics,
      source: rss ? 'rss' : null,
      externalId: rss ? url : null,
      createdAt: `${publishedOn}T08:00:00.000Z`,
    });
  }
  return out;
}

function makeResources(seed: string, text: TextMaker, ctx: TextContext): Resource[] {
  const out: Resource[] = [];
  for (let k = 0; k < 60; k++) {
    const rng = Rng.stream(seed, 'resource', k);
    const book = rng.chance(0.4);
    const title = book
      ? text.vocab.book.draw(rng)
      : text.phrase(
          rng.pick(['{tech} in production', 'A guide to {topic}', '{topic} with {tech}', 'The {tech} handbook']),
          rng,
          ctx,
        );
    const notes = text.prose(rng, ctx, 8, 30);
    out.push({
      id: rng.uuid(),
      ownerId: OWNER_ID,
      url: book ? null : `https://articles.example/${asciiSlug(title)}`,
      title,
      topics: notes.topics,
      notes: notes.text,
      createdAt: `${addDays(TODAY, -rng.int(1, 1095))}T12:00:00.000Z`,
    });
  }
  return out;
}

interface QueryEntry {
  band: Band;
  terms: string[];
  hits: number;
}

/** Search terms by how many touchpoints they hit, plus name queries that need folding. */
function queries(
  seed: string,
  n: number,
  lex: Lexicon,
  pairs: ReadonlyArray<readonly [string, string]>,
  nameHits: Map<string, number>,
): unknown {
  const docs = lex.docs;
  const byBand = new Map<Band, QueryEntry[]>(BANDS.map(([b]) => [b, []]));
  const singles = lex.terms
    .filter((t) => t.length >= 3 && !/^\d+$/.test(t) && lex.hits(t) > 0)
    .map((t) => ({ term: t, hits: lex.hits(t) }))
    .sort((a, b) => b.hits - a.hits || (a.term < b.term ? -1 : 1));
  for (const s of singles) byBand.get(bandOf(s.hits, docs))?.push({ band: bandOf(s.hits, docs), terms: [s.term], hits: s.hits });
  const single = BANDS.flatMap(([b]) => spread(byBand.get(b) ?? [], PER_BAND));

  const twoByBand = new Map<Band, QueryEntry[]>(BANDS.map(([b]) => [b, []]));
  const zero: QueryEntry[] = [];
  pairs.forEach(([a, b], p) => {
    const hits = lex.pairHits(p);
    const e: QueryEntry = { band: bandOf(hits, docs), terms: [a, b], hits };
    if (hits === 0) zero.push({ ...e, band: 'very_rare' });
    else twoByBand.get(e.band)?.push(e);
  });
  for (const list of twoByBand.values()) list.sort((x, y) => y.hits - x.hits || (x.terms.join(' ') < y.terms.join(' ') ? -1 : 1));
  const two = BANDS.flatMap(([b]) => {
    const got = spread(twoByBand.get(b) ?? [], PER_BAND);
    // A few AND queries that match nothing, as real searches do.
    return b === 'very_rare' ? [...spread(got, PER_BAND - 5), ...zero.slice(0, Math.max(5, PER_BAND - got.length))] : got;
  });

  return {
    seed,
    contacts: n,
    touchpoints: docs,
    hitsCount:
      'touchpoints whose summary or notes contain the term(s) as whole folded tokens (lower case, accents stripped, as src/core/text-fold.ts tokens())',
    bands: {
      common: '>= 1% of touchpoints',
      mid: '0.1%-1%',
      rare: '0.01%-0.1%',
      very_rare: '< 0.01% (two-term: includes a few with 0 hits)',
    },
    single,
    two,
    names: NAME_QUERIES.map((q) => ({ query: q, hits: nameHits.get(q) ?? 0 })),
    namesHitsCount:
      'contacts whose display name contains the query as a folded token (mueller: the ae/oe/ue spelling of searchText)',
  };
}

/** Display names that exactly one contact has, spread over the dataset, half of them non-ASCII. */
function uniqueNames(seed: string, names: Map<string, number>): Array<{ name: string; id: string }> {
  const unique = [...names.entries()].filter(([, i]) => i >= 0).sort((a, b) => a[1] - b[1]);
  const ascii = unique.filter(([name]) => /^[\x20-\x7e]+$/.test(name));
  const other = unique.filter(([name]) => !/^[\x20-\x7e]+$/.test(name));
  const chosen = [...spread(ascii, 25), ...spread(other, 25)].sort((a, b) => a[1] - b[1]);
  return chosen.map(([name, i]) => ({ name, id: contactId(seed, i) }));
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      contacts: { type: 'string', default: '10000' },
      seed: { type: 'string', default: DEFAULT_SEED },
      out: { type: 'string' },
      'mbox-mb': { type: 'string' },
      'no-notes': { type: 'boolean', default: false },
      importable: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: node --import tsx bench/generate.ts --contacts N [--seed S] [--out DIR] [--mbox-mb MB] [--no-notes] [--importable]\n' +
        '  --importable  backup.json without the derived exportedAt/ownerId/lastTouchAt, as kith exports it\n',
    );
    return;
  }
  const contacts = Number(values.contacts);
  const out = values.out ?? join('bench', 'data', contacts % 1000 === 0 ? `${contacts / 1000}k` : String(contacts));
  const mboxMb = values['mbox-mb'] !== undefined ? Number(values['mbox-mb']) : null;
  const started = process.hrtime.bigint(); // only to report the run time, never in the data
  const tty = process.stderr.isTTY;
  const meta = generateDataset({
    contacts,
    seed: values.seed,
    out,
    mboxMb,
    notes: !values['no-notes'],
    importable: values.importable,
    onProgress: tty ? (done, total, pass) => process.stderr.write(`\r${pass}: ${done}/${total}   `) : undefined,
  });
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  if (tty) process.stderr.write('\n');
  const mib = (b: number): string => (b / 1048576).toFixed(1);
  process.stdout.write(
    `${out}: ${meta.counts.contacts} contacts, ${meta.counts.touchpoints} touchpoints (${meta.stats.touchpointsPerContact}/contact, ${meta.stats.meanNoteWords} words/note), ` +
      `${meta.counts.mboxMessages} emails; backup ${mib(meta.files['backup.json']?.bytes ?? 0)} MiB, mbox ${mib(meta.files['mail.mbox']?.bytes ?? 0)} MiB, ` +
      `notes ${mib(meta.notes?.bytes ?? 0)} MiB; ${secs.toFixed(1)} s\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`generate: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
