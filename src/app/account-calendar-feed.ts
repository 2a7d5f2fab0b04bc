/**
 * The calendar feed: a secret, revocable URL per user that Google or Apple
 * Calendar subscribes to. It carries my open commitments with due dates, the
 * follow-ups due, and birthdays in the next 90 days, as all-day events.
 */
import { addDays, nextBirthday } from '../core/days.js';
import type { Day, Id } from '../core/types.js';
import { writeIcsFeed, type IcsFeedItem } from '../formats/ics.js';
import type { Store } from '../storage/store.js';
import { newSecret } from './accounts.js';
import type { Ctx } from './ports.js';
import { userToday } from './user-today.js';

export const BIRTHDAY_HORIZON_DAYS = 90;

/** The current feed secret of the acting user, or null when the feed is off. */
export async function calendarFeedToken(ctx: Ctx): Promise<string | null> {
  return ctx.store.getCalendarFeedToken(ctx.userId);
}

/** Turns the feed on with a new secret; an old URL stops working. */
export async function rotateCalendarFeed(ctx: Ctx): Promise<string> {
  const token = newSecret(24);
  await ctx.store.setCalendarFeedToken(ctx.userId, token, ctx.clock.now());
  return token;
}

/** Turns the feed off: its URL answers 404 from now on. */
export async function revokeCalendarFeed(ctx: Ctx): Promise<void> {
  await ctx.store.setCalendarFeedToken(ctx.userId, null, ctx.clock.now());
}

/** The user a feed secret belongs to, or null. */
export async function calendarFeedOwner(store: Store, token: string): Promise<Id | null> {
  if (!/^[A-Za-z0-9_-]{16,200}$/.test(token)) return null;
  return store.findUserByCalendarFeedToken(token);
}

/** The events of the feed for `today` (the user's day when omitted), sorted by day then uid. */
export async function calendarFeedItems(ctx: Ctx, today?: Day): Promise<IcsFeedItem[]> {
  const day = today ?? (await userToday(ctx));
  const names = new Map((await ctx.store.contactSummaries(ctx.userId)).map((c) => [c.id, c]));
  const items: IcsFeedItem[] = [];
  for (const c of await ctx.store.listRecords('commitment', ctx.userId)) {
    const who = names.get(c.contactId);
    if (c.direction !== 'mine' || c.status !== 'open' || !c.dueOn || !who) continue;
    items.push({ uid: `commitment-${c.id}@kith`, day: c.dueOn, summary: `Promised ${who.name}: ${c.text}` });
  }
  for (const f of await ctx.store.listRecords('followUp', ctx.userId)) {
    const who = names.get(f.contactId);
    if (f.doneAt || !f.dueOn || !who) continue;
    items.push({ uid: `follow-up-${f.id}@kith`, day: f.dueOn, summary: `Follow up with ${who.name}: ${f.text}` });
  }
  const horizon = addDays(day, BIRTHDAY_HORIZON_DAYS);
  for (const c of names.values()) {
    if (!c.birthday) continue;
    const next = nextBirthday(c.birthday, day);
    if (next > horizon) continue;
    items.push({ uid: `birthday-${c.id}-${next.slice(0, 4)}@kith`, day: next, summary: `${c.name}'s birthday` });
  }
  return items.sort((a, b) => a.day.localeCompare(b.day) || a.uid.localeCompare(b.uid));
}

/** The feed as iCalendar text. */
export async function calendarFeed(ctx: Ctx, today?: Day): Promise<string> {
  return writeIcsFeed(await calendarFeedItems(ctx, today), { name: 'kith', stamp: ctx.clock.now() });
}
