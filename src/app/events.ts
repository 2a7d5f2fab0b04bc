/**
 * Events (P8): conferences, meetups and dinners, who was there and whom the
 * user met in person. People met raise a post-event follow-up in the agenda
 * (it reads `attendees[].met`).
 */
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { Community, Contact, Day, EventAttendee, Id, KithEvent } from '../core/types.js';
import { resolveContact } from './contacts.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';
import { notes, resolveRecord, shortText, url, whoList, withoutOwner } from './network-schemas.js';

const eventAdd = z
  .object({
    name: shortText('the event name'),
    on: day,
    until: day.nullish(),
    where: z.string().trim().max(500).nullish(),
    url: url.nullish(),
    community: z.string().trim().min(1).nullish(),
    met: whoList,
    attended: whoList,
    notes,
  })
  .refine((e) => !e.until || e.until >= e.on, { message: 'must not be before the start day', path: ['until'] });

const eventMet = z.object({
  event: z.string().trim().min(1, 'name the event'),
  who: z.array(z.string().trim().min(1, 'name a contact')).min(1, 'name at least one contact'),
});

/** Finds an event by id, the start or end of its id, or its name. */
export function resolveEvent(ctx: Ctx, ref: string): Promise<KithEvent> {
  return resolveRecord(ctx, 'event', ref, { what: 'event', field: 'event', nameOf: (e) => e.name });
}

/** Finds a community by id, the start or end of its id, or its name. */
export function resolveCommunity(ctx: Ctx, ref: string): Promise<Community> {
  return resolveRecord(ctx, 'community', ref, { what: 'community', field: 'community', nameOf: (c) => c.name });
}

/** Resolves several `<who>`s to distinct contacts, in the order given. */
export async function resolveContacts(ctx: Ctx, refs: readonly string[]): Promise<Contact[]> {
  const out: Contact[] = [];
  for (const ref of refs) {
    const c = await resolveContact(ctx, ref);
    if (!out.some((x) => x.id === c.id)) out.push(c);
  }
  return out;
}

/** Adds attendees to a list; someone met in person stays met. */
function mergeAttendees(list: readonly EventAttendee[], ids: readonly Id[], met: boolean): EventAttendee[] {
  const out = list.map((a) => ({ ...a }));
  for (const id of ids) {
    const a = out.find((x) => x.contactId === id);
    if (a) a.met = a.met || met;
    else out.push({ contactId: id, met });
  }
  return out;
}

/** Records an event, with the people met there in person (`met`) and others who were there (`attended`). */
export async function addEvent(ctx: Ctx, raw: unknown): Promise<KithEvent> {
  const input = parseInput(eventAdd, raw);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const community = input.community ? await resolveCommunity(tctx, input.community) : null;
    const met = await resolveContacts(tctx, input.met ?? []);
    const attended = await resolveContacts(tctx, input.attended ?? []);
    const attendees = mergeAttendees(
      mergeAttendees(
        [],
        met.map((c) => c.id),
        true,
      ),
      attended.map((c) => c.id),
      false,
    );
    const event: KithEvent = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      name: input.name,
      startsOn: input.on,
      endsOn: input.until && input.until !== input.on ? input.until : null,
      location: input.where || null,
      url: input.url ?? null,
      communityId: community?.id ?? null,
      notes: input.notes ?? '',
      attendees,
      createdAt: ctx.clock.now(),
    };
    await store.insertRecord('event', event);
    return event;
  });
}

/** Marks people as met in person at an event (adding them as attendees when they were not listed). */
export async function markMet(ctx: Ctx, raw: unknown): Promise<KithEvent> {
  const input = parseInput(eventMet, raw);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const event = await resolveEvent(tctx, input.event);
    const people = await resolveContacts(tctx, input.who);
    const next: KithEvent = {
      ...event,
      attendees: mergeAttendees(
        event.attendees,
        people.map((c) => c.id),
        true,
      ),
    };
    await store.updateRecord('event', next);
    return next;
  });
}

export interface AttendeeView {
  id: Id;
  name: string;
  met: boolean;
}

export interface EventView extends Omit<KithEvent, 'ownerId' | 'attendees'> {
  community: { id: Id; name: string } | null;
  attendees: AttendeeView[];
}

/** Names of contacts by id (including ones in the trash, so history still reads). */
export async function contactNames(ctx: Ctx, ids: Iterable<Id>): Promise<Map<Id, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  return new Map((await ctx.store.getContacts(ctx.userId, list)).map((c) => [c.id, c.displayName]));
}

function viewOf(e: KithEvent, names: Map<Id, string>, communities: Map<Id, string>): EventView {
  const { attendees, ...rest } = withoutOwner(e);
  return {
    ...rest,
    community: e.communityId ? { id: e.communityId, name: communities.get(e.communityId) ?? '?' } : null,
    attendees: attendees.map((a) => ({ id: a.contactId, name: names.get(a.contactId) ?? '?', met: a.met })),
  };
}

async function viewsOf(ctx: Ctx, events: KithEvent[]): Promise<EventView[]> {
  const names = await contactNames(
    ctx,
    events.flatMap((e) => e.attendees.map((a) => a.contactId)),
  );
  const communities = new Map((await ctx.store.listRecords('community', ctx.userId)).map((c) => [c.id, c.name]));
  return events.map((e) => viewOf(e, names, communities));
}

/** Events, newest first; `community` narrows to one community's, `who` to the ones a contact was at. */
export async function listEvents(ctx: Ctx, input: { community?: string; who?: string } = {}): Promise<EventView[]> {
  const contactId = input.who ? (await resolveContact(ctx, input.who)).id : undefined;
  const communityId = input.community ? (await resolveCommunity(ctx, input.community)).id : undefined;
  const events = (await ctx.store.listRecords('event', ctx.userId, { contactId }))
    .filter((e) => !communityId || e.communityId === communityId)
    .sort(byStartDesc);
  return viewsOf(ctx, events);
}

/** One event with its attendees and community. */
export async function showEvent(ctx: Ctx, ref: string): Promise<EventView> {
  const e = await resolveEvent(ctx, ref);
  const [view] = await viewsOf(ctx, [e]);
  if (!view) throw new AppError('not_found', `No event matches "${ref}".`);
  return view;
}

/** Newest start first, then newest id: a stable order for lists. */
export function byStartDesc(a: { startsOn: Day; id: Id }, b: { startsOn: Day; id: Id }): number {
  return a.startsOn !== b.startsOn ? (a.startsOn < b.startsOn ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
