/**
 * The habit coach (P3, P11): start with 3–5 people, keep a weekly goal of
 * touches, watch the streak, widen the circle once the habit holds, and review
 * each week. The decisions are in core/coach.ts; this file gathers their input.
 *
 * The starting circle is stored on the contacts themselves: each picked person
 * moves to the `inner` circle (so the agenda checks in monthly) and gets the
 * tag `starting-circle` (so the coach, `kith contact list --tag`, and the user
 * can tell who they started with, and undo it with `--remove-tag`).
 */
import { z } from 'zod';
import {
  shouldWiden,
  suggestStartingCircle,
  weeklyProgress,
  weeklyReview,
  type CircleCandidate,
  type CirclePick,
  type CoachTouch,
  type WeeklyProgress,
  type WeeklyReview,
  type WidenAdvice,
} from '../core/coach.js';
import { addDays, dayOf, daysBetween, weekStart } from '../core/days.js';
import { AppError } from '../core/errors.js';
import type { Contact, Day, Id } from '../core/types.js';
import { editContact } from './contacts.js';
import { resolveContacts } from './events.js';
import type { Ctx } from './ports.js';
import { updateProfile } from './profile.js';
import { parseInput } from './schemas.js';
import { profileOf } from './session.js';
import { todayFor } from './network-schemas.js';

export const STARTING_CIRCLE_TAG = 'starting-circle';
/** Weeks of history the streaks are counted over. */
const STREAK_WEEKS = 52;
/** Weeks shown in the coach's progress. */
const SHOWN_WEEKS = 8;

const startInput = z.object({
  pick: z
    .array(z.string().trim().min(1, 'name a contact'))
    .min(3, 'pick 3 to 5 people: start small, but not alone')
    .max(5, 'pick 3 to 5 people: a small circle is what makes the habit stick')
    .optional(),
  on: z.string().optional(),
});

const goalInput = z.object({
  goal: z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100'),
});

/** Touches from the start of the week `weeks - 1` weeks before today's, up to the end of today. */
async function touchesFor(ctx: Ctx, today: Day, weeks: number): Promise<CoachTouch[]> {
  const since = `${addDays(weekStart(today), -7 * (weeks - 1))}T00:00:00.000Z`;
  const list = await ctx.store.listTouchpoints(ctx.userId, {
    since,
    until: `${addDays(today, 1)}T00:00:00.000Z`,
    state: 'live',
    order: 'asc',
  });
  return list.map((t) => ({ occurredAt: t.occurredAt, initiatedBy: t.initiatedBy ?? null }));
}

export interface CoachStart {
  date: Day;
  /** `suggested`: nothing was changed; `set`: the picked people are now the starting circle. */
  mode: 'suggested' | 'set';
  suggestions: CirclePick[];
  circle: Array<{ id: Id; name: string }>;
}

/** The people already in the starting circle. */
async function startingCircle(ctx: Ctx): Promise<Array<{ id: Id; name: string }>> {
  return (await ctx.store.listContacts(ctx.userId, { tag: STARTING_CIRCLE_TAG, state: 'live' })).map((c) => ({
    id: c.id,
    name: c.displayName,
  }));
}

/**
 * Without `pick`: suggests 3–5 people to start with (or, once there is a
 * starting circle, to widen it with) and changes nothing. With `pick` (3–5
 * people): adds them to the starting circle (inner circle, tagged).
 */
export async function coachStart(ctx: Ctx, raw: unknown): Promise<CoachStart> {
  const input = parseInput(startInput, raw);
  const today = await todayFor(ctx, input.on);
  if (input.pick) {
    const picks = input.pick;
    await ctx.store.transaction(async (store) => {
      const tctx = { ...ctx, store };
      const people = await resolveContacts(tctx, picks);
      if (people.length < 3)
        throw new AppError('invalid_input', 'pick: pick 3 to 5 different people', {
          issues: [{ field: 'pick', message: 'fewer than 3 different people' }],
        });
      for (const p of people) await editContact(tctx, { who: p.id, circle: 'inner', tags: [STARTING_CIRCLE_TAG] });
    });
    return { date: today, mode: 'set', suggestions: [], circle: await startingCircle(ctx) };
  }
  // Once there is a circle, suggestions are the people to widen it with: everyone else.
  const circle = await startingCircle(ctx);
  const inCircle = new Set(circle.map((c) => c.id));
  const summaries = (await ctx.store.contactSummaries(ctx.userId)).filter((c) => !inCircle.has(c.id));
  const since = `${addDays(today, -182)}T00:00:00.000Z`;
  const recent = await ctx.store.listTouchpoints(ctx.userId, {
    since,
    until: `${addDays(today, 1)}T00:00:00.000Z`,
    state: 'live',
  });
  const by = new Map<Id, { me: number; them: number }>();
  for (const t of recent)
    for (const id of t.participantIds) {
      const c = by.get(id) ?? { me: 0, them: 0 };
      if (t.initiatedBy === 'them') c.them += 1;
      else c.me += 1;
      by.set(id, c);
    }
  const candidates: CircleCandidate[] = summaries.map((c) => ({
    id: c.id,
    name: c.name,
    circle: c.circle,
    topics: c.topics,
    daysSinceLastTouch: c.lastTouchAt ? daysBetween(dayOf(c.lastTouchAt), today) : null,
    recentByMe: by.get(c.id)?.me ?? 0,
    recentByThem: by.get(c.id)?.them ?? 0,
    paused: !!c.boundaries.pausedUntil && c.boundaries.pausedUntil > today,
  }));
  return { date: today, mode: 'suggested', suggestions: suggestStartingCircle(candidates, 5), circle };
}

/** Sets the weekly goal (touches per week) in the profile. */
export async function setWeeklyGoal(ctx: Ctx, raw: unknown): Promise<{ weeklyGoal: number }> {
  const { goal } = parseInput(goalInput, raw);
  const p = await updateProfile(ctx, { weeklyGoal: goal });
  return { weeklyGoal: p.weeklyGoal };
}

export interface CoachStatus {
  date: Day;
  goal: number;
  thisWeek: WeeklyProgress['thisWeek'];
  /** The last few weeks, oldest first, this week last. */
  weeks: WeeklyProgress['weeks'];
  currentStreak: number;
  longestStreak: number;
  widen: WidenAdvice;
  /** The starting circle and when each was last touched. */
  circle: Array<{ id: Id; name: string; lastTouchOn: Day | null }>;
  /** One sentence for the top. */
  summary: string;
}

/** This week against the weekly goal, the streaks, and whether to widen the circle. */
export async function coachStatus(ctx: Ctx, input: { on?: string } = {}): Promise<CoachStatus> {
  const today = await todayFor(ctx, input.on);
  const profile = await profileOf(ctx);
  const progress = weeklyProgress(await touchesFor(ctx, today, STREAK_WEEKS), profile.weeklyGoal, today, STREAK_WEEKS);
  const widen = shouldWiden(progress);
  const circle = (await ctx.store.listContacts(ctx.userId, { tag: STARTING_CIRCLE_TAG, state: 'live' })).map((c: Contact) => ({
    id: c.id,
    name: c.displayName,
    lastTouchOn: c.lastTouchAt ? dayOf(c.lastTouchAt) : null,
  }));
  const w = progress.thisWeek;
  const left = Math.max(0, progress.goal - w.count);
  const summary =
    progress.goal <= 0
      ? `${w.count} ${w.count === 1 ? 'touch' : 'touches'} this week; no weekly goal set (kith coach goal <n>).`
      : `${w.count} of ${progress.goal} touches this week${w.met ? ': goal met' : `: ${left} to go`}. ` +
        `Streak ${progress.currentStreak} ${progress.currentStreak === 1 ? 'week' : 'weeks'}, longest ${progress.longestStreak}.`;
  return {
    date: today,
    goal: progress.goal,
    thisWeek: w,
    weeks: progress.weeks.slice(-SHOWN_WEEKS),
    currentStreak: progress.currentStreak,
    longestStreak: progress.longestStreak,
    widen,
    circle,
    summary,
  };
}

/** The weekly review of the seven days ending `on` (default today). */
export async function weeklyReviewOp(ctx: Ctx, input: { on?: string } = {}): Promise<WeeklyReview> {
  const today = await todayFor(ctx, input.on);
  const profile = await profileOf(ctx);
  const from = addDays(today, -6);
  const [touches, commitments, ledger, contacts] = await Promise.all([
    touchesFor(ctx, today, 12),
    ctx.store.listRecords('commitment', ctx.userId),
    ctx.store.listRecords('ledger', ctx.userId),
    ctx.store.contactSummaries(ctx.userId),
  ]);
  return weeklyReview({
    today,
    weeklyGoal: profile.weeklyGoal,
    cadenceDefaults: profile.cadenceDefaults,
    touches,
    commitments: commitments.filter((c) => c.status === 'open' || (!!c.resolvedOn && c.resolvedOn >= from)),
    ledger: ledger.filter((e) => e.occurredOn >= from && e.occurredOn <= today),
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      circle: c.circle,
      cadenceDays: c.cadenceDays,
      createdAt: c.createdAt,
      lastTouchAt: c.lastTouchAt,
      boundaries: c.boundaries,
    })),
  });
}
