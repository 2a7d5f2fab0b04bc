/**
 * The habit coach (P3, P11): start with a small circle, keep a weekly goal of
 * touches, count streaks of good weeks, suggest widening once the habit holds,
 * and summarise each week. Data in, data out: no clock, no Store.
 *
 * Weeks are ISO weeks (Monday to Sunday) of UTC days, as everywhere in core/.
 */
import { cadenceStatus } from './cadence.js';
import { addDays, dayOf, isDay, weekStart } from './days.js';
import type {
  Boundaries,
  CadenceDefaults,
  Circle,
  Commitment,
  Day,
  Id,
  Initiator,
  Instant,
  LedgerDirection,
  Topic,
} from './types.js';

/** Good weeks in a row after which the coach suggests widening the circle. */
export const WIDEN_AFTER_WEEKS = 4;

export interface CoachTouch {
  occurredAt: Instant;
  initiatedBy?: Initiator | null;
}

export interface WeekProgress {
  /** The Monday that starts the week. */
  weekStart: Day;
  count: number;
  /** Touches the user started. */
  byMe: number;
  met: boolean;
  /** The week that holds `today`: still running. */
  current: boolean;
}

export interface WeeklyProgress {
  goal: number;
  /** Oldest first; the current week last. */
  weeks: WeekProgress[];
  thisWeek: WeekProgress;
  /** Met weeks in a row up to last week, plus this week once met: an unfinished week never breaks it. */
  currentStreak: number;
  /** The longest run of met weeks within the weeks shown. */
  longestStreak: number;
}

/** Touches per ISO week against the weekly goal for the `weeks` weeks up to `today` (a goal of 0 or less is never met). */
export function weeklyProgress(touches: ReadonlyArray<CoachTouch>, weeklyGoal: number, today: Day, weeks = 12): WeeklyProgress {
  const span = Math.max(1, Math.floor(weeks));
  const current = weekStart(today);
  const first = addDays(current, -7 * (span - 1));
  const counts = new Map<Day, { count: number; byMe: number }>();
  for (const t of touches) {
    const d = dayOf(t.occurredAt);
    if (!isDay(d) || d < first || d > today) continue;
    const w = weekStart(d);
    const c = counts.get(w) ?? { count: 0, byMe: 0 };
    c.count += 1;
    if (t.initiatedBy === 'me') c.byMe += 1;
    counts.set(w, c);
  }
  const list: WeekProgress[] = [];
  for (let i = 0; i < span; i++) {
    const ws = addDays(first, 7 * i);
    const c = counts.get(ws) ?? { count: 0, byMe: 0 };
    list.push({
      weekStart: ws,
      count: c.count,
      byMe: c.byMe,
      met: weeklyGoal > 0 && c.count >= weeklyGoal,
      current: ws === current,
    });
  }
  let run = 0;
  let longest = 0;
  for (const w of list) {
    if (w.current) continue;
    run = w.met ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const thisWeek = list[list.length - 1] as WeekProgress;
  const currentStreak = run + (thisWeek.met ? 1 : 0);
  return { goal: weeklyGoal, weeks: list, thisWeek, currentStreak, longestStreak: Math.max(longest, currentStreak) };
}

export interface WidenAdvice {
  widen: boolean;
  /** A sentence for the user when `widen` is true, else null. */
  message: string | null;
}

/** Suggests widening the circle after `WIDEN_AFTER_WEEKS` good weeks in a row. */
export function shouldWiden(progress: Pick<WeeklyProgress, 'currentStreak' | 'goal'>): WidenAdvice {
  if (progress.goal <= 0 || progress.currentStreak < WIDEN_AFTER_WEEKS) return { widen: false, message: null };
  return {
    widen: true,
    message:
      `${progress.currentStreak} good weeks in a row: the habit holds. ` +
      `Add one or two people to your circle (someone you met recently, or a former colleague), ` +
      `or raise your weekly goal to ${progress.goal + 1}.`,
  };
}

/** One contact considered for the starting circle, summarised by the Store. */
export interface CircleCandidate {
  id: Id;
  name: string;
  circle: Circle;
  topics: Topic[];
  /** Days since the last touch of any kind; null when there was none. */
  daysSinceLastTouch: number | null;
  /** Touches in the last six months the user started, and the ones they started. */
  recentByMe: number;
  recentByThem: number;
  /** Paused by a boundary: never picked. */
  paused?: boolean;
}

export interface CirclePick {
  id: Id;
  name: string;
  score: number;
  reason: string;
}

const CIRCLE_START_POINTS: Record<Circle, number> = { inner: 30, active: 20, network: 5, dormant: -10 };

/**
 * Picks the people to start with (P3): close circles, recent two-way contact
 * and a rich record to talk about make the first messages easy to write.
 */
export function suggestStartingCircle(candidates: ReadonlyArray<CircleCandidate>, n = 5): CirclePick[] {
  const size = Math.max(3, Math.min(5, Math.floor(Number.isFinite(n) ? n : 5)));
  const scored: CirclePick[] = [];
  const seen = new Set<Id>();
  for (const c of candidates) {
    if (c.paused || seen.has(c.id)) continue;
    seen.add(c.id);
    const why: string[] = [];
    let score = CIRCLE_START_POINTS[c.circle] ?? 0;
    if (c.circle === 'inner' || c.circle === 'active') why.push(`in your ${c.circle} circle`);
    const twoWay = c.recentByMe > 0 && c.recentByThem > 0;
    if (twoWay) {
      score += 25;
      why.push(`you both reached out recently (${c.recentByMe} by you, ${c.recentByThem} by them)`);
    } else if (c.recentByThem > 0) {
      score += 15;
      why.push(`they reached out recently (${c.recentByThem} ${c.recentByThem === 1 ? 'time' : 'times'})`);
    } else if (c.recentByMe > 0) {
      score += 8;
      why.push('you were in touch recently');
    }
    const d = c.daysSinceLastTouch;
    if (d !== null && d >= 0) {
      if (d <= 30) score += 15;
      else if (d <= 90) score += 8;
      else if (d <= 365) score += 2;
    }
    const topics = c.topics.filter((t) => t.text.trim());
    if (topics.length) {
      score += Math.min(20, 5 * topics.length);
      const shown = topics.slice(0, 2).map((t) => `“${t.text.trim()}”`);
      why.push(`you know what to talk about: ${shown.join(', ')}${topics.length > 2 ? ` and ${topics.length - 2} more` : ''}`);
    }
    if (why.length === 0) why.push('someone you could reconnect with');
    const reason = `${c.name}: ${why.join('; ')}.`;
    scored.push({ id: c.id, name: c.name, score, reason: reason.charAt(0).toUpperCase() + reason.slice(1) });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, size);
}

export interface ReviewContact {
  id: Id;
  name: string;
  circle: Circle;
  cadenceDays?: number | null;
  createdAt: Instant;
  lastTouchAt?: Instant | null;
  boundaries?: Boundaries;
}

export interface WeeklyReviewInput {
  /** The last day of the week under review. */
  today: Day;
  weeklyGoal: number;
  cadenceDefaults: CadenceDefaults;
  /** Touches of at least the last 12 weeks (for the streak); older ones are ignored. */
  touches: ReadonlyArray<CoachTouch>;
  /** Commitments that are open, or were resolved in the week. */
  commitments: ReadonlyArray<Pick<Commitment, 'id' | 'contactId' | 'direction' | 'text' | 'dueOn' | 'status' | 'resolvedOn'>>;
  ledger: ReadonlyArray<{ contactId: Id; direction: LedgerDirection; occurredOn: Day }>;
  /** Live contacts. */
  contacts: ReadonlyArray<ReviewContact>;
}

export interface WeeklyReview {
  /** The seven days reviewed, `from` to `to` inclusive (`to` is today). */
  from: Day;
  to: Day;
  touches: { count: number; goal: number; met: boolean; byMe: number; byThem: number };
  streak: { current: number; longest: number };
  /** My commitments: kept and broken in the week; open and overdue now. */
  commitments: { kept: number; keptOnTime: number; broken: number; open: number; overdue: number; theirsKept: number };
  ledger: { gives: number; asks: number; receives: number };
  /** People whose check-in became overdue during the week, most overdue first. */
  drifted: Array<{ id: Id; name: string; dueOn: Day; daysOverdue: number }>;
  /** People whose check-in falls due in the next seven days. */
  comingDue: Array<{ id: Id; name: string; dueOn: Day }>;
  /** Concrete steps for next week, most important first. */
  suggestions: string[];
  /** One sentence for the top of the review. */
  summary: string;
}

/** The review of the seven days ending `today`: touches vs goal, promises, gives and asks, who drifted, what next. */
export function weeklyReview(input: WeeklyReviewInput): WeeklyReview {
  const { today } = input;
  const from = addDays(today, -6);
  const inWeek = (d: Day | null | undefined): boolean => !!d && isDay(d) && d >= from && d <= today;

  const weekTouches = input.touches.filter((t) => inWeek(dayOf(t.occurredAt)));
  const byMe = weekTouches.filter((t) => t.initiatedBy === 'me').length;
  const byThem = weekTouches.filter((t) => t.initiatedBy === 'them').length;
  const goal = input.weeklyGoal;
  const met = goal > 0 && weekTouches.length >= goal;
  const progress = weeklyProgress(input.touches, goal, today);

  const mine = input.commitments.filter((c) => c.direction === 'mine');
  const kept = mine.filter((c) => c.status === 'kept' && inWeek(c.resolvedOn));
  const keptOnTime = kept.filter((c) => !c.dueOn || (c.resolvedOn != null && c.resolvedOn <= c.dueOn)).length;
  const broken = mine.filter((c) => c.status === 'broken' && inWeek(c.resolvedOn)).length;
  const open = mine.filter((c) => c.status === 'open');
  const overdue = open.filter((c) => c.dueOn && isDay(c.dueOn) && c.dueOn < today);
  const theirsKept = input.commitments.filter(
    (c) => c.direction === 'theirs' && c.status === 'kept' && inWeek(c.resolvedOn),
  ).length;

  const weekLedger = input.ledger.filter((e) => inWeek(e.occurredOn));
  const gives = weekLedger.filter((e) => e.direction === 'give').length;
  const asks = weekLedger.filter((e) => e.direction === 'ask').length;
  const receives = weekLedger.filter((e) => e.direction === 'receive').length;

  const drifted: WeeklyReview['drifted'] = [];
  const comingDue: WeeklyReview['comingDue'] = [];
  const circleOf = new Map<Id, Circle>();
  const names = new Map<Id, string>();
  for (const c of input.contacts) {
    names.set(c.id, c.name);
    circleOf.set(c.id, c.circle);
    // Someone who asked for a pause is not "drifting".
    if (c.boundaries?.pausedUntil && c.boundaries.pausedUntil > today) continue;
    const s = cadenceStatus(c, input.cadenceDefaults, today);
    if (s.dueOn === null || s.cadenceDays === null || s.cadenceDays < 1) continue;
    // Overdue from the day after dueOn: it became overdue this week when that day is in the week.
    if (s.state === 'overdue' && inWeek(addDays(s.dueOn, 1)))
      drifted.push({ id: c.id, name: c.name, dueOn: s.dueOn, daysOverdue: s.days });
    else if (s.dueOn > today && s.dueOn <= addDays(today, 7)) comingDue.push({ id: c.id, name: c.name, dueOn: s.dueOn });
  }
  const rank: Record<Circle, number> = { inner: 0, active: 1, network: 2, dormant: 3 };
  const byCircle = (a: { id: Id }, b: { id: Id }): number =>
    (rank[circleOf.get(a.id) ?? 'network'] ?? 2) - (rank[circleOf.get(b.id) ?? 'network'] ?? 2);
  const byId = (a: { id: Id }, b: { id: Id }): number => cmp(a.id, b.id);
  const byDue = (a: { dueOn?: Day | null }, b: { dueOn?: Day | null }): number => cmp(a.dueOn ?? '', b.dueOn ?? '');
  drifted.sort((a, b) => b.daysOverdue - a.daysOverdue || byCircle(a, b) || byId(a, b));
  comingDue.sort((a, b) => byDue(a, b) || byCircle(a, b) || byId(a, b));

  const suggestions: string[] = [];
  for (const c of [...overdue].sort((a, b) => byDue(a, b) || byId(a, b)).slice(0, 3)) {
    suggestions.push(`Keep your promise to ${names.get(c.contactId) ?? 'them'}: ${c.text.trim()} (was due ${c.dueOn}).`);
  }
  if (goal > 0 && !met) {
    suggestions.push(
      `This week had ${weekTouches.length} of ${goal} touches: put ${goal} short slots in next week's calendar, one per person to reach.`,
    );
  }
  for (const d of drifted.slice(0, 3))
    suggestions.push(`Reach out to ${d.name}: the check-in is ${d.daysOverdue} ${d.daysOverdue === 1 ? 'day' : 'days'} overdue.`);
  const dueSoon = open.filter((c) => c.dueOn && isDay(c.dueOn) && c.dueOn >= today && c.dueOn <= addDays(today, 7));
  for (const c of dueSoon.sort((a, b) => byDue(a, b) || byId(a, b)).slice(0, 3)) {
    suggestions.push(`Plan time for your promise to ${names.get(c.contactId) ?? 'them'}: ${c.text.trim()} (due ${c.dueOn}).`);
  }
  if (comingDue.length) {
    const shown = comingDue.slice(0, 3).map((c) => `${c.name} (${c.dueOn})`);
    suggestions.push(
      `Coming due next week: ${shown.join(', ')}${comingDue.length > 3 ? ` and ${comingDue.length - 3} more` : ''}.`,
    );
  }
  if (asks > gives)
    suggestions.push(
      `You asked ${asks} ${asks === 1 ? 'time' : 'times'} and gave ${gives}: plan one give (an intro, a review, a resource) next week.`,
    );
  if (receives > 0)
    suggestions.push(
      `You received help ${receives} ${receives === 1 ? 'time' : 'times'}: say thank you, in public where it fits.`,
    );
  const widen = shouldWiden(progress);
  if (widen.message) suggestions.push(widen.message);

  const parts = [
    `${weekTouches.length} ${weekTouches.length === 1 ? 'touch' : 'touches'}${goal > 0 ? ` of ${goal}` : ''}${met ? ' (goal met)' : ''}`,
    `${kept.length} ${kept.length === 1 ? 'promise' : 'promises'} kept`,
  ];
  if (broken) parts.push(`${broken} broken`);
  if (gives || asks) parts.push(`${gives} ${gives === 1 ? 'give' : 'gives'}, ${asks} ${asks === 1 ? 'ask' : 'asks'}`);
  if (drifted.length) parts.push(`${drifted.length} ${drifted.length === 1 ? 'person' : 'people'} drifted`);
  const streak =
    progress.currentStreak > 0 ? ` Streak: ${progress.currentStreak} ${progress.currentStreak === 1 ? 'week' : 'weeks'}.` : '';

  return {
    from,
    to: today,
    touches: { count: weekTouches.length, goal, met, byMe, byThem },
    streak: { current: progress.currentStreak, longest: progress.longestStreak },
    commitments: { kept: kept.length, keptOnTime, broken, open: open.length, overdue: overdue.length, theirsKept },
    ledger: { gives, asks, receives },
    drifted,
    comingDue,
    suggestions,
    summary: `This week: ${parts.join('; ')}.${streak}`,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
