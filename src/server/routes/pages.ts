/**
 * The page at `/` (home, login or first run), the invitation page, the stylesheet,
 * the health check, and the API's own description.
 */
import { z } from 'zod';
import { needsSetup } from '../../app/accounts.js';
import { listContacts } from '../../app/contacts.js';
import { search } from '../../app/search.js';
import { formCsrfToken } from '../cookies.js';
import { openApiDocument, renderDocs } from '../openapi.js';
import { renderFirstRun, renderHome, renderInvitation, renderLogin, STYLE } from '../pages.js';
import { route, type RouteSpec } from '../route-kit.js';

export const API_VERSION = '1.0.0';

const errorQuery = z.object({ error: z.string().max(40).optional(), q: z.string().max(500).optional() });

/** Page routes, plus the document routes that describe `all` (the whole table). */
export function pageRoutes(all: () => RouteSpec[]): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/healthz',
      tag: 'meta',
      summary:
        'Liveness: answers while the server runs. `integrity` says where the start-up integrity check is: `checking` (reads work, writes get 503 integrity_check_pending), `ok`, or `failed`.',
      access: 'public',
      response: "{ ok: true, integrity?: 'checking' | 'ok' | 'failed' }",
      handle: ({ c, server }) => {
        const integrity = server.integrity?.();
        return c.json(integrity ? { ok: true, integrity } : { ok: true });
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/openapi.json',
      tag: 'meta',
      summary: 'This API as an OpenAPI 3.1 document.',
      access: 'public',
      response: 'OpenAPI document',
      handle: ({ c }) => c.json(openApiDocument(all(), API_VERSION)),
    }),
    route({
      method: 'get',
      path: '/api/docs',
      tag: 'meta',
      summary: 'Readable API documentation.',
      access: 'public',
      hidden: true,
      handle: ({ c }) => c.html(renderDocs(all())),
    }),
    route({
      method: 'get',
      path: '/',
      tag: 'pages',
      summary: 'Home when logged in; otherwise the login page, or the first-run page before the owner has a password.',
      access: 'public',
      hidden: true,
      query: errorQuery,
      async handle({ c, server, principal, query }) {
        if (!principal) {
          const csrf = formCsrfToken(c, server);
          if (await needsSetup(server.store))
            return c.html(renderFirstRun({ csrf, allowedHere: server.loopback, error: query.error }));
          return c.html(renderLogin({ csrf, error: query.error }));
        }
        const ctx = { store: server.store, clock: server.clock, ids: server.ids, userId: principal.user.id };
        const q = query.q?.trim() ?? '';
        const results = q ? (await search(ctx, q, 50)).results : null;
        const contacts = q ? [] : await listContacts(ctx, { limit: 200 });
        return c.html(renderHome({ q, results, contacts, userName: principal.user.name, csrf: principal.csrfToken ?? '' }));
      },
    }),
    route({
      method: 'get',
      path: '/invite/:token',
      tag: 'pages',
      summary: 'The page an invitation link opens.',
      access: 'public',
      hidden: true,
      query: errorQuery,
      handle({ c, server, query }) {
        return c.html(
          renderInvitation({ csrf: formCsrfToken(c, server), token: c.req.param('token') ?? '', error: query.error }),
        );
      },
    }),
    route({
      method: 'get',
      path: '/style.css',
      tag: 'pages',
      summary: 'The stylesheet.',
      access: 'public',
      hidden: true,
      handle({ c }) {
        c.header('Content-Type', 'text/css; charset=utf-8');
        c.header('Cache-Control', 'public, max-age=3600');
        return c.body(STYLE);
      },
    }),
  ];
}
