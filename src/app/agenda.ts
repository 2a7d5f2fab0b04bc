/**
 * The agenda ("today", capability 4): gathers what the pure ranking in
 * core/agenda.ts needs from the Store, and snoozes or completes items.
 */
import { z } from 'zod';
import { AGENDA_WINDOWS, buildAgenda, type AgendaInput, type AgendaItem } from '../core/agenda.js';
import { addDays, noonOf } from '../core/days.js';
import { AppError } from '../core/errors.js';
import type { Day } from '../core/types.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';
import { profileOf } from './session.js';
import { userToday } from './user-today.js';

export interface Agenda {
  date: Day;
  items: AgendaItem[];
}

/** Everything the ranking needs for `today`, read with bounded queries (no full history). */
export async function agendaInput(ctx: Ctx, today: Day): Promise<AgendaInput> {
  const { store, userId } = ctx;
  const profile = await profileOf(ctx);
  const [contacts, followUps, commitments, replies, events, jobChanges, posts, responses, ledger, states] = await Promise.all([
    store.contactSummaries(userId),
    store.listRecords('followUp', userId, { openOnly: true }),
    store.listRecords('commitment', userId, { openOnly: true }),
    store.awaitingReply(userId, noonOf(addDays(today, -90))),
    // Events that may still be within the post-event window (multi-day events start earlier).
    store.listRecords('event', userId, { sinceDay: addDays(today, -AGENDA_WINDOWS.postEventDays - 31) }),
    store.listRecords('jobChange', userId, { sinceDay: addDays(today, -AGENDA_WINDOWS.jobChangeDays) }),
    store.listRecords('post', userId, { sinceDay: addDays(today, -400) }),
    store.listRecords('postResponse', userId, { openOnly: true }),
    store.listRecords('ledger', userId, { sinceDay: addDays(today, -AGENDA_WINDOWS.giveFirstDays - 1) }),
    store.listAgendaStates(userId),
  ]);
  const postTitle = new Map(posts.map((p) => [p.id, p.title]));
  const eventFrom = addDays(today, -AGENDA_WINDOWS.postEventDays - 1);
  return {
    today,
    profile,
    contacts,
    followUps: followUps.filter((f) => !f.doneAt),
    commitments: commitments.filter((c) => c.status === 'open'),
    awaitingReply: replies,
    recentEvents: events
      .filter((e) => (e.endsOn ?? e.startsOn) >= eventFrom && e.startsOn <= today)
      .map((e) => ({
        eventId: e.id,
        name: e.name,
        endsOn: e.endsOn ?? e.startsOn,
        metContactIds: e.attendees.filter((a) => a.met).map((a) => a.contactId),
      })),
    jobChanges: jobChanges.filter((j) => j.detectedOn >= addDays(today, -AGENDA_WINDOWS.jobChangeDays)),
    postResponses: responses
      .filter((r) => !r.repliedAt)
      .map((r) => ({
        id: r.id,
        postTitle: postTitle.get(r.postId) ?? 'your post',
        contactId: r.contactId ?? null,
        authorName: r.authorName ?? null,
        receivedAt: r.receivedAt,
      })),
    posts: posts.filter((p) => p.publishedOn >= addDays(today, -400)).map((p) => ({ publishedOn: p.publishedOn })),
    ledger: ledger
      .filter((l) => l.occurredOn >= addDays(today, -AGENDA_WINDOWS.giveFirstDays - 1))
      .map((l) => ({ contactId: l.contactId, direction: l.direction, occurredOn: l.occurredOn })),
    states,
  };
}

/** The ranked agenda for a day (default today), capped by the daily budget or `limit`. */
export async function agenda(ctx: Ctx, input: { on?: string; limit?: number } = {}): Promise<Agenda> {
  if (input.limit !== undefined && (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 100)) {
    throw new AppError('invalid_input', 'limit: must be a whole number from 1 to 100', {
      issues: [{ field: 'limit', message: 'out of range' }],
    });
  }
  const today = await userToday(ctx, input.on);
  const items = buildAgenda(await agendaInput(ctx, today), input.limit);
  return { date: today, items };
}

/**
 * Finds the agenda item a person means: its number in today's list (`1`…), its id,
 * or a unique start of its id (`checkin:0190`).
 */
async function findItem(ctx: Ctx, ref: string, today: Day): Promise<AgendaItem> {
  const input = await agendaInput(ctx, today);
  const shown = buildAgenda(input);
  const r = ref.trim();
  if (/^\d+$/.test(r)) {
    const item = shown[Number(r) - 1];
    if (item) return item;
    throw new AppError(
      'not_found',
      `Today's agenda has ${shown.length} item${shown.length === 1 ? '' : 's'}; there is no number ${r}.`,
    );
  }
  const all = buildAgenda(input, 10_000);
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
