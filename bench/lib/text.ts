/**
 * Notes, summaries and other free text for the benchmark, built from sentence
 * templates whose slots are filled from Zipf-ranked vocabularies. Every piece that a
 * touchpoint's text contains is also reported to the Lexicon, so term frequencies are
 * known exactly without reading the text back.
 */
import type { TouchKind } from '../../src/core/types.js';
import type { Lexicon } from './lexicon.js';
import { CULTURES, nameForms } from './names.js';
import { RankedList, type Rng } from './prng.js';
import {
  ADJECTIVES,
  BOOKS,
  CITIES,
  COMPANIES,
  EVENTS,
  HOBBIES,
  TECHNOLOGIES,
  TITLES,
  TOPICS,
  projectCodeNames,
} from './vocab.js';

type Slot =
  | 'tech'
  | 'tech2'
  | 'topic'
  | 'topic2'
  | 'hobby'
  | 'hobby2'
  | 'city'
  | 'event'
  | 'book'
  | 'project'
  | 'company'
  | 'title'
  | 'person'
  | 'adj'
  | 'n'
  | 'year'
  | 'their'
  | 'theirproject'
  | 'theirtech';

interface SlotRef {
  slot: Slot;
}

interface Template {
  parts: Array<string | SlotRef>;
  /** Words in the literal parts (slots and literals never glue two words together). */
  literalWords: number;
  /** Token ids of the literal parts, counted once per use. */
  literalIds: Int32Array[];
}

const EN_TEMPLATES = [
  'Talked about {topic} and how their team uses {tech}.',
  '{their} is thinking about moving to {city} next year.',
  'Caught up on {theirproject}, their side project in {theirtech}; it just got its first outside contributor.',
  'They recommended {book}, worth reading before the next chat.',
  'Met at {event} in {city}; we spent an hour in the hallway track talking {topic}.',
  'Asked for feedback on a {tech} migration away from {tech2}.',
  'Promised to send the slides on {topic} and a link about {tech}.',
  'They are hiring for {tech} and {topic}; might know someone from {company}.',
  'Weekend plans: {hobby}, then more {hobby2}.',
  'Struggling with {topic} at {company}; the {tech} setup is fragile.',
  'Shared notes from {event}: the {topic} talk was the {adj} highlight.',
  'We reviewed a pull request for {project} that adds {tech} support.',
  'Quick {adj} chat, mostly about {hobby} and {city}.',
  'Introduced them to someone who works on {project} and knows {tech} well.',
  'Follow up in {n} weeks about {topic}.',
  'Their goal this year is to speak at {event} about {topic}.',
  'Mentioned a {adj} blog post comparing {tech} with {tech2}.',
  'Got into {hobby} during a sabbatical and still loves it.',
  'Could help with {topic}; looking for a co-founder for {theirproject}.',
  'Just started at {company} as {title}.',
  'Sent them the article on {tech} and {topic} I mentioned.',
  'Reading {book} at the moment and enjoying it.',
  'We disagreed, in a friendly way, about {topic} versus {topic2}.',
  'The {project} repo now has {n} hundred stars and a {tech} rewrite in progress.',
  'Said thanks for the intro to {person} from {company}.',
  'Planning a trip to {city} for {event} {year}.',
  'From what I remember, they prefer {tech} for anything involving {topic}.',
  '{their} asked how we handle {topic} with {tech}.',
  'A {adj} conversation about {topic}, {topic2} and {hobby}.',
  'Still maintains {theirproject}; considering moving it from {tech} to {tech2}.',
  'Worth pinging again when {project} ships.',
  'Loved hearing about {hobby} in {city}.',
  'Their manager at {company} is leaving; they may look around.',
  'Recommended me to {person} for a talk on {topic}.',
];

const DE_TEMPLATES = [
  'Über {topic} gesprochen und wie ihr Team {tech} einsetzt.',
  '{their} überlegt, nächstes Jahr nach {city} zu ziehen.',
  'Auf der {event} in {city} getroffen und lange über {topic} geredet.',
  'Hat {book} empfohlen, unbedingt lesen.',
  'Am Wochenende: {hobby}, danach noch mehr {hobby2}.',
  'Sucht Unterstützung bei {topic}; das Nebenprojekt {theirproject} läuft mit {theirtech}.',
  'Versprochen, die Folien zu {topic} zu schicken.',
  'Kurzes Gespräch über {hobby} und {city}, sehr {adj}.',
  'Bei {company} wird gerade für {tech} eingestellt.',
  'In {n} Wochen wegen {topic} nachfassen.',
];

const SUMMARIES: Record<TouchKind, string[]> = {
  coffee: ['Coffee in {city}', 'Coffee about {topic}', 'Coffee: {theirproject} and {tech}'],
  video: ['Video call about {topic}', 'Video call: {tech} questions', 'Catch-up call about {theirproject}'],
  call: ['Call about {project}', 'Phone call re {topic}', 'Quick call about {company}'],
  dm: ['DM about {tech}', 'Chat about {topic}', 'Messages about {event}'],
  email: [
    '{topic} and {tech}',
    'Update on {theirproject}',
    'Question about {tech}',
    'Slides from {event}',
    'Intro: {person} at {company}',
  ],
  event: ['Met at {event} {year}', 'Saw them at {event} in {city}', '{event} hallway track'],
  comment: ['Commented on their post about {topic}', 'Replied to their thread on {tech}'],
  'code-review': ['Reviewed a PR for {project}', 'Code review: {theirproject}', 'Reviewed their {tech} change'],
  mentoring: ['Mentoring session: {topic}', 'Mentoring: {tech} career questions'],
  intro: ['Intro to {person} ({company})', 'Introduced them to {person}'],
  'shout-out': ['Shout-out for {theirproject}', 'Public thanks for the {topic} talk'],
  other: ['{hobby} together', 'Ran into them in {city}'],
};

/** What a contact's notes can refer to. */
export interface TextContext {
  given: string;
  project: string;
  tech: string;
  german: boolean;
}

/** One generated note. */
export interface Note {
  text: string;
  sentences: string[];
  words: number;
  /** Up to three of the technologies, topics, projects and events it names. */
  topics: string[];
}

const WORD_RE = /[\p{L}\p{N}]/u;

/** Words as the benchmark counts them: whitespace-separated chunks with a letter or digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const chunk of text.split(/\s+/)) if (WORD_RE.test(chunk)) n++;
  return n;
}

function compile(src: string, lex: Lexicon): Template {
  const parts: Array<string | SlotRef> = [];
  const re = /\{([a-z0-9]+)\}/g;
  let at = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m.index > at) parts.push(src.slice(at, m.index));
    const name = m[1] ?? '';
    if (!isSlot(name)) throw new Error(`unknown slot {${name}} in "${src}"`);
    parts.push({ slot: name });
    at = m.index + m[0].length;
  }
  if (at < src.length) parts.push(src.slice(at));
  const literalIds = parts.filter((p): p is string => typeof p === 'string').map((p) => lex.piece(p));
  const literalWords = parts.reduce((n, p) => n + (typeof p === 'string' ? countWords(p) : 0), 0);
  return { parts, literalIds, literalWords };
}

const SLOTS = new Set<string>([
  'tech',
  'tech2',
  'topic',
  'topic2',
  'hobby',
  'hobby2',
  'city',
  'event',
  'book',
  'project',
  'company',
  'title',
  'person',
  'adj',
  'n',
  'year',
  'their',
  'theirproject',
  'theirtech',
]);
function isSlot(p: string): p is Slot {
  return SLOTS.has(p);
}

/** The Zipf-ranked vocabularies of one dataset (the code names depend on the seed). */
export class Vocabulary {
  readonly tech = new RankedList(TECHNOLOGIES, 1.05);
  readonly topic = new RankedList(TOPICS, 1);
  readonly hobby = new RankedList(HOBBIES, 1);
  readonly city = new RankedList(CITIES, 1.1);
  readonly event = new RankedList(EVENTS, 1);
  readonly book = new RankedList(BOOKS, 1);
  readonly company = new RankedList(COMPANIES, 0.9);
  readonly title = new RankedList(TITLES, 1);
  readonly adj = new RankedList(ADJECTIVES, 0.8);
  readonly person: RankedList<string>;
  readonly project: RankedList<string>;
  readonly codeNames: readonly string[];

  constructor(seed: string, codeNameCount = 3000) {
    const avoid = new Set<string>();
    for (const list of [TECHNOLOGIES, TOPICS, HOBBIES, EVENTS, BOOKS, COMPANIES, CITIES]) {
      for (const s of list) for (const w of s.toLowerCase().split(/\s+/)) avoid.add(w);
    }
    this.codeNames = projectCodeNames(seed, codeNameCount, avoid);
    this.project = new RankedList(this.codeNames, 1);
    const people: string[] = [];
    for (const c of CULTURES) for (const g of c.given) people.push(nameForms(g).script);
    this.person = new RankedList(people, 0.7);
  }
}

/** Writes notes and summaries, reporting what touchpoint text contains to the Lexicon. */
export class TextMaker {
  private readonly en: Template[];
  private readonly de: Template[];
  private readonly summaries: Record<TouchKind, Template[]>;
  private counting = false;
  private topics: string[] = [];
  private words = 0;
  /** Token ids of the sentence being written: counted only once it is kept. */
  private pending: Int32Array[] = [];
  private readonly wordCache = new Map<string, number>();
  private readonly last: Partial<Record<Slot, string>> = {};

  constructor(
    readonly vocab: Vocabulary,
    private readonly lex: Lexicon,
  ) {
    this.en = EN_TEMPLATES.map((t) => compile(t, lex));
    this.de = DE_TEMPLATES.map((t) => compile(t, lex));
    this.summaries = Object.fromEntries(
      Object.entries(SUMMARIES).map(([k, list]) => [k, list.map((t) => compile(t, lex))]),
    ) as Record<TouchKind, Template[]>;
  }

  private fill(slot: Slot, rng: Rng, ctx: TextContext): string {
    const v = this.vocab;
    let value: string;
    let topical = false;
    switch (slot) {
      case 'tech':
        value = v.tech.draw(rng);
        topical = true;
        break;
      case 'tech2':
        value = this.other(v.tech, rng, this.last.tech);
        topical = true;
        break;
      case 'topic':
        value = v.topic.draw(rng);
        topical = true;
        break;
      case 'topic2':
        value = this.other(v.topic, rng, this.last.topic);
        topical = true;
        break;
      case 'hobby':
        value = v.hobby.draw(rng);
        break;
      case 'hobby2':
        value = this.other(v.hobby, rng, this.last.hobby);
        break;
      case 'city':
        value = v.city.draw(rng);
        break;
      case 'event':
        value = v.event.draw(rng);
        topical = true;
        break;
      case 'book':
        value = v.book.draw(rng);
        break;
      case 'project':
        value = v.project.draw(rng);
        topical = true;
        break;
      case 'company':
        value = v.company.draw(rng);
        break;
      case 'title':
        value = v.title.draw(rng);
        break;
      case 'person':
        value = v.person.draw(rng);
        break;
      case 'adj':
        value = v.adj.draw(rng);
        break;
      case 'n':
        value = String(rng.int(2, 9));
        break;
      case 'year':
        value = String(rng.int(2023, 2026));
        break;
      case 'their':
        value = ctx.given;
        break;
      case 'theirproject':
        value = ctx.project;
        topical = true;
        break;
      case 'theirtech':
        value = ctx.tech;
        topical = true;
        break;
    }
    this.last[slot] = value;
    if (this.counting) this.pending.push(this.lex.piece(value));
    let w = this.wordCache.get(value);
    if (w === undefined) {
      w = countWords(value);
      if (this.wordCache.size < 100_000) this.wordCache.set(value, w);
    }
    this.words += w;
    if (topical && this.topics.length < 3 && !this.topics.includes(value)) this.topics.push(value);
    return value;
  }

  /** A draw that differs from `prev` (a second technology in one sentence should be another one). */
  private other(list: RankedList<string>, rng: Rng, prev: string | undefined): string {
    let value = list.draw(rng);
    for (let k = 0; k < 8 && value === prev; k++) value = list.draw(rng);
    return value;
  }

  private render(t: Template, rng: Rng, ctx: TextContext): string {
    if (this.counting) for (const ids of t.literalIds) this.pending.push(ids);
    this.words += t.literalWords;
    let out = '';
    for (const p of t.parts) out += typeof p === 'string' ? p : this.fill(p.slot, rng, ctx);
    // "Acme, Inc." at the end of a sentence.
    return out.includes('..') ? out.replace(/\.\.(?!\.)/g, '.') : out;
  }

  /** Sentences until a word count between `min` and `max` (drawn towards the middle). */
  private sentences(rng: Rng, ctx: TextContext, min: number, max: number, pool: Template[]): Note {
    const target = min + Math.floor((max - min + 1) * Math.pow(rng.next(), 0.75));
    const sentences: string[] = [];
    let words = 0;
    while (words < target) {
      this.words = 0;
      this.pending = [];
      const s = this.render(rng.pick(pool), rng, ctx);
      const w = this.words;
      if (words >= min && words + w > max) break;
      this.commit();
      // A sentence that would overshoot before the minimum is reached cannot happen: sentences are < 30 words.
      sentences.push(s);
      words += w;
    }
    return { text: sentences.join(' '), sentences, words, topics: [] };
  }

  private commit(): void {
    if (this.counting) for (const ids of this.pending) this.lex.add(ids);
    this.pending = [];
  }

  /** A touchpoint: its summary and notes (20–80 words), counted as one search document. */
  touch(rng: Rng, kind: TouchKind, ctx: TextContext): { summary: string; note: Note } {
    this.counting = true;
    this.topics = [];
    this.lex.beginDoc();
    this.pending = [];
    const summary = this.render(rng.pick(this.summaries[kind]), rng, ctx);
    this.commit();
    const pool = ctx.german && rng.chance(0.3) ? this.de : this.en;
    const note = this.sentences(rng, ctx, 20, 80, pool);
    note.topics = this.topics;
    this.counting = false;
    return { summary, note };
  }

  /** Free text that is not a touchpoint (contact notes, commitments): not counted. */
  prose(rng: Rng, ctx: TextContext, min: number, max: number): Note {
    this.counting = false;
    this.topics = [];
    const note = this.sentences(rng, ctx, min, max, ctx.german && rng.chance(0.3) ? this.de : this.en);
    note.topics = this.topics;
    return note;
  }

  /** One template rendered without counting, e.g. `Send {their} the article on {tech}`. */
  phrase(template: string, rng: Rng, ctx: TextContext): string {
    this.counting = false;
    this.topics = [];
    return template.replace(/\{([a-z0-9]+)\}/g, (_, s: string) => (isSlot(s) ? this.fill(s, rng, ctx) : s));
  }
}
