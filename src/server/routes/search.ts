/**
 * /api/v1/search: ranked search over contacts and touchpoints.
 */
import { z } from 'zod';
import { search } from '../../app/search.js';
import { limitParam, route, type RouteSpec } from '../route-kit.js';

export const searchRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/v1/search',
    tag: 'search',
    summary: 'Search names, companies, topics, notes and touchpoints, best first.',
    access: 'read',
    query: z.object({ q: z.string().max(500).default(''), limit: limitParam(200, 20) }),
    response: '{ query, results: [{ kind, id, score, title, detail, contacts: [{ id, name }] }] }',
    async handle({ c, ctx, query }) {
      return c.json(await search(ctx, query.q, query.limit));
    },
  }),
];
