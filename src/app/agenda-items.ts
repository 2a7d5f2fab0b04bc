/**
 * Acting on agenda items: snoozing one until a day, or marking it done. Kept apart from the
 * agenda itself so that computing it (`kith today`, `GET /api/v1/agenda`) loads no input schemas.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { AgendaItem } from '../core/agenda.js';
import type { Day } from '../core/types.js';
import { agenda, rankAgenda } from './agenda.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';
import { userToday } from './user-today.js';

/**
 * Finds the agenda item a person means: its number in today's list (`1`…), its id,
 * or a unique start of its id (`checkin:0190`).
 */
async function findItem(ctx: Ctx, ref: string, today: Day): Promise<AgendaItem> {
  const r = ref.trim();
  if (/^\d+$/.test(r)) {
    const shown = (await agenda(ctx, { on: today })).items;
    const item = shown[Number(r) - 1];
    if (item) return item;
    throw new AppError(
      'not_found',
      `Today's agenda has ${shown.length} item${shown.length === 1 ? '' : 's'}; there is no number ${r}.`,
    );
  }
  const all = await rankAgenda(ctx, today, null);
  const exact = all.find((i) => i.id === r);
  if (exact) return exact;
  const matches = all.filter((i) => i.id.startsWith(r));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new AppError('invalid_input', `"${r}" matches ${matches.length} agenda items; give more of the id.`, {
      candidates: matches.slice(0, 20).map((i) => ({ id: i.id, name: i.reason })),
    });
  }
  throw new AppError('not_found', `No agenda item "${r}" on ${today}.`);
}

const snoozeInput = z.object({
  item: z.string().trim().min(1, 'name an agenda item: its number or id'),
  until: day,
  on: day.optional(),
});

/** Hides an item until a day. */
export async function snooze(ctx: Ctx, raw: unknown): Promise<{ itemId: string; snoozedUntil: Day }> {
  const input = parseInput(snoozeInput, raw);
  const today = await userToday(ctx, input.on);
  if (input.until <= today)
    throw new AppError('invalid_input', `until: must be after today (${today})`, {
      issues: [{ field: 'until', message: 'not in the future' }],
    });
  const item = await findItem(ctx, input.item, today);
  await ctx.store.putAgendaState({
    ownerId: ctx.userId,
    itemId: item.id,
    snoozedUntil: input.until,
    doneOn: null,
    updatedAt: ctx.clock.now(),
  });
  return { itemId: item.id, snoozedUntil: input.until };
}

/** Marks an item done: it leaves the agenda; the next occurrence (a new id) comes back. */
export async function markDone(ctx: Ctx, raw: { item: string; on?: string }): Promise<{ itemId: string; doneOn: Day }> {
  const ref = String(raw.item ?? '').trim();
  if (!ref)
    throw new AppError('invalid_input', 'item: name an agenda item: its number or id', {
      issues: [{ field: 'item', message: 'missing' }],
    });
  const today = await userToday(ctx, raw.on);
  const item = await findItem(ctx, ref, today);
  await ctx.store.putAgendaState({
    ownerId: ctx.userId,
    itemId: item.id,
    snoozedUntil: null,
    doneOn: today,
    updatedAt: ctx.clock.now(),
  });
  return { itemId: item.id, doneOn: today };
}
