/**
 * Events, communities, writing, resources, introductions and the habit coach over HTTP.
 * Each route passes its body (plus the id from the path) to the same operation the CLI uses.
 */
import { z } from 'zod';
import { coachStart, coachStatus, setWeeklyGoal, weeklyReviewOp } from '../../app/coach.js';
import { addCommunity, joinCommunity, leaveCommunity, listCommunities, showCommunity } from '../../app/communities.js';
import { addEvent, listEvents, markMet, showEvent } from '../../app/events.js';
import { listIntros, moveIntro, proposeIntro, suggestIntros } from '../../app/introductions.js';
import { withoutOwner } from '../../app/network-schemas.js';
import { addResource, listResources, resourceCare, resourcesFor } from '../../app/resources.js';
import { addPost, addResponse, listPosts, markReplied, postCare, setPostingGoal, writingStatus } from '../../app/writing.js';
import { route, type RouteSpec } from '../route-kit.js';

const onQuery = z.object({ on: z.string().optional() });
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const param = (c: { req: { param(name: string): string | undefined } }, name: string): string => c.req.param(name) ?? '';

export const networkRoutes: RouteSpec[] = [
  // Events
  route({
    method: 'get',
    path: '/api/v1/events',
    tag: 'events',
    summary: 'Events, newest first; `community` or `contact` narrow the list.',
    access: 'read',
    query: z.object({ community: z.string().optional(), contact: z.string().optional() }),
    response: '{ events: EventView[] }',
    async handle({ c, ctx, query }) {
      return c.json({ events: await listEvents(ctx, { community: query.community, who: query.contact }) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/events',
    tag: 'events',
    summary: 'Record an event with the people met there in person (`met`) and others who were there (`attended`).',
    access: 'write',
    body: z.object({ name: z.string(), on: z.string(), until: z.string().optional(), met: z.array(z.string()).optional() }),
    response: 'EventView (201)',
    async handle({ c, ctx, body }) {
      const e = await addEvent(ctx, await body());
      return c.json(await showEvent(ctx, e.id), 201);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/events/:id',
    tag: 'events',
    summary: 'One event with its attendees.',
    access: 'read',
    response: 'EventView',
    async handle({ c, ctx }) {
      return c.json(await showEvent(ctx, param(c, 'id')));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/events/:id/met',
    tag: 'events',
    summary: 'Add people you met in person at an event (the agenda then suggests a follow-up).',
    access: 'write',
    body: z.object({ who: z.array(z.string()) }),
    response: 'EventView',
    async handle({ c, ctx, body }) {
      const e = await markMet(ctx, { ...obj(await body()), event: param(c, 'id') });
      return c.json(await showEvent(ctx, e.id));
    },
  }),
  // Communities
  route({
    method: 'get',
    path: '/api/v1/communities',
    tag: 'communities',
    summary: 'Communities with members and participation against their cadence.',
    access: 'read',
    query: onQuery,
    response: '{ date, communities }',
    async handle({ c, ctx, query }) {
      return c.json(await listCommunities(ctx, { on: query.on }));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/communities',
    tag: 'communities',
    summary: 'Add a community, with an optional participation cadence and members.',
    access: 'write',
    body: z.object({
      name: z.string(),
      url: z.string().optional(),
      cadenceDays: z.number().optional(),
      members: z.array(z.string()).optional(),
    }),
    response: 'Community (201)',
    async handle({ c, ctx, body }) {
      return c.json(withoutOwner(await addCommunity(ctx, await body())), 201);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/communities/:id',
    tag: 'communities',
    summary: 'One community: members, events, participation.',
    access: 'read',
    query: onQuery,
    response: 'CommunityView',
    async handle({ c, ctx, query }) {
      return c.json(await showCommunity(ctx, param(c, 'id'), { on: query.on }));
    },
  }),
  ...(['join', 'leave'] as const).map((verb) =>
    route({
      method: 'post',
      path: `/api/v1/communities/:id/${verb}`,
      tag: 'communities',
      summary: verb === 'join' ? 'Add members to a community.' : 'Remove members from a community.',
      access: 'write',
      body: z.object({ who: z.array(z.string()) }),
      response: 'Community',
      async handle({ c, ctx, body }) {
        const input = { ...obj(await body()), community: param(c, 'id') };
        return c.json(withoutOwner(verb === 'join' ? await joinCommunity(ctx, input) : await leaveCommunity(ctx, input)));
      },
    }),
  ),
  // Writing
  route({
    method: 'get',
    path: '/api/v1/posts',
    tag: 'writing',
    summary: 'Your posts with their responses.',
    access: 'read',
    response: '{ posts }',
    async handle({ c, ctx }) {
      return c.json({ posts: await listPosts(ctx) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/posts',
    tag: 'writing',
    summary: 'Record a post you published.',
    access: 'write',
    body: z.object({ title: z.string(), on: z.string(), url: z.string().optional(), topics: z.array(z.string()).optional() }),
    response: 'Post (201)',
    async handle({ c, ctx, body }) {
      return c.json(withoutOwner(await addPost(ctx, await body())), 201);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/posts/:id/responses',
    tag: 'writing',
    summary: "Record a reader's response to a post (`from` a contact or an `author` name).",
    access: 'write',
    body: z.object({
      from: z.string().optional(),
      author: z.string().optional(),
      summary: z.string(),
      on: z.string().optional(),
    }),
    response: 'PostResponse (201)',
    async handle({ c, ctx, body }) {
      return c.json(withoutOwner(await addResponse(ctx, { ...obj(await body()), post: param(c, 'id') })), 201);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/responses/:id/replied',
    tag: 'writing',
    summary: "Mark a reader's response as answered.",
    access: 'write',
    response: 'PostResponse',
    async handle({ c, ctx }) {
      return c.json(withoutOwner(await markReplied(ctx, { response: param(c, 'id') })));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/writing',
    tag: 'writing',
    summary: 'Posting cadence against your goal, the streak, and responses awaiting a reply.',
    access: 'read',
    query: onQuery,
    response: 'WritingReport',
    async handle({ c, ctx, query }) {
      return c.json(await writingStatus(ctx, { on: query.on }));
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/writing/goal',
    tag: 'writing',
    summary: 'Set your posting goal (posts per month).',
    access: 'write',
    body: z.object({ postsPerMonth: z.number() }),
    response: '{ postsPerMonth }',
    async handle({ c, ctx, body }) {
      return c.json(await setPostingGoal(ctx, await body()));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/posts/:id/care',
    tag: 'writing',
    summary: 'Who would care about a post, by their topics.',
    access: 'read',
    response: '{ post, matches: [{ contactId, name, score, reasons }] }',
    async handle({ c, ctx }) {
      return c.json(await postCare(ctx, param(c, 'id')));
    },
  }),
  // Resources
  route({
    method: 'get',
    path: '/api/v1/resources',
    tag: 'resources',
    summary: 'Saved resources (articles, tools, talks), optionally by topic.',
    access: 'read',
    query: z.object({ topic: z.string().optional() }),
    response: '{ resources }',
    async handle({ c, ctx, query }) {
      return c.json({ resources: await listResources(ctx, { topic: query.topic }) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/resources',
    tag: 'resources',
    summary: 'Save a resource to share with people it matches.',
    access: 'write',
    body: z.object({
      title: z.string(),
      url: z.string().optional(),
      topics: z.array(z.string()).optional(),
      notes: z.string().optional(),
    }),
    response: 'Resource (201)',
    async handle({ c, ctx, body }) {
      return c.json(withoutOwner(await addResource(ctx, await body())), 201);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/resources/:id/care',
    tag: 'resources',
    summary: 'Who would care about a resource.',
    access: 'read',
    response: '{ resource, matches }',
    async handle({ c, ctx }) {
      return c.json(await resourceCare(ctx, param(c, 'id')));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/contacts/:id/resources',
    tag: 'resources',
    summary: "Resources that match one contact's interests.",
    access: 'read',
    response: '{ contact, resources }',
    async handle({ c, ctx }) {
      return c.json(await resourcesFor(ctx, param(c, 'id')));
    },
  }),
  // Introductions
  route({
    method: 'get',
    path: '/api/v1/introductions',
    tag: 'introductions',
    summary: 'Introductions and where each stands (proposed, asked, accepted, made, declined).',
    access: 'read',
    query: z.object({ status: z.string().optional() }),
    response: '{ introductions }',
    async handle({ c, ctx, query }) {
      return c.json({ introductions: await listIntros(ctx, { status: query.status }) });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/introductions/suggestions',
    tag: 'introductions',
    summary: 'Pairs where one is looking for what the other can help with.',
    access: 'read',
    response: '{ suggestions }',
    async handle({ c, ctx }) {
      return c.json({ suggestions: await suggestIntros(ctx) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/introductions',
    tag: 'introductions',
    summary: 'Propose an introduction between two contacts (double opt-in starts here).',
    access: 'write',
    body: z.object({ a: z.string(), b: z.string(), reason: z.string() }),
    response: 'IntroView (201)',
    async handle({ c, ctx, body }) {
      return c.json(await proposeIntro(ctx, await body()), 201);
    },
  }),
  ...(['asked', 'accepted', 'made', 'declined'] as const).map((status) =>
    route({
      method: 'post',
      path: `/api/v1/introductions/:id/${status}`,
      tag: 'introductions',
      summary: `Move an introduction to ${status}${status === 'made' ? ' (logs the intro touchpoint and a give for each side)' : ''}.`,
      access: 'write',
      body: z.object({ on: z.string().optional() }),
      response: '{ intro } (made: also the touchpoint and ledger entries)',
      async handle({ c, ctx, body }) {
        return c.json(await moveIntro(ctx, status, { ...obj(await body()), intro: param(c, 'id') }));
      },
    }),
  ),
  // Habit coach
  route({
    method: 'get',
    path: '/api/v1/coach',
    tag: 'coach',
    summary: 'This week against your goal, the streak, and whether to widen your circle.',
    access: 'read',
    query: onQuery,
    response: 'CoachStatus',
    async handle({ c, ctx, query }) {
      return c.json(await coachStatus(ctx, { on: query.on }));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/coach/start',
    tag: 'coach',
    summary: 'Suggest a starting circle of 3–5 people, or (with `pick`) set it.',
    access: 'write',
    body: z.object({ pick: z.array(z.string()).optional(), on: z.string().optional() }),
    response: 'CoachStart',
    async handle({ c, ctx, body }) {
      return c.json(await coachStart(ctx, (await body()) ?? {}));
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/coach/goal',
    tag: 'coach',
    summary: 'Set the weekly goal in touchpoints.',
    access: 'write',
    body: z.object({ goal: z.number() }),
    response: '{ weeklyGoal }',
    async handle({ c, ctx, body }) {
      return c.json(await setWeeklyGoal(ctx, await body()));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/review',
    tag: 'coach',
    summary: 'The weekly review: touches against the goal, promises, gives and asks, who drifted, next week.',
    access: 'read',
    query: onQuery,
    response: 'WeeklyReview',
    async handle({ c, ctx, query }) {
      return c.json(await weeklyReviewOp(ctx, { on: query.on }));
    },
  }),
];
