/**
 * Commitments (P9): promises mine and theirs, with due dates, kept or broken, and
 * the kept-on-time rate.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { Commitment, Day, Id } from '../core/types.js';
import { matchesIdRef, resolveContact } from './contacts.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';
import { userToday } from './user-today.js';

const promiseInput = z.object({
  who: z.string().min(1, 'name a contact'),
  text: z.string().trim().min(1, 'say what was promised').max(2000),
  due: day.nullish(),
  theirs: z.boolean().optional(),
});

/** Records a promise: mine by default, or theirs. */
export async function promise(ctx: Ctx, raw: unknown): Promise<Commitment> {
  const input = parseInput(promiseInput, raw);
  return ctx.store.transaction(async (store) => {
    const c = await resolveContact({ ...ctx, store }, input.who);
    const row: Commitment = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      contactId: c.id,
      direction: input.theirs ? 'theirs' : 'mine',
      text: input.text,
      dueOn: input.due ?? null,
      status: 'open',
      resolvedOn: null,
      touchpointId: null,
      createdAt: ctx.clock.now(),
    };
    await store.insertRecord('commitment', row);
    return row;
  });
}

/** Finds a commitment by id, or by a unique end of it (as `kith commitments` prints it) or start. */
async function findCommitment(ctx: Ctx, ref: string): Promise<Commitment> {
  const exact = await ctx.store.getRecord('commitment', ctx.userId, ref);
  if (exact) return exact;
  const all =
    ref.length >= 4 ? (await ctx.store.listRecords('commitment', ctx.userId)).filter((c) => matchesIdRef(c.id, ref)) : [];
  if (all.length === 1 && all[0]) return all[0];
  if (all.length > 1) throw new AppError('invalid_input', `"${ref}" matches ${all.length} commitments; give more of the id.`);
  throw new AppError('not_found', `No commitment with id ${ref}.`);
}

/** Marks a commitment kept (or broken) on `on` (default today). */
export async function resolveCommitment(ctx: Ctx, ref: string, status: 'kept' | 'broken', on?: string): Promise<Commitment> {
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const c = await findCommitment(tctx, ref);
    const next: Commitment = { ...c, status, resolvedOn: await userToday(tctx, on) };
    await store.updateRecord('commitment', next);
    return next;
  });
}

export interface CommitmentRow extends Commitment {
  contactName: string;
  overdue: boolean;
}

export interface CommitmentsReport {
  date: Day;
  commitments: CommitmentRow[];
  /** Of my resolved commitments with a due date: the share kept on or before it (null when there are none). */
  keptOnTimeRate: number | null;
  counts: { open: number; kept: number; broken: number; overdue: number };
}

/** Lists commitments (open ones by default) with the kept-on-time rate of mine. */
export async function listCommitments(
  ctx: Ctx,
  input: { who?: string; all?: boolean; on?: string } = {},
): Promise<CommitmentsReport> {
  const today = await userToday(ctx, input.on);
  const contactId: Id | undefined = input.who ? (await resolveContact(ctx, input.who)).id : undefined;
  const all = await ctx.store.listRecords('commitment', ctx.userId, { contactId });
  const names = new Map(
    (await ctx.store.getContacts(ctx.userId, [...new Set(all.map((c) => c.contactId))])).map((c) => [c.id, c.displayName]),
  );
  const rows = all
    .filter((c) => input.all || c.status === 'open')
    .map((c) => ({
      ...c,
      contactName: names.get(c.contactId) ?? '?',
      overdue: c.status === 'open' && !!c.dueOn && c.dueOn < today,
    }))
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.id.localeCompare(b.id));
  const mineDone = all.filter((c) => c.direction === 'mine' && c.status !== 'open' && c.dueOn);
  const onTime = mineDone.filter((c) => c.status === 'kept' && c.resolvedOn && c.dueOn && c.resolvedOn <= c.dueOn).length;
  return {
    date: today,
    commitments: rows,
    keptOnTimeRate: mineDone.length ? Math.round((onTime / mineDone.length) * 100) / 100 : null,
    counts: {
      open: all.filter((c) => c.status === 'open').length,
      kept: all.filter((c) => c.status === 'kept').length,
      broken: all.filter((c) => c.status === 'broken').length,
      overdue: all.filter((c) => c.status === 'open' && c.dueOn && c.dueOn < today).length,
    },
  };
}
