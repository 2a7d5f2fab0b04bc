/**
 * Matching people, needs and resources by what they are about (P1, P5, P6):
 * who would care about a resource or a post, which introductions make sense,
 * which resources suit one contact. Text is compared as folded keywords with
 * stop words (English and German) removed; a word also matches its
 * inflections (`mentor` ~ `mentoring`, `project` ~ `projects`, `hire` ~ `hiring`).
 */
import { STOP_WORDS } from './phrases.js';
import { fold, tokens } from './text-fold.js';
import type { Id, Topic, TopicKind } from './types.js';

/**
 * Words that say a need or an offer exists but not what it is about: "advice on
 * hiring" and "advice on fundraising" must not be matched on "advice".
 */
// prettier-ignore
const MATCH_NOISE: ReadonlySet<string> = new Set([
  'help', 'helping', 'advice', 'tips', 'feedback', 'someone', 'somebody', 'people', 'person', 'looking', 'need',
  'needs', 'find', 'finding', 'good', 'great', 'better', 'best', 'things', 'thing', 'stuff', 'work', 'working',
  'general', 'intro', 'introduction', 'introductions', 'contact', 'contacts', 'hilfe', 'rat', 'tipps', 'jemand',
  'jemanden', 'suche', 'sucht', 'leute', 'gute', 'guten',
]);

/** Folded keywords of a text: no stop words, no bare numbers, each once, in order of appearance. */
export function keywords(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of tokens(text)) {
    if (STOP_WORDS.has(t) || /^\p{N}+$/u.test(t) || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
}

/** Keywords that carry meaning for matching needs, offers and interests. */
function matchKeywords(text: string | null | undefined): string[] {
  return keywords(text).filter((t) => !MATCH_NOISE.has(t));
}

// Endings that inflect a word without changing what it is about (English and German plurals, -ing, -ed).
// Deliberately no -er: `engine` and `engineers` are different things.
const INFLECTIONS = ['s', 'es', 'e', 'n', 'en', 'ing', 'ings', 'ed', 'd'];

/** True when two folded words are the same word or one is an inflection of the other (`mentor` ~ `mentoring`). */
export function sameTerm(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 3) return false;
  const stems = short.endsWith('e') ? [short, short.slice(0, -1)] : [short];
  return stems.some((stem) => long.startsWith(stem) && INFLECTIONS.includes(long.slice(stem.length)));
}

/** The terms of `a` that also occur (as the same term) in `b`. */
export function sharedTerms(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((x) => b.some((y) => sameTerm(x, y)));
}

export interface ResourceLike {
  title: string;
  topics: string[];
  notes?: string | null;
}

export interface MatchContact {
  id: Id;
  name: string;
  topics: Topic[];
  tags: string[];
  notes?: string | null;
}

export interface ContactMatch {
  contactId: Id;
  name: string;
  /** Weighted count of shared terms; higher is a better fit. Only positive scores are returned. */
  score: number;
  /** Why, for a person: "Interested in Rust", "Tagged “wasm”". */
  reasons: string[];
}

/**
 * How much a matched term in each part of a contact's record counts. Someone
 * looking for it cares most; someone who can already help with it least.
 */
export const TOPIC_WEIGHTS: Record<TopicKind, number> = {
  'looking-for': 1.5,
  interest: 1,
  goal: 1,
  'side-project': 1,
  challenge: 1,
  'can-help': 0.5,
};
const TAG_WEIGHT = 0.8;
const NOTES_WEIGHT = 0.3;
const NOTES_MAX_TERMS = 3;

const TOPIC_REASON: Record<TopicKind, (text: string) => string> = {
  interest: (t) => `Interested in ${t}`,
  goal: (t) => `Goal: ${t}`,
  'side-project': (t) => `Side project: ${t}`,
  challenge: (t) => `Challenge: ${t}`,
  'can-help': (t) => `Can help with ${t}`,
  'looking-for': (t) => `Looking for ${t}`,
};

interface Fit {
  score: number;
  reasons: string[];
}

/** How well a bag of resource terms fits one person's topics, tags and notes. */
function fit(terms: readonly string[], person: { topics: Topic[]; tags?: string[]; notes?: string | null }): Fit {
  let score = 0;
  const reasons: string[] = [];
  if (terms.length === 0) return { score, reasons };
  for (const topic of person.topics) {
    const shared = sharedTerms(matchKeywords(topic.text), terms);
    if (shared.length === 0) continue;
    score += (TOPIC_WEIGHTS[topic.kind] ?? 1) * shared.length;
    reasons.push(TOPIC_REASON[topic.kind]?.(topic.text.trim()) ?? topic.text.trim());
  }
  for (const tag of person.tags ?? []) {
    const shared = sharedTerms(matchKeywords(tag), terms);
    if (shared.length === 0) continue;
    score += TAG_WEIGHT * shared.length;
    reasons.push(`Tagged “${tag.trim()}”`);
  }
  const inNotes = sharedTerms(matchKeywords(person.notes), terms).slice(0, NOTES_MAX_TERMS);
  if (inNotes.length > 0) {
    score += NOTES_WEIGHT * inNotes.length;
    reasons.push(`Notes mention ${inNotes.join(', ')}`);
  }
  return { score: Math.round(score * 100) / 100, reasons: [...new Set(reasons)] };
}

function resourceTerms(r: ResourceLike): string[] {
  return matchKeywords([r.title, ...r.topics, r.notes ?? ''].join(' \n '));
}

/** Folded name order, then id, so equal names still sort the same way every time. */
function compareNames(a: { name: string; id: string }, b: { name: string; id: string }): number {
  const an = fold(a.name);
  const bn = fold(b.name);
  if (an !== bn) return an < bn ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function byScoreThenName(a: { score: number; name: string; id: string }, b: { score: number; name: string; id: string }): number {
  return b.score - a.score || compareNames(a, b);
}

/** Contacts who would care about a resource, best fit first, each with the reasons. */
export function matchResourceToContacts(resource: ResourceLike, contacts: readonly MatchContact[]): ContactMatch[] {
  const terms = resourceTerms(resource);
  const out: Array<ContactMatch & { id: string }> = [];
  for (const c of contacts) {
    const f = fit(terms, c);
    if (f.score > 0) out.push({ contactId: c.id, id: c.id, name: c.name, score: f.score, reasons: f.reasons });
  }
  return out.sort(byScoreThenName).map(({ contactId, name, score, reasons }) => ({ contactId, name, score, reasons }));
}

/** Contacts a new post would interest (P1): the post's title, summary and topics against their record. */
export function whoWouldCare(
  post: { title: string; summary?: string | null; topics: string[] },
  contacts: readonly MatchContact[],
): ContactMatch[] {
  return matchResourceToContacts({ title: post.title, topics: post.topics, notes: post.summary ?? '' }, contacts);
}

export interface RankedResource<R> {
  resource: R;
  score: number;
  reasons: string[];
}

/** Resources that suit one contact's interests, best fit first; resources that fit nothing are left out. */
export function resourcesForContact<R extends ResourceLike>(
  contact: { topics: Topic[]; tags?: string[]; notes?: string | null },
  resources: readonly R[],
): RankedResource<R>[] {
  const ranked = resources
    .map((resource, index) => ({ resource, index, ...fit(resourceTerms(resource), contact) }))
    .filter((r) => r.score > 0);
  ranked.sort((a, b) => b.score - a.score || a.index - b.index);
  return ranked.map(({ resource, score, reasons }) => ({ resource, score, reasons }));
}

export interface IntroCandidate {
  id: Id;
  name: string;
  topics: Topic[];
}

export interface IntroSuggestion {
  /** The person whose need drives the suggestion (the better-matching direction). */
  aId: Id;
  aName: string;
  bId: Id;
  bName: string;
  /** Shared terms across both directions; higher is a stronger match. */
  score: number;
  /** The strongest direction as a sentence: "Anna is looking for a Rust mentor; Ben can help with Rust mentoring". */
  reason: string;
  /** One sentence per direction that matched (one or two). */
  reasons: string[];
}

interface NeedMatch {
  shared: number;
  reason: string;
}

/** The best match of `seeker`'s looking-for topics against `helper`'s can-help topics. */
function bestNeed(seeker: IntroCandidate, helper: IntroCandidate): NeedMatch | null {
  let best: NeedMatch | null = null;
  for (const need of seeker.topics) {
    if (need.kind !== 'looking-for') continue;
    const needTerms = matchKeywords(need.text);
    for (const offer of helper.topics) {
      if (offer.kind !== 'can-help') continue;
      const shared = sharedTerms(needTerms, matchKeywords(offer.text)).length;
      if (shared > 0 && (best === null || shared > best.shared)) {
        best = {
          shared,
          reason: `${seeker.name} is looking for ${need.text.trim()}; ${helper.name} can help with ${offer.text.trim()}`,
        };
      }
    }
  }
  return best;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * Introductions worth proposing (P6): pairs where one's `looking-for` matches the
 * other's `can-help`, in either direction. One suggestion per pair, never a
 * person with themselves, and none for pairs in `existing` (already introduced,
 * in either order). Strongest first, then by names.
 */
export function suggestIntroductions(
  contacts: readonly IntroCandidate[],
  existing: ReadonlyArray<{ aId: Id; bId: Id }> = [],
): IntroSuggestion[] {
  const done = new Set(existing.map((p) => pairKey(p.aId, p.bId)));
  const unique: IntroCandidate[] = [];
  const seenIds = new Set<string>();
  for (const c of contacts) {
    if (seenIds.has(c.id)) continue;
    seenIds.add(c.id);
    unique.push(c);
  }
  // Only people with a need or an offer can be part of a pair; skip the rest early.
  const relevant = unique.filter((c) => c.topics.some((t) => t.kind === 'looking-for' || t.kind === 'can-help'));
  const out: IntroSuggestion[] = [];
  for (let i = 0; i < relevant.length; i++) {
    for (let j = i + 1; j < relevant.length; j++) {
      const x = relevant[i]!;
      const y = relevant[j]!;
      if (done.has(pairKey(x.id, y.id))) continue;
      const xNeeds = bestNeed(x, y);
      const yNeeds = bestNeed(y, x);
      if (!xNeeds && !yNeeds) continue;
      // The stronger direction leads; on a tie, the one whose name sorts first.
      const xLeads =
        yNeeds === null ||
        (xNeeds !== null && (xNeeds.shared !== yNeeds.shared ? xNeeds.shared > yNeeds.shared : compareNames(x, y) <= 0));
      const [a, b, lead, other] = xLeads ? [x, y, xNeeds!, yNeeds] : [y, x, yNeeds!, xNeeds];
      out.push({
        aId: a.id,
        aName: a.name,
        bId: b.id,
        bName: b.name,
        score: lead.shared + (other?.shared ?? 0),
        reason: lead.reason,
        reasons: other ? [lead.reason, other.reason] : [lead.reason],
      });
    }
  }
  return out.sort(
    (p, q) =>
      q.score - p.score ||
      compareNames({ name: p.aName, id: p.aId }, { name: q.aName, id: q.aId }) ||
      compareNames({ name: p.bName, id: p.bId }, { name: q.bName, id: q.bId }),
  );
}
