/**
 * Communities (P7): meetups, open-source projects, user groups the user takes
 * part in, who else is in them, and whether the user's participation keeps up
 * with the cadence they chose (the last event of the community they went to).
 */
import { z } from 'zod';
import { addDays, daysBetween } from '../core/days.js';
import { AppError } from '../core/errors.js';
import { fold } from '../core/text-fold.js';
import type { Community, Day, Id, KithEvent } from '../core/types.js';
import { byStartDesc, contactNames, resolveCommunity, resolveContacts, type EventView } from './events.js';
import type { Ctx } from './ports.js';
import { parseInput } from './schemas.js';
import { notes, shortText, todayFor, url, whoList, withoutOwner } from './network-schemas.js';

const communityAdd = z.object({
  name: shortText('the community name'),
  url: url.nullish(),
  cadenceDays: z.number().int().min(1, 'must be at least 1').max(3650).nullish(),
  members: whoList,
  notes,
});

const membership = z.object({
  community: z.string().trim().min(1, 'name the community'),
  who: z.array(z.string().trim().min(1, 'name a contact')).min(1, 'name at least one contact'),
});

export type ParticipationState = 'ok' | 'due' | 'never' | 'no-cadence';

export interface Participation {
  state: ParticipationState;
  cadenceDays: number | null;
  /** The latest of the community's events on or before today. */
  lastEventOn: Day | null;
  /** When the next event is due by the cadence; null without a cadence or an event. */
  dueOn: Day | null;
  /** Days past `dueOn` (0 when not late). */
  daysOverdue: number;
  /** For a person. */
  message: string;
}

/**
 * Where the user's participation in a community stands on `today`: due once the
 * cadence has passed since the last event they went to, or when they have not
 * been to any yet. Events after today (planned) do not count as attended.
 */
export function communityParticipation(
  community: Pick<Community, 'name' | 'cadenceDays'>,
  events: ReadonlyArray<Pick<KithEvent, 'startsOn' | 'endsOn'>>,
  today: Day,
): Participation {
  const cadence = community.cadenceDays != null && community.cadenceDays > 0 ? community.cadenceDays : null;
  const last =
    events
      .map((e) => e.startsOn)
      .filter((d) => d <= today)
      .sort()
      .pop() ?? null;
  if (cadence === null)
    return {
      state: 'no-cadence',
      cadenceDays: null,
      lastEventOn: last,
      dueOn: null,
      daysOverdue: 0,
      message: last ? `Last event on ${last}; no participation cadence set.` : 'No event yet; no participation cadence set.',
    };
  if (last === null)
    return {
      state: 'never',
      cadenceDays: cadence,
      lastEventOn: null,
      dueOn: null,
      daysOverdue: 0,
      message: `You have not been to a ${community.name} event yet: go to the next one.`,
    };
  const dueOn = addDays(last, cadence);
  const late = daysBetween(dueOn, today);
  if (late >= 0)
    return {
      state: 'due',
      cadenceDays: cadence,
      lastEventOn: last,
      dueOn,
      daysOverdue: late,
      message:
        late === 0
          ? `Due today: last event on ${last}, you aim for one every ${cadence} days.`
          : `Due since ${dueOn} (${late} ${late === 1 ? 'day' : 'days'} late): last event on ${last}, you aim for one every ${cadence} days.`,
    };
  return {
    state: 'ok',
    cadenceDays: cadence,
    lastEventOn: last,
    dueOn,
    daysOverdue: 0,
    message: `On track: last event on ${last}, next due by ${dueOn}.`,
  };
}

/** Adds a community; names are unique per user (folded), so `<community>` stays unambiguous. */
export async function addCommunity(ctx: Ctx, raw: unknown): Promise<Community> {
  const input = parseInput(communityAdd, raw);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const same = (await store.listRecords('community', ctx.userId)).find((c) => fold(c.name) === fold(input.name));
    if (same)
      throw new AppError('conflict', `You already have a community called ${same.name}.`, {
        candidates: [{ id: same.id, name: same.name }],
      });
    const members = await resolveContacts(tctx, input.members ?? []);
    const c: Community = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      name: input.name,
      url: input.url ?? null,
      cadenceDays: input.cadenceDays ?? null,
      notes: input.notes ?? '',
      memberIds: members.map((m) => m.id),
      createdAt: ctx.clock.now(),
    };
    await store.insertRecord('community', c);
    return c;
  });
}

async function changeMembers(ctx: Ctx, raw: unknown, join: boolean): Promise<Community> {
  const input = parseInput(membership, raw);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const c = await resolveCommunity(tctx, input.community);
    const people = await resolveContacts(tctx, input.who);
    const ids = new Set(people.map((p) => p.id));
    if (!join) {
      const notIn = people.filter((p) => !c.memberIds.includes(p.id));
      if (notIn.length)
        throw new AppError('invalid_input', `who: ${notIn.map((p) => p.displayName).join(', ')} not a member of ${c.name}.`, {
          issues: [{ field: 'who', message: 'not a member' }],
        });
    }
    const memberIds = join ? [...new Set([...c.memberIds, ...ids])] : c.memberIds.filter((id) => !ids.has(id));
    const next = { ...c, memberIds };
    await store.updateRecord('community', next);
    return next;
  });
}

/** Adds contacts to a community's members. */
export const joinCommunity = (ctx: Ctx, raw: unknown): Promise<Community> => changeMembers(ctx, raw, true);
/** Removes contacts from a community's members. */
export const leaveCommunity = (ctx: Ctx, raw: unknown): Promise<Community> => changeMembers(ctx, raw, false);

export interface CommunityView extends Omit<Community, 'ownerId' | 'memberIds'> {
  members: Array<{ id: Id; name: string }>;
  participation: Participation;
}

export interface CommunityDetail extends CommunityView {
  events: Array<Pick<EventView, 'id' | 'name' | 'startsOn' | 'endsOn' | 'location'>>;
}

function viewOf(c: Community, names: Map<Id, string>, events: KithEvent[], today: Day): CommunityView {
  const { memberIds, ...rest } = withoutOwner(c);
  return {
    ...rest,
    members: memberIds
      .map((id) => ({ id, name: names.get(id) ?? '?' }))
      .sort((a, b) => fold(a.name).localeCompare(fold(b.name)) || a.id.localeCompare(b.id)),
    participation: communityParticipation(c, events, today),
  };
}

/** Communities by name, each with its members and participation on `on` (default today). */
export async function listCommunities(
  ctx: Ctx,
  input: { on?: string } = {},
): Promise<{ date: Day; communities: CommunityView[] }> {
  const today = await todayFor(ctx, input.on);
  const [communities, events] = await Promise.all([
    ctx.store.listRecords('community', ctx.userId),
    ctx.store.listRecords('event', ctx.userId),
  ]);
  const names = await contactNames(
    ctx,
    communities.flatMap((c) => c.memberIds),
  );
  const views = communities
    .map((c) =>
      viewOf(
        c,
        names,
        events.filter((e) => e.communityId === c.id),
        today,
      ),
    )
    .sort((a, b) => fold(a.name).localeCompare(fold(b.name)) || a.id.localeCompare(b.id));
  return { date: today, communities: views };
}

/** One community: members, its events (newest first) and participation on `on`. */
export async function showCommunity(
  ctx: Ctx,
  ref: string,
  input: { on?: string } = {},
): Promise<{ date: Day; community: CommunityDetail }> {
  const today = await todayFor(ctx, input.on);
  const c = await resolveCommunity(ctx, ref);
  const events = (await ctx.store.listRecords('event', ctx.userId)).filter((e) => e.communityId === c.id).sort(byStartDesc);
  const names = await contactNames(ctx, c.memberIds);
  return {
    date: today,
    community: {
      ...viewOf(c, names, events, today),
      events: events.map((e) => ({ id: e.id, name: e.name, startsOn: e.startsOn, endsOn: e.endsOn, location: e.location })),
    },
  };
}
