/**
 * Resources (P5): articles, talks, tools and repos worth passing on, matched to
 * the people whose interests, goals and needs they fit.
 */
import { z } from 'zod';
import { matchResourceToContacts, resourcesForContact, type ContactMatch } from '../core/matching.js';
import type { Id, Resource } from '../core/types.js';
import { resolveContact } from './contacts.js';
import type { Ctx } from './ports.js';
import { parseInput } from './schemas.js';
import { matchContactOf } from './writing.js';
import { notes, resolveRecord, shortText, topicList, url, withoutOwner } from './network-schemas.js';

const resourceAdd = z.object({
  title: shortText('the title', 1000),
  url: url.nullish(),
  topics: topicList,
  notes,
});

export type ResourceView = Omit<Resource, 'ownerId'>;

/** Finds a resource by id, the start or end of its id, or its title. */
export function resolveResource(ctx: Ctx, ref: string): Promise<Resource> {
  return resolveRecord(ctx, 'resource', ref, { what: 'resource', field: 'resource', nameOf: (r) => r.title });
}

/** Keeps a resource to share later. */
export async function addResource(ctx: Ctx, raw: unknown): Promise<Resource> {
  const input = parseInput(resourceAdd, raw);
  const r: Resource = {
    id: ctx.ids.next(),
    ownerId: ctx.userId,
    url: input.url ?? null,
    title: input.title,
    topics: [...new Set(input.topics ?? [])],
    notes: input.notes ?? '',
    createdAt: ctx.clock.now(),
  };
  await ctx.store.insertRecord('resource', r);
  return r;
}

/** Resources, oldest first (the order they were kept in); `topic` keeps those with that topic (case-insensitive). */
export async function listResources(ctx: Ctx, input: { topic?: string } = {}): Promise<ResourceView[]> {
  const t = input.topic?.trim().toLowerCase();
  return (await ctx.store.listRecords('resource', ctx.userId))
    .filter((r) => !t || r.topics.some((x) => x.toLowerCase() === t))
    .map(withoutOwner);
}

/** Who would care about a resource: live contacts whose record fits it, best fit first, with reasons. */
export async function resourceCare(ctx: Ctx, ref: string): Promise<{ resource: ResourceView; matches: ContactMatch[] }> {
  const r = await resolveResource(ctx, ref);
  const contacts = await ctx.store.listContacts(ctx.userId, { state: 'live' });
  return { resource: withoutOwner(r), matches: matchResourceToContacts(r, contacts.map(matchContactOf)) };
}

export interface ResourceFit {
  resource: ResourceView;
  score: number;
  reasons: string[];
}

/** Resources that suit one contact, best fit first. */
export async function resourcesFor(
  ctx: Ctx,
  who: string,
): Promise<{ contact: { id: Id; name: string }; resources: ResourceFit[] }> {
  const c = await resolveContact(ctx, who);
  const all = (await ctx.store.listRecords('resource', ctx.userId)).map(withoutOwner);
  return {
    contact: { id: c.id, name: c.displayName },
    resources: resourcesForContact(c, all).map((x) => ({ resource: x.resource, score: x.score, reasons: x.reasons })),
  };
}
