/**
 * Follow-ups (P5): "send Anna the article on WASM GC", with a due date.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { FollowUp } from '../core/types.js';
import { matchesIdRef, resolveContact } from './contacts.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';

const followUpInput = z.object({
  who: z.string().min(1, 'name a contact'),
  text: z.string().trim().min(1, 'say what to follow up on').max(2000),
  due: day.nullish(),
});

export async function addFollowUp(ctx: Ctx, raw: unknown): Promise<FollowUp> {
  const input = parseInput(followUpInput, raw);
  return ctx.store.transaction(async (store) => {
    const c = await resolveContact({ ...ctx, store }, input.who);
    const row: FollowUp = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      contactId: c.id,
      text: input.text,
      dueOn: input.due ?? null,
      doneAt: null,
      touchpointId: null,
      createdAt: ctx.clock.now(),
    };
    await store.insertRecord('followUp', row);
    return row;
  });
}

export async function completeFollowUp(ctx: Ctx, ref: string): Promise<FollowUp> {
  return ctx.store.transaction(async (store) => {
    let f = await store.getRecord('followUp', ctx.userId, ref);
    if (!f && ref.length >= 4) {
      const matches = (await store.listRecords('followUp', ctx.userId)).filter((x) => matchesIdRef(x.id, ref));
      if (matches.length > 1)
        throw new AppError('invalid_input', `"${ref}" matches ${matches.length} follow-ups; give more of the id.`);
      f = matches[0] ?? null;
    }
    if (!f) throw new AppError('not_found', `No follow-up with id ${ref}.`);
    const next = { ...f, doneAt: ctx.clock.now() };
    await store.updateRecord('followUp', next);
    return next;
  });
}

export async function listFollowUps(
  ctx: Ctx,
  input: { who?: string; all?: boolean } = {},
): Promise<Array<FollowUp & { contactName: string }>> {
  const contactId = input.who ? (await resolveContact(ctx, input.who)).id : undefined;
  const rows = (await ctx.store.listRecords('followUp', ctx.userId, { contactId })).filter((f) => input.all || !f.doneAt);
  const names = new Map(
    (await ctx.store.getContacts(ctx.userId, [...new Set(rows.map((r) => r.contactId))])).map((c) => [c.id, c.displayName]),
  );
  return rows
    .map((f) => ({ ...f, contactName: names.get(f.contactId) ?? '?' }))
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.id.localeCompare(b.id));
}
