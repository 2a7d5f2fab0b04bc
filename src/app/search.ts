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
  // The hits come with what the list shows of them (Store.searchPage): no whole records to read.
  const hits = await ctx.store.searchPage(ctx.userId, q, n);
  const results: SearchResultItem[] = hits.map((h) =>
    h.kind === 'contact'
      ? {
          kind: 'contact',
          id: h.id,
          score: h.score,
          title: h.displayName,
          detail: [h.title, h.company].filter(Boolean).join(' at '),
          contacts: [{ id: h.id, name: h.displayName }],
        }
      : {
          kind: 'touchpoint',
          id: h.id,
          score: h.score,
          title: h.summary || h.touchKind,
          detail: `${h.occurredAt.slice(0, 10)} ${h.touchKind} with ${h.participants.map((p) => p.name).join(', ')}`,
          contacts: h.participants,
        },
  );
  return { query: q, results };
}
