/**
 * Give, ask, receive and thanks (P6, P9): the ledger of value exchanged with each
 * contact, and the balance per contact.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { LEDGER_KINDS, type Id, type LedgerDirection, type LedgerEntry } from '../core/types.js';
import { resolveContact } from './contacts.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';
import { userToday } from './user-today.js';

const ledgerInput = z.object({
  who: z.string().min(1, 'name a contact'),
  direction: z.enum(['give', 'ask', 'receive']),
  kind: z.enum(LEDGER_KINDS, { message: `must be one of: ${LEDGER_KINDS.join(', ')}` }),
  note: z.string().max(10_000).optional(),
  on: day.optional(),
  isPublic: z.boolean().optional(),
});

/** Records a give, ask or receive. */
export async function recordLedger(ctx: Ctx, raw: unknown): Promise<LedgerEntry> {
  const input = parseInput(ledgerInput, raw);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const c = await resolveContact(tctx, input.who);
    const entry: LedgerEntry = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      contactId: c.id,
      direction: input.direction,
      kind: input.kind,
      note: input.note?.trim() ?? '',
      occurredOn: await userToday(tctx, input.on),
      isPublic: input.isPublic ?? false,
      createdAt: ctx.clock.now(),
    };
    await store.insertRecord('ledger', entry);
    return entry;
  });
}

/** Thanks someone (P9): a `give` of kind `thanks`, public (a shout-out) or private. */
export async function thank(
  ctx: Ctx,
  raw: { who: string; note?: string; isPublic?: boolean; on?: string },
): Promise<LedgerEntry> {
  return recordLedger(ctx, { ...raw, direction: 'give', kind: 'thanks' });
}

export interface Balance {
  contact: { id: Id; name: string };
  given: number;
  asked: number;
  received: number;
  /** given − asked: positive means you have given more than you asked. */
  balance: number;
  entries: LedgerEntry[];
}

/** The give/ask balance with one contact. */
export async function balanceWith(ctx: Ctx, who: string): Promise<Balance> {
  const c = await resolveContact(ctx, who);
  const entries = await ctx.store.listRecords('ledger', ctx.userId, { contactId: c.id });
  const count = (d: LedgerDirection) => entries.filter((e) => e.direction === d && e.kind !== 'thanks').length;
  const given = count('give');
  const asked = count('ask');
  return {
    contact: { id: c.id, name: c.displayName },
    given,
    asked,
    received: count('receive'),
    balance: given - asked,
    entries,
  };
}

export function assertLedgerDirection(d: string): LedgerDirection {
  if (d === 'give' || d === 'ask' || d === 'receive') return d;
  throw new AppError('invalid_input', `direction: must be give, ask or receive`);
}
