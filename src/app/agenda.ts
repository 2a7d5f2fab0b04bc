/**
 * The agenda ("today", capability 4): gathers what the pure ranking in
 * core/agenda.ts needs from the Store, and snoozes or completes items.
 */
import { z } from 'zod';
import { AGENDA_WINDOWS, agendaBudget, buildAgenda, type AgendaInput, type AgendaItem } from '../core/agenda.js';
import { addDays, noonOf } from '../core/days.js';
import { AppError } from '../core/errors.js';
import type { Day, Id } from '../core/types.js';
import type { ContactSummary, Store } from '../storage/store.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';
import { profileOf } from './session.js';
import { userToday } from './user-today.js';

export interface Agenda {
  date: Day;
  items: AgendaItem[];
}

/** What the ranking reads besides contacts: open or recent rows only, never the full history. */
export async function agendaRows(ctx: Ctx, today: Day): Promise<Omit<AgendaInput, 'contacts'>> {
  const { store, userId } = ctx;
  const [profile, followUps, commitments, replies, events, jobChanges, posts, responses, ledger, states] = await Promise.all([
    profileOf(ctx),
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
    followUps: followUps.filter((f) => !f.doneAt),
    // Only promises the user made become items; theirs never do.
    commitments: commitments.filter((c) => c.status === 'open' && c.direction === 'mine'),
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

/** The contacts the other rows are about. */
function referencedContacts(rows: Omit<AgendaInput, 'contacts'>): Id[] {
  const ids = new Set<Id>();
  for (const f of rows.followUps) ids.add(f.contactId);
  for (const c of rows.commitments) ids.add(c.contactId);
  for (const r of rows.awaitingReply) ids.add(r.contactId);
  for (const e of rows.recentEvents) for (const id of e.metContactIds) ids.add(id);
  for (const j of rows.jobChanges) ids.add(j.contactId);
  for (const r of rows.postResponses) if (r.contactId) ids.add(r.contactId);
  for (const l of rows.ledger) ids.add(l.contactId);
  return [...ids];
}

/** The `MM-DD` of every day from `today` to the end of the birthday window (29 Feb falls on 28 Feb). */
function birthdayWindow(today: Day): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= AGENDA_WINDOWS.birthdayLeadDays; i++) {
    const md = addDays(today, i).slice(5);
    out.add(md);
    if (md === '02-28') out.add('02-29');
  }
  return [...out];
}

/**
 * The ranked agenda of a day, every item (`limit` null) or the first `limit`.
 *
 * Reads are bounded: the contacts other rows are about, this week's birthdays, and of
 * the check-ins only the first few of each (circle, cadence) group, which the Store
 * returns best first. A group's unread check-ins rank below everything read from it, so
 * once every group that was cut short yields `limit` shown check-ins (after hidden ones
 * and those an item about the same person covers), the first `limit` items are the
 * same as ranking every contact; otherwise it reads more and ranks again.
 */
async function rankAgenda(ctx: Ctx, today: Day, limit: number | null): Promise<AgendaItem[]> {
  const rows = await agendaRows(ctx, today);
  const { store, userId } = ctx;
  // Ranking needs little of a contact; the wording (topics, company, channel) is filled in for the shown items only.
  const [lean, birthdays] = await Promise.all([
    store.contactSummariesByIds(userId, referencedContacts(rows), { lean: true }),
    store.birthdayCandidates(userId, birthdayWindow(today)),
  ]);
  const hiddenCheckins = rows.states.filter((s) => s.itemId.startsWith('checkin:')).length;
  let perGroup = limit === null ? null : limit + hiddenCheckins + 8;
  for (;;) {
    const checkins = await store.checkinCandidates(userId, { today, defaults: rows.profile.cadenceDefaults, perGroup });
    // Whole summaries first: the ranking keeps the first summary of each contact.
    const full = new Set([...birthdays, ...checkins].map((c) => c.id));
    const partial = lean.filter((c) => !full.has(c.id));
    const input: AgendaInput = { ...rows, contacts: [...birthdays, ...checkins, ...partial] };
    const ranked = buildAgenda(input, Number.MAX_SAFE_INTEGER);
    if (perGroup === null || limit === null || complete(checkins, ranked, perGroup, limit)) {
      const shown = limit === null ? ranked : ranked.slice(0, limit);
      await fillIn(ctx, shown, partial);
      return shown;
    }
    perGroup *= 4;
  }
}

/**
 * Completes the lean summaries of the contacts the shown items are about. The items' wording is
 * built on first read from these same objects, so it then uses the whole record.
 */
async function fillIn(ctx: Ctx, shown: AgendaItem[], partial: ContactSummary[]): Promise<void> {
  const byId = new Map(partial.map((c) => [c.id, c]));
  const ids = new Set(shown.flatMap((it) => it.contacts.map((c) => c.id)).filter((id) => byId.has(id)));
  if (ids.size === 0) return;
  for (const whole of await ctx.store.contactSummariesByIds(ctx.userId, [...ids])) {
    const c = byId.get(whole.id);
    if (c) Object.assign(c, whole);
  }
}

/** True when every check-in group that was cut at `perGroup` still shows at least `limit` of its check-ins. */
function complete(checkins: ContactSummary[], ranked: AgendaItem[], perGroup: number, limit: number): boolean {
  const groupOf = (c: ContactSummary): string => `${c.circle}:${c.cadenceDays ?? ''}`;
  const size = new Map<string, number>();
  const byId = new Map<Id, string>();
  for (const c of checkins) {
    const g = groupOf(c);
    size.set(g, (size.get(g) ?? 0) + 1);
    byId.set(c.id, g);
  }
  const shown = new Map<string, number>();
  for (const it of ranked) {
    const id = it.kind === 'checkin' ? it.contacts[0]?.id : undefined;
    const g = id === undefined ? undefined : byId.get(id);
    if (g !== undefined) shown.set(g, (shown.get(g) ?? 0) + 1);
  }
  for (const [g, n] of size) if (n >= perGroup && (shown.get(g) ?? 0) < limit) return false;
  return true;
}

/** The ranked agenda for a day (default today), capped by the daily budget or `limit`; served from the cache while nothing changed. */
export async function agenda(ctx: Ctx, input: { on?: string; limit?: number } = {}): Promise<Agenda> {
  checkLimit(input.limit);
  // Read before anything else, so a change during the computation can only make the cached copy look older.
  const mark = await ctx.store.changeMark();
  const today = await userToday(ctx, input.on);
  const { done, pending } = cacheOf(ctx.store);
  const key = `${ctx.userId}\u0000${today}\u0000${input.limit ?? ''}`;
  const hit = done.get(key);
  if (hit && hit.mark === mark) return hit.agenda;
  // Requests that arrive while the same agenda is being computed wait for that one computation.
  const job = `${key}\u0000${mark}`;
  const running = pending.get(job);
  if (running) return running;
  const computing = computeAgenda(ctx, { on: today, limit: input.limit });
  pending.set(job, computing);
  try {
    const result = await computing;
    done.delete(key);
    done.set(key, { mark, agenda: result });
    if (done.size > AGENDA_CACHE_SIZE) done.delete(done.keys().next().value as string);
    return result;
  } finally {
    pending.delete(job);
  }
}

/** The same agenda, always computed from the database (the benchmark measures this). */
export async function computeAgenda(ctx: Ctx, input: { on?: string; limit?: number } = {}): Promise<Agenda> {
  checkLimit(input.limit);
  const today = await userToday(ctx, input.on);
  const profile = await profileOf(ctx);
  const cap = input.limit ?? agendaBudget(profile.dailyBudget);
  const items = cap === 0 ? [] : await rankAgenda(ctx, today, cap);
  return { date: today, items: items.map(settle) };
}

function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) {
    throw new AppError('invalid_input', 'limit: must be a whole number from 1 to 100', {
      issues: [{ field: 'limit', message: 'out of range' }],
    });
  }
}

/** The item with its wording built (it is lazy while ranking), as a plain object that can be cached and shared. */
function settle(item: AgendaItem): AgendaItem {
  return Object.freeze({ ...item, reason: item.reason, suggestion: item.suggestion });
}

/**
 * Agendas computed recently, per Store, each with the Store's change mark when it was read.
 * A server answers the same agenda many times a day; any write anywhere moves the mark.
 */
const AGENDA_CACHE_SIZE = 256;
interface AgendaCache {
  done: Map<string, { mark: string; agenda: Agenda }>;
  pending: Map<string, Promise<Agenda>>;
}
const caches = new WeakMap<Store, AgendaCache>();
function cacheOf(store: Store): AgendaCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = { done: new Map(), pending: new Map() }));
  return cache;
}

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
