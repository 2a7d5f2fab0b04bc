/**
 * The HTTP face through app.request(): no port needed. Runs on both databases.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createContact } from '../../src/app/contacts.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { localUser } from '../../src/app/session.js';
import { createServerApp } from '../../src/server/app.js';
import { DIALECTS, freshStore } from '../support/stores.js';
import { T0 } from '../support/fixtures.js';

const HOST = { host: '127.0.0.1:4580' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body under test is any JSON
const body = async (r: Response): Promise<any> => r.json();

describe.each(DIALECTS)('HTTP server on %s', (dialect) => {
  let ctx: Ctx;
  let app: Hono;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const s = await freshStore(dialect);
    cleanup = s.cleanup;
    const clock = fixedClock(T0);
    const ids = sequentialIds();
    const user = await localUser(s.store, clock, ids, {});
    ctx = { store: s.store, clock, ids, userId: user.id };
    app = createServerApp({ ctx, allowedHosts: ['127.0.0.1:4580', 'localhost:4580'] });
    await createContact(ctx, { name: 'Zoë Łukasz-Müller', company: 'Acme' });
    await createContact(ctx, { name: '<img src=x onerror=alert(1)>' });
  });
  afterEach(async () => cleanup());

  it('answers /healthz and sets strict security headers', async () => {
    const r = await app.request('/healthz', { headers: HOST });
    expect(r.status).toBe(200);
    expect(await body(r)).toEqual({ ok: true });
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a Host that is not this server (DNS rebinding)', async () => {
    const r = await app.request('/api/v1/contacts', { headers: { host: 'attacker.example:4580' } });
    expect(r.status).toBe(403);
    expect((await body(r)).error.code).toBe('forbidden');
  });

  it('lists, shows and searches contacts as JSON', async () => {
    const list = await body(await app.request('/api/v1/contacts', { headers: HOST }));
    expect(list.contacts.map((c: { displayName: string }) => c.displayName)).toEqual(['<img src=x onerror=alert(1)>', 'Zoë Łukasz-Müller']);
    expect(list.contacts[0].ownerId).toBeUndefined();
    const found = await body(await app.request('/api/v1/search?q=muller', { headers: HOST }));
    expect(found.results.map((x: { title: string }) => x.title)).toEqual(['Zoë Łukasz-Müller']);
    const shown = await app.request(`/api/v1/contacts/${encodeURIComponent('zoe')}`, { headers: HOST });
    expect((await body(shown)).company).toBe('Acme');
    const missing = await app.request('/api/v1/contacts/nobody', { headers: HOST });
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.code).toBe('not_found');
    const bad = await app.request('/api/v1/contacts?limit=0', { headers: HOST });
    expect(bad.status).toBe(400);
  });

  it('renders the page with every value escaped', async () => {
    const html = await (await app.request('/', { headers: HOST })).text();
    expect(html).toContain('Zoë Łukasz-Müller');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script/i);
  });

  it('refuses writes while the API is read-only', async () => {
    const r = await app.request('/api/v1/contacts', { method: 'POST', headers: { ...HOST, 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(405);
  });
});
