/**
 * Touchpoint operations: log a touch with one or more contacts, list a timeline,
 * trash and restore. Logging any touch resets the contacts' cadence (the Store
 * keeps their last touch).
 */
import { AppError } from '../core/errors.js';
import { noonOf } from '../core/days.js';
import type { Contact, Touchpoint } from '../core/types.js';
import { resolveContact } from './contacts.js';
import type { Ctx } from './ports.js';
import { parseInput, touchLog } from './schemas.js';

export interface LoggedTouch {
  touchpoint: Touchpoint;
  contacts: Contact[];
}

/** Logs a touchpoint. `on` (a day) or `at` (an instant) set when; else now. */
export async function logTouch(ctx: Ctx, raw: unknown): Promise<LoggedTouch> {
  const input = parseInput(touchLog, raw);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const contacts: Contact[] = [];
    for (const who of input.with) {
      const c = await resolveContact(tctx, who);
      if (!contacts.some((x) => x.id === c.id)) contacts.push(c);
    }
    const now = ctx.clock.now();
    const occurredAt = input.at ? new Date(input.at).toISOString() : input.on ? noonOf(input.on) : now;
    const t: Touchpoint = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      kind: input.kind,
      channel: input.channel ?? null,
      initiatedBy: input.by ?? 'me',
      occurredAt,
      participantIds: contacts.map((c) => c.id),
      summary: input.summary?.trim() ?? '',
      notes: input.notes ?? '',
      topics: [...new Set(input.topics ?? [])],
      source: 'kith',
      externalId: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await store.insertTouchpoint(t);
    return { touchpoint: t, contacts };
  });
}

export async function getTouch(ctx: Ctx, id: string): Promise<Touchpoint> {
  const t = await ctx.store.getTouchpoint(ctx.userId, id);
  if (!t) throw new AppError('not_found', `No touchpoint with id ${id}.`);
  return t;
}

async function setTrashed(ctx: Ctx, id: string, trashed: boolean): Promise<Touchpoint> {
  return ctx.store.transaction(async (store) => {
    const t = await getTouch({ ...ctx, store }, id);
    const now = ctx.clock.now();
    const next = { ...t, deletedAt: trashed ? now : null, updatedAt: now };
    await store.updateTouchpoint(next);
    return next;
  });
}

export const trashTouch = (ctx: Ctx, id: string): Promise<Touchpoint> => setTrashed(ctx, id, true);
export const restoreTouch = (ctx: Ctx, id: string): Promise<Touchpoint> => setTrashed(ctx, id, false);

export async function timeline(ctx: Ctx, who: string, limit = 50): Promise<{ contact: Contact; touchpoints: Touchpoint[] }> {
  const contact = await resolveContact(ctx, who);
  const touchpoints = await ctx.store.listTouchpoints(ctx.userId, { contactId: contact.id, limit });
  return { contact, touchpoints };
}
