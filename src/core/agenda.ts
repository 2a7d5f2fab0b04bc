/**
 * The agenda ("today", capability 4): a short ranked list of what deserves the
 * user's attention on one day, each item with a reason a person reads and a
 * concrete next step drawn from the contact's record.
 *
 * Input is aggregates, not history: the Store passes one summary per live
 * contact (with its denormalised `lastTouchAt`) and only the open or recent
 * rows listed in `AgendaInput`, so 10 000 contacts never mean 100 000
 * touchpoints in memory. Extra rows (older, future, resolved) are ignored, so
 * the Store may over-fetch; see `AGENDA_WINDOWS` for how far back to look.
 *
 * Ranking. score = base of the kind + urgency + circle, rounded. Ties: the item due
 * earlier first (the longest waiting), then by contact id, then by item id.
 *   commitment (mine)  90  +2 a day overdue (≤ +20); −2 a day before the due day
 *   reply              80  +1 a day waiting beyond 2 days (≤ +15)
 *   post-event         78  −4 a day since the event ended
 *   birthday           72 on the day; 65 − 2 a day before it
 *   follow-up          70  +1 a day overdue (≤ +15)
 *   reader-response    60  +1 a day waiting (≤ +15)
 *   job-change         55  −1 per 3 days since it was noticed
 *   give-first         50
 *   checkin            40  +25 × days overdue / (2 × cadence) (≤ +25: full at two cadences late)
 *   blog-cadence       35  +1 a day past the middle of the period (≤ +15)
 *   circle: inner +10, active +5, network 0, dormant −5
 *   covers an overdue check-in: +5 (the check-in item itself is then dropped)
 * So promises and people waiting on an answer come before check-ins, a more
 * overdue check-in before a less overdue one, and the inner circle before the
 * network when all else is equal.
 *
 * Architecture Invariant: boundaries are never crossed. A contact paused
 * past today, or last touched fewer than `minGapDays` ago, yields no item,
 * except a commitment the user owes them (a promise stays a promise).
 */
import { cadenceStatus } from './cadence.js';
import { dayOf, daysBetween, isBirthday, isDay, nextBirthday, addDays } from './days.js';
import { fold } from './text-fold.js';
import type {
  Boundaries,
  Channel,
  Circle,
  Commitment,
  Day,
  FollowUp,
  Id,
  Instant,
  LedgerDirection,
  Profile,
  Topic,
} from './types.js';
import { postingCadence } from './writing.js';

export const agendaItemKinds = [
  'commitment',
  'reply',
  'post-event',
  'birthday',
  'follow-up',
  'reader-response',
  'job-change',
  'give-first',
  'checkin',
  'blog-cadence',
] as const;
export type AgendaKind = (typeof agendaItemKinds)[number];

/** How far ahead or back each rule looks, in days; the Store can use these to bound its queries. */
export const AGENDA_WINDOWS = {
  /** A commitment I owe shows this many days before its due day. */
  commitmentLeadDays: 2,
  /** An inbound message shows once it has waited this many days. */
  replyAfterDays: 2,
  /** A birthday shows this many days ahead. */
  birthdayLeadDays: 7,
  /** People met at an event show until this many days after it ended. */
  postEventDays: 3,
  /** A job change shows for this many days after it was noticed. */
  jobChangeDays: 30,
  /** An ask with no give in this many days raises a give-first nudge. */
  giveFirstDays: 60,
} as const;

/** Budget when the profile has none. */
export const DEFAULT_DAILY_BUDGET = 5;

/** One live contact, summarised: what every rule needs and nothing from its history. */
export interface AgendaContact {
  id: Id;
  /** Display name, shown with the item. */
  name: string;
  /** What to call them in a suggestion; the display name when absent. */
  givenName?: string | null;
  circle: Circle;
  cadenceDays?: number | null;
  createdAt: Instant;
  /** The newest touch of any kind (Contact.lastTouchAt). */
  lastTouchAt?: Instant | null;
  boundaries: Boundaries;
  /** `YYYY-MM-DD` or `--MM-DD`. */
  birthday?: string | null;
  topics: Topic[];
  company?: string | null;
}

/** An inbound message with nothing from the user to that person since. */
export interface AwaitingReply {
  contactId: Id;
  touchpointId: Id;
  receivedAt: Instant;
  summary: string;
}

/** An event that ended recently and whom the user met there. */
export interface RecentEvent {
  eventId: Id;
  name: string;
  /** The last day of the event (its start day for a one-day event). */
  endsOn: Day;
  metContactIds: Id[];
}

/** A job change noticed on re-import. */
export interface JobChange {
  contactId: Id;
  fromCompany: string | null;
  toCompany: string;
  detectedOn: Day;
}

/** A response to one of the user's posts, not replied to yet. */
export interface PendingPostResponse {
  id: Id;
  postTitle: string;
  contactId: Id | null;
  authorName: string | null;
  receivedAt: Instant;
}

export interface AgendaLedgerEntry {
  contactId: Id;
  direction: LedgerDirection;
  occurredOn: Day;
}

/** What the user did with an item: snoozed until a day, or done on a day. */
export interface AgendaItemState {
  itemId: string;
  snoozedUntil?: Day | null;
  doneOn?: Day | null;
}

export interface AgendaInput {
  today: Day;
  profile: Pick<Profile, 'cadenceDefaults' | 'dailyBudget' | 'postsPerMonth'>;
  /**
   * All live contacts (any of them may be due for a check-in or have a birthday). Rows below about a contact
   * not in this list (trashed) are dropped; a reader response then shows under its author name.
   */
  contacts: AgendaContact[];
  /** Open follow-ups (done ones are ignored). */
  followUps: Array<Pick<FollowUp, 'id' | 'contactId' | 'text' | 'dueOn' | 'doneAt'>>;
  /** Open commitments (resolved ones and theirs are ignored). */
  commitments: Array<Pick<Commitment, 'id' | 'contactId' | 'direction' | 'text' | 'dueOn' | 'status'>>;
  awaitingReply: AwaitingReply[];
  /** Events that ended in the last `postEventDays` days (older ones are ignored). */
  recentEvents: RecentEvent[];
  /** Job changes noticed in the last `jobChangeDays` days. */
  jobChanges: JobChange[];
  postResponses: PendingPostResponse[];
  /** The user's posts of this and the previous periods (all of them keep the streak exact). */
  posts: Array<{ publishedOn: Day }>;
  /** Ledger entries of the last `giveFirstDays` days. */
  ledger: AgendaLedgerEntry[];
  states: AgendaItemState[];
}

/** One addend of an item's score, for "why is this first?". */
export interface ScorePart {
  label: string;
  points: number;
}

export interface AgendaItem {
  /** Stable for one occurrence, so done hides only this one (see `itemId` rules in the builders). */
  id: string;
  kind: AgendaKind;
  contacts: Array<{ id: Id; name: string }>;
  /** Why it is on the list, as a sentence. */
  reason: string;
  score: number;
  /** A concrete next step. */
  suggestion: string;
  /** The day it is or was due, when it has one. */
  dueOn: Day | null;
  /** The score's addends; they sum to `score`. */
  scoreParts: ScorePart[];
}

/** The ranked agenda for `input.today`, at most `limit` (default: the daily budget) items. */
export function buildAgenda(input: AgendaInput, limit?: number): AgendaItem[] {
  const cap = agendaBudget(limit ?? input.profile.dailyBudget);
  if (cap === 0) return [];
  const hidden = hiddenIds(input.states, input.today);
  const byId = new Map<string, AgendaItem>();
  for (const item of candidates(input)) {
    if (hidden.has(item.id)) continue;
    const seen = byId.get(item.id);
    // Duplicate rows (the same reply twice) collapse to one item, chosen by content so order never matters.
    if (!seen || compareItems(item, seen) < 0) byId.set(item.id, item);
  }
  return mergeCheckins([...byId.values()])
    .sort(compareItems)
    .slice(0, cap);
}

/** The score of an item as arithmetic a person can follow, e.g. `reply 80 + waiting 3 days 1 + inner circle 10 = 91`. */
export function explainScore(item: Pick<AgendaItem, 'score' | 'scoreParts'>): string {
  const parts = item.scoreParts.map((p, i) => {
    const n = Math.round(p.points);
    if (i === 0) return `${p.label} ${n}`;
    return n < 0 ? `${p.label} − ${-n}` : `${p.label} + ${n}`;
  });
  return `${parts.join(' ')} = ${item.score}`;
}

// ---------------------------------------------------------------------------
// Candidate items, one builder per kind.

interface Ctx {
  input: AgendaInput;
  today: Day;
  contacts: Map<Id, AgendaContact>;
}

function candidates(input: AgendaInput): AgendaItem[] {
  const contacts = new Map<Id, AgendaContact>();
  for (const c of input.contacts) if (!contacts.has(c.id)) contacts.set(c.id, c);
  const ctx: Ctx = { input, today: input.today, contacts };
  return [
    ...commitmentItems(ctx),
    ...replyItems(ctx),
    ...postEventItems(ctx),
    ...birthdayItems(ctx),
    ...followUpItems(ctx),
    ...readerResponseItems(ctx),
    ...jobChangeItems(ctx),
    ...giveFirstItems(ctx),
    ...checkinItems(ctx),
    ...blogCadenceItems(ctx),
  ];
}

/** True when the contact's boundaries forbid a nudge today. */
export function boundaryBlocks(c: Pick<AgendaContact, 'boundaries' | 'lastTouchAt'>, today: Day): boolean {
  const { pausedUntil, minGapDays } = c.boundaries;
  if (pausedUntil && pausedUntil > today) return true;
  if (minGapDays != null && minGapDays > 0 && c.lastTouchAt) {
    const last = dayOf(c.lastTouchAt);
    // A last touch after "today" (an agenda for a past day) is certainly inside the gap.
    if (!isDay(last) || daysBetween(last, today) < minGapDays) return true;
  }
  return false;
}

/** The contact when it is live and its boundaries allow an item today. */
function reachable(ctx: Ctx, id: Id | null | undefined): AgendaContact | null {
  if (id == null) return null;
  const c = ctx.contacts.get(id);
  if (!c || boundaryBlocks(c, ctx.today)) return null;
  return c;
}

function commitmentItems(ctx: Ctx): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const m of ctx.input.commitments) {
    if (m.direction !== 'mine' || m.status !== 'open' || !m.dueOn || !isDay(m.dueOn)) continue;
    // The one exception to boundaries: a promise I made is kept even to someone who asked for quiet.
    const c = ctx.contacts.get(m.contactId);
    if (!c) continue;
    const until = daysBetween(ctx.today, m.dueOn);
    if (until > AGENDA_WINDOWS.commitmentLeadDays) continue;
    const when = until < 0 ? `${plural(-until, 'day')} overdue` : until === 0 ? 'due today' : `due ${inDays(until)}`;
    const urgency: ScorePart = { label: when, points: until < 0 ? Math.min(20, 2 * -until) : -2 * until };
    const dueOn = m.dueOn;
    out.push(
      item('commitment', `commitment:${m.id}`, [c], dueOn, {
        reason: () => `You promised ${c.name}: “${sentenceBody(m.text)}”, ${when}.`,
        suggestion: () => {
          const later =
            until < 0
              ? 'it is late: deliver it today, or tell them when it will come'
              : `if it cannot happen by ${shortDate(dueOn)}, tell them now and give a new date`;
          return `Keep your word to ${callName(c)}: ${asClause(sentenceBody(m.text), c)}. ${upperFirst(later)}.`;
        },
        parts: [{ label: 'commitment you owe', points: 90 }, urgency, circlePart(c.circle)],
      }),
    );
  }
  return out;
}

function replyItems(ctx: Ctx): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const r of ctx.input.awaitingReply) {
    const received = dayOf(r.receivedAt);
    if (!isDay(received)) continue;
    const waited = daysBetween(received, ctx.today);
    if (waited < AGENDA_WINDOWS.replyAfterDays) continue;
    const c = reachable(ctx, r.contactId);
    if (!c) continue;
    out.push(
      item('reply', `reply:${r.touchpointId}`, [c], addDays(received, AGENDA_WINDOWS.replyAfterDays), {
        reason: () => {
          const about = r.summary.trim() ? ` (“${clip(r.summary.trim(), 80)}”)` : '';
          return `${c.name} wrote ${ago(waited)}${about} and is waiting for your answer.`;
        },
        suggestion: () => `Answer ${callName(c)} today; a short, specific reply now beats a long one later.`,
        parts: [
          { label: 'awaiting your reply', points: 80 },
          { label: `waiting ${plural(waited, 'day')}`, points: Math.min(15, waited - AGENDA_WINDOWS.replyAfterDays) },
          circlePart(c.circle),
        ],
      }),
    );
  }
  return out;
}

function postEventItems(ctx: Ctx): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const e of ctx.input.recentEvents) {
    if (!isDay(e.endsOn)) continue;
    const since = daysBetween(e.endsOn, ctx.today);
    if (since < 0 || since > AGENDA_WINDOWS.postEventDays) continue;
    for (const id of new Set(e.metContactIds)) {
      const c = reachable(ctx, id);
      if (!c) continue;
      // The event itself is often logged as a touch on its last day; only a later touch is a follow-up.
      if (c.lastTouchAt && dayOf(c.lastTouchAt) > e.endsOn) continue;
      const name = callName(c);
      const ended = since === 0 ? 'ends today' : `ended ${ago(since)}`;
      out.push(
        item('post-event', `post-event:${e.eventId}:${c.id}`, [c], addDays(e.endsOn, 2), {
          reason: () => `You met ${c.name} at ${e.name}, which ${ended}; a personal follow-up within 48 hours is remembered.`,
          suggestion: () =>
            `Send ${name} a personal note about what you talked about at ${e.name}${topicHook(c) ? `, e.g. ${topicHook(c)}` : ''}, and suggest a next step.`,
          parts: [
            { label: 'met at an event', points: 78 },
            { label: since === 0 ? 'event ends today' : `event ended ${ago(since)}`, points: -4 * since },
            circlePart(c.circle),
          ],
        }),
      );
    }
  }
  return out;
}

function birthdayItems(ctx: Ctx): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const c of ctx.contacts.values()) {
    if (!c.birthday || !isBirthday(c.birthday)) continue;
    const on = nextBirthday(c.birthday, ctx.today);
    const until = daysBetween(ctx.today, on);
    if (until > AGENDA_WINDOWS.birthdayLeadDays) continue;
    if (boundaryBlocks(c, ctx.today)) continue;
    // A touch on the day itself is taken as the birthday message.
    if (c.lastTouchAt && dayOf(c.lastTouchAt) >= on) continue;
    const name = callName(c);
    const age = c.birthday.startsWith('--') ? null : Number(on.slice(0, 4)) - Number(c.birthday.slice(0, 4));
    const turns = age !== null && age > 0 ? ` (turns ${age})` : '';
    const when = until === 0 ? 'is today' : `is ${inDays(until)}, on ${shortDate(on)}`;
    out.push(
      item('birthday', `birthday:${c.id}:${on.slice(0, 4)}`, [c], on, {
        reason: () => `${possessive(c.name)} birthday ${when}${turns}.`,
        suggestion: () =>
          `${until === 0 ? 'Send' : `On ${shortDate(on)}, send`} ${name} a personal birthday message` +
          (topicHook(c) ? ` and ask about ${topicHook(c)}.` : ' that mentions something you shared.'),
        parts: [
          { label: 'birthday', points: until === 0 ? 72 : 65 },
          { label: until === 0 ? 'today' : inDays(until), points: until === 0 ? 0 : -2 * until },
          circlePart(c.circle),
        ],
      }),
    );
  }
  return out;
}

function followUpItems(ctx: Ctx): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const f of ctx.input.followUps) {
    if (f.doneAt != null || !f.dueOn || !isDay(f.dueOn)) continue;
    const late = daysBetween(f.dueOn, ctx.today);
    if (late < 0) continue;
    const c = reachable(ctx, f.contactId);
    if (!c) continue;
    const name = callName(c);
    const what = sentenceBody(f.text);
    out.push(
      item('follow-up', `follow-up:${f.id}`, [c], f.dueOn, {
        reason: () => `You planned to follow up with ${c.name}: “${what}”, ${late === 0 ? 'due today' : `due ${ago(late)}`}.`,
        suggestion: () =>
          fold(what).includes(fold(name)) ? `${upperFirst(what)}.` : `Follow up with ${name}: ${asClause(what, c)}.`,
        parts: [
          { label: 'follow-up due', points: 70 },
          { label: late === 0 ? 'due today' : `${plural(late, 'day')} overdue`, points: Math.min(15, late) },
          circlePart(c.circle),
        ],
      }),
    );
  }
  return out;
}

function readerResponseItems(ctx: Ctx): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const r of ctx.input.postResponses) {
    const received = dayOf(r.receivedAt);
    if (!isDay(received)) continue;
    const waited = daysBetween(received, ctx.today);
    if (waited < 0) continue;
    let who: AgendaContact | null = null;
    if (r.contactId != null && ctx.contacts.has(r.contactId)) {
      who = reachable(ctx, r.contactId);
      if (!who) continue;
    }
    const author = who ? who.name : r.authorName?.trim() || 'A reader';
    const callAs = who ? callName(who) : r.authorName?.trim() || 'them';
    out.push(
      item('reader-response', `reader-response:${r.id}`, who ? [who] : [], null, {
        reason: () =>
          `${author} responded to your post “${r.postTitle}” ${waited === 0 ? 'today' : ago(waited)} and has no reply yet.`,
        suggestion: () => `Reply to ${callAs}: thank them, answer their point, and ask what they are working on.`,
        parts: [
          { label: 'reader response', points: 60 },
          { label: `waiting ${plural(waited, 'day')}`, points: Math.min(15, waited) },
          ...(who ? [circlePart(who.circle)] : []),
        ],
      }),
    );
  }
  return out;
}

function jobChangeItems(ctx: Ctx): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const j of ctx.input.jobChanges) {
    if (!isDay(j.detectedOn) || !j.toCompany.trim()) continue;
    const since = daysBetween(j.detectedOn, ctx.today);
    if (since < 0 || since > AGENDA_WINDOWS.jobChangeDays) continue;
    const c = reachable(ctx, j.contactId);
    if (!c) continue;
    // A touch after the change was noticed is taken as the congratulations.
    if (c.lastTouchAt && dayOf(c.lastTouchAt) > j.detectedOn) continue;
    const name = callName(c);
    const to = j.toCompany.trim();
    const from = j.fromCompany?.trim();
    const noticed = since === 0 ? 'noticed today' : `noticed ${ago(since)}`;
    out.push(
      item('job-change', `job-change:${c.id}:${to}`, [c], null, {
        reason: () => `${c.name} ${from ? `moved from ${from} to ${to}` : `started at ${to}`} (${noticed}).`,
        suggestion: () =>
          `Congratulate ${name} on the new role at ${to} and ask what drew them there; offer an intro if it helps them settle in.`,
        parts: [{ label: 'job change', points: 55 }, { label: noticed, points: -Math.floor(since / 3) }, circlePart(c.circle)],
      }),
    );
  }
  return out;
}

function giveFirstItems(ctx: Ctx): AgendaItem[] {
  const from = addDays(ctx.today, -AGENDA_WINDOWS.giveFirstDays);
  const perContact = new Map<Id, { lastAsk: Day | null; gave: boolean }>();
  for (const e of ctx.input.ledger) {
    if (!isDay(e.occurredOn) || e.occurredOn < from || e.occurredOn > ctx.today) continue;
    const s = perContact.get(e.contactId) ?? { lastAsk: null, gave: false };
    if (e.direction === 'ask' && (s.lastAsk === null || e.occurredOn > s.lastAsk)) s.lastAsk = e.occurredOn;
    if (e.direction === 'give') s.gave = true;
    perContact.set(e.contactId, s);
  }
  const out: AgendaItem[] = [];
  for (const [id, s] of perContact) {
    if (s.lastAsk === null || s.gave) continue;
    const c = reachable(ctx, id);
    if (!c) continue;
    const asked = daysBetween(s.lastAsk, ctx.today);
    out.push(
      // Scoped by the latest ask: done hides this nudge, a new ask raises a new one.
      item('give-first', `give-first:${c.id}:${s.lastAsk}`, [c], null, {
        reason: () =>
          `You asked ${c.name} for something ${asked === 0 ? 'today' : ago(asked)} and have given nothing in the last ${AGENDA_WINDOWS.giveFirstDays} days.`,
        suggestion: () => giveSuggestion(c),
        parts: [{ label: 'give before you ask again', points: 50 }, circlePart(c.circle)],
      }),
    );
  }
  return out;
}

function checkinItems(ctx: Ctx): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const c of ctx.contacts.values()) {
    const status = cadenceStatus(c, ctx.input.profile.cadenceDefaults, ctx.today);
    const cadence = status.cadenceDays;
    if (cadence === null || cadence < 1 || status.dueOn === null || status.since === null) continue;
    if (!isDay(status.since) || status.dueOn > ctx.today) continue;
    if (boundaryBlocks(c, ctx.today)) continue;
    const elapsed = daysBetween(status.since, ctx.today);
    const overdue = daysBetween(status.dueOn, ctx.today);
    out.push(
      item('checkin', `checkin:${c.id}:${status.dueOn}`, [c], status.dueOn, {
        reason: () =>
          `${c.lastTouchAt ? `Last talked ${ago(elapsed)}` : `No touch logged since you added ${c.name} ${ago(elapsed)}`}; you aim for every ${plural(cadence, 'day')}.`,
        suggestion: () => withChannel(topicSuggestion(c), c.boundaries.preferredChannel),
        parts: [
          { label: 'check-in due', points: 40 },
          {
            label: overdue === 0 ? 'due today' : `${plural(overdue, 'day')} overdue`,
            // round(25 × overdue / (2 × cadence)), capped at 25, in whole numbers so SQL can rank it the same.
            points: overdue >= 2 * cadence ? 25 : Math.floor((25 * overdue + cadence) / (2 * cadence)),
          },
          circlePart(c.circle),
        ],
      }),
    );
  }
  return out;
}

function blogCadenceItems(ctx: Ctx): AgendaItem[] {
  const ppm = ctx.input.profile.postsPerMonth;
  const w = postingCadence(ctx.input.posts, ppm, ctx.today);
  if (!w.behind) return [];
  const period = w.periodMonths === 1 ? monthName(ctx.today) : `this ${w.periodMonths}-month period`;
  const wanted =
    w.periodMonths === 1
      ? `${plural(w.goalPerPeriod, 'post')} a month`
      : `${plural(w.goalPerPeriod, 'post')} every ${w.periodMonths} months`;
  const sofar = w.current.count === 0 ? 'No post yet' : `Only ${plural(w.current.count, 'post')}`;
  const streak =
    w.currentStreak > 0
      ? ` Your ${w.currentStreak}-${w.periodMonths === 1 ? 'month' : 'period'} streak ends if nothing goes out by ${shortDate(w.current.lastDay)}.`
      : '';
  const length = daysBetween(w.current.firstDay, w.current.lastDay) + 1;
  const pastHalf = daysBetween(w.current.firstDay, ctx.today) + 1 - Math.floor(length / 2);
  return [
    item('blog-cadence', `blog-cadence:${w.current.start}`, [], w.current.lastDay, {
      reason: `${sofar} in ${period}, and it is more than half gone; you aim for ${wanted}.${streak}`,
      suggestion: `Block 90 minutes this week for a short post: one problem you solved recently, what you tried and what worked.`,
      parts: [
        { label: 'writing cadence', points: 35 },
        { label: `${plural(w.current.daysLeft, 'day')} left`, points: Math.max(0, Math.min(15, pastHalf)) },
      ],
    }),
  ];
}

// ---------------------------------------------------------------------------
// Ranking helpers.

/** What a contact's circle adds to the score of every item about them (the Store ranks by it too). */
export const CIRCLE_POINTS: Record<Circle, number> = { inner: 10, active: 5, network: 0, dormant: -5 };

/** The most a birthday item can score (birthdayItems): on the day, an inner-circle contact, covering a check-in. */
export const BIRTHDAY_MAX_SCORE = 72 + Math.max(...Object.values(CIRCLE_POINTS)) + 5;

function circlePart(circle: Circle): ScorePart {
  return { label: `${circle} circle`, points: CIRCLE_POINTS[circle] ?? 0 };
}

function item(
  kind: AgendaKind,
  id: string,
  contacts: AgendaContact[],
  dueOn: Day | null,
  body: { reason: string | (() => string); suggestion: string | (() => string); parts: ScorePart[] },
): AgendaItem {
  const parts = body.parts.map((p) => ({ label: p.label, points: Math.round(p.points) }));
  const out = {
    id,
    kind,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name })),
    reason: '',
    score: parts.reduce((s, p) => s + p.points, 0),
    suggestion: '',
    dueOn,
    scoreParts: parts,
  };
  // Wording is built only for items someone reads: thousands of overdue check-ins are ranked, five are shown.
  lazyText(out, 'reason', body.reason);
  lazyText(out, 'suggestion', body.suggestion);
  return out;
}

/** Sets `key` to the text, or to a getter that builds it once on first read. */
function lazyText(
  target: { reason: string; suggestion: string },
  key: 'reason' | 'suggestion',
  text: string | (() => string),
): void {
  if (typeof text === 'string') {
    target[key] = text;
    return;
  }
  let cached: string | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => (cached ??= text()),
    set: (v: string) => {
      cached = v;
    },
  });
}

/**
 * Higher score first; then the earlier due day (undated last), the first contact's id and the
 * item's id; then content, so duplicates resolve the same way whatever the order.
 */
function compareItems(a: AgendaItem, b: AgendaItem): number {
  const k = compareRank(
    { score: a.score, dueOn: a.dueOn, contactId: a.contacts[0]?.id ?? '', id: a.id },
    { score: b.score, dueOn: b.dueOn, contactId: b.contacts[0]?.id ?? '', id: b.id },
  );
  if (k !== 0) return k;
  const ka = `${a.reason}\u0000${a.suggestion}`;
  const kb = `${b.reason}\u0000${b.suggestion}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Where an item ranks: its score, due day, first contact ('' for none) and id. */
export interface RankKey {
  score: number;
  dueOn: Day | null;
  contactId: Id;
  id: string;
}

/** The ranking's order on rank keys (negative: `a` first): higher score, earlier due day (undated last), contact id, item id. */
export function compareRank(a: RankKey, b: RankKey): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.dueOn !== b.dueOn) return a.dueOn === null ? 1 : b.dueOn === null ? -1 : a.dueOn < b.dueOn ? -1 : 1;
  if (a.contactId !== b.contactId) return a.contactId < b.contactId ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** The rank key of an item. */
export function rankKey(item: Pick<AgendaItem, 'score' | 'dueOn' | 'contacts' | 'id'>): RankKey {
  return { score: item.score, dueOn: item.dueOn, contactId: item.contacts[0]?.id ?? '', id: item.id };
}

/** The ids of the items the user's snoozes and dones hide on `today`. */
export function hiddenIds(states: AgendaItemState[], today: Day): Set<string> {
  const hidden = new Set<string>();
  for (const s of states) {
    // Done on a later day than the one asked for (`--on` in the past) does not hide it then.
    if (s.doneOn && s.doneOn <= today) hidden.add(s.itemId);
    if (s.snoozedUntil && s.snoozedUntil > today) hidden.add(s.itemId);
  }
  return hidden;
}

/**
 * Any other item about a person is itself a touch, so it also settles their
 * check-in: the check-in is dropped and the person's top item says so.
 */
function mergeCheckins(items: AgendaItem[]): AgendaItem[] {
  const topOther = new Map<Id, AgendaItem>();
  for (const it of items) {
    if (it.kind === 'checkin') continue;
    for (const c of it.contacts) {
      const cur = topOther.get(c.id);
      if (!cur || compareItems(it, cur) < 0) topOther.set(c.id, it);
    }
  }
  const merged = new Map<AgendaItem, AgendaItem>();
  const out: AgendaItem[] = [];
  for (const it of items) {
    if (it.kind !== 'checkin') continue;
    const c = it.contacts[0];
    const host = c ? topOther.get(c.id) : undefined;
    if (!host) {
      out.push(it);
      continue;
    }
    const base = merged.get(host) ?? host;
    const parts = [...base.scoreParts, { label: 'covers an overdue check-in', points: 5 }];
    const next: AgendaItem = {
      id: base.id,
      kind: base.kind,
      contacts: base.contacts,
      reason: '',
      score: parts.reduce((s, p) => s + p.points, 0),
      suggestion: '',
      dueOn: base.dueOn,
      scoreParts: parts,
    };
    // Still lazy: a spread would build the wording of every merged item, shown or not.
    lazyText(next, 'reason', () => `${base.reason} It also covers your check-in (${lowerFirst(it.reason.replace(/\.$/, ''))}).`);
    lazyText(next, 'suggestion', () => base.suggestion);
    merged.set(host, next);
  }
  for (const it of items) if (it.kind !== 'checkin') out.push(merged.get(it) ?? it);
  return out;
}

/** How many items a day shows: the profile's daily budget, else the default. */
export function agendaBudget(n: number | null | undefined): number {
  if (n == null || !Number.isFinite(n)) return DEFAULT_DAILY_BUDGET;
  return Math.max(0, Math.floor(n));
}

// ---------------------------------------------------------------------------
// Wording.

const TOPIC_ORDER: Topic['kind'][] = ['side-project', 'goal', 'challenge', 'looking-for', 'interest'];

function firstTopic(c: AgendaContact, kinds: Topic['kind'][]): Topic | null {
  for (const kind of kinds) {
    const t = c.topics.find((x) => x.kind === kind && x.text.trim());
    if (t) return t;
  }
  return null;
}

/** A short noun phrase to talk about, from the richest topic: "the Rust meetup". */
function topicHook(c: AgendaContact): string | null {
  const t = firstTopic(c, TOPIC_ORDER);
  if (!t) return null;
  const text = t.text.trim();
  switch (t.kind) {
    case 'side-project':
      return withArticle(text);
    case 'goal':
      return `their goal “${text}”`;
    case 'challenge':
      return `how things are with “${text}”`;
    default:
      return text;
  }
}

/** A check-in opener that uses the record: their side project, goal, challenge, need, interest or company. */
function topicSuggestion(c: AgendaContact): string {
  const name = callName(c);
  const t = firstTopic(c, TOPIC_ORDER);
  if (t) {
    const text = t.text.trim();
    switch (t.kind) {
      case 'side-project':
        return `Ask ${name} how ${withArticle(text)} is going.`;
      case 'goal':
        return `Ask ${name} how they are getting on with their goal “${text}”.`;
      case 'challenge':
        return `Ask ${name} how things are with “${text}”, and offer a hand.`;
      case 'looking-for':
        return `${upperFirst(name)} is looking for ${text}: send a lead or an intro with a short personal note.`;
      default:
        return `Send ${name} something on ${text} and ask what has caught their eye lately.`;
    }
  }
  if (c.company?.trim()) return `Ask ${name} what they are working on at ${c.company.trim()} these days.`;
  return `Send ${name} a personal note that refers to your last conversation and offers something useful.`;
}

function giveSuggestion(c: AgendaContact): string {
  const name = callName(c);
  const t = firstTopic(c, ['looking-for', 'challenge', 'side-project', 'goal', 'interest']);
  if (t) {
    const text = t.text.trim();
    switch (t.kind) {
      case 'looking-for':
        return `${upperFirst(name)} is looking for ${text}: send a lead or an intro before you ask again.`;
      case 'challenge':
        return `Offer ${name} help with “${text}” before you ask again.`;
      case 'side-project':
        return `Give ${name} something for ${withArticle(text)}: a review, a user, or a share, before you ask again.`;
      case 'goal':
        return `Help ${name} toward “${text}”: an intro or a resource, before you ask again.`;
      default:
        return `Send ${name} a good resource on ${text} before you ask again.`;
    }
  }
  return `Offer ${name} something first (an intro, a review, a resource) before you ask again.`;
}

const CHANNEL_PHRASE: Record<Channel, string> = {
  'in-person': 'meeting in person',
  video: 'a video call',
  phone: 'a phone call',
  email: 'email',
  linkedin: 'LinkedIn',
  chat: 'chat',
  social: 'social media',
  other: '',
};

function withChannel(s: string, channel: Channel | null | undefined): string {
  const phrase = channel ? CHANNEL_PHRASE[channel] : '';
  return phrase ? `${s} They prefer ${phrase}.` : s;
}

function callName(c: Pick<AgendaContact, 'name' | 'givenName'>): string {
  return c.givenName?.trim() || c.name.trim() || 'them';
}

function withArticle(text: string): string {
  if (/^(the|their|his|her|a|an)\s/i.test(text)) return text;
  if (/^my\s/i.test(text)) return `their ${text.slice(3)}`;
  return `the ${text}`;
}

/** The text of a note without its trailing full stop, so it can sit inside a sentence. */
function sentenceBody(text: string): string {
  return text.trim().replace(/[.!]+$/, '') || 'what you said you would do';
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The user's note placed after a colon: "Send slides" → "send slides", but a
 * first word that is a name (theirs, or any capitalised word after the first
 * letter, such as "WASM") keeps its case.
 */
function asClause(text: string, c: Pick<AgendaContact, 'name' | 'givenName'>): string {
  const first = text.split(/\s/, 1)[0] ?? '';
  const word = first.replace(/[’'].*$/, '');
  const names = new Set([...fold(c.name).split(/\s+/), ...(c.givenName ? fold(c.givenName).split(/\s+/) : [])]);
  if (!/^\p{Lu}\p{Ll}+$/u.test(word) || names.has(fold(word))) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** For kith's own sentences only: the user's text keeps the case it was typed in. */
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}’` : `${name}’s`;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ago(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

function inDays(days: number): string {
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function monthName(day: Day): string {
  return MONTHS[Number(day.slice(5, 7)) - 1] ?? day.slice(0, 7);
}

/** `2026-12-01` → `1 December`. */
function shortDate(day: Day): string {
  return `${Number(day.slice(8, 10))} ${monthName(day)}`;
}
