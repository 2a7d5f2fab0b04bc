/**
 * The agenda ("today", capability 4): gathers what the pure ranking in
 * core/agenda.ts needs from the Store, and snoozes or completes items.
 */
import {
  AGENDA_WINDOWS,
  agendaBudget,
  BIRTHDAY_MAX_SCORE,
  buildAgenda,
  compareRank,
  hiddenIds,
  rankKey,
  type AgendaInput,
  type AgendaItem,
} from '../core/agenda.js';
import { addDays, noonOf } from '../core/days.js';
import { AppError } from '../core/errors.js';
import type { Day, Id } from '../core/types.js';
import type { AgendaCandidate, ContactSummary, RankedAgendaKind, Store } from '../storage/store.js';
import type { Ctx } from './ports.js';
import { profileOf } from './session.js';
import { userToday } from './user-today.js';

export interface Agenda {
  date: Day;
  items: AgendaItem[];
}

/** What every agenda reads in full: the profile, the user's snoozes and dones, and the few recent rows of some kinds. */
async function recentRows(ctx: Ctx, today: Day) {
  const { store, userId } = ctx;
  const [profile, events, jobChanges, posts, states] = await Promise.all([
    profileOf(ctx),
    // Events that may still be within the post-event window (multi-day events start earlier).
    store.listRecords('event', userId, { sinceDay: addDays(today, -AGENDA_WINDOWS.postEventDays - 31) }),
    store.listRecords('jobChange', userId, { sinceDay: addDays(today, -AGENDA_WINDOWS.jobChangeDays) }),
    store.listRecords('post', userId, { sinceDay: addDays(today, -400) }),
    store.listAgendaStates(userId),
  ]);
  const eventFrom = addDays(today, -AGENDA_WINDOWS.postEventDays - 1);
  return {
    today,
    profile,
    recentEvents: events
      .filter((e) => (e.endsOn ?? e.startsOn) >= eventFrom && e.startsOn <= today)
      .map((e) => ({
        eventId: e.id,
        name: e.name,
        endsOn: e.endsOn ?? e.startsOn,
        metContactIds: e.attendees.filter((a) => a.met).map((a) => a.contactId),
      })),
    jobChanges: jobChanges.filter((j) => j.detectedOn >= addDays(today, -AGENDA_WINDOWS.jobChangeDays)),
    posts: posts.filter((p) => p.publishedOn >= addDays(today, -400)).map((p) => ({ publishedOn: p.publishedOn })),
    states,
  };
}
type RecentRows = Awaited<ReturnType<typeof recentRows>>;

/**
 * Every row the ranking could use besides contacts, read in full: every open follow-up and
 * promise, every unanswered message, ledger entry of the give-first window and open reader
 * response. Ranking all of these with every contact is the reference the bounded agenda
 * must equal (test/engine/agenda-bounded.test.ts); the agenda itself reads `recentRows`
 * and, of the other kinds, only the first few of each in ranking order.
 */
export async function agendaRows(ctx: Ctx, today: Day): Promise<Omit<AgendaInput, 'contacts'>> {
  const { store, userId } = ctx;
  const [recent, followUps, commitments, replies, responses, ledger, posts] = await Promise.all([
    recentRows(ctx, today),
    store.listRecords('followUp', userId, { openOnly: true }),
    store.listRecords('commitment', userId, { openOnly: true }),
    store.awaitingReply(userId, noonOf(addDays(today, -90))),
    store.listRecords('postResponse', userId, { openOnly: true }),
    store.listRecords('ledger', userId, { sinceDay: addDays(today, -AGENDA_WINDOWS.giveFirstDays - 1) }),
    store.listRecords('post', userId),
  ]);
  const postTitle = new Map(posts.map((p) => [p.id, p.title]));
  return {
    ...recent,
    followUps: followUps.filter((f) => !f.doneAt),
    // Only promises the user made become items; theirs never do.
    commitments: commitments.filter((c) => c.status === 'open' && c.direction === 'mine'),
    awaitingReply: replies,
    postResponses: responses
      .filter((r) => !r.repliedAt)
      .map((r) => ({
        id: r.id,
        postTitle: postTitle.get(r.postId) ?? 'your post',
        contactId: r.contactId ?? null,
        authorName: r.authorName ?? null,
        receivedAt: r.receivedAt,
      })),
    ledger: ledger
      .filter((l) => l.occurredOn >= addDays(today, -AGENDA_WINDOWS.giveFirstDays - 1))
      .map((l) => ({ contactId: l.contactId, direction: l.direction, occurredOn: l.occurredOn })),
  };
}

/** The kinds the Store ranks itself, and the prefix of their item ids. */
const RANKED_KINDS: ReadonlyArray<{ kind: RankedAgendaKind; prefix: string }> = [
  { kind: 'commitment', prefix: 'commitment:' },
  { kind: 'followUp', prefix: 'follow-up:' },
  { kind: 'reply', prefix: 'reply:' },
  { kind: 'giveFirst', prefix: 'give-first:' },
  { kind: 'postResponse', prefix: 'reader-response:' },
];

/** The ranking's input rows from the Store's candidates of the ranked kinds. */
function candidateRows(
  rows: AgendaCandidate[],
): Pick<AgendaInput, 'followUps' | 'commitments' | 'awaitingReply' | 'postResponses' | 'ledger'> {
  const out: Pick<AgendaInput, 'followUps' | 'commitments' | 'awaitingReply' | 'postResponses' | 'ledger'> = {
    followUps: [],
    commitments: [],
    awaitingReply: [],
    postResponses: [],
    ledger: [],
  };
  for (const r of rows) {
    const contactId = r.contactId ?? '';
    if (r.itemId.startsWith('commitment:'))
      out.commitments.push({ id: r.recordId, contactId, direction: 'mine', text: r.text, dueOn: r.at, status: 'open' });
    else if (r.itemId.startsWith('follow-up:'))
      out.followUps.push({ id: r.recordId, contactId, text: r.text, dueOn: r.at, doneAt: null });
    else if (r.itemId.startsWith('reply:'))
      out.awaitingReply.push({ contactId, touchpointId: r.recordId, receivedAt: r.at, summary: r.text });
    // The latest ask of a contact with no give in the window: the nudge the whole window gives.
    else if (r.itemId.startsWith('give-first:')) out.ledger.push({ contactId, direction: 'ask', occurredOn: r.at });
    else
      out.postResponses.push({
        id: r.recordId,
        postTitle: r.text,
        contactId: r.contactId,
        authorName: r.authorName,
        receivedAt: r.at,
      });
  }
  return out;
}

/** The contacts the fully read rows are about. */
function referencedContacts(rows: RecentRows): Id[] {
  const ids = new Set<Id>();
  for (const e of rows.recentEvents) for (const id of e.metContactIds) ids.add(id);
  for (const j of rows.jobChanges) ids.add(j.contactId);
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
 * Reads are bounded. In full: this week's birthdays, recent events and job changes and the
 * contacts they are about. Of the check-ins, the first few of each (circle, cadence) group,
 * which the Store returns best first; a group's unread check-ins rank below everything read
 * from it. Of follow-ups, promises, replies, give-first nudges and reader responses, the
 * first few of each kind in ranking order, with a bound on each one's score (its score,
 * plus the 5 of covering a check-in when that person's check-in is due), so every unread
 * one ranks after the last one read.
 *
 * The first `limit` items are then those of ranking every contact when: every check-in group
 * cut short yields `limit` shown check-ins; every kind cut short has its last row read rank
 * after the `limit`-th item; and every shown check-in's person has all their rows read (an
 * unread item about them would cover, and so remove, that check-in). Otherwise it reads more
 * and ranks again.
 */
export async function rankAgenda(ctx: Ctx, today: Day, limit: number | null): Promise<AgendaItem[]> {
  const { store, userId } = ctx;
  const recent = await recentRows(ctx, today);
  const defaults = recent.profile.cadenceDefaults;
  const hidden = [...hiddenIds(recent.states, today)];
  const window = (prefix: string): number | null =>
    limit === null ? null : limit + hidden.filter((id) => id.startsWith(prefix)).length + 8;
  const read = new Map<RankedAgendaKind, { limit: number | null; rows: AgendaCandidate[] }>();
  const readKind = async (kind: RankedAgendaKind, n: number | null): Promise<void> => {
    read.set(kind, { limit: n, rows: await store.listAgendaCandidates(userId, kind, { today, defaults, limit: n }) });
  };
  // Ranking needs little of a contact; the wording (topics, company, channel) is filled in for the shown items only.
  const [lean] = await Promise.all([
    store.contactSummariesByIds(userId, referencedContacts(recent), { lean: true }),
    ...RANKED_KINDS.map((k) => readKind(k.kind, window(k.prefix))),
  ]);
  // This week's birthdays are read only when one could reach the list: while the last shown item
  // scores more than any birthday can (BIRTHDAY_MAX_SCORE), they would all rank after it. A birthday
  // item takes over its person's check-in, but a check-in comes from the check-in candidates, whose
  // whole summaries (birthday included) give that person's birthday item anyway.
  // Every item asked for (limit null): they are read at once, not after a ranking without them.
  const readBirthdays = () => store.birthdayCandidates(userId, birthdayWindow(today), { lean: true });
  let birthdays: ContactSummary[] | null = limit === null ? await readBirthdays() : null;
  // Every ranked row about these contacts, read for the check-ins shown alone.
  const about: AgendaCandidate[] = [];
  const known = new Set<Id>();
  let perGroup = window('checkin:');
  let checkins: ContactSummary[] | null = null;
  for (;;) {
    checkins ??= await store.checkinCandidates(userId, { today, defaults, perGroup });
    const rows = [...[...read.values()].flatMap((r) => r.rows), ...about];
    // Whole summaries first, then lean ones with the birthday: the ranking keeps the first summary of each contact.
    const full = new Set(checkins.map((c) => c.id));
    const partial = firstOfEach([...(birthdays ?? []), ...lean, ...rows.flatMap((r) => (r.contact ? [r.contact] : []))]).filter(
      (c) => !full.has(c.id),
    );
    const input: AgendaInput = { ...recent, ...candidateRows(rows), contacts: [...checkins, ...partial] };
    const ranked = buildAgenda(input, Number.MAX_SAFE_INTEGER);
    if (birthdays === null && limit !== null && !((ranked[limit - 1]?.score ?? -Infinity) > BIRTHDAY_MAX_SCORE)) {
      birthdays = await readBirthdays();
      continue;
    }
    if (limit === null) return ranked;
    const shown = ranked.slice(0, limit);
    const alone = shown
      .flatMap((it) => (it.kind === 'checkin' ? it.contacts.map((c) => c.id) : []))
      .filter((id) => !known.has(id));
    if (alone.length > 0) {
      for (const { kind } of RANKED_KINDS)
        about.push(...(await store.listAgendaCandidates(userId, kind, { today, defaults, limit: null, contactIds: alone })));
      for (const id of alone) known.add(id);
      continue;
    }
    let again = false;
    if (perGroup !== null && !complete(checkins, ranked, perGroup, limit)) {
      perGroup *= 4;
      checkins = null;
      again = true;
    }
    const last = ranked[limit - 1];
    for (const [kind, r] of read) {
      const end = r.rows[r.rows.length - 1];
      if (r.limit === null || r.rows.length < r.limit || !end) continue;
      const unread = { score: end.bound, dueOn: end.dueOn, contactId: end.rankContactId, id: end.itemId };
      if (last && compareRank(rankKey(last), unread) <= 0) continue;
      await readKind(kind, r.limit * 4);
      again = true;
    }
    if (!again) {
      await fillIn(ctx, shown, partial);
      return shown;
    }
  }
}

/** The first summary of each contact, in order. */
function firstOfEach(summaries: ContactSummary[]): ContactSummary[] {
  const byId = new Map<Id, ContactSummary>();
  for (const c of summaries) if (!byId.has(c.id)) byId.set(c.id, c);
  return [...byId.values()];
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
