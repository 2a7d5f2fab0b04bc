/**
 * vCard files of the benchmark's people with duplicates among them, for issue 4's
 * "importing 10 000 vCards with duplicates among them stays linear" (bench/run.ts, section `vcard`).
 *
 * A file of `cards` cards is, in this order of the seeded draws: one card per person
 * (contact 0, 1, 2, … of `makePerson`), and, after some of them, a second card that is
 * the same person or a namesake, as address books merged from a phone, Google and Outlook
 * have them. Each second card comes a few cards after the first (so the import finds it
 * both inside and across its batches), and is one of:
 *
 * - `email`: the same email address in other letter case, plus a phone number the first
 *   card lacks. kith merges it (strong identifier) and the phone is new: counted `merged`.
 * - `url`: no email, the same LinkedIn profile URL spelled differently (http://, no
 *   `www.`, a trailing slash, upper case, a percent-encoded character), plus a note.
 *   Merged, counted `merged`.
 * - `name`: another person with the same name at the same company, with an email and
 *   phone of their own and no URL. Never merged on the name (issue 4): a `new` contact,
 *   reported as a likely duplicate.
 *
 * Nothing else can join two cards: every email carries the contact index and every
 * LinkedIn URL a per-index tag, and the cards carry no GitHub or blog URL (whose short
 * tags could collide between namesakes). So the import summary must say exactly
 * `new = people + name`, `merged = email + url`, `updated = skipped = invalid = 0`.
 */
import { createHash } from 'node:crypto';
import { Lexicon } from './lexicon.js';
import { makePerson, type Person } from './people.js';
import { Rng } from './prng.js';
import { Sink } from './sink.js';
import { TextMaker, Vocabulary } from './text.js';

export type DuplicateKind = 'email' | 'url' | 'name';

/** Shares of the file's cards that are second cards, by kind (about 15% in all). */
export const DUPLICATE_SHARE: Readonly<Record<DuplicateKind, number>> = { email: 0.07, url: 0.05, name: 0.03 };

export interface VCardSetMeta {
  cards: number;
  /** Cards that are a person's first (and only, unless duplicated) card. */
  people: number;
  duplicates: Record<DuplicateKind, number>;
  /** What `kith import vcard` into an empty home must report. */
  expected: { new: number; merged: number; updated: 0; skipped: 0; invalid: 0 };
  /** The namesake pairs, as display name and company. */
  namesakes: Array<{ name: string; company: string }>;
  bytes: number;
  sha256: string;
}

/** RFC 6350 text escaping: backslash, comma, semicolon, line breaks. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r?\n/g, '\\n');
}

/** One content line folded at 75 octets (continuations start with a space), never inside a UTF-8 character; CRLF. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return `${line}\r\n`;
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
      limit = 74; // the leading space of a continuation counts
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return `${out.join('\r\n ')}\r\n`;
}

/** The LinkedIn URL of a person spelled another way that normalises to the same profile. */
export function respellLinkedIn(url: string, rng: Rng): string {
  const path = url.replace(/^https:\/\/www\.linkedin\.com/, '');
  const style = rng.int(0, 3);
  if (style === 0) return `http://linkedin.com${path}/`;
  if (style === 1) return `HTTPS://WWW.LinkedIn.com${path.toUpperCase()}`;
  if (style === 2) return `https://linkedin.com${path.replace('-', '%2D')}`;
  return `https://www.linkedin.com${path}/?trk=public_profile`;
}

function card(lines: string[]): string {
  return `BEGIN:VCARD\r\nVERSION:3.0\r\n${lines.map(foldLine).join('')}END:VCARD\r\n`;
}

function phone(rng: Rng): string {
  return `+${rng.int(1, 98)} ${rng.int(100, 999)} ${rng.int(1000000, 9999999)}`;
}

/** A person's first card: name, company, their emails, phone and LinkedIn URL, birthday, tags and notes. */
function firstCard(p: Person, uid: string): string {
  const c = p.contact;
  const l = [
    `UID:${uid}`,
    `FN:${escapeText(c.displayName)}`,
    `N:${escapeText(c.familyName ?? '')};${escapeText(c.givenName ?? '')};;;`,
  ];
  if (c.nickname) l.push(`NICKNAME:${escapeText(c.nickname)}`);
  if (c.company) l.push(`ORG:${escapeText(c.company)}`);
  if (c.title) l.push(`TITLE:${escapeText(c.title)}`);
  for (const i of c.identities) {
    if (i.kind === 'email') l.push(`EMAIL;TYPE=INTERNET${i.label ? `,${i.label.toUpperCase()}` : ''}:${i.value}`);
    else if (i.kind === 'phone') l.push(`TEL;TYPE=${i.label === 'mobile' ? 'CELL' : 'VOICE'}:${i.value}`);
    else if (i.kind === 'linkedin') l.push(`URL:${i.value}`);
  }
  if (c.birthday) l.push(`BDAY:${c.birthday}`);
  if (c.location) l.push(`ADR;TYPE=HOME:;;;${escapeText(c.location)};;;`);
  if (c.tags.length) l.push(`CATEGORIES:${c.tags.map(escapeText).join(',')}`);
  if (c.notes) l.push(`NOTE:${escapeText(c.notes)}`);
  return card(l);
}

/**
 * Writes `cards` vCards to `path` (streamed) and returns what the file holds.
 * With `duplicates: false` every card is a distinct person (contacts 0 … cards-1).
 */
export function writeVCards(path: string, opts: { seed: string; cards: number; duplicates?: boolean }): VCardSetMeta {
  const { seed, cards } = opts;
  if (!Number.isInteger(cards) || cards < 1) throw new Error(`cards must be a positive integer (got ${cards})`);
  const withDups = opts.duplicates ?? true;
  const text = new TextMaker(new Vocabulary(seed), new Lexicon());
  const sink = new Sink(path);
  const meta: VCardSetMeta = {
    cards: 0,
    people: 0,
    duplicates: { email: 0, url: 0, name: 0 },
    expected: { new: 0, merged: 0, updated: 0, skipped: 0, invalid: 0 },
    namesakes: [],
    bytes: 0,
    sha256: '',
  };
  // Second cards waiting for their place: after the first card of person `after`.
  const queue: Array<{ after: number; text: string; kind: DuplicateKind; namesake?: { name: string; company: string } }> = [];
  const share = DUPLICATE_SHARE.email + DUPLICATE_SHARE.url + DUPLICATE_SHARE.name;
  const emit = (s: string): void => {
    sink.write(s);
    meta.cards++;
  };
  for (let i = 0; meta.cards < cards; i++) {
    while (queue.length && (queue[0]?.after ?? Infinity) <= i && meta.cards < cards) {
      const q = queue.shift();
      if (!q) break;
      emit(q.text);
      meta.duplicates[q.kind]++;
      if (q.namesake) meta.namesakes.push(q.namesake);
    }
    if (meta.cards >= cards) break;
    const p = makePerson(seed, i, text);
    const rng = Rng.stream(seed, 'vcard', i);
    emit(firstCard(p, rng.uuid().toUpperCase()));
    meta.people++;
    if (!withDups) continue;
    // A second card for about `share` of the file's cards: `share / (1 - share)` of the people.
    if (!rng.chance(share / (1 - share))) continue;
    const roll = rng.next() * share;
    const want: DuplicateKind =
      roll < DUPLICATE_SHARE.email ? 'email' : roll < DUPLICATE_SHARE.email + DUPLICATE_SHARE.url ? 'url' : 'name';
    const c = p.contact;
    const uid = rng.uuid().toUpperCase();
    const after = i + rng.int(1, 600);
    let s: string | null = null;
    let namesake: { name: string; company: string } | undefined;
    if (want === 'email' && p.email) {
      s = card([
        `UID:${uid}`,
        `FN:${escapeText(c.displayName)}`,
        `EMAIL;TYPE=INTERNET:${p.email.toUpperCase()}`,
        `TEL;TYPE=CELL:${phone(rng)}`,
      ]);
    } else if (want === 'url' && p.linkedin) {
      s = card([
        `UID:${uid}`,
        `FN:${escapeText(c.displayName)}`,
        `URL:${respellLinkedIn(p.linkedin, rng)}`,
        `NOTE:${escapeText(`From the old phone's address book (card ${i}).`)}`,
      ]);
    } else if (want === 'name' && c.company) {
      const local = `namesake.${i.toString(36)}.${rng.int(1000, 9999)}`;
      s = card([
        `UID:${uid}`,
        `FN:${escapeText(c.displayName)}`,
        `N:${escapeText(c.familyName ?? '')};${escapeText(c.givenName ?? '')};;;`,
        `ORG:${escapeText(c.company)}`,
        `EMAIL;TYPE=INTERNET:${local}@mail.example`,
        `TEL;TYPE=VOICE:${phone(rng)}`,
      ]);
      namesake = { name: c.displayName, company: c.company };
    }
    if (s) {
      // Kept in order of `after`: the queue is short (a few hundred at most).
      const at = queue.findIndex((q) => q.after > after);
      queue.splice(at === -1 ? queue.length : at, 0, { after, text: s, kind: want, ...(namesake ? { namesake } : {}) });
    }
  }
  meta.expected.new = meta.people + meta.duplicates.name;
  meta.expected.merged = meta.duplicates.email + meta.duplicates.url;
  const digest = sink.close();
  meta.bytes = digest.bytes;
  meta.sha256 = digest.sha256;
  return meta;
}

/** A short fingerprint of a file set's metadata, for labels and tests. */
export function vcardMetaHash(m: VCardSetMeta): string {
  return createHash('sha256').update(JSON.stringify(m)).digest('hex').slice(0, 12);
}
