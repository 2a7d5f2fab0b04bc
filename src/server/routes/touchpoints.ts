/**
 * /api/v1/touchpoints: log, list (all or one contact's, cursor), show, trash, restore.
 */
import { z } from 'zod';
import { resolveContact } from '../../app/contacts.js';
import type { Ctx } from '../../app/ports.js';
import { touchLog } from '../../app/schemas.js';
import { getTouch, logTouch, restoreTouch, trashTouch } from '../../app/touchpoints.js';
import type { Id, Touchpoint } from '../../core/types.js';
import { contactJson, touchpointJson } from '../presenters.js';
import { decodeCursor, encodeCursor, flag, limitParam, route, type RouteSpec } from '../route-kit.js';

export const touchPageQuery = z.object({
  trash: flag,
  limit: limitParam(500, 50),
  cursor: z.string().optional(),
});

const listQuery = touchPageQuery.extend({ contact: z.string().optional() });

/** One page of touchpoints, newest first; the cursor is the last (occurredAt, id) seen. */
export async function pageTouchpoints(
  ctx: Ctx,
  q: { trash: boolean; limit: number; cursor?: string; contactId?: Id },
): Promise<{ touchpoints: Touchpoint[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, ['t', 'i']);
  const state = q.trash ? 'trash' : 'live';
  const base = { contactId: q.contactId, state, order: 'desc' } as const;
  let rows: Touchpoint[];
  if (!after) {
    rows = await ctx.store.listTouchpoints(ctx.userId, { ...base, limit: q.limit + 1 });
  } else {
    // The Store pages by time only, so the rest of the cursor's own instant is read first.
    const atMs = Date.parse(after.t);
    const sameInstant = Number.isFinite(atMs)
      ? (
          await ctx.store.listTouchpoints(ctx.userId, { ...base, since: after.t, until: new Date(atMs + 1).toISOString() })
        ).filter((t) => t.occurredAt === after.t && t.id < after.i)
      : [];
    const older = await ctx.store.listTouchpoints(ctx.userId, { ...base, until: after.t, limit: q.limit + 1 });
    rows = [...sameInstant, ...older];
  }
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    touchpoints: page,
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.occurredAt, i: last.id }) : null,
  };
}

export const touchpointRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/v1/touchpoints',
    tag: 'touchpoints',
    summary: 'List touchpoints newest first, a page at a time; `contact` narrows to one contact.',
    access: 'read',
    query: listQuery,
    response: '{ touchpoints: Touchpoint[], nextCursor: string | null }',
    async handle({ c, ctx, query }) {
      const contactId = query.contact ? (await resolveContact(ctx, query.contact)).id : undefined;
      const page = await pageTouchpoints(ctx, { ...query, contactId });
      return c.json({ touchpoints: page.touchpoints.map(touchpointJson), nextCursor: page.nextCursor });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/touchpoints',
    tag: 'touchpoints',
    summary: 'Log a touchpoint with one or more contacts (this resets their cadence).',
    access: 'write',
    body: touchLog,
    response: '{ touchpoint: Touchpoint, contacts: Contact[] } (201)',
    async handle({ c, ctx, body }) {
      const logged = await logTouch(ctx, await body());
      c.header('Location', `/api/v1/touchpoints/${logged.touchpoint.id}`);
      return c.json({ touchpoint: touchpointJson(logged.touchpoint), contacts: logged.contacts.map(contactJson) }, 201);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/touchpoints/:id',
    tag: 'touchpoints',
    summary: 'Show a touchpoint.',
    access: 'read',
    response: 'Touchpoint',
    async handle({ c, ctx }) {
      return c.json(touchpointJson(await getTouch(ctx, c.req.param('id') ?? '')));
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/touchpoints/:id',
    tag: 'touchpoints',
    summary: 'Move a touchpoint to the trash.',
    access: 'write',
    response: 'Touchpoint',
    async handle({ c, ctx }) {
      return c.json(touchpointJson(await trashTouch(ctx, c.req.param('id') ?? '')));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/touchpoints/:id/restore',
    tag: 'touchpoints',
    summary: 'Restore a touchpoint from the trash.',
    access: 'write',
    response: 'Touchpoint',
    async handle({ c, ctx }) {
      return c.json(touchpointJson(await restoreTouch(ctx, c.req.param('id') ?? '')));
    },
  }),
];
