/**
 * The relationship engine over HTTP: agenda (snooze, done), health, message check,
 * quick capture, commitments, the give/ask ledger and follow-ups.
 */
import { z } from 'zod';
import { agenda } from '../../app/agenda.js';
import { markDone, snooze } from '../../app/agenda-items.js';
import { capture } from '../../app/capture.js';
import { listCommitments, promise, resolveCommitment } from '../../app/commitments.js';
import { resolveContact } from '../../app/contacts.js';
import { draftCheck } from '../../app/draft.js';
import { addFollowUp, completeFollowUp, listFollowUps } from '../../app/follow-ups.js';
import { healthOf, networkHealthOf } from '../../app/health.js';
import { balanceWith, recordLedger } from '../../app/ledger.js';
import { profileOf } from '../../app/session.js';
import { agendaView } from '../../app/views.js';
import { dayInZone } from '../../core/days.js';
import { touchpointJson } from '../presenters.js';
import { answerResponse, pathAndQuery } from '../response-cache.js';
import { flag, limitParam, route, type Handle, type RouteSpec } from '../route-kit.js';

const onQuery = z.object({ on: z.string().optional() });

/** A record as the API returns it: without its owner. */
function owned<T extends { ownerId?: unknown }>(x: T): Omit<T, 'ownerId'> {
  const { ownerId: _owner, ...rest } = x;
  return rest;
}

/** The user's day at `now` in `timeZone`, as `userToday` works it out; the same second gives the same day. */
let lastDay = { key: '', day: '' };
function dayAt(now: string, timeZone: string): string {
  const key = `${timeZone}\u0000${now.slice(0, 19)}`;
  if (lastDay.key !== key) {
    let day: string;
    try {
      day = dayInZone(now, timeZone);
    } catch {
      day = now.slice(0, 10);
    }
    lastDay = { key, day };
  }
  return lastDay.day;
}

/**
 * GET /api/v1/agenda. The serialized answer is kept under the change mark (response-cache.ts)
 * for this user and URL, with the day it is for: a repeat with nothing written meanwhile, on
 * the same day in the user's zone, sends the same bytes without reading anything else (and
 * the app answers it before routing). `If-None-Match` gets 304.
 */
async function agendaRoute({ c, ctx, server, query, access }: Handle<{ on?: string; limit?: number }>): Promise<Response> {
  const limit = c.req.query('limit') === undefined ? undefined : query.limit;
  const url = pathAndQuery(c.req.url);
  const mark = await server.mark();
  let entry = server.caches.answers.get(ctx.userId, url, mark);
  if (entry && !entry.current(server.clock.now())) entry = undefined;
  if (!entry) {
    // Read after the mark, like everything the answer depends on.
    const timeZone = query.on === undefined ? (await profileOf(ctx)).timeZone : null;
    const a = await agenda(ctx, { on: query.on, limit });
    const date = a.date;
    entry = server.caches.answers.put(ctx.userId, url, mark, {
      json: JSON.stringify(agendaView(a)),
      access,
      // Without `on` the answer is today's in the user's zone: kept for that day only.
      current: timeZone === null ? () => true : (now) => dayAt(now, timeZone) === date,
    });
  }
  return answerResponse(entry, c.req.header('if-none-match'));
}

export const engineRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/v1/agenda',
    tag: 'agenda',
    summary: 'Today: what deserves attention, ranked and capped by the daily budget, each with a reason and a next step.',
    access: 'read',
    query: z.object({ on: z.string().optional(), limit: limitParam(100, 5).optional() }),
    response: '{ date, items: [{ id, kind, contacts: [{ id, name }], reason, score, suggestion, dueOn }] }',
    handle: agendaRoute,
  }),
  route({
    method: 'post',
    path: '/api/v1/agenda/:item/snooze',
    tag: 'agenda',
    summary: "Hide an agenda item (its id, or its number in today's list) until a day.",
    access: 'write',
    body: z.object({ until: z.string(), on: z.string().optional() }),
    response: '{ itemId, snoozedUntil }',
    async handle({ c, ctx, body }) {
      const b = (await body()) as Record<string, unknown>;
      return c.json(await snooze(ctx, { ...b, item: c.req.param('item') }));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/agenda/:item/done',
    tag: 'agenda',
    summary: 'Mark an agenda item done.',
    access: 'write',
    body: z.object({ on: z.string().optional() }),
    response: '{ itemId, doneOn }',
    async handle({ c, ctx, body }) {
      const b = ((await body()) ?? {}) as { on?: string };
      return c.json(await markDone(ctx, { item: c.req.param('item') ?? '', on: b.on }));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/health',
    tag: 'health',
    summary: "Network health: distribution, mean and median, who is drifting, every contact's score.",
    access: 'read',
    query: onQuery,
    response: '{ date, count, mean, median, distribution, drifting, contacts }',
    async handle({ c, ctx, query }) {
      return c.json(await networkHealthOf(ctx, query.on));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/contacts/:id/health',
    tag: 'health',
    summary: "One relationship's health 0–100 with each component and why.",
    access: 'read',
    query: onQuery,
    response: '{ contact: { id, name }, date, score, components: [{ name, score, weight, explanation }] }',
    async handle({ c, ctx, query }) {
      return c.json(await healthOf(ctx, c.req.param('id') ?? '', query.on));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/draft-check',
    tag: 'composer',
    summary: "Check how personal a draft message is; findings and concrete hooks from the contact's record.",
    access: 'read',
    body: z.object({
      who: z.string(),
      text: z.string(),
      channel: z.string().optional(),
      language: z.enum(['en', 'de']).optional(),
    }),
    response: '{ contact: { id, name }, score, findings: [{ code, message }], suggestions: [{ code, message }] }',
    async handle({ c, ctx, body }) {
      return c.json(await draftCheck(ctx, await body()));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/capture',
    tag: 'capture',
    summary: 'Quick capture: one line becomes a touchpoint with commitments and follow-ups (`dryRun` previews).',
    access: 'write',
    body: z.object({ text: z.string(), on: z.string().optional(), dryRun: z.boolean().optional() }),
    response: '{ dryRun, language, touchpoint, commitments, followUps, contacts, issues } (201 when written)',
    async handle({ c, ctx, body }) {
      const r = await capture(ctx, await body());
      return c.json(
        {
          ...r,
          touchpoint: r.touchpoint ? touchpointJson(r.touchpoint) : null,
          commitments: r.commitments.map(owned),
          followUps: r.followUps.map(owned),
        },
        r.dryRun ? 200 : 201,
      );
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/commitments',
    tag: 'commitments',
    summary: "Open promises (all with `all=1`), optionally one contact's, with the kept-on-time rate.",
    access: 'read',
    query: z.object({ contact: z.string().optional(), all: flag, on: z.string().optional() }),
    response: '{ date, commitments, keptOnTimeRate, counts }',
    async handle({ c, ctx, query }) {
      const r = await listCommitments(ctx, { who: query.contact, all: query.all, on: query.on });
      return c.json({ ...r, commitments: r.commitments.map(owned) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/commitments',
    tag: 'commitments',
    summary: 'Record a promise: yours, or theirs with `theirs: true`.',
    access: 'write',
    body: z.object({ who: z.string(), text: z.string(), due: z.string().optional(), theirs: z.boolean().optional() }),
    response: 'Commitment (201)',
    async handle({ c, ctx, body }) {
      return c.json(owned(await promise(ctx, await body())), 201);
    },
  }),
  ...(['kept', 'broken'] as const).map((status) =>
    route({
      method: 'post',
      path: `/api/v1/commitments/:id/${status}`,
      tag: 'commitments',
      summary: `Mark a promise ${status}.`,
      access: 'write',
      body: z.object({ on: z.string().optional() }),
      response: 'Commitment',
      async handle({ c, ctx, body }) {
        const b = ((await body()) ?? {}) as { on?: string };
        return c.json(owned(await resolveCommitment(ctx, c.req.param('id') ?? '', status, b.on)));
      },
    }),
  ),
  route({
    method: 'get',
    path: '/api/v1/ledger',
    tag: 'ledger',
    summary: "Gives, asks, receipts and thanks; with `contact`, that person's balance.",
    access: 'read',
    query: z.object({ contact: z.string().optional() }),
    response: '{ entries } or { contact, given, asked, received, balance, entries }',
    async handle({ c, ctx, query }) {
      if (query.contact) {
        const b = await balanceWith(ctx, query.contact);
        return c.json({ ...b, entries: b.entries.map(owned) });
      }
      return c.json({ entries: (await ctx.store.listRecords('ledger', ctx.userId)).map(owned) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/ledger',
    tag: 'ledger',
    summary: 'Record a give, ask or receive (`direction`), of a `kind` such as intro, review or thanks.',
    access: 'write',
    body: z.object({
      who: z.string(),
      direction: z.enum(['give', 'ask', 'receive']),
      kind: z.string(),
      note: z.string().optional(),
      on: z.string().optional(),
      isPublic: z.boolean().optional(),
    }),
    response: 'LedgerEntry (201)',
    async handle({ c, ctx, body }) {
      return c.json(owned(await recordLedger(ctx, await body())), 201);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/follow-ups',
    tag: 'follow-ups',
    summary: "Open follow-ups (all with `all=1`), optionally one contact's.",
    access: 'read',
    query: z.object({ contact: z.string().optional(), all: flag }),
    response: '{ followUps }',
    async handle({ c, ctx, query }) {
      const contact = query.contact ? (await resolveContact(ctx, query.contact)).id : undefined;
      return c.json({ followUps: (await listFollowUps(ctx, { who: contact, all: query.all })).map(owned) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/follow-ups',
    tag: 'follow-ups',
    summary: 'Remember to follow up with someone, optionally by a day.',
    access: 'write',
    body: z.object({ who: z.string(), text: z.string(), due: z.string().optional() }),
    response: 'FollowUp (201)',
    async handle({ c, ctx, body }) {
      return c.json(owned(await addFollowUp(ctx, await body())), 201);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/follow-ups/:id/done',
    tag: 'follow-ups',
    summary: 'Mark a follow-up done.',
    access: 'write',
    response: 'FollowUp',
    async handle({ c, ctx }) {
      return c.json(owned(await completeFollowUp(ctx, c.req.param('id') ?? '')));
    },
  }),
];
