/**
 * /api/v1/contacts: list (cursor, circle, tag, trash, q), create, show, edit
 * (If-Match), trash, restore, merge, and a contact's timeline.
 */
import { z } from 'zod';
import { findDuplicates } from '../../app/duplicates.js';
import { createContact, editContact, mergeContactsOp, resolveContact, restoreContact, trashContact } from '../../app/contacts.js';
import type { Ctx } from '../../app/ports.js';
import { contactCreate, contactEdit } from '../../app/schemas.js';
import { contactView } from '../../app/views.js';
import { tokens } from '../../core/text-fold.js';
import type { Contact } from '../../core/types.js';
import { contactJson, touchpointJson } from '../presenters.js';
import {
  checkIfMatch,
  decodeCursor,
  encodeCursor,
  etagOf,
  flag,
  limitParam,
  requireIfMatch,
  route,
  type RouteSpec,
} from '../route-kit.js';
import { pageTouchpoints, touchPageQuery } from './touchpoints.js';

const listQuery = z.object({
  circle: z.string().optional(),
  tag: z.string().optional(),
  trash: flag,
  q: z.string().max(500).optional(),
  limit: limitParam(500, 100),
  cursor: z.string().optional(),
});

/** The ETag of a contact: of its stored fields, not of anything derived for display. */
export const contactEtag = (c: Contact): string => etagOf(contactView(c));

interface ContactPage {
  contacts: Contact[];
  nextCursor: string | null;
}

const byNameThenId = (a: Contact, b: Contact): number =>
  a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** One page of contacts in name order; `q` narrows to contacts the search finds (in the trash: by name). */
async function pageContacts(ctx: Ctx, q: z.infer<typeof listQuery>): Promise<ContactPage> {
  const after = decodeCursor(q.cursor, ['n', 'i']);
  const state = q.trash ? 'trash' : 'live';
  const text = q.q?.trim();
  if (!text) {
    const rows = await ctx.store.listContacts(ctx.userId, {
      circle: q.circle,
      tag: q.tag,
      state,
      limit: q.limit + 1,
      after: after ? { displayName: after.n, id: after.i } : undefined,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      contacts: page,
      nextCursor: rows.length > q.limit && last ? encodeCursor({ n: last.displayName, i: last.id }) : null,
    };
  }
  let found: Contact[];
  if (state === 'trash') {
    const typed = tokens(text);
    found = (await ctx.store.listContacts(ctx.userId, { state: 'trash', circle: q.circle, tag: q.tag })).filter((c) => {
      const words = tokens([c.displayName, c.givenName, c.familyName, c.nickname].filter(Boolean).join(' '));
      return typed.every((t) => words.some((w) => w.startsWith(t)));
    });
  } else {
    const hits = await ctx.store.search(ctx.userId, text, 1000, { kind: 'contact' });
    found = (
      await ctx.store.getContacts(
        ctx.userId,
        hits.map((h) => h.id),
      )
    ).filter((c) => !c.deletedAt && (!q.circle || c.circle === q.circle) && (!q.tag || c.tags.includes(q.tag)));
  }
  found.sort(byNameThenId);
  const rest = after ? found.filter((c) => c.displayName > after.n || (c.displayName === after.n && c.id > after.i)) : found;
  const page = rest.slice(0, q.limit);
  const last = page[page.length - 1];
  return { contacts: page, nextCursor: rest.length > q.limit && last ? encodeCursor({ n: last.displayName, i: last.id }) : null };
}

const editBody = contactEdit.omit({ who: true });
const mergeBody = z.object({ other: z.string().min(1, 'name the contact to merge into this one') });

const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export const contactRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/v1/contacts',
    tag: 'contacts',
    summary: 'List contacts in name order, a page at a time (pass nextCursor back as cursor).',
    access: 'read',
    query: listQuery,
    response: '{ contacts: Contact[], nextCursor: string | null }',
    async handle({ c, ctx, query }) {
      const page = await pageContacts(ctx, query);
      return c.json({ contacts: page.contacts.map(contactJson), nextCursor: page.nextCursor });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/contacts',
    tag: 'contacts',
    summary: 'Create a contact.',
    access: 'write',
    body: contactCreate,
    response: 'Contact (201, with an ETag)',
    async handle({ c, ctx, body }) {
      const contact = await createContact(ctx, await body());
      c.header('ETag', contactEtag(contact));
      c.header('Location', `/api/v1/contacts/${contact.id}`);
      return c.json(contactJson(contact), 201);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/contacts/duplicates',
    tag: 'contacts',
    summary: 'Contacts that are probably one person, most likely first, with the reasons. Suggestions only: merge joins them.',
    access: 'read',
    query: z.object({ limit: limitParam(500, 50).optional() }),
    response: '{ duplicates: [{ contacts: [{ id, name, company }], score, reasons: string[] }] }',
    async handle({ c, ctx, query }) {
      return c.json({ duplicates: await findDuplicates(ctx, { limit: query.limit ?? 50 }) });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/contacts/:id',
    tag: 'contacts',
    summary: 'Show a contact (by id, email, profile URL or a unique name) with the latest 50 touchpoints.',
    access: 'read',
    response: 'Contact & { touchpoints: Touchpoint[] } (with an ETag)',
    async handle({ c, ctx }) {
      const contact = await resolveContact(ctx, c.req.param('id') ?? '');
      const touchpoints = await ctx.store.listTouchpoints(ctx.userId, { contactId: contact.id, limit: 50 });
      c.header('ETag', contactEtag(contact));
      return c.json({ ...contactJson(contact), touchpoints: touchpoints.map(touchpointJson) });
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/contacts/:id',
    tag: 'contacts',
    summary:
      'Change a contact. Requires If-Match with its ETag (412 when stale, 428 when missing). Lists are added to; removeTags/removeTopics remove.',
    access: 'write',
    body: editBody,
    response: 'Contact (with the new ETag)',
    async handle({ c, ctx, body }) {
      const input = asObject(await body());
      const next = await ctx.store.transaction(async (store) => {
        const tctx = { ...ctx, store };
        const current = await resolveContact(tctx, c.req.param('id') ?? '');
        requireIfMatch(c.req.header('if-match'), contactEtag(current));
        return editContact(tctx, { ...input, who: current.id });
      });
      c.header('ETag', contactEtag(next));
      return c.json(contactJson(next));
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/contacts/:id',
    tag: 'contacts',
    summary: 'Move a contact to the trash (If-Match honoured when sent).',
    access: 'write',
    response: 'Contact',
    async handle({ c, ctx }) {
      const trashed = await ctx.store.transaction(async (store) => {
        const tctx = { ...ctx, store };
        const current = await resolveContact(tctx, c.req.param('id') ?? '');
        checkIfMatch(c.req.header('if-match'), contactEtag(current));
        return trashContact(tctx, current.id);
      });
      return c.json(contactJson(trashed));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/contacts/:id/restore',
    tag: 'contacts',
    summary: 'Restore a contact from the trash.',
    access: 'write',
    response: 'Contact',
    async handle({ c, ctx }) {
      const restored = await restoreContact(ctx, c.req.param('id') ?? '');
      c.header('ETag', contactEtag(restored));
      return c.json(contactJson(restored));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/contacts/:id/merge',
    tag: 'contacts',
    summary: 'Merge another contact into this one: every touchpoint, identity, topic, tag, note and record is kept.',
    access: 'write',
    body: mergeBody,
    response: 'Contact',
    async handle({ c, ctx, body }) {
      const input = asObject(await body());
      const other = typeof input.other === 'string' ? input.other : '';
      const merged = await mergeContactsOp(ctx, c.req.param('id') ?? '', other);
      c.header('ETag', contactEtag(merged));
      return c.json(contactJson(merged));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/contacts/:id/touchpoints',
    tag: 'touchpoints',
    summary: "A contact's timeline, newest first, a page at a time.",
    access: 'read',
    query: touchPageQuery,
    response: '{ touchpoints: Touchpoint[], nextCursor: string | null }',
    async handle({ c, ctx, query }) {
      const contact = await resolveContact(ctx, c.req.param('id') ?? '');
      const page = await pageTouchpoints(ctx, { ...query, contactId: contact.id });
      return c.json({ touchpoints: page.touchpoints.map(touchpointJson), nextCursor: page.nextCursor });
    },
  }),
];
