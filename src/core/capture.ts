/**
 * Quick capture (capability 3): one line of text, English or German, becomes a
 * touchpoint, commitments and follow-ups. Deterministic: no network, no model, no
 * clock (today is an argument). When a name could mean two people, or a promise
 * could be owed to either of two participants, the result says so in
 * `unresolved` instead of picking one.
 *
 * Decisions a reader should know:
 * - `initiatedBy` defaults to `me` ("coffee with Anna" is logged by the person who
 *   went); it is `them` only when the text says so ("she reached out", "call from
 *   Anna", "er hat sich gemeldet") and no "I …" phrase comes first.
 * - A bare weekday as a due date means the next such day strictly after today:
 *   "by Friday" written on a Friday is next week's Friday (a promise due the same
 *   day is written "today"). As a touch date it means the latest such day on or
 *   before today ("on Monday" written on a Friday is four days ago).
 * - "next week" / "nächste Woche" is the Monday that starts next week.
 * - Clauses are split at `;`, sentence ends, "and then" / "und dann", and before a
 *   promise or follow-up phrase ("…, promised to …", "… and she will …").
 * - A promise names its person ("promised Anna to …"), or goes to the single
 *   participant; with several participants and no name it is left unresolved.
 */
import * as chrono from 'chrono-node';
import { addDays, isDay, weekStart } from './days.js';
import { invalidField } from './errors.js';
import { fold, normalizeEmail, tokens } from './text-fold.js';
import type { Channel, CommitmentDirection, Day, Id, Initiator, TouchKind } from './types.js';
import {
  CHANNEL_WORDS,
  DATE_PREPOSITIONS,
  DEADLINE_PREPOSITIONS,
  ENGLISH_MARKERS,
  GERMAN_MARKERS,
  KIND_CHANNEL,
  KIND_WORDS,
  ME_INITIATED,
  NAME_CONNECTORS,
  NAME_FILLERS,
  NAME_PARTICLES,
  NOT_NAMES,
  PERSON_PRONOUNS,
  STRONG_PERSON_ANCHORS,
  SUBJECT_VERBS,
  THEM_INITIATED,
  TOPIC_ANCHORS,
  TOPIC_LEADING_DROPS,
  TOPIC_STOPS,
  WEAK_PERSON_ANCHORS,
  wordRe,
} from './capture-lexicon.js';

export interface CaptureContact {
  id: Id;
  displayName: string;
  givenName?: string | null;
  familyName?: string | null;
  nickname?: string | null;
  emails?: string[];
}

export interface CaptureContext {
  today: Day;
  contacts: CaptureContact[];
  /** Weeks start on Monday (ISO); the only supported value, kept explicit for callers. */
  weekStartsOn?: 1;
}

export interface CaptureResult {
  language: 'en' | 'de';
  touchpoint: {
    kind: TouchKind;
    occurredOn: Day;
    participantIds: Id[];
    topics: string[];
    summary: string;
    initiatedBy: Initiator | null;
    channel: Channel | null;
  } | null;
  commitments: { contactId: Id; direction: CommitmentDirection; text: string; dueOn: Day | null }[];
  followUps: { contactId: Id; text: string; dueOn: Day | null }[];
  /** Unknown (no candidates) or ambiguous names, and promises that could belong to several people. */
  unresolved: { text: string; candidates: { id: Id; name: string }[] }[];
  /** Things a person should know, e.g. "no date found, used today". */
  issues: { message: string }[];
}

/** Longer input is cut: quick capture is one line, and chrono's cost grows with length. */
export const MAX_CAPTURE_LENGTH = 2000;

type Lang = 'en' | 'de';

// ---------------------------------------------------------------------------
// Small text helpers

/** Lower-cases without changing string length, so offsets stay valid (`İ` stays as it is). */
function lowerKeepLength(s: string): string {
  return s.replace(/[\s\S]/gu, (ch) => {
    const l = ch.toLowerCase();
    return l.length === ch.length ? l : ch;
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TRIM_PUNCT_RE = /^[\s,;:.!?\-–—]+|[\s,;:!?\-–—]+$|(?<![\p{L}\p{N}]\.[\p{L}\p{N}]*)\.+$/gu;

function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(TRIM_PUNCT_RE, '')
    .trim();
}

function capitalise(s: string): string {
  return s.length > 0 ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

interface Range {
  start: number;
  end: number;
}

/** `s` with the ranges (relative to `offset`) cut out, tidied. */
function cutRanges(s: string, ranges: Range[], offset = 0): string {
  let out = '';
  let pos = 0;
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start - offset), end: Math.min(s.length, r.end - offset) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  for (const r of sorted) {
    if (r.start > pos) out += s.slice(pos, r.start);
    out += ' ';
    pos = Math.max(pos, r.end);
  }
  out += s.slice(pos);
  return tidy(out);
}

// ---------------------------------------------------------------------------
// Language

function detectLanguage(text: string): Lang {
  let de = /[äöüß]/i.test(text) ? 1 : 0;
  let en = 0;
  for (const w of lowerKeepLength(text).match(/[\p{L}]+(?:['’][\p{L}]+)?/gu) ?? []) {
    if (GERMAN_MARKERS.has(w)) de += 1;
    if (ENGLISH_MARKERS.has(w)) en += 1;
  }
  return de > en ? 'de' : 'en';
}

// ---------------------------------------------------------------------------
// Contacts and names

interface IndexedContact {
  contact: CaptureContact;
  /** Every folded name token, with the ae/oe/ue spelling of umlauts too. */
  tokens: Set<string>;
  /** Whole-name keys: display name, given+family, family+given, nickname. */
  fullKeys: Set<string>;
  emails: Set<string>;
}

const UMLAUT_ALT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

function spellings(name: string): string[][] {
  const plain = tokens(name);
  const alt = tokens(name.replace(/[äöüÄÖÜ]/g, (ch) => UMLAUT_ALT[ch] ?? ch));
  return alt.join(' ') === plain.join(' ') ? [plain] : [plain, alt];
}

function indexContacts(contacts: CaptureContact[]): IndexedContact[] {
  return contacts.map((contact) => {
    const tokenSet = new Set<string>();
    const fullKeys = new Set<string>();
    const names = [
      contact.displayName,
      [contact.givenName, contact.familyName].filter(Boolean).join(' '),
      [contact.familyName, contact.givenName].filter(Boolean).join(' '),
      contact.nickname ?? '',
      [contact.nickname, contact.familyName].filter(Boolean).join(' '),
    ];
    for (const name of names) {
      if (typeof name !== 'string' || name.trim() === '') continue;
      for (const sp of spellings(name)) {
        if (sp.length === 0) continue;
        fullKeys.add(sp.join(' '));
        for (const t of sp) tokenSet.add(t);
      }
    }
    const emails = new Set((contact.emails ?? []).filter((e) => typeof e === 'string').map(normalizeEmail));
    return { contact, tokens: tokenSet, fullKeys, emails };
  });
}

interface Word extends Range {
  text: string;
  low: string;
  folded: string;
  cap: boolean;
  email: boolean;
  punct: boolean;
  zone: 'date' | 'topic' | null;
  used: boolean;
}

const WORD_RE = /[^\s,;:&()<>"“”„+]+@[^\s,;:&()<>"“”„+]+|[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*|[,&+]/gu;

function splitWords(clause: string): Word[] {
  const out: Word[] = [];
  for (const m of clause.matchAll(WORD_RE)) {
    const text = m[0];
    const start = m.index;
    const punct = /^[,&+]$/.test(text);
    const email = text.includes('@');
    out.push({
      text,
      start,
      end: start + text.length,
      low: lowerKeepLength(text),
      folded: fold(text.replace(/['’]s$/u, '')),
      cap: /^[\p{Lu}\p{Lt}\p{Lo}]/u.test(text),
      email,
      punct,
      zone: null,
      used: false,
    });
  }
  return out;
}

/** The shared state of one parse: contacts, what was found, what to report. */
class Session {
  readonly index: IndexedContact[];
  readonly nameTokens = new Set<string>();
  readonly participants: Id[] = [];
  readonly unresolved: CaptureResult['unresolved'] = [];
  readonly issues: CaptureResult['issues'] = [];
  private readonly unresolvedKeys = new Set<string>();

  constructor(contacts: CaptureContact[]) {
    this.index = indexContacts(contacts);
    for (const c of this.index) for (const t of c.tokens) this.nameTokens.add(t);
  }

  /** Contacts a typed name (one or more words, or an email) can mean. */
  resolve(words: Word[]): IndexedContact[] {
    if (words.length === 1 && words[0]?.email) {
      const e = normalizeEmail(words[0].text);
      return this.index.filter((c) => c.emails.has(e));
    }
    const ts = words.flatMap((w) => tokens(w.text.replace(/['’]s$/u, '')));
    if (ts.length === 0) return [];
    const key = ts.join(' ');
    const exact = this.index.filter((c) => c.fullKeys.has(key));
    if (exact.length > 0) return exact;
    if (ts.join('').length < 2) return [];
    return this.index.filter((c) => ts.every((t) => c.tokens.has(t)));
  }

  /** A word that can be part of a name: capitalised and not a known non-name, an email, or a contact's name typed in lower case. */
  personish(w: Word): boolean {
    if (w.punct || w.zone !== null) return false;
    if (w.email) return true;
    if (NOT_NAMES.has(w.folded) || PERSON_PRONOUNS.has(w.low)) return false;
    if (w.cap) return true;
    return (
      this.nameTokens.has(w.folded) &&
      !NAME_FILLERS.has(w.low) &&
      !NAME_CONNECTORS.has(w.low) &&
      !GERMAN_MARKERS.has(w.low) &&
      !ENGLISH_MARKERS.has(w.low)
    );
  }

  addParticipant(id: Id): void {
    if (!this.participants.includes(id)) this.participants.push(id);
  }

  addUnresolved(text: string, candidates: IndexedContact[]): void {
    const cands = candidates.map((c) => ({ id: c.contact.id, name: c.contact.displayName }));
    const key = `${fold(text)}|${cands.map((c) => c.id).join(',')}`;
    if (this.unresolvedKeys.has(key)) return;
    this.unresolvedKeys.add(key);
    this.unresolved.push({ text, candidates: cands });
  }

  issue(message: string): void {
    if (!this.issues.some((i) => i.message === message)) this.issues.push({ message });
  }

  /** Narrows an ambiguous mention to the one candidate already in the touch, if exactly one is. */
  narrow(matches: IndexedContact[]): IndexedContact[] {
    if (matches.length < 2) return matches;
    const inTouch = matches.filter((m) => this.participants.includes(m.contact.id));
    return inTouch.length === 1 ? inTouch : matches;
  }
}

function spanText(clause: string, words: Word[]): string {
  const first = words[0];
  const last = words[words.length - 1];
  return first && last ? clause.slice(first.start, last.end) : '';
}

/**
 * Splits a run of name words into names that each resolve (`Anna Ben` → Anna, Ben).
 * Null when some piece resolves to nobody: then the run is one unknown name.
 */
function splitIntoKnown(s: Session, run: Word[]): Array<{ words: Word[]; matches: IndexedContact[] }> | null {
  const out: Array<{ words: Word[]; matches: IndexedContact[] }> = [];
  let k = 0;
  while (k < run.length) {
    let taken = 0;
    for (let len = run.length - k; len >= 1; len--) {
      const piece = run.slice(k, k + len);
      const m = s.resolve(piece);
      if (m.length > 0) {
        out.push({ words: piece, matches: m });
        taken = len;
        break;
      }
    }
    if (taken === 0) return null;
    k += taken;
  }
  return out;
}

/** Records one typed name: a participant when it means one contact, otherwise unresolved. */
function recordName(s: Session, clause: string, words: Word[], matches: IndexedContact[], reportUnknown: boolean): void {
  const narrowed = s.narrow(matches);
  const only = narrowed[0];
  if (narrowed.length === 1 && only) s.addParticipant(only.contact.id);
  else if (narrowed.length > 1) s.addUnresolved(spanText(clause, words), narrowed);
  else if (reportUnknown) s.addUnresolved(spanText(clause, words), []);
}

const STRONG_ANCHOR_RE = new RegExp(`^(?:${STRONG_PERSON_ANCHORS.join('|')})$`, 'u');
const WEAK_ANCHOR_RE = new RegExp(`^(?:${WEAK_PERSON_ANCHORS.join('|')})$`, 'u');
const SUBJECT_VERB_SET = new Set(SUBJECT_VERBS);

/** Reads a list of names starting at word `i`: `Anna Schmidt, Ben and Li Lei`. */
function readNameList(s: Session, words: Word[], i: number, strong: boolean): Word[][] {
  const names: Word[][] = [];
  let j = i;
  for (;;) {
    let skipped = 0;
    while (strong && skipped < 4 && j < words.length && NAME_FILLERS.has(words[j]?.folded ?? '') && words[j]?.zone === null) {
      j++;
      skipped++;
    }
    const name: Word[] = [];
    while (j < words.length && name.length < 6) {
      const w = words[j];
      if (!w || w.used) break;
      if (s.personish(w)) {
        name.push(w);
        j++;
        continue;
      }
      const next = words[j + 1];
      const after = words[j + 2];
      const particle =
        name.length > 0 &&
        w.zone === null &&
        NAME_PARTICLES.has(w.low) &&
        ((next && next.cap && s.personish(next)) ||
          (next && NAME_PARTICLES.has(next.low) && after && after.cap && s.personish(after)));
      if (particle) {
        name.push(w);
        j++;
        continue;
      }
      break;
    }
    if (name.length === 0) break;
    names.push(name);
    const sep = words[j];
    const following = words[j + 1];
    if (
      sep &&
      following &&
      sep.zone === null &&
      NAME_CONNECTORS.has(sep.low) &&
      (s.personish(following) || NAME_FILLERS.has(following.folded))
    ) {
      j++;
      continue;
    }
    break;
  }
  return names;
}

/** Finds the people of a touch or note clause: after anchors ("with", "mit", "from"…), then known names anywhere. */
function findPeopleAnchored(s: Session, clause: string, words: Word[]): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w || w.zone !== null || w.punct) continue;
    const strong = STRONG_ANCHOR_RE.test(w.low);
    const weak = !strong && WEAK_ANCHOR_RE.test(w.low);
    let subject = false;
    if (!strong && !weak) {
      // "Zed pinged me": a capitalised word opening the clause, followed by a contact verb.
      subject = i === 0 && s.personish(w);
      if (!subject) continue;
    }
    const start = subject ? i : i + 1;
    const names = readNameList(s, words, start, strong || subject);
    if (subject) {
      const firstName = names[0];
      const verb = firstName ? words[start + firstName.length] : undefined;
      if (!firstName || !verb || !SUBJECT_VERB_SET.has(verb.low)) continue;
      names.splice(1);
    }
    for (const name of names) {
      const whole = s.resolve(name);
      if (whole.length > 0) {
        recordName(s, clause, name, whole, true);
      } else {
        const pieces = name.length > 1 ? splitIntoKnown(s, name) : null;
        if (pieces) for (const p of pieces) recordName(s, clause, p.words, p.matches, true);
        else recordName(s, clause, name, [], strong || subject);
      }
      for (const n of name) n.used = true;
    }
  }
}

/** Known contacts named anywhere outside anchors: "Anna angerufen", "Anna pinged me". Unknown words are left alone. */
function findKnownNames(s: Session, words: Word[]): Array<{ words: Word[]; matches: IndexedContact[] }> {
  const found: Array<{ words: Word[]; matches: IndexedContact[] }> = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (!w || w.used || !(w.cap || w.email) || !s.personish(w)) {
      i++;
      continue;
    }
    const run: Word[] = [];
    while (i < words.length && run.length < 6) {
      const x = words[i];
      if (!x || x.used || !(x.cap || x.email) || !s.personish(x)) break;
      run.push(x);
      i++;
    }
    // Take the longest piece that resolves at each position; skip words that resolve to nobody.
    let k = 0;
    while (k < run.length) {
      let taken = 0;
      for (let len = run.length - k; len >= 1; len--) {
        const piece = run.slice(k, k + len);
        const m = s.resolve(piece);
        if (m.length > 0) {
          found.push({ words: piece, matches: m });
          taken = len;
          break;
        }
      }
      k += taken > 0 ? taken : 1;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------
// Dates

interface DateHit extends Range {
  day: Day;
  /** Start of the preposition that goes with the date (`by` in `by Friday`), for cutting it out. */
  cutStart: number;
  deadline: boolean;
  text: string;
}

type DateMode = 'past' | 'future';

const MONTH_ONLY_RE =
  /^(?:in\s+|im\s+)?(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni|july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?)\.?$/iu;
const SHORT_WEEKDAY_RE = /^(?:on\s+|am\s+)?[\p{L}]{2,3}\.?$/iu;
const DATE_PREP_RE = new RegExp(`(?:^|\\s)(${DATE_PREPOSITIONS.map(escapeRe).join('|')})\\s*$`, 'iu');
const DEADLINE_SET = new Set(DEADLINE_PREPOSITIONS);

function ymd(y: number, m: number, d: number): Day | null {
  const day = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return y >= 1 && y <= 9999 && isDay(day) ? day : null;
}

function addYears(day: Day, n: number): Day {
  const y = Number(day.slice(0, 4)) + n;
  return ymd(y, Number(day.slice(5, 7)), Number(day.slice(8, 10))) ?? ymd(y, Number(day.slice(5, 7)), 28) ?? day;
}

function lastOfMonth(day: Day): Day {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

interface RawDate extends Range {
  day: Day;
  weekdayOnly: boolean;
  yearGuessed: boolean;
  explicitNext: boolean;
  text: string;
}

/** Week phrases chrono gets wrong or does not know, and German `3.11.`. */
function customDates(clause: string, low: string, today: Day): RawDate[] {
  const out: RawDate[] = [];
  const push = (m: RegExpMatchArray, day: Day | null, extra: Partial<RawDate> = {}): void => {
    if (day === null || m.index === undefined) return;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      day,
      weekdayOnly: false,
      yearGuessed: false,
      explicitNext: false,
      text: clause.slice(m.index, m.index + m[0].length),
      ...extra,
    });
  };
  const monday = weekStart(today);
  for (const m of low.matchAll(
    wordRe(['next week', '(?:in der )?nächsten woche', 'nächste woche', 'kommende woche', 'kommenden woche']),
  )) {
    push(m, addDays(monday, 7), { explicitNext: true });
  }
  for (const m of low.matchAll(
    wordRe(['end of (?:the |this )?week', 'ende (?:der|dieser) woche', 'this week', 'diese woche', 'dieser woche']),
  )) {
    const friday = addDays(monday, 4);
    push(m, friday >= today ? friday : addDays(friday, 7));
  }
  for (const m of low.matchAll(wordRe(['end of (?:the |this )?month', 'ende (?:des|dieses) monats', 'monatsende']))) {
    push(m, lastOfMonth(today));
  }
  for (const m of clause.matchAll(/(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.(?:(\d{4}|\d{2})(?!\d))?/gu)) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    const yRaw = m[3];
    const y = yRaw === undefined ? Number(today.slice(0, 4)) : yRaw.length === 2 ? 2000 + Number(yRaw) : Number(yRaw);
    push(m, ymd(y, mo, d), { yearGuessed: yRaw === undefined });
  }
  return out;
}

function chronoDates(parser: chrono.Chrono, clause: string, today: Day, mode: DateMode): RawDate[] {
  const ref = { instant: new Date(`${today}T12:00:00.000Z`), timezone: 0 };
  let results: chrono.ParsedResult[];
  try {
    results = parser.parse(clause, ref, { forwardDate: mode === 'future' });
  } catch {
    return [];
  }
  const out: RawDate[] = [];
  for (const r of results) {
    const text = r.text;
    const st = r.start;
    const weekdayOnly = st.isCertain('weekday') && !st.isCertain('day');
    if (MONTH_ONLY_RE.test(text.trim()) && !st.isCertain('day')) continue;
    if (weekdayOnly && SHORT_WEEKDAY_RE.test(text.trim())) continue;
    const day = ymd(st.get('year') ?? 0, st.get('month') ?? 0, st.get('day') ?? 0);
    if (day === null) continue;
    out.push({
      start: r.index,
      end: r.index + text.length,
      day,
      weekdayOnly,
      yearGuessed: !st.isCertain('year') && st.isCertain('month') && st.isCertain('day'),
      explicitNext: /\b(?:next|nächst\w*|kommend\w*)\b/iu.test(text),
      text,
    });
  }
  return out;
}

/** Dates in a clause, adjusted to the past (touch dates) or the future (due dates). */
function findDates(clause: string, today: Day, lang: Lang, mode: DateMode, protectedRanges: Range[]): DateHit[] {
  const low = lowerKeepLength(clause);
  const parsers = lang === 'de' ? [chrono.de.casual, chrono.en.casual] : [chrono.en.casual, chrono.de.casual];
  const raw: RawDate[] = [...customDates(clause, low, today)];
  for (const p of parsers) raw.push(...chronoDates(p, clause, today, mode));
  const accepted: RawDate[] = [];
  const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;
  for (const d of raw) {
    if (protectedRanges.some((p) => overlaps(p, d))) continue;
    if (accepted.some((a) => overlaps(a, d))) continue;
    accepted.push(d);
  }
  accepted.sort((a, b) => a.start - b.start);
  return accepted.map((d) => {
    let day = d.day;
    if (mode === 'past' && day > today) {
      if (d.weekdayOnly && !d.explicitNext) day = addDays(day, -7);
      else if (d.yearGuessed) day = addYears(day, -1);
    }
    if (mode === 'future') {
      if (d.weekdayOnly && day <= today && !/\b(?:this|diesen|diesem)\b/iu.test(d.text)) day = addDays(day, 7);
      else if (d.yearGuessed && day < today) day = addYears(day, 1);
    }
    const before = clause.slice(0, d.start);
    const prep = DATE_PREP_RE.exec(before);
    const prepWord = prep?.[1];
    const cutStart = prep && prepWord ? before.length - prep[0].length + prep[0].indexOf(prepWord) : d.start;
    return {
      start: d.start,
      end: d.end,
      day,
      cutStart,
      deadline: prepWord !== undefined && DEADLINE_SET.has(prepWord.toLowerCase()),
      text: d.text,
    };
  });
}

function markZone(words: Word[], ranges: Range[], zone: 'date' | 'topic'): void {
  for (const w of words) if (w.zone === null && ranges.some((r) => w.start < r.end && r.start < w.end)) w.zone = zone;
}

// ---------------------------------------------------------------------------
// Clauses

type ClauseKind = 'mine' | 'theirs' | 'follow-up' | 'touch';

interface Classified {
  kind: ClauseKind;
  /** Where the promise or follow-up text starts in the clause. */
  restStart: number;
  /** For theirs: the subject words (a pronoun or a name). */
  subject: Range | null;
  /** Skip leading person words in the rest (`I owe her …`). */
  stripPerson: boolean;
}

const LEAD = '^(?:(?:and|also|then|so|but|plus|und|auch|dann|aber|außerdem)\\s+)?';
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'z.b',
  'e.g',
  'i.e',
  'bzw',
  'ca',
  'etc',
  'vs',
  'st',
  'jr',
  'sr',
  'nr',
  'inc',
  'ltd',
  'co',
  'u.a',
  'usw',
  'evtl',
  'ggf',
  'bzgl',
]);
const GERMAN_MINE_VERBS =
  'werde|schicke|sende|schreibe|mache|stelle|kümmere|kümmer|gebe|teile|leite|maile|bringe|besorge|organisiere|suche|melde|muss|schulde|schau|schaue|überweise|empfehle';
const GERMAN_THEIR_VERBS =
  'schickt|sendet|macht|stellt|gibt|schreibt|meldet|kümmert|bringt|teilt|leitet|besorgt|schaut|sucht|organisiert|empfiehlt|mailt';
const FOLLOW_UP_WORD = `follow(?:[- ]?up|s?\\s+up)(?![- ]?(?:call|meeting|coffee|chat|e-?mail|mail)\\b)`;

const TRIGGER_SPLIT_RE = new RegExp(
  `(?:,\\s*|\\s+)(?:(?:and|und|also|auch|but|aber|plus)\\s+)?(?=(?:promised|i\\s+(?:(?:have|had|just|also|already)\\s+)*promised|offered to|i['’]ll|i will|i['’]m going to|i owe|(?:she|he|they)(?:['’]ll|\\s+will|\\s+promised|\\s+owes?|\\s+is going to|\\s+are going to|\\s+offered)|remind me|${FOLLOW_UP_WORD}|ask (?:her|him|them)|versprochen|(?:ich\\s+)?(?:habe|hab)\\s+(?:\\S+\\s+){0,2}versprochen|ich\\s+(?:${GERMAN_MINE_VERBS})|(?:sie|er)\\s+(?:${GERMAN_THEIR_VERBS}|wird|hat versprochen)|erinnere? mich)(?![\\p{L}\\p{N}]))`,
  'gu',
);

/** Splits text into clauses: `;`, sentence ends, "and then", and before promise or follow-up phrases. */
function splitClauses(text: string): Array<{ text: string; offset: number }> {
  const pieces: Array<{ text: string; offset: number }> = [];
  const push = (start: number, end: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t.replace(/[\s,.;:!?\-–—]+/g, '') !== '') pieces.push({ text: t, offset: start + lead });
  };
  // Hard boundaries first, then sentence-ending periods, then trigger phrases.
  const hard: number[][] = [];
  const hardRe = /[;!?\n]+|\s+(?:and then|und dann)\s+|,\s*then\s+/giu;
  let pos = 0;
  for (const m of text.matchAll(hardRe)) {
    hard.push([pos, m.index]);
    pos = m.index + m[0].length;
  }
  hard.push([pos, text.length]);
  for (const [hs, he] of hard) {
    if (hs === undefined || he === undefined) continue;
    let start = hs;
    for (let k = hs; k < he; k++) {
      if (text[k] !== '.') continue;
      const next = text[k + 1];
      if (next !== undefined && k + 1 < he && !/\s/.test(next)) continue;
      const prev = text[k - 1] ?? '';
      if (/\d/.test(prev)) continue;
      const wordBefore = /([\p{L}.]+)$/u.exec(text.slice(start, k))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(wordBefore) || /^\p{L}$/u.test(wordBefore)) continue;
      splitOnTriggers(text, start, k, push);
      start = k + 1;
    }
    splitOnTriggers(text, start, he, push);
  }
  return pieces;
}

const SUBJECT_BEFORE_RE =
  /(?:,\s*|\s+(?:and|und)\s+)((?:[\p{Lu}\p{Lt}][\p{L}\p{M}'’-]*\s+){0,2}[\p{Lu}\p{Lt}][\p{L}\p{M}'’-]*|she|he|they|sie|er)$/u;

function splitOnTriggers(text: string, start: number, end: number, push: (s: number, e: number) => void): void {
  const segment = lowerKeepLength(text.slice(start, end));
  let pos = 0;
  for (const m of segment.matchAll(TRIGGER_SPLIT_RE)) {
    if (m.index === 0) continue;
    // "he promised to …", "Ben promised to …": the word before is the subject, not the end of a clause.
    const bare = /^\s+$/u.test(m[0]);
    const before = /(\S+)$/u.exec(text.slice(start, start + m.index))?.[1] ?? '';
    if (
      bare &&
      /^(?:promised|offered|versprochen|versprach)/u.test(segment.slice(m.index + m[0].length)) &&
      (/^[\p{Lu}\p{Lt}]/u.test(before) || PERSON_PRONOUNS.has(before.toLowerCase()))
    ) {
      // "…, Ben promised to …": the clause starts at the subject.
      const subject = SUBJECT_BEFORE_RE.exec(text.slice(start + pos, start + m.index));
      if (subject?.[1] !== undefined) {
        const sepAt = pos + subject.index;
        push(start + pos, start + sepAt);
        pos = pos + subject.index + subject[0].length - subject[1].length;
      }
      continue;
    }
    push(start + pos, start + m.index);
    pos = m.index + m[0].length;
  }
  push(start + pos, end);
}

function isPersonWord(s: Session, w: Word | undefined): boolean {
  return w !== undefined && (PERSON_PRONOUNS.has(w.low) || (s.personish(w) && (w.cap || w.email || s.nameTokens.has(w.folded))));
}

/** Words between a trigger and "to" must all be people (`promised Anna to`), else "to" belongs to the promise. */
function allPeople(s: Session, clause: string, from: number, to: number): boolean {
  const ws = splitWords(clause.slice(from, to));
  return ws.every((w) => isPersonWord(s, w));
}

function classify(s: Session, clause: string): Classified {
  const low = lowerKeepLength(clause);
  const result = (kind: ClauseKind, restStart: number, subject: Range | null = null, stripPerson = false): Classified => ({
    kind,
    restStart,
    subject,
    stripPerson,
  });

  // Promises, said outright.
  const promised = new RegExp(
    `${LEAD}(?:i\\s+)?(?:(?:have|had|just|also|already)\\s+)*(?:promised|offered)(?![\\p{L}])[,:]?\\s*`,
    'u',
  ).exec(low);
  if (promised) {
    const after = promised[0].length;
    const to = /^((?:\S+\s+){0,3}?)(?:to|that\s+i(?:['’]d|\s+would|\s+will|['’]ll)|i(?:['’]d|['’]ll))\s+/u.exec(low.slice(after));
    if (to && allPeople(s, clause, after, after + (to[1]?.length ?? 0))) return result('mine', after + to[0].length);
    return result('mine', after, null, true);
  }
  const versprochen = new RegExp(
    `${LEAD}(?:ich\\s+)?(?:(?:habe|hab|hatte)\\s+)?((?:\\S+\\s+){0,3}?)(?:versprochen|verspreche|versprach)(?![\\p{L}])[,:]?\\s*(?:dass\\s+ich\\s+)?`,
    'u',
  ).exec(low);
  if (versprochen) {
    const lead = versprochen[1] ?? '';
    const leadStart = versprochen[0].indexOf(lead);
    if (lead === '' || allPeople(s, clause, leadStart, leadStart + lead.length)) return result('mine', versprochen[0].length);
  }

  // Follow-ups that say so at the start.
  const remind = new RegExp(`${LEAD}(?:please\\s+)?remind\\s+me\\s+(?:to\\s+)?`, 'u').exec(low);
  if (remind) return result('follow-up', remind[0].length);
  const erinnere = new RegExp(
    `${LEAD}(?:bitte\\s+)?erinner(?:e|ung)?(?:\\s+mich)?(?:\\s+daran)?[,:]?\\s*(?:dass\\s+ich\\s+|zu\\s+)?`,
    'u',
  ).exec(low);
  if (erinnere && /^(?:(?:und|auch|dann)\s+)?(?:bitte\s+)?erinner/u.test(low)) return result('follow-up', erinnere[0].length);
  if (new RegExp(`${LEAD}ask\\s+`, 'u').test(low)) return result('follow-up', 0);

  // Their promises: "she will …", "Anna promised to …", "sie schickt mir …".
  const theirs = new RegExp(
    `${LEAD}((?:\\S+\\s+){0,3}?\\S+?)(?:['’]ll|\\s+will|\\s+promised(?:\\s+to)?|\\s+is\\s+going\\s+to|\\s+are\\s+going\\s+to|\\s+owes?\\s+me|\\s+offered\\s+to|\\s+said\\s+(?:she|he|they)(?:['’]d|\\s+would|['’]ll|\\s+will)|\\s+wird|\\s+hat\\s+versprochen,?(?:\\s+dass\\s+(?:sie|er))?|\\s+schuldet\\s+mir)\\s+`,
    'u',
  ).exec(low);
  const theirsDe = new RegExp(`${LEAD}((?:\\S+\\s+){0,3}?\\S+?)\\s+(?=(?:${GERMAN_THEIR_VERBS})(?![\\p{L}]))`, 'u').exec(low);
  for (const m of [theirs, theirsDe]) {
    const subj = m?.[1];
    if (!m || subj === undefined) continue;
    const subjStart = m[0].indexOf(subj);
    const subjWords = splitWords(clause.slice(subjStart, subjStart + subj.length));
    const isPronoun = subjWords.length === 1 && /^(?:she|he|they|sie|er)$/u.test(subjWords[0]?.low ?? '');
    const isName = subjWords.length > 0 && subjWords.every((w) => w.cap && s.personish(w));
    if (isPronoun || isName) return result('theirs', m[0].length, { start: subjStart, end: subjStart + subj.length });
  }

  // Follow-ups said anywhere in the clause.
  if (
    wordRe(
      [
        FOLLOW_UP_WORD,
        'check in with',
        'check back',
        'circle back',
        'nachfassen',
        'nachhaken',
        'nachfragen',
        'nachhalten',
        '(?:noch ?mal|wieder) melden',
      ],
      'u',
    ).test(low)
  ) {
    const lead =
      /^(?:(?:and|also|then|so|und|auch|dann)\s+)?(?:i\s+(?:should|need\s+to|must|have\s+to|want\s+to)\s+|(?:need\s+to|should|must|to\s*do:?|todo:?)\s+)?/u.exec(
        low,
      );
    return result('follow-up', lead?.[0].length ?? 0);
  }

  // My own promises without the word: "I'll send …", "ich schicke …".
  const ill = new RegExp(`${LEAD}i(?:['’]ll|\\s+will|['’]m\\s+going\\s+to|\\s+am\\s+going\\s+to|\\s+shall)\\s+`, 'u').exec(low);
  if (ill) return result('mine', ill[0].length);
  const owe = new RegExp(`${LEAD}i\\s+owe\\s+`, 'u').exec(low);
  if (owe) return result('mine', owe[0].length, null, true);
  const ich = new RegExp(`${LEAD}ich\\s+(?=(?:${GERMAN_MINE_VERBS})(?![\\p{L}]))(?:(?:werde|muss|schulde)\\s+)?`, 'u').exec(low);
  if (ich) return result('mine', ich[0].length, null, /schulde\s+$/u.test(ich[0]));
  const will = new RegExp(`${LEAD}will\\s+(?=\\p{L})`, 'u').exec(low);
  if (will) return result('mine', will[0].length);

  return result('touch', 0);
}

// ---------------------------------------------------------------------------
// Touch details

function detectKind(text: string): TouchKind | null {
  const low = lowerKeepLength(text);
  for (const [kind, words] of KIND_WORDS) if (wordRe(words, 'u').test(low)) return kind;
  return null;
}

function detectChannel(text: string, kind: TouchKind): Channel | null {
  const low = lowerKeepLength(text);
  if (kind === 'coffee' || kind === 'event') return KIND_CHANNEL[kind];
  for (const [channel, words] of CHANNEL_WORDS) if (wordRe(words, 'u').test(low)) return channel;
  return KIND_CHANNEL[kind];
}

function detectInitiator(text: string): Initiator {
  const low = lowerKeepLength(text);
  const them = wordRe(THEM_INITIATED, 'u').exec(low);
  if (!them) return 'me';
  const me = wordRe(ME_INITIATED, 'u').exec(low);
  return me && me.index < them.index ? 'me' : 'them';
}

const MEDIUM_AFTER_ANCHOR_RE =
  /^\s*(?:zoom|slack|meet|teams|linkedin|twitter|discord|signal|whatsapp|telefon|das telefon|e-?mail|mail|video)(?![\p{L}])/u;

/** The topic span of a clause: from "about"/"re"/"über" to a date, a stop word or the end. */
function findTopic(clause: string, dates: Range[]): { anchor: Range; text: Range } | null {
  const low = lowerKeepLength(clause);
  for (const m of low.matchAll(wordRe(TOPIC_ANCHORS))) {
    const start = m.index + m[0].length;
    if (MEDIUM_AFTER_ANCHOR_RE.test(low.slice(start))) continue;
    if (dates.some((d) => d.start <= m.index && m.index < d.end)) continue;
    let end = clause.length;
    for (const d of dates) if (d.start >= start && d.start < end) end = d.start;
    const stop = wordRe(TOPIC_STOPS, 'u').exec(low.slice(start));
    if (stop) end = Math.min(end, start + stop.index);
    if (clause.slice(start, end).trim() === '') continue;
    return { anchor: { start: m.index, end: start }, text: { start, end } };
  }
  return null;
}

const TOPIC_DROP_RE = new RegExp(`^(?:(?:${[...TOPIC_LEADING_DROPS, ...TOPIC_ANCHORS].join('|')})\\s+)+`, 'iu');

function splitTopics(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/\s*(?:,|&|\/|(?<![\p{L}])(?:and|und|sowie)(?![\p{L}]))\s*/u)) {
    const t = tidy(part.trim().replace(TOPIC_DROP_RE, ''));
    if (t !== '' && /[\p{L}\p{N}]/u.test(t) && !out.some((o) => fold(o) === fold(t))) out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The parse

interface Piece {
  text: string;
  cls: Classified;
}

/**
 * Parses one line of quick capture into a touchpoint, commitments and follow-ups.
 * Never throws on any text; throws `invalid_input` only when `ctx.today` is not a day.
 */
export function parseCapture(text: string, ctx: CaptureContext): CaptureResult {
  if (!isDay(ctx.today)) throw invalidField('today', `expected YYYY-MM-DD, got "${ctx.today}"`);
  const today = ctx.today;
  const s = new Session(ctx.contacts);

  let input = String(text ?? '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
  if (input.length > MAX_CAPTURE_LENGTH) {
    input = input.slice(0, MAX_CAPTURE_LENGTH);
    s.issue(`The text is longer than ${MAX_CAPTURE_LENGTH} characters; only the start was read.`);
  }
  input = input.replace(/(?<![\p{L}])w\/\s*/giu, 'with ');
  const language = detectLanguage(input);

  const pieces: Piece[] = splitClauses(input).map((c) => ({ text: c.text, cls: classify(s, c.text) }));
  const touchLike = pieces.filter((p) => p.cls.kind === 'touch');
  const anchorRe = new RegExp(`(?<![\\p{L}])(?:${STRONG_PERSON_ANCHORS.join('|')})(?![\\p{L}])`, 'iu');
  const touchPiece = touchLike.find((p) => detectKind(p.text) !== null || anchorRe.test(p.text)) ?? touchLike[0];
  const notePieces = touchLike.filter((p) => p !== touchPiece);

  // People and dates of the touch and its notes.
  let occurredOn: Day | null = null;
  let dateIsInFuture = false;
  const topics: string[] = [];
  let summaryParts: string[] = [];
  let kind: TouchKind | null = null;
  const kindTexts: string[] = [];
  const touchClauses = touchPiece ? [touchPiece, ...notePieces] : [];
  const clauseWords = new Map<Piece, Word[]>();

  for (const p of touchClauses) {
    const words = splitWords(p.text);
    const protectedRanges = protectedNameRanges(s, words);
    const dates = findDates(p.text, today, language, 'past', protectedRanges);
    markZone(words, dates, 'date');
    const topic = findTopic(p.text, dates);
    if (topic) {
      markZone(words, [topic.anchor, topic.text], 'topic');
      for (const t of splitTopics(p.text.slice(topic.text.start, topic.text.end)))
        if (!topics.some((o) => fold(o) === fold(t))) topics.push(t);
    }
    const first = dates[0];
    if (occurredOn === null && first) {
      occurredOn = first.day;
      dateIsInFuture = first.day > today;
    }
    clauseWords.set(p, words);
    kindTexts.push(cutRanges(p.text, [...dates, ...(topic ? [topic.anchor, topic.text] : [])]));
    const summary = cutRanges(
      p.text,
      dates.map((d) => ({ start: d.cutStart, end: d.end })),
    );
    if (summary !== '') summaryParts.push(summary);
  }
  for (const p of touchClauses) findPeopleAnchored(s, p.text, clauseWords.get(p) ?? []);
  for (const p of touchClauses) {
    for (const hit of findKnownNames(s, clauseWords.get(p) ?? [])) {
      recordName(s, p.text, hit.words, hit.matches, false);
      for (const w of hit.words) w.used = true;
    }
  }
  for (const t of kindTexts) {
    kind = detectKind(t);
    if (kind !== null) break;
  }

  let touchpoint: CaptureResult['touchpoint'] = null;
  if (touchPiece && (kind !== null || s.participants.length > 0 || s.unresolved.length > 0)) {
    const k = kind ?? 'other';
    if (occurredOn === null) {
      occurredOn = today;
      s.issue(`No date found; used today (${today}).`);
    } else if (dateIsInFuture) {
      s.issue(`The touch date ${occurredOn} is in the future.`);
    }
    summaryParts = summaryParts.map(capitalise);
    const joined = touchClauses.map((p) => p.text).join(' ');
    touchpoint = {
      kind: k,
      occurredOn,
      participantIds: [...s.participants],
      topics,
      summary: summaryParts.join('. ') || capitalise(k),
      initiatedBy: detectInitiator(joined),
      channel: detectChannel(kindTexts.join(' '), k),
    };
    if (s.participants.length === 0 && s.unresolved.length === 0) s.issue('No person found for this touch.');
  } else if (touchPiece) {
    s.issue(`Nothing recognised in "${touchPiece.text}": no kind of touch and no person.`);
  }

  // Promises and follow-ups.
  const commitments: CaptureResult['commitments'] = [];
  const followUps: CaptureResult['followUps'] = [];
  for (const p of pieces) {
    if (p.cls.kind === 'touch') continue;
    const words = splitWords(p.text);
    const dates = findDates(p.text, today, language, 'future', protectedNameRanges(s, words));
    markZone(words, dates, 'date');
    const due = dates.find((d) => d.deadline) ?? dates[0];
    let restStart = p.cls.restStart;
    if (p.cls.stripPerson) restStart = skipPersonWords(s, words, restStart);
    const cuts: Range[] = dates.map((d) => ({ start: d.cutStart, end: d.end }));
    let body = cutRanges(p.text.slice(restStart), cuts, restStart);
    if (body === '') body = cutRanges(p.text, cuts);
    const contact = promiseContact(s, p, words);
    const what = p.cls.kind === 'follow-up' ? 'follow-up' : 'promise';
    if (contact === null) continue;
    if (due && due.day < today) s.issue(`The due date ${due.day} of "${body}" is in the past.`);
    if (p.cls.kind === 'follow-up') {
      followUps.push({ contactId: contact, text: body, dueOn: due?.day ?? null });
      if (!due) s.issue(`No due date for the ${what} "${body}".`);
    } else {
      commitments.push({
        contactId: contact,
        direction: p.cls.kind === 'theirs' ? 'theirs' : 'mine',
        text: body,
        dueOn: due?.day ?? null,
      });
      if (!due) s.issue(`No due date for the ${what} "${body}".`);
    }
  }

  return { language, touchpoint, commitments, followUps, unresolved: s.unresolved, issues: s.issues };
}

/** Ranges of words that spell a known contact's full name, so `April Jones` is not read as a date. */
function protectedNameRanges(s: Session, words: Word[]): Range[] {
  const out: Range[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let len = Math.min(4, words.length - i); len >= 2; len--) {
      const run = words.slice(i, i + len);
      if (!run.every((w) => w.cap)) continue;
      const key = run.flatMap((w) => tokens(w.text)).join(' ');
      if (s.index.some((c) => c.fullKeys.has(key))) {
        const first = run[0];
        const last = run[run.length - 1];
        if (first && last) out.push({ start: first.start, end: last.end });
        i += len - 1;
        break;
      }
    }
  }
  return out;
}

const OBJECT_PRONOUNS = new Set(['her', 'him', 'them', 'ihr', 'ihm', 'ihnen', 'ihn']);

/** Moves past a pronoun or a name at the start of a promise: `I owe her a beer` → `a beer`. */
function skipPersonWords(s: Session, words: Word[], from: number): number {
  let pos = from;
  let taken = 0;
  for (const w of words) {
    if (w.start < from) continue;
    if (taken >= 4) break;
    if (PERSON_PRONOUNS.has(w.low) && taken === 0) return w.end;
    if (w.zone === null && (w.cap || w.email) && s.personish(w)) {
      pos = w.end;
      taken++;
      continue;
    }
    break;
  }
  return pos;
}

/** The contact a promise or follow-up belongs to; null (and reported) when it cannot be told. */
function promiseContact(s: Session, p: Piece, words: Word[]): Id | null {
  const named = findKnownNames(s, words);
  const body = p.text;
  const ids: Id[] = [];
  const ambiguous: IndexedContact[][] = [];
  for (const hit of named) {
    const narrowed = s.narrow(hit.matches);
    const only = narrowed[0];
    if (narrowed.length === 1 && only) {
      if (!ids.includes(only.contact.id)) ids.push(only.contact.id);
    } else ambiguous.push(narrowed);
  }
  const inTouch = ids.filter((id) => s.participants.includes(id));
  // "I owe him an intro to Łukasz" after a touch with Ben: the pronoun is Ben, Łukasz is the object.
  const single = s.participants.length === 1 ? s.participants[0] : undefined;
  if (single !== undefined && inTouch.length === 0 && words.some((w) => OBJECT_PRONOUNS.has(w.low))) return single;
  if (ids.length === 1 && ids[0] !== undefined) return ids[0];
  if (ids.length > 1) {
    if (inTouch.length === 1 && inTouch[0] !== undefined) return inTouch[0];
    s.addUnresolved(
      body,
      s.index.filter((c) => ids.includes(c.contact.id)),
    );
    s.issue(`"${body}" names several people; say which one it is for.`);
    return null;
  }
  const amb = ambiguous[0];
  if (amb) {
    const hitWords = named.find((h) => s.narrow(h.matches) === amb)?.words ?? [];
    s.addUnresolved(hitWords.length > 0 ? spanText(body, hitWords) : body, amb);
    return null;
  }
  // An unknown name as the subject of their promise: "Zed will send me the deck".
  if (p.cls.subject) {
    const subjText = body.slice(p.cls.subject.start, p.cls.subject.end);
    if (!/^(?:she|he|they|sie|er)$/iu.test(subjText.trim())) {
      s.addUnresolved(subjText.trim(), []);
      return null;
    }
  }
  const only = s.participants[0];
  if (s.participants.length === 1 && only !== undefined) return only;
  if (s.participants.length > 1) {
    s.addUnresolved(
      body,
      s.index.filter((c) => s.participants.includes(c.contact.id)),
    );
    s.issue(`"${body}": who is it for? The touch has ${s.participants.length} people; name one.`);
    return null;
  }
  const open = s.unresolved.filter((u) => u.text !== body).map((u) => `"${u.text}"`);
  s.issue(
    open.length > 0
      ? `"${body}" was not saved: first say who ${open.join(', ')} is.`
      : `"${body}" was not saved: no known person to attach it to.`,
  );
  return null;
}
