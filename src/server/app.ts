/**
 * The HTTP face: JSON API under /api/v1 and a small server-rendered page.
 * Only this folder knows HTTP. Routes call operations in app/, nothing below.
 */
import { Hono } from 'hono';
import { listContacts, resolveContact } from '../app/contacts.js';
import type { Ctx } from '../app/ports.js';
import { search } from '../app/search.js';
import { contactView, touchpointView } from '../app/views.js';
import { AppError } from '../core/errors.js';
import { errorResponse } from './errors.js';
import { renderHome } from './pages.js';

export interface ServerDeps {
  /** The context of the user a request acts for. */
  ctx: Ctx;
  /** Host header values that are this server (DNS-rebinding defence). */
  allowedHosts: string[];
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export function createServerApp(deps: ServerDeps): Hono {
  const app = new Hono();
  const allowed = new Set(deps.allowedHosts.map((h) => h.toLowerCase()));

  app.use('*', async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!allowed.has(host)) {
      return c.json({ error: { code: 'forbidden', message: `Host "${host}" is not this kith server.`, details: {} } }, 403);
    }
    // Read-only for now: nothing that changes data is served, so no cross-site write can happen.
    if (!['GET', 'HEAD'].includes(c.req.method)) {
      return c.json({ error: { code: 'forbidden', message: 'This server is read-only for now; use the kith CLI to make changes.', details: {} } }, 405);
    }
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
  });

  app.onError((e, c) => {
    const { status, body } = errorResponse(e);
    if (status === 500) deps.log?.('unexpected error', { err: String((e as Error)?.stack ?? e) });
    return c.json(body, status as 400);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route.', details: {} } }, 404));

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.get('/api/v1/contacts', async (c) => {
    const limitRaw = c.req.query('limit');
    const limit = limitRaw ? Number(limitRaw) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new AppError('invalid_input', 'limit: must be a whole number from 1 to 1000', { issues: [{ field: 'limit', message: 'out of range' }] });
    }
    const contacts = await listContacts(deps.ctx, { circle: c.req.query('circle'), tag: c.req.query('tag'), limit });
    return c.json({ contacts: contacts.map(contactView) });
  });

  app.get('/api/v1/contacts/:id', async (c) => {
    const contact = await resolveContact(deps.ctx, c.req.param('id'));
    const touchpoints = await deps.ctx.store.listTouchpoints(deps.ctx.userId, { contactId: contact.id, limit: 50 });
    return c.json({ ...contactView(contact), touchpoints: touchpoints.map(touchpointView) });
  });

  app.get('/api/v1/search', async (c) => {
    return c.json(await search(deps.ctx, c.req.query('q') ?? '', Number(c.req.query('limit') ?? 20) || 20));
  });

  app.get('/', async (c) => {
    const q = c.req.query('q')?.trim() ?? '';
    const results = q ? (await search(deps.ctx, q, 50)).results : null;
    const contacts = q ? [] : await listContacts(deps.ctx, { limit: 200 });
    return c.html(renderHome({ q, results, contacts }));
  });

  app.get('/style.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(STYLE);
  });

  return app;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fbfbfa; --muted: #6b6b70; --line: #e4e4e0; --accent: #2f6f5e; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececec; --bg: #161617; --muted: #a0a0a6; --line: #2c2c2e; --accent: #7cc4ad; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; letter-spacing: -.01em; }
p.lede { color: var(--muted); margin: 0 0 1.5rem; }
form { display: flex; gap: .5rem; margin-bottom: 1.5rem; }
label.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
input[type=search] { flex: 1; font: inherit; padding: .55rem .75rem; border: 1px solid var(--line); border-radius: .5rem; background: transparent; color: inherit; }
button { font: inherit; padding: .55rem 1rem; border-radius: .5rem; border: 0; background: var(--accent); color: var(--bg); cursor: pointer; }
ul.list { list-style: none; padding: 0; margin: 0; border-top: 1px solid var(--line); }
ul.list li { padding: .7rem 0; border-bottom: 1px solid var(--line); display: flex; justify-content: space-between; gap: 1rem; }
.muted { color: var(--muted); font-size: .9rem; }
.empty { padding: 1.5rem; border: 1px dashed var(--line); border-radius: .75rem; }
code { font-size: .9em; }
`;
