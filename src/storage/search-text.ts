/**
 * What the search index keeps of a record, shared by the Store (which writes it with every
 * change of the record) and the migrations that build an index from the records already there.
 */
import { searchText } from '../core/text-fold.js';
import type { Contact, Id, Touchpoint } from '../core/types.js';

/**
 * What the index keeps of a record: its folded names and other text, and its card, the
 * fields a list of search results shows (JSON; see SearchCard), so that showing a hit
 * reads the index row search already reads instead of the record's own row.
 */
export interface IndexText {
  names: string;
  body: string;
  card: string;
}

/** A contact's card: [display name, company, title]; a touchpoint's: [kind, occurred at, summary, participant ids in order]. */
export type SearchCard = [string, string | null, string | null] | [string, string, string, Id[]];

/** The fields of a contact that its search document is made of. */
export type ContactSearchFields = Pick<
  Contact,
  | 'displayName'
  | 'givenName'
  | 'familyName'
  | 'nickname'
  | 'company'
  | 'title'
  | 'location'
  | 'howMet'
  | 'notes'
  | 'topics'
  | 'tags'
  | 'employment'
  | 'identities'
> & { boundaries: Pick<Contact['boundaries'], 'note'> };

/**
 * A contact's search document: the names, and in the body the company, title, location, how
 * you met, notes, boundary note, topics, tags, past jobs and identities (emails, phones, URLs).
 */
export function contactSearchText(c: ContactSearchFields): IndexText {
  return {
    card: JSON.stringify([c.displayName, c.company ?? null, c.title ?? null] satisfies SearchCard),
    names: searchText(c.displayName, c.givenName, c.familyName, c.nickname),
    body: searchText(
      c.company,
      c.title,
      c.location,
      c.howMet,
      c.notes,
      c.boundaries.note,
      ...c.topics.map((t) => t.text),
      ...c.tags,
      ...c.employment.map((e) => `${e.company} ${e.title ?? ''}`),
      ...c.identities.map((i) => i.value),
    ),
  };
}

export function touchSearchText(t: Touchpoint): IndexText {
  // The participants as the Store keeps them: each once, in the order given (their position).
  const card: SearchCard = [t.kind, t.occurredAt, t.summary, [...new Set(t.participantIds)]];
  return { names: '', body: searchText(t.summary, t.notes, ...t.topics), card: JSON.stringify(card) };
}

/** What `search_docs.terms` keeps of a contact's document: its folded words, names first (null for other records). */
export function docTerms(kind: string, text: Pick<IndexText, 'names' | 'body'>): string | null {
  return kind === 'contact' ? `${text.names} ${text.body}` : null;
}

/**
 * Whether every term is a word of `terms` or the start of one: the test `"t1"* AND "t2"*`
 * makes in FTS5, on the words the index was given (folded, space-separated).
 */
export function termsMatch(terms: string, typed: string[]): boolean {
  const text = ` ${terms}`;
  return typed.every((t) => text.includes(` ${t}`));
}
