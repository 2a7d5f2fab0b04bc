/**
 * One benchmark contact and their history, from the seed and the contact's index only:
 * contact i draws from its own PRNG streams, so a 10k dataset is a prefix of a 100k one.
 * Other contacts are referred to by index j < i, whose id is a pure function of (seed, j).
 */
import { addDays, dayNumber } from '../../src/core/days.js';
import {
  DEFAULT_CADENCE,
  TOPIC_KINDS,
  type Boundaries,
  type Channel,
  type Circle,
  type Commitment,
  type Contact,
  type Employment,
  type Identity,
  type Initiator,
  type LedgerEntry,
  type LedgerKind,
  type Topic,
  type TopicKind,
  type TouchKind,
  type Touchpoint,
} from '../../src/core/types.js';
import { CULTURES, nameForms, type Culture } from './names.js';
import { Rng, Weighted, RankedList } from './prng.js';
import type { Note, TextContext, TextMaker } from './text.js';
import { BOUNDARY_NOTES, CITY_ZONES, TAGS } from './vocab.js';

/** The fixed "today" every date of the dataset is derived from. */
export const TODAY = '2026-11-26';
export const OWNER_ID = '00000000-0000-7000-8000-000000000001';
const TODAY_N = dayNumber(TODAY);
const BIRTH_YEAR_N = dayNumber('2000-01-01'); // a leap year, so 29 February can come up
export const ME = { name: 'Alex Example', email: 'alex@me.example', linkedin: 'https://www.linkedin.com/in/alex-example' };

/** The id of contact j: a pure function of the seed and j. */
export function contactId(seed: string, j: number): string {
  return Rng.stream(seed, 'id', j).uuid();
}

/** A contact plus what the other outputs need to know about them. */
export interface Person {
  index: number;
  contact: Contact;
  culture: Culture;
  latinGiven: string;
  latinFamily: string;
  /** The day they connected on LinkedIn (the contact's creation day). */
  connectedOn: string;
  email: string | null;
  linkedin: string | null;
  /** What their Connections.csv row says (a few changed jobs since the backup was taken). */
  csv: { first: string; last: string; email: string; company: string; position: string } | null;
  /** Extra all-empty rows (hidden members) to write next to theirs, by Connected On day. */
  hiddenRows: string[];
  text: TextContext;
}

/** A touchpoint with what the mbox writer needs. */
export interface Touch {
  touchpoint: Touchpoint;
  note: Note;
  /** Set for emails: the Message-ID (without angle brackets). */
  messageId: string | null;
  /** Indexes of the other participants (all earlier contacts). */
  others: number[];
}

export interface History {
  touches: Touch[];
  commitments: Commitment[];
  ledger: LedgerEntry[];
}

const cultureDraw = new Weighted(CULTURES.map((c) => [c, c.weight] as const));
const givenLists = new Map<string, RankedList<string>>();
const familyLists = new Map<string, RankedList<string>>();
const cityLists = new Map<string, RankedList<string>>();
for (const c of CULTURES) {
  givenLists.set(c.key, new RankedList(c.given, 1));
  familyLists.set(c.key, new RankedList(c.family, 1.1));
  cityLists.set(c.key, new RankedList(c.cities, 1));
}

const CIRCLE_DRAW = new Weighted<Circle>([
  ['inner', 2],
  ['active', 10],
  ['network', 60],
  ['dormant', 28],
]);
/** Mean touchpoints per circle: together about 10 per contact. */
const TOUCH_MEAN: Record<Circle, number> = { inner: 30, active: 18, network: 9.8, dormant: 6 };
const TAG_DRAW = new RankedList(TAGS, 1);
const CADENCES = [14, 21, 30, 45, 60, 90, 120, 180, 365];
const NICKNAMES: Record<string, string> = {
  Daniel: 'Dan',
  Michael: 'Mike',
  Matthew: 'Matt',
  Jennifer: 'Jen',
  Jessica: 'Jess',
  Christopher: 'Chris',
  Maximilian: 'Max',
  Katharina: 'Kathi',
  Alejandro: 'Álex',
  Aleksei: 'Lyosha',
  Oluwaseun: 'Seun',
  Babatunde: 'Tunde',
  Francesco: 'Checco',
};
const PERSONAL_DOMAINS = ['mail.example', 'example.com', 'example.org', 'posteo.example', 'proton.example', 'fastmail.example'];

const KIND_DRAW = new Weighted<TouchKind>([
  ['dm', 22],
  ['email', 20],
  ['coffee', 12],
  ['video', 12],
  ['call', 8],
  ['event', 8],
  ['comment', 6],
  ['code-review', 5],
  ['mentoring', 3],
  ['intro', 2],
  ['shout-out', 1.5],
  ['other', 0.5],
]);
const CHANNEL: Record<TouchKind, readonly Channel[]> = {
  coffee: ['in-person'],
  video: ['video'],
  call: ['phone', 'video'],
  dm: ['linkedin', 'chat', 'chat', 'social'],
  email: ['email'],
  event: ['in-person'],
  comment: ['social', 'linkedin'],
  'code-review': ['other'],
  mentoring: ['video', 'in-person'],
  intro: ['email', 'chat'],
  'shout-out': ['social', 'linkedin'],
  other: ['in-person', 'other'],
};
const GROUP_KINDS = new Set<TouchKind>(['coffee', 'video', 'call', 'event', 'email', 'intro']);
const LEDGER_KIND_DRAW = new Weighted<LedgerKind>([
  ['help', 5],
  ['resource', 4],
  ['intro', 3],
  ['review', 3],
  ['recommendation', 2],
  ['mentoring', 2],
  ['referral', 1],
  ['thanks', 3],
]);

const slugCache = new Map<string, string>();

/** Lower-case ASCII for emails and URL slugs (`Łukasz O'Brien` → `lukasz-obrien`). */
export function asciiSlug(s: string): string {
  let slug = slugCache.get(s);
  if (slug === undefined) {
    slug = slugify(s);
    // Names and companies repeat: a small memo saves a Unicode normalisation per use.
    if (slugCache.size < 50_000) slugCache.set(s, slug);
  }
  return slug;
}

function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/[ßẞ]/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[đĐ]/g, 'd')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A bijection on uint32, so every index gets a distinct random-looking tag. */
function scramble(i: number): number {
  let x = (i + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Same as core's fromDayNumber without a Date per call (civil-from-days, H. Hinnant): it runs once per touchpoint. */
export function dayFromNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad2(m)}-${pad2(d)}`;
}

function instantOf(day: string, rng: Rng): string {
  const h = pad2(rng.int(7, 20));
  const m = pad2(rng.int(0, 59));
  return `${day}T${h}:${m}:00.000Z`;
}

function ym(day: string): string {
  return day.slice(0, 7);
}

/** Contact i: name, identities, circle, topics, notes and the rest, all from (seed, i). */
export function makePerson(seed: string, i: number, text: TextMaker): Person {
  const rng = Rng.stream(seed, 'contact', i);
  const id = contactId(seed, i);
  const culture = cultureDraw.draw(rng);
  const g = nameForms(givenLists.get(culture.key)?.draw(rng) ?? 'Sam');
  const f = nameForms(familyLists.get(culture.key)?.draw(rng) ?? 'Doe');
  const latin = culture.latinShare !== undefined && rng.chance(culture.latinShare);
  const given = latin ? g.latin : g.script;
  const family = latin ? f.latin : f.script;
  // Chinese, Japanese and Korean names in their own script are written family first, without a space.
  const displayName = culture.familyFirst && !latin ? `${family}${given}` : `${given} ${family}`;
  const nick = NICKNAMES[given];
  const nickname = nick && rng.chance(0.5) ? nick : null;

  const v = text.vocab;
  const connectedOn = dayFromNumber(TODAY_N - Math.min(6200, 1 + Math.floor(rng.exponential(900))));
  const createdAt = instantOf(connectedOn, rng);
  const circle = CIRCLE_DRAW.draw(rng);
  const cadenceDays = rng.chance(0.15) ? rng.pick(CADENCES) : null;

  const hasCompany = rng.chance(0.88);
  const company = hasCompany ? v.company.draw(rng) : null;
  const title = hasCompany || rng.chance(0.5) ? v.title.draw(rng) : null;
  const employment: Employment[] = [];
  if (company) {
    const since = dayFromNumber(TODAY_N - rng.int(30, 2500));
    employment.push({ company, title, from: ym(since), to: null });
    if (rng.chance(0.3)) {
      let end = since;
      for (let k = rng.int(1, 3); k > 0; k--) {
        const start = addDays(end, -rng.int(200, 1800));
        employment.push({ company: v.company.draw(rng), title: v.title.draw(rng), from: ym(start), to: ym(end) });
        end = start;
      }
    }
  }

  const latinGiven = g.latin;
  const latinFamily = f.latin;
  const tag = scramble(i).toString(16).padStart(8, '0');
  const identities: Identity[] = [];
  let email: string | null = null;
  if (rng.chance(0.7)) {
    const local = `${asciiSlug(latinGiven).replace(/-/g, '')}.${asciiSlug(latinFamily).replace(/-/g, '')}.${i.toString(36)}`;
    const work = company && rng.chance(0.5);
    const domain = work ? `${asciiSlug(company) || 'work'}.example` : rng.pick(PERSONAL_DOMAINS);
    email = `${local}@${domain}`;
    identities.push({ kind: 'email', value: email, label: work ? 'work' : rng.chance(0.5) ? 'home' : null });
    if (rng.chance(0.1))
      identities.push({
        kind: 'email',
        value: `${asciiSlug(latinGiven)}${i.toString(36)}@${rng.pick(PERSONAL_DOMAINS)}`,
        label: 'home',
      });
  }
  let linkedin: string | null = null;
  if (rng.chance(0.9)) {
    const scriptSlug = `${given}-${family}`.toLowerCase().replace(/\s+/g, '-');
    const nonAsciiLatin = /[^\x20-\x7e]/.test(scriptSlug) && !latin && culture.latinShare === undefined;
    const slug =
      nonAsciiLatin && rng.chance(0.5) ? encodeURIComponent(scriptSlug) : `${asciiSlug(latinGiven)}-${asciiSlug(latinFamily)}`;
    linkedin = `https://www.linkedin.com/in/${slug}-${tag}`;
    identities.push({ kind: 'linkedin', value: rng.chance(0.1) ? `${linkedin}/` : linkedin, label: null });
  }
  if (rng.chance(0.3))
    identities.push({ kind: 'github', value: `https://github.com/${asciiSlug(latinGiven)}${tag.slice(0, 4)}`, label: null });
  if (rng.chance(0.15))
    identities.push({
      kind: 'phone',
      value: `+${rng.int(1, 98)} ${rng.int(100, 999)} ${rng.int(1000000, 9999999)}`,
      label: rng.chance(0.5) ? 'mobile' : null,
    });
  if (rng.chance(0.08))
    identities.push({ kind: 'blog', value: `https://${asciiSlug(latinGiven)}-${tag.slice(0, 4)}.blog.example/`, label: null });

  const city = rng.chance(0.8) ? (cityLists.get(culture.key)?.draw(rng) ?? null) : null;
  let birthday: string | null = null;
  if (rng.chance(0.35)) {
    const md = dayFromNumber(BIRTH_YEAR_N + rng.int(0, 365)).slice(5);
    birthday = rng.chance(0.35) ? `--${md}` : `${rng.int(1960, 2003)}-${md === '02-29' ? '02-28' : md}`;
  }

  const ownProject = v.project.draw(rng);
  const ownTech = v.tech.draw(rng);
  const ctx: TextContext = { given: nickname ?? given, project: ownProject, tech: ownTech, german: culture.key === 'de' };
  const topics: Topic[] = [];
  for (let k = Math.floor(rng.exponential(2.2)); k > 0 && topics.length < 8; k--) {
    const kind: TopicKind = rng.pick(TOPIC_KINDS);
    const t = topicText(kind, rng, text, ctx);
    if (!topics.some((x) => x.kind === kind && x.text === t)) topics.push({ kind, text: t });
  }
  const tags: string[] = [];
  for (let k = rng.int(0, 3); k > 0; k--) {
    const t = TAG_DRAW.draw(rng);
    if (!tags.includes(t)) tags.push(t);
  }

  let boundaries: Boundaries = { pausedUntil: null, minGapDays: null, preferredChannel: null, note: null };
  if (rng.chance(0.04)) {
    boundaries = {
      pausedUntil: rng.chance(0.5) ? addDays(TODAY, rng.int(-30, 150)) : null,
      minGapDays: rng.chance(0.5) ? rng.int(14, 60) : null,
      preferredChannel: rng.chance(0.4) ? rng.pick<Channel>(['email', 'video', 'chat', 'in-person', 'linkedin']) : null,
      note: rng.chance(0.5) ? rng.pick(BOUNDARY_NOTES) : null,
    };
  }

  const howMetRoll = rng.next();
  const howMet =
    howMetRoll < 0.2
      ? `Met at ${v.event.draw(rng)} ${rng.int(2015, 2026)}`
      : howMetRoll < 0.3 && employment.length > 1
        ? `Worked together at ${employment[1]?.company ?? company}`
        : howMetRoll < 0.4
          ? 'LinkedIn'
          : null;
  const introducedById = i > 0 && rng.chance(0.05) ? contactId(seed, rng.int(0, i - 1)) : null;

  const notes = contactNotes(rng, text, ctx, howMet, city);
  const edited = instantOf(addDays(connectedOn, Math.min(rng.int(0, 400), TODAY_N - 1 - dayNumber(connectedOn))), rng);
  const updatedAt = edited > createdAt ? edited : createdAt;

  const contact: Contact = {
    id,
    ownerId: OWNER_ID,
    displayName,
    givenName: given,
    familyName: family,
    nickname,
    identities,
    company,
    title,
    employment,
    location: city,
    timeZone: city ? (CITY_ZONES[city] ?? null) : null,
    birthday,
    howMet,
    introducedById,
    circle,
    cadenceDays,
    boundaries,
    topics,
    tags,
    notes,
    photo: null,
    lastTouchAt: null,
    createdAt,
    updatedAt,
    deletedAt: null,
  };

  let csv: Person['csv'] = null;
  if (linkedin) {
    const pad = (s: string): string => (rng.chance(0.03) ? `${s} ` : s);
    const changed = rng.chance(0.04);
    csv = {
      first: pad(nickname && rng.chance(0.5) ? `${given} "${nickname}"` : given),
      last: family,
      email: email && rng.chance(0.2) ? email : '',
      company: changed ? v.company.draw(rng) : (company ?? ''),
      position: changed ? v.title.draw(rng) : (title ?? ''),
    };
  }
  const hiddenRows: string[] = [];
  if (rng.chance(0.03)) hiddenRows.push(addDays(TODAY, -rng.int(1, 3000)));

  return { index: i, contact, culture, latinGiven, latinFamily, connectedOn, email, linkedin, csv, hiddenRows, text: ctx };
}

function topicText(kind: TopicKind, rng: Rng, text: TextMaker, ctx: TextContext): string {
  switch (kind) {
    case 'interest':
      return text.phrase(rng.pick(['{hobby}', '{tech}', '{topic}']), rng, ctx);
    case 'goal':
      return text.phrase(
        rng.pick(['speak at {event}', 'learn {tech}', 'become a staff engineer', 'write a book on {topic}', 'run a marathon']),
        rng,
        ctx,
      );
    case 'side-project':
      return text.phrase(
        rng.pick(['{theirproject}: a {theirtech} library for {topic}', '{theirproject}', 'a {tech} plugin for {tech2}']),
        rng,
        ctx,
      );
    case 'challenge':
      return text.phrase(
        rng.pick(['{topic} at {company}', 'hiring {tech} engineers', 'burnout after a launch', 'moving to {city}']),
        rng,
        ctx,
      );
    case 'can-help':
      return text.phrase(rng.pick(['{tech}', '{topic}', '{tech} performance', 'intros to {company}']), rng, ctx);
    case 'looking-for':
      return text.phrase(
        rng.pick(['a co-founder for {theirproject}', 'a {title} role', 'beta users for {theirproject}', 'a mentor in {topic}']),
        rng,
        ctx,
      );
  }
}

function contactNotes(rng: Rng, text: TextMaker, ctx: TextContext, howMet: string | null, city: string | null): string {
  const lines: string[] = [];
  const where = city ? ` Lives in ${city}.` : '';
  if (howMet?.startsWith('Met at ')) lines.push(`Met at **${howMet.slice(7)}**.${where}`, '');
  else if (howMet) lines.push(`**How we met:** ${howMet}.${where}`, '');
  else if (where) lines.push(where.trim(), '');
  const bullets = [
    text.phrase('- Into {hobby}', rng, ctx),
    text.phrase('- Works with {theirtech}', rng, ctx),
    text.phrase('- Side project: *{theirproject}*', rng, ctx),
    text.phrase('- Reading _{book}_', rng, ctx),
  ].filter(() => rng.chance(0.5));
  if (bullets.length > 0) lines.push(...bullets, '');
  const head = lines.join('\n');
  const headWords = head.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const min = Math.max(20 - headWords, 8);
  const max = Math.max(80 - headWords, min + 8);
  const body = text.prose(rng, ctx, min, max).text;
  return `${head}${head ? '\n' : ''}${body}`;
}

/**
 * When contact i's touchpoints happened, oldest first. A stream of its own, so the newest
 * touch (the contact's lastTouchAt) is known without writing any text.
 */
export function touchSchedule(seed: string, person: Person): string[] {
  const rng = Rng.stream(seed, 'schedule', person.index);
  const c = person.contact;
  const count = Math.round(rng.exponential(TOUCH_MEAN[c.circle]));
  const start = Math.max(dayNumber(person.connectedOn), TODAY_N - 1095);
  const last = TODAY_N - 1;
  // Dormant contacts went quiet over a year ago (or right after connecting, when that was recent).
  const end = c.circle === 'dormant' ? Math.max(Math.min(last, start + 30), Math.min(last, TODAY_N - 400)) : last;
  const instants: string[] = [];
  for (let k = 0; k < count; k++) instants.push(instantOf(dayFromNumber(rng.int(start, Math.max(start, end))), rng));
  return instants.sort();
}

/** The touchpoints, commitments and ledger entries of contact i. */
export function makeHistory(seed: string, person: Person, text: TextMaker): History {
  const i = person.index;
  const rng = Rng.stream(seed, 'touch', i);
  const c = person.contact;
  const touches: Touch[] = [];
  const commitments: Commitment[] = [];
  const ledger: LedgerEntry[] = [];
  for (const occurredAt of touchSchedule(seed, person)) {
    const day = occurredAt.slice(0, 10);
    let kind = KIND_DRAW.draw(rng);
    if (kind === 'email' && !person.email) kind = 'dm';
    const roll = rng.next();
    const initiatedBy: Initiator | null = roll < 0.52 ? 'me' : roll < 0.95 ? 'them' : null;
    const participantIds = [c.id];
    const others: number[] = [];
    if (i > 0 && GROUP_KINDS.has(kind) && rng.chance(0.06)) {
      for (let k = rng.int(1, 2); k > 0; k--) {
        const j = rng.int(0, i - 1);
        if (others.includes(j)) continue;
        others.push(j);
        participantIds.push(contactId(seed, j));
      }
    }
    const id = rng.uuid();
    const { summary, note } = text.touch(rng, kind, person.text);
    const messageId = kind === 'email' ? `${id}@bench.kith.example` : null;
    const touchpoint: Touchpoint = {
      id,
      ownerId: OWNER_ID,
      kind,
      channel: rng.pick(CHANNEL[kind]),
      initiatedBy,
      occurredAt,
      participantIds,
      summary,
      notes: note.text,
      topics: note.topics,
      source: messageId ? 'mbox' : null,
      externalId: messageId,
      createdAt: occurredAt,
      updatedAt: occurredAt,
      deletedAt: null,
    };
    touches.push({ touchpoint, note, messageId, others });

    if (rng.chance(0.08)) {
      const mine = rng.chance(0.65);
      const dueOn = addDays(day, rng.int(2, 21));
      let status: Commitment['status'] = 'open';
      let resolvedOn: string | null = null;
      if (dueOn < TODAY) {
        const r = rng.next();
        if (r < 0.78) {
          status = 'kept';
          resolvedOn = dayFromNumber(Math.min(TODAY_N, Math.max(dayNumber(day), dayNumber(dueOn) + rng.int(-3, 5))));
        } else if (r < 0.86) {
          status = 'broken';
          resolvedOn = dayFromNumber(Math.min(TODAY_N, dayNumber(dueOn) + 7));
        }
      }
      const template = mine
        ? rng.pick([
            'Send {their} the article on {tech}',
            'Intro {their} to someone at {company}',
            'Review the {theirproject} RFC',
            'Share my slides on {topic}',
          ])
        : rng.pick(['Send me their notes on {topic}', 'Intro me to the {tech} team at {company}', 'Share the {event} recording']);
      commitments.push({
        id: rng.uuid(),
        ownerId: OWNER_ID,
        contactId: c.id,
        direction: mine ? 'mine' : 'theirs',
        text: text.phrase(template, rng, person.text),
        dueOn,
        status,
        resolvedOn,
        touchpointId: id,
        createdAt: occurredAt,
      });
    }
    if (kind === 'shout-out' || rng.chance(0.06)) {
      const lk: LedgerKind = kind === 'shout-out' ? 'thanks' : LEDGER_KIND_DRAW.draw(rng);
      const dr = rng.next();
      ledger.push({
        id: rng.uuid(),
        ownerId: OWNER_ID,
        contactId: c.id,
        direction: lk === 'thanks' ? 'give' : dr < 0.5 ? 'give' : dr < 0.75 ? 'ask' : 'receive',
        kind: lk,
        note: text.phrase(
          rng.pick(['About {topic}', 'Re {theirproject}', '{tech} help', 'Thanks for the {event} intro']),
          rng,
          person.text,
        ),
        occurredOn: day,
        isPublic: lk === 'thanks' ? kind === 'shout-out' || rng.chance(0.3) : false,
        createdAt: occurredAt,
      });
    }
  }
  const newest = touches[touches.length - 1];
  if (newest) c.lastTouchAt = newest.touchpoint.occurredAt;
  return { touches, commitments, ledger };
}

/** The cadence a contact is held to: their own, else their circle's default. */
export function effectiveCadenceOf(c: Contact): number | null {
  return c.cadenceDays ?? DEFAULT_CADENCE[c.circle];
}
