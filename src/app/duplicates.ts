/**
 * `contact/duplicates`: contacts that are probably one person. Suggestions only:
 * `kith contact merge` joins them when the user agrees.
 *
 * Linear-ish by blocking: contacts are grouped by identity keys and by name tokens
 * (folded and transliterated, so `Zoe Mueller` meets `Zoë Müller`), and only
 * contacts in the same block are compared. Very common tokens form blocks too large
 * to be useful and are passed over; the family-name block still catches those pairs.
 */
import { fold, normalizePhone, tokens } from '../core/text-fold.js';
import type { Contact, Id } from '../core/types.js';
import { canonicalToken, identityKey } from './import/contact-index.js';
import type { Ctx } from './ports.js';

export interface DuplicateSuggestion {
  contacts: Array<{ id: Id; name: string; company: string | null }>;
  /** 0–100: how sure kith is that these are one person. */
  score: number;
  reasons: string[];
}

/** Blocks larger than this are too common a token (e.g. a popular given name) to compare pairwise. */
const MAX_BLOCK = 200;

interface Prepared {
  c: Contact;
  tokens: string[];
  given: string | null;
  family: string | null;
  company: string;
  phones: Set<string>;
  topics: Set<string>;
}

function prepare(c: Contact): Prepared {
  const toks = tokens(c.displayName).map(canonicalToken);
  const given = c.givenName ? (tokens(c.givenName).map(canonicalToken)[0] ?? null) : toks.length > 1 ? (toks[0] ?? null) : null;
  const familyToks = c.familyName ? tokens(c.familyName).map(canonicalToken) : [];
  const family = familyToks.length > 0 ? familyToks.join(' ') : toks.length > 1 ? (toks[toks.length - 1] ?? null) : null;
  return {
    c,
    tokens: toks,
    given,
    family,
    company: c.company
      ? fold(c.company)
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .replace(/\b(inc|gmbh|ltd|llc|ag|co|corp|corporation|limited|sa|bv)\b/g, '')
          .trim()
      : '',
    phones: new Set(
      c.identities
        .filter((i) => i.kind === 'phone')
        .map((i) => normalizePhone(i.value))
        .filter((p) => p.replace(/\D/g, '').length >= 6),
    ),
    topics: new Set(c.topics.map((t) => fold(t.text))),
  };
}

/** How alike two names are: `same` (same tokens), `initial` (one gives only an initial), `subset` (one adds a middle name), or null. */
export function nameLikeness(a: string, b: string): 'same' | 'initial' | 'subset' | null {
  const ta = tokens(a).map(canonicalToken);
  const tb = tokens(b).map(canonicalToken);
  if (ta.length === 0 || tb.length === 0) return null;
  const sa = [...ta].sort().join(' ');
  const sb = [...tb].sort().join(' ');
  if (sa === sb) return 'same';
  const abbreviated = (short: string[], long: string[]): 'initial' | 'subset' | null => {
    // "A. Schmidt" ~ "Anna Schmidt": same last token, the other tokens are initials of (or equal to) the other's.
    if (short.length < 2 || short[short.length - 1] !== long[long.length - 1]) return null;
    const restShort = short.slice(0, -1);
    const restLong = long.slice(0, -1);
    if (restShort.length > restLong.length) return null;
    if (!restShort.every((t, i) => (t.length === 1 ? restLong[i]?.startsWith(t) : restLong[i] === t))) return null;
    return restShort.some((t) => t.length === 1) ? 'initial' : 'subset';
  };
  const found = abbreviated(ta, tb) ?? abbreviated(tb, ta);
  if (found) return found;
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  // "Anna Maria Schmidt" ~ "Anna Schmidt"
  if (short.length >= 2 && short.every((t) => long.includes(t))) return 'subset';
  return null;
}

function score(a: Prepared, b: Prepared): { score: number; reasons: string[] } | null {
  const reasons: string[] = [];
  let s = 0;
  const sharedIds = a.c.identities.flatMap((i) => {
    const k = identityKey(i);
    return k && b.c.identities.some((j) => identityKey(j) === k) ? [i.value] : [];
  });
  if (sharedIds.length > 0) {
    reasons.push(`both have ${sharedIds[0]}`);
    s += 90;
  }
  const like = nameLikeness(a.c.displayName, b.c.displayName);
  const sameCompany = !!a.company && a.company === b.company;
  const sharedPhone = [...a.phones].find((p) => b.phones.has(p));
  const sharedTopic = [...a.topics].find((t) => b.topics.has(t));
  if (like) {
    reasons.push(like === 'same' ? 'same name' : like === 'initial' ? 'same name, one with initials' : 'similar name');
    s += like === 'same' ? 50 : 35;
    if (sameCompany) {
      reasons.push(`both at ${a.c.company}`);
      s += 30;
    }
    if (sharedPhone) {
      reasons.push(`share the phone ${sharedPhone}`);
      s += 20;
    }
    if (sharedTopic) {
      reasons.push('share a topic');
      s += 10;
    }
  }
  // A similar name alone is too weak; the same name alone is worth showing.
  if (sharedIds.length === 0 && (!like || (like !== 'same' && !sameCompany && !sharedPhone && !sharedTopic))) return null;
  return { score: Math.min(100, s), reasons };
}

/** Likely duplicates among `contacts`, best first. Pure: no store, no clock. */
export function duplicateSuggestions(contacts: Contact[]): DuplicateSuggestion[] {
  const prepared = contacts.filter((c) => !c.deletedAt).map(prepare);
  const blocks = new Map<string, number[]>();
  const put = (key: string, i: number): void => {
    const b = blocks.get(key);
    if (b) {
      if (b[b.length - 1] !== i) b.push(i);
    } else blocks.set(key, [i]);
  };
  prepared.forEach((p, i) => {
    for (const id of p.c.identities) {
      const k = identityKey(id);
      if (k) put(`id:${k}`, i);
    }
    if (p.family) put(`family:${p.family}`, i);
    // The last token also blocks, for names written family-first or without a family name field.
    const lastTok = p.tokens[p.tokens.length - 1];
    if (lastTok && lastTok.length > 1) put(`tok:${lastTok}`, i);
    const firstTok = p.tokens[0];
    if (firstTok && firstTok.length > 1 && p.tokens.length > 1) put(`tok:${firstTok}`, i);
  });
  const seen = new Set<string>();
  const out: DuplicateSuggestion[] = [];
  for (const [key, members] of blocks) {
    if (members.length < 2 || (members.length > MAX_BLOCK && !key.startsWith('id:'))) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = prepared[members[x] as number];
        const b = prepared[members[y] as number];
        if (!a || !b) continue;
        const pair = a.c.id < b.c.id ? `${a.c.id}|${b.c.id}` : `${b.c.id}|${a.c.id}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const r = score(a, b);
        if (!r) continue;
        const aFirst = a.c.createdAt < b.c.createdAt || (a.c.createdAt === b.c.createdAt && a.c.id < b.c.id);
        const [first, second] = aFirst ? [a.c, b.c] : [b.c, a.c];
        out.push({
          contacts: [first, second].map((c) => ({ id: c.id, name: c.displayName, company: c.company ?? null })),
          score: r.score,
          reasons: r.reasons,
        });
      }
    }
  }
  return out.sort(
    (p, q) =>
      q.score - p.score ||
      (p.contacts[0]?.name ?? '').localeCompare(q.contacts[0]?.name ?? '') ||
      (p.contacts[0]?.id ?? '').localeCompare(q.contacts[0]?.id ?? '') ||
      (p.contacts[1]?.id ?? '').localeCompare(q.contacts[1]?.id ?? ''),
  );
}

/** Likely duplicates among the acting user's live contacts. */
export async function findDuplicates(ctx: Ctx, input: { limit?: number } = {}): Promise<DuplicateSuggestion[]> {
  const all = await ctx.store.listContacts(ctx.userId, { state: 'live' });
  const list = duplicateSuggestions(all);
  return input.limit ? list.slice(0, input.limit) : list;
}
