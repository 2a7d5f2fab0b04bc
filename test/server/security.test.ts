/**
 * The server's protections: CSRF, the Host allowlist, security headers, inert
 * notes, login backoff, first run only from this machine, cookie flags, size limits.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffSeconds } from '../../src/app/accounts.js';
import { createContact } from '../../src/app/contacts.js';
import { createServerApp } from '../../src/server/app.js';
import { Client, HOST, PASSWORD, testServer, type TestServer } from './harness.js';

describe('server protections', () => {
  let t: TestServer;
  let me: Client;
  beforeEach(async () => {
    t = await testServer('sqlite');
    me = new Client(t.app);
    await me.login('owner@example.com');
  });
  afterEach(async () => t.cleanup());

  it('refuses cross-site and token-less cookie writes', async () => {
    const cases: Array<[string, Record<string, string>, number]> = [
      ['same origin with the token', {}, 201],
      ['another Origin', { origin: 'https://evil.example' }, 403],
      ['Origin null', { origin: 'null' }, 403],
      ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site', origin: '' }, 403],
      ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site', origin: '' }, 403],
      ['no CSRF token', { 'x-csrf-token': '' }, 403],
      ['a wrong CSRF token', { 'x-csrf-token': 'x'.repeat(43) }, 403],
    ];
    for (const [name, headers, status] of cases) {
      const r = await me.req('POST', '/api/v1/contacts', { json: { name: `Case ${name}` }, headers });
      expect(r.status, name).toBe(status);
      if (status === 403) expect(r.body.error.code, name).toBe('forbidden');
    }
    const list = await me.get('/api/v1/contacts');
    expect(list.body.contacts.map((c: { displayName: string }) => c.displayName)).toEqual(['Case same origin with the token']);
  });

  it('refuses a form post without the double-submit token, before login too', async () => {
    const anon = new Client(t.app);
    const noToken = await anon.req('POST', '/api/v1/session', { form: { email: 'owner@example.com', password: PASSWORD } });
    expect(noToken.status).toBe(403);
    const page = await anon.get('/');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    expect(anon.cookies.get('kith_csrf')).toBe(token);
    const ok = await anon.req('POST', '/api/v1/session', {
      form: { email: 'owner@example.com', password: PASSWORD, _csrf: token },
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/');
    const home = await anon.get('/');
    expect(home.text).toContain('action="/api/v1/session/logout"');
    const wrong = await new Client(t.app).req('POST', '/api/v1/session', {
      form: { email: 'owner@example.com', password: 'nope', _csrf: token },
    });
    expect(wrong.status).toBe(403); // that client has no kith_csrf cookie
    const text = await anon.req('POST', '/api/v1/session', {
      raw: { body: '{"email":"a"}', type: 'text/plain' },
      headers: { 'x-csrf-token': '' },
    });
    expect(text.status).toBe(403);
  });

  it('sends a failed form login back to the page with a message', async () => {
    const anon = new Client(t.app);
    const token = /name="_csrf" value="([^"]+)"/.exec((await anon.get('/')).text)?.[1] ?? '';
    const r = await anon.req('POST', '/api/v1/session', {
      form: { email: 'owner@example.com', password: 'wrong', _csrf: token },
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/?error=unauthenticated');
    expect((await anon.get('/?error=unauthenticated')).text).toContain('That email and password do not match.');
    expect((await anon.get('/?error=%3Cscript%3E')).text).not.toContain('<script>');
  });

  it('refuses a Host that is not this server (DNS rebinding)', async () => {
    const r = await me.req('GET', '/api/v1/contacts', { headers: { host: 'attacker.example:4580' } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    expect(r.headers.get('content-security-policy')).toBeTruthy();
  });

  it('sets a strict CSP and the usual security headers on every response', async () => {
    for (const path of ['/', '/healthz', '/api/v1/contacts', '/no/such/route', '/api/docs']) {
      const r = await me.get(path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    const missing = await me.get('/no/such/route');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: 'No such route.', details: {} } });
  });

  it('returns a <script> or onerror payload in a note inert', async () => {
    const payload =
      '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="#" onclick="x()">y</a>';
    const c = await me.post('/api/v1/contacts', { name: 'Mallory', notes: payload });
    for (const html of [c.body.notesHtml, (await me.get(`/api/v1/contacts/${c.body.id}`)).body.notesHtml] as string[]) {
      expect(html).not.toMatch(/<script|<img|<a href="#"|javascript:|<[^>]+\son\w+=/i);
      expect(html).toContain('&lt;script&gt;');
    }
    expect(c.body.notes).toBe(payload);
  });

  it('slows down repeated wrong passwords, per account', async () => {
    const anon = new Client(t.app, '10.1.1.1');
    for (let i = 1; i <= 5; i++) expect((await anon.login('owner@example.com', 'wrong password')).status, `try ${i}`).toBe(401);
    // The fifth failure starts the backoff: even the right password must wait.
    const locked = await anon.login('owner@example.com');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(locked.headers.get('retry-after')).toBe('1');
    // From another address too: the account itself is slowed down.
    expect((await new Client(t.app, '10.2.2.2').login('owner@example.com')).status).toBe(429);
    t.clock.advance(1);
    expect((await anon.login('owner@example.com', 'wrong again')).status).toBe(401);
    expect((await anon.login('owner@example.com')).headers.get('retry-after')).toBe('2');
    t.clock.advance(2);
    expect((await anon.login('owner@example.com')).status).toBe(200);
    // Success clears the account's count.
    expect((await anon.login('owner@example.com', 'wrong')).status).toBe(401);
    expect((await anon.login('owner@example.com')).status).toBe(200);
  });

  it('slows down one address trying many accounts', async () => {
    const anon = new Client(t.app, '10.3.3.3');
    for (let i = 0; i < 20; i++) expect((await anon.login(`user${i}@example.com`, 'guess')).status).toBe(401);
    expect((await anon.login('owner@example.com')).status).toBe(429);
    expect((await new Client(t.app, '10.4.4.4').login('owner@example.com')).status).toBe(200);
  });

  it('backs off exponentially up to a cap', () => {
    const table: Array<[number, number]> = [
      [4, 0],
      [5, 1],
      [6, 2],
      [7, 4],
      [10, 32],
      [15, 900],
      [100, 900],
    ];
    for (const [failures, wait] of table) expect(backoffSeconds(failures, 5), `${failures}`).toBe(wait);
  });

  it('needs a login for the API, and says so', async () => {
    const r = await new Client(t.app).get('/api/v1/contacts');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
    const badToken = new Client(t.app);
    badToken.bearer = 'kith_nope';
    expect((await badToken.get('/api/v1/contacts')).status).toBe(401);
  });

  it('marks the session cookie HttpOnly, SameSite=Lax, and Secure behind an https proxy on this machine', async () => {
    const plain = await new Client(t.app).post('/api/v1/session', { email: 'owner@example.com', password: PASSWORD });
    const cookie = plain.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kith_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const proxied = await new Client(t.app).post(
      '/api/v1/session',
      { email: 'owner@example.com', password: PASSWORD },
      { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9', origin: `https://${HOST}` } },
    );
    expect(proxied.headers.get('set-cookie')).toMatch(/Secure/);
    const spoofed = await new Client(t.app, '198.51.100.1').post(
      '/api/v1/session',
      { email: 'owner@example.com', password: PASSWORD },
      { headers: { 'x-forwarded-proto': 'https' } },
    );
    expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('stores sessions and tokens only as hashes', async () => {
    const token = (await me.post('/api/v1/tokens', { name: 'x' })).body.token as string;
    const sessionSecret = me.cookies.get('kith_session') ?? '';
    const { sha256 } = await import('../../src/app/accounts.js');
    expect(await t.store.getSession(sessionSecret)).toBeNull();
    expect(await t.store.getSession(sha256(sessionSecret))).not.toBeNull();
    expect(await t.store.findApiTokenByHash(token)).toBeNull();
    expect(await t.store.findApiTokenByHash(sha256(token))).not.toBeNull();
  });

  it('expires sessions after 30 days without use', async () => {
    t.clock.advance(29 * 86400);
    expect((await me.get('/api/v1/contacts')).status).toBe(200);
    t.clock.advance(29 * 86400); // the use above slid the expiry forward
    expect((await me.get('/api/v1/contacts')).status).toBe(200);
    t.clock.advance(31 * 86400);
    expect((await me.get('/api/v1/contacts')).status).toBe(401);
  });

  it('limits request sizes: 1 MB of JSON, 50 MB for a backup upload', async () => {
    const big = await me.post('/api/v1/contacts', { name: 'Big', notes: 'x'.repeat(1024 * 1024 + 10) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const backup = (await me.get('/api/v1/backup')).body;
    await createContact(t.ownerCtx, { name: 'Anna' });
    const withNotes = {
      ...backup,
      contacts: (await me.get('/api/v1/backup')).body.contacts.map((c: object) => ({ ...c, notes: 'y'.repeat(2 * 1024 * 1024) })),
    };
    const restored = await me.post('/api/v1/backup?dryRun=1', withNotes);
    expect(restored.status).toBe(200);
    const huge = await me.req('POST', '/api/v1/backup', {
      raw: { body: '{}', type: 'application/json' },
      headers: { 'content-length': String(60 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
  });
});

describe('with the built web app', () => {
  it('serves the app at / under the same headers, and leaves the API, the feed and the pages of the server alone', async () => {
    const t = await testServer('sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'kith-web-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(
        join(dir, 'index.html'),
        '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1.js"></script>',
      );
      writeFileSync(join(dir, 'assets', 'app-1.js'), 'export {}');
      const app = createServerApp({ store: t.store, clock: t.clock, ids: t.ids, allowedHosts: [HOST], webDir: dir });
      const anon = new Client(app);
      const page = await anon.get('/', { headers: { accept: 'text/html' } });
      expect(page.text).toContain('<div id="root">');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect((await anon.get('/contacts/123', { headers: { accept: 'text/html' } })).text).toContain('<div id="root">');
      expect((await anon.get('/assets/app-1.js')).headers.get('cache-control')).toContain('immutable');
      expect((await anon.get('/api/v1/contacts', { headers: { accept: 'text/html' } })).status).toBe(401);
      expect((await anon.get('/healthz')).body).toEqual({ ok: true });
      expect((await anon.get('/invite/abc', { headers: { accept: 'text/html' } })).text).toContain('/api/v1/invitations/accept');
      expect((await anon.get('/nope.ics', { headers: { host: 'evil.example' } })).status).toBe(403);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await t.cleanup();
    }
  });
});

describe('request log', () => {
  it('logs each request without the secrets in feed and invitation URLs', async () => {
    const t = await testServer('sqlite');
    try {
      const lines: Array<Record<string, unknown>> = [];
      const log = { info: (o: Record<string, unknown>) => lines.push(o), error: (o: Record<string, unknown>) => lines.push(o) };
      const app = createServerApp({ store: t.store, clock: t.clock, ids: t.ids, allowedHosts: [HOST], log });
      const me = new Client(app);
      await me.login('owner@example.com');
      const feed = new URL((await me.post('/api/v1/calendar-feed')).body.url).pathname;
      const invite = new URL((await me.post('/api/v1/invitations', {})).body.url).pathname;
      await me.get(feed);
      await me.get(invite);
      const text = JSON.stringify(lines);
      expect(text).not.toContain(feed);
      expect(text).not.toContain(invite);
      expect(lines).toContainEqual(expect.objectContaining({ method: 'GET', path: '/feed/…', status: 200 }));
      expect(lines).toContainEqual(expect.objectContaining({ method: 'GET', path: '/invite/…', status: 200 }));
      expect(lines).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/v1/session', status: 200 }));
      expect(text).not.toContain(PASSWORD);
    } finally {
      await t.cleanup();
    }
  });
});

describe('first run', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await testServer('sqlite', { setup: false });
  });
  afterEach(async () => t.cleanup());

  it('lets only a browser on this machine create the owner login, once', async () => {
    const remote = new Client(t.app, '192.0.2.10');
    expect((await remote.get('/')).text).toContain('kith user add');
    expect((await remote.get('/api/v1/setup')).body).toEqual({ needsSetup: true, allowedHere: false });
    const creds = { email: 'me@example.com', password: PASSWORD, name: 'Me' };
    expect((await remote.post('/api/v1/setup', creds)).status).toBe(403);
    // Through a proxy on this machine the request is not local either.
    expect((await new Client(t.app).post('/api/v1/setup', creds, { headers: { 'x-forwarded-for': '192.0.2.10' } })).status).toBe(
      403,
    );

    const local = new Client(t.app, '::ffff:127.0.0.1');
    const page = await local.get('/');
    expect(page.text).toContain('action="/api/v1/setup"');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const made = await local.req('POST', '/api/v1/setup', { form: { ...creds, _csrf: token } });
    expect(made.status).toBe(303);
    expect((await local.get('/api/v1/session')).body.user).toEqual({
      id: t.owner.id,
      name: 'Me',
      email: 'me@example.com',
      role: 'owner',
    });
    expect((await new Client(t.app).post('/api/v1/setup', { ...creds, password: 'another password!' })).status).toBe(409);
    expect((await new Client(t.app).login('me@example.com')).status).toBe(200);
  });
});
