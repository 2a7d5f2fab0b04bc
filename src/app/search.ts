/**
 * Search across contacts (names, companies, topics, notes) and touchpoints
 * (summaries, notes, topics), ranked, folded for case, accents and transliteration.
 */
import { AppError } from '../core/errors.js';
import type { Id } from '../core/types.js';
import type { Ctx } from './ports.js';

export interface SearchResultItem {
  kind: 'contact' | 'touchpoint';
  id: Id;
  score: number;
  /** The contact's name, or the touchpoint's summary. */
  title: string;
  /** Company and title, or the day and who was there. */
  detail: string;
  contacts: Array<{ id: Id; name: string }>;
}

export interface SearchResult {
  query: string;
  results: SearchResultItem[];
}

/**
 * Search; at most `limit` results (default 20), ranked by the Store in tiers: every word
 * in a contact's names, then anywhere, then the same as word prefixes; newest first within a tier.
 */
export async function search(ctx: Ctx, query: string, limit = 20): Promise<SearchResult> {
  const q = query.trim();
  if (!q)
    throw new AppError('invalid_input', 'query: type something to search for', {
      issues: [{ field: 'query', message: 'must not be empty' }],
    });
  const n = Math.min(Math.max(1, Math.floor(limit)), 200);
  const hits = await ctx.store.search(ctx.userId, q, n);
  const contactIds = hits.filter((h) => h.kind === 'contact').map((h) => h.id);
  const touches = await ctx.store.getTouchpoints(
    ctx.userId,
    hits.filter((h) => h.kind === 'touchpoint').map((h) => h.id),
  );
  const touchById = new Map(touches.map((t) => [t.id, t]));
  const allContactIds = [...new Set([...contactIds, ...[...touchById.values()].flatMap((t) => t.participantIds)])];
  const contacts = new Map((await ctx.store.getContacts(ctx.userId, allContactIds)).map((c) => [c.id, c]));
  const results: SearchResultItem[] = [];
  for (const h of hits) {
    if (h.kind === 'contact') {
      const c = contacts.get(h.id);
      if (!c) continue;
      results.push({
        kind: 'contact',
        id: c.id,
        score: h.score,
        title: c.displayName,
        detail: [c.title, c.company].filter(Boolean).join(' at '),
        contacts: [{ id: c.id, name: c.displayName }],
      });
    } else {
      const t = touchById.get(h.id);
      if (!t) continue;
      const people = t.participantIds.flatMap((id) => {
        const c = contacts.get(id);
        return c ? [{ id: c.id, name: c.displayName }] : [];
      });
      results.push({
        kind: 'touchpoint',
        id: t.id,
        score: h.score,
        title: t.summary || t.kind,
        detail: `${t.occurredAt.slice(0, 10)} ${t.kind} with ${people.map((p) => p.name).join(', ')}`,
        contacts: people,
      });
    }
  }
  return { query: q, results };
}
