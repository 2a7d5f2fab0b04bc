/**
 * /api/v1/contacts: list (cursor, circle, tag, trash, q), create, show, edit
 * (If-Match), trash, restore, merge, and a contact's timeline.
 */
import { z } from 'zod';
import { findDuplicates } from '../../app/duplicates.js';
import {
  createContact,
  editContact,
  mergeContactsOp,
  pageContacts,
  resolveContact,
  restoreContact,
  trashContact,
} from '../../app/contacts.js';
import type { Ctx } from '../../app/ports.js';
import { contactCreate, contactEdit } from '../../app/schemas.js';
import { contactView } from '../../app/views.js';
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

/** One page of contacts in name order; `q` narrows to contacts the search finds (in the trash: by name). */
async function pageOfContacts(
  ctx: Ctx,
  q: z.infer<typeof listQuery>,
): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, ['n', 'i']);
  const page = await pageContacts(ctx, {
    circle: q.circle,
    tag: q.tag,
    trash: q.trash,
    q: q.q,
    limit: q.limit,
    after: after ? { displayName: after.n, id: after.i } : undefined,
  });
  return { contacts: page.contacts, nextCursor: page.next ? encodeCursor({ n: page.next.displayName, i: page.next.id }) : null };
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
    response: '{ contacts: Contact[] (without notesHtml), nextCursor: string | null }',
    async handle({ c, ctx, query }) {
      const page = await pageOfContacts(ctx, query);
      // The records as `kith contact list --json` gives them, without notesHtml: a page is asked for
      // at every keystroke of a search and its rows show no notes (rendered, they were two fifths
      // of its bytes). The contact itself, by id, has them.
      return c.json({ contacts: page.contacts.map(contactView), nextCursor: page.nextCursor });
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
