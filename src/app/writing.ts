/**
 * Writing (P1): the user's posts, the responses readers send and whether they
 * were answered, the posting cadence against `postsPerMonth`, and who a post
 * would interest.
 */
import { z } from 'zod';
import { noonOf } from '../core/days.js';
import { whoWouldCare, type ContactMatch, type MatchContact } from '../core/matching.js';
import { postingCadence, type PostingCadence } from '../core/writing.js';
import type { Contact, Day, Id, Post, PostResponse } from '../core/types.js';
import { resolveContact } from './contacts.js';
import { contactNames } from './events.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';
import { profileOf } from './session.js';
import { updateProfile } from './profile.js';
import { resolveRecord, shortText, todayFor, topicList, url, withoutOwner } from './network-schemas.js';

const postAdd = z.object({
  title: shortText('the title', 1000),
  on: day,
  url: url.nullish(),
  topics: topicList,
  summary: z.string().trim().max(10_000).optional(),
});

const responseAdd = z
  .object({
    post: z.string().trim().min(1, 'name the post'),
    from: z.string().trim().min(1, 'name a contact').nullish(),
    author: z.string().trim().min(1, 'must not be empty').max(500).nullish(),
    summary: shortText('what they said', 10_000),
    on: day.nullish(),
  })
  .refine((r) => !(r.from && r.author), { message: 'give --from (a contact) or --author (a name), not both', path: ['from'] })
  .refine((r) => !!(r.from || r.author), { message: 'say who responded: --from WHO or --author NAME', path: ['from'] });

/** Finds a post by id, the start or end of its id, or its title. */
export function resolvePost(ctx: Ctx, ref: string): Promise<Post> {
  return resolveRecord(ctx, 'post', ref, { what: 'post', field: 'post', nameOf: (p) => p.title });
}

/** Finds a reader response by its id or the start or end of it. */
export function resolveResponse(ctx: Ctx, ref: string): Promise<PostResponse> {
  return resolveRecord(ctx, 'postResponse', ref, { what: 'response', field: 'response' });
}

/** Records a post the user published. */
export async function addPost(ctx: Ctx, raw: unknown): Promise<Post> {
  const input = parseInput(postAdd, raw);
  const post: Post = {
    id: ctx.ids.next(),
    ownerId: ctx.userId,
    title: input.title,
    url: input.url ?? null,
    publishedOn: input.on,
    summary: input.summary ?? '',
    topics: [...new Set(input.topics ?? [])],
    source: 'kith',
    externalId: null,
    createdAt: ctx.clock.now(),
  };
  await ctx.store.insertRecord('post', post);
  return post;
}

export interface PostView extends Omit<Post, 'ownerId'> {
  responses: number;
  awaitingReply: number;
}

/** Posts, newest first, with how many responses each has and how many still wait for a reply. */
export async function listPosts(ctx: Ctx): Promise<PostView[]> {
  const [posts, responses] = await Promise.all([
    ctx.store.listRecords('post', ctx.userId),
    ctx.store.listRecords('postResponse', ctx.userId),
  ]);
  return posts
    .sort((a, b) => (a.publishedOn !== b.publishedOn ? (a.publishedOn < b.publishedOn ? 1 : -1) : a.id < b.id ? 1 : -1))
    .map((p) => {
      const mine = responses.filter((r) => r.postId === p.id);
      return { ...withoutOwner(p), responses: mine.length, awaitingReply: mine.filter((r) => !r.repliedAt).length };
    });
}

/** Records a reader's response to a post, from a contact (`from`) or someone not in kith (`author`). */
export async function addResponse(ctx: Ctx, raw: unknown): Promise<PostResponse> {
  const input = parseInput(responseAdd, raw);
  return ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const post = await resolvePost(tctx, input.post);
    const contact = input.from ? await resolveContact(tctx, input.from) : null;
    const now = ctx.clock.now();
    const r: PostResponse = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      postId: post.id,
      contactId: contact?.id ?? null,
      authorName: contact ? null : (input.author ?? null),
      receivedAt: input.on ? noonOf(input.on) : now,
      summary: input.summary,
      repliedAt: null,
      createdAt: now,
    };
    await store.insertRecord('postResponse', r);
    return r;
  });
}

/** Marks a response answered (on `on`, default now). Answering twice keeps the first day. */
export async function markReplied(ctx: Ctx, raw: { response: string; on?: string }): Promise<PostResponse> {
  const on = raw.on != null ? await todayFor(ctx, raw.on) : null;
  return ctx.store.transaction(async (store) => {
    const r = await resolveResponse({ ...ctx, store }, String(raw.response ?? ''));
    if (r.repliedAt) return r;
    const next = { ...r, repliedAt: on ? noonOf(on) : ctx.clock.now() };
    await store.updateRecord('postResponse', next);
    return next;
  });
}

export interface AwaitingResponse {
  id: Id;
  post: { id: Id; title: string };
  from: { id: Id | null; name: string };
  receivedAt: string;
  summary: string;
  /** Whole days since it came in. */
  waitingDays: number;
}

export interface WritingReport {
  date: Day;
  postsPerMonth: number;
  cadence: PostingCadence;
  awaitingReply: AwaitingResponse[];
  /** One sentence for the top of the report. */
  summary: string;
}

/** The posting cadence against the profile's goal, and the responses still waiting for the user's reply, oldest first. */
export async function writingStatus(ctx: Ctx, input: { on?: string } = {}): Promise<WritingReport> {
  const today = await todayFor(ctx, input.on);
  const profile = await profileOf(ctx);
  const [posts, responses] = await Promise.all([
    ctx.store.listRecords('post', ctx.userId),
    ctx.store.listRecords('postResponse', ctx.userId),
  ]);
  const cadence = postingCadence(posts, profile.postsPerMonth, today);
  const titles = new Map(posts.map((p) => [p.id, p.title]));
  const open = responses.filter((r) => !r.repliedAt && r.receivedAt.slice(0, 10) <= today);
  const names = await contactNames(
    ctx,
    open.flatMap((r) => (r.contactId ? [r.contactId] : [])),
  );
  const awaiting = open
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      post: { id: r.postId, title: titles.get(r.postId) ?? '?' },
      from: { id: r.contactId ?? null, name: (r.contactId ? names.get(r.contactId) : r.authorName) ?? 'someone' },
      receivedAt: r.receivedAt,
      summary: r.summary,
      waitingDays: Math.max(0, Math.round((Date.parse(noonOf(today)) - Date.parse(r.receivedAt)) / 86_400_000)),
    }));
  return {
    date: today,
    postsPerMonth: profile.postsPerMonth,
    cadence,
    awaitingReply: awaiting,
    summary: writingSummary(cadence, awaiting.length),
  };
}

const postingGoal = z.object({
  postsPerMonth: z
    .number({ message: 'must be a number of posts per month, e.g. 1 or 0.5' })
    .min(0, 'must not be negative')
    .max(31, 'must be at most 31'),
});

/** Sets the posting goal (posts per month) in the profile. */
export async function setPostingGoal(ctx: Ctx, raw: unknown): Promise<{ postsPerMonth: number }> {
  const { postsPerMonth } = parseInput(postingGoal, raw);
  const p = await updateProfile(ctx, { postsPerMonth });
  return { postsPerMonth: p.postsPerMonth };
}

/** A sentence on where the writing habit stands. */
export function writingSummary(c: PostingCadence, awaiting: number): string {
  const parts: string[] = [];
  if (c.goalPerPeriod === 0) parts.push('No posting goal set.');
  else {
    const period = c.periodMonths === 1 ? 'this month' : `in ${c.current.firstDay} – ${c.current.lastDay}`;
    parts.push(
      `${c.current.count} of ${c.goalPerPeriod} ${c.goalPerPeriod === 1 ? 'post' : 'posts'} ${period}${c.current.met ? ' (goal met)' : ''}.`,
    );
    if (c.behind) parts.push(`Behind: ${c.current.daysLeft} ${c.current.daysLeft === 1 ? 'day' : 'days'} left to publish.`);
    else if (c.due) parts.push(`${c.current.daysLeft} ${c.current.daysLeft === 1 ? 'day' : 'days'} left to publish.`);
    if (c.currentStreak > 0) parts.push(`Streak: ${c.currentStreak} (longest ${c.longestStreak}).`);
  }
  if (awaiting > 0) parts.push(`${awaiting} ${awaiting === 1 ? 'response waits' : 'responses wait'} for your reply.`);
  return parts.join(' ');
}

/** A contact as the matcher sees it. */
export function matchContactOf(c: Contact): MatchContact {
  return { id: c.id, name: c.displayName, topics: c.topics, tags: c.tags, notes: c.notes };
}

/** Who a post would interest (P1): its title, summary and topics against live contacts' topics, tags and notes. */
export async function postCare(ctx: Ctx, ref: string): Promise<{ post: Omit<Post, 'ownerId'>; matches: ContactMatch[] }> {
  const post = await resolvePost(ctx, ref);
  const contacts = await ctx.store.listContacts(ctx.userId, { state: 'live' });
  return { post: withoutOwner(post), matches: whoWouldCare(post, contacts.map(matchContactOf)) };
}
