/**
 * What the server remembers between requests, on both databases: credentials and the
 * serialized agenda, both under the Store's change mark (src/server/auth-cache.ts,
 * src/server/response-cache.ts). A write by any connection, as another process would
 * make it, must be seen by the very next request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken, sha256 } from '../../src/app/accounts.js';
import { createContact } from '../../src/app/contacts.js';
import { addFollowUp } from '../../src/app/follow-ups.js';
import type { Ctx } from '../../src/app/ports.js';
import { createServerApp, SECURITY_HEADERS } from '../../src/server/app.js';
import { openStore } from '../../src/storage/open.js';
import type { Store } from '../../src/storage/store.js';
import { DIALECTS } from '../support/stores.js';
import { addMember, Client, HOST, testServer, type TestServer } from './harness.js';

describe.each(DIALECTS)('server caches on %s', (dialect) => {
  let t: TestServer;
  let other: Store;
  /** The owner's context on a second connection to the same database. */
  let elsewhere: Ctx;
  beforeEach(async () => {
    t = await testServer(dialect);
    other = await openStore({ target: t.target });
    elsewhere = { ...t.ownerCtx, store: other };
    await createContact(t.ownerCtx, { name: 'Anna Schmidt', circle: 'inner' });
  });
  afterEach(async () => {
    await other.close();
    await t.cleanup();
  });

  const bearer = (token: string): Client => {
    const c = new Client(t.app);
    c.bearer = token;
    return c;
  };

  it('stops taking a token at once when another connection revokes it', async () => {
    const { token, info } = await createApiToken(t.ownerCtx, { name: 'script', scope: 'read' });
    const me = bearer(token);
    for (let i = 0; i < 3; i++) expect((await me.get('/api/v1/agenda')).status).toBe(200);
    await revokeApiToken(elsewhere, info.id);
    const r = await me.get('/api/v1/agenda');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
    expect((await me.get('/api/v1/contacts')).status).toBe(401);
  });

  it('stops taking a token at once when it is revoked through the API', async () => {
    const owner = new Client(t.app);
    expect((await owner.login('owner@example.com')).status).toBe(200);
    const made = await owner.post('/api/v1/tokens', { name: 'ci', scope: 'read' });
    const me = bearer(made.body.token);
    expect((await me.get('/api/v1/agenda')).status).toBe(200);
    expect((await me.get('/api/v1/agenda')).status).toBe(200);
    expect((await owner.del(`/api/v1/tokens/${made.body.info.id}`)).status).toBe(204);
    expect((await me.get('/api/v1/agenda')).status).toBe(401);
  });

  it('still records a token’s last use about once a minute', async () => {
    const { token, info } = await createApiToken(t.ownerCtx, { name: 'script' });
    const me = bearer(token);
    const lastUsed = async (): Promise<string | null> =>
      (await t.store.listApiTokens(t.owner.id)).find((x) => x.id === info.id)?.lastUsedAt ?? null;
    expect((await me.get('/api/v1/agenda')).status).toBe(200);
    const first = await lastUsed();
    expect(first).toBe(t.clock.now());
    t.clock.advance(30);
    expect((await me.get('/api/v1/agenda')).status).toBe(200);
    expect((await me.get('/api/v1/agenda')).status).toBe(200);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(31);
    expect((await me.get('/api/v1/agenda')).status).toBe(200);
    expect(await lastUsed()).toBe(t.clock.now());
  });

  it('ends a session at once on log out everywhere from another connection, and on expiry', async () => {
    const me = new Client(t.app);
    expect((await me.login('owner@example.com')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await me.get('/api/v1/agenda')).status).toBe(200);
    await other.deleteSessionsOfUser(t.owner.id);
    expect((await me.get('/api/v1/agenda')).status).toBe(401);

    const again = new Client(t.app);
    expect((await again.login('owner@example.com')).status).toBe(200);
    expect((await again.get('/api/v1/agenda')).status).toBe(200);
    const hash = sha256(again.cookies.get('kith_session') ?? '');
    const seen = (await t.store.getSession(hash))?.lastSeenAt;
    // Over an hour later the use slides the expiry forward, cached or not.
    t.clock.advance(3601);
    expect((await again.get('/api/v1/agenda')).status).toBe(200);
    expect((await t.store.getSession(hash))?.lastSeenAt).not.toBe(seen);
    expect((await again.get('/api/v1/agenda')).status).toBe(200);
    t.clock.advance(31 * 86400);
    expect((await again.get('/api/v1/agenda')).status).toBe(401);
  });

  it('serves the agenda again until anything is written, with an ETag and 304 for If-None-Match', async () => {
    const me = bearer((await createApiToken(t.ownerCtx, { name: 'script' })).token);
    const first = await me.get('/api/v1/agenda?on=2026-11-27');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(first.headers.get(k)).toBe(v);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const second = await me.get('/api/v1/agenda?on=2026-11-27');
    expect(second.text).toBe(first.text);
    expect(second.headers.get('etag')).toBe(etag);

    const notModified = await me.get('/api/v1/agenda?on=2026-11-27', { headers: { 'if-none-match': `"x", ${etag}` } });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect((await me.get('/api/v1/agenda?on=2026-11-27', { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);

    // A write through another connection shows on the next request.
    await addFollowUp(elsewhere, { who: 'anna', text: 'send the WASM GC article', due: '2026-11-27' });
    const after = await me.get('/api/v1/agenda?on=2026-11-27');
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.text).toContain('send the WASM GC article');
    expect((await me.get('/api/v1/agenda?on=2026-11-27', { headers: { 'if-none-match': etag } })).status).toBe(200);
    // Other days and limits are answers of their own.
    expect((await me.get('/api/v1/agenda?on=2026-11-20')).text).not.toContain('send the WASM GC article');
    expect((await me.get('/api/v1/agenda?on=2026-11-27&limit=1')).body.items.length).toBeLessThanOrEqual(1);
  });

  it('answers a repeat reading nothing but the change mark, with the same bytes, headers and log line', async () => {
    const calls: string[] = [];
    const counted = new Proxy(t.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(prop));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const lines: Array<Record<string, unknown>> = [];
    const log = { info: (o: Record<string, unknown>) => lines.push(o), error: () => {} };
    const app = createServerApp({ store: counted, clock: t.clock, ids: t.ids, allowedHosts: [HOST], log });
    const { token } = await createApiToken(t.ownerCtx, { name: 'script', scope: 'read' });
    const me = new Client(app);
    me.bearer = token;
    // The first use records itself (a write); the second computes the answer under the mark after it.
    await me.get('/api/v1/agenda?on=2026-11-27');
    // On PostgreSQL the mark is the cluster's snapshot, which another test's database moves when
    // it writes; then computing the answer again is right. So the check is made on a pair of
    // requests with the same mark before, between and after them (any other pair is retried).
    let computed = await me.get('/api/v1/agenda?on=2026-11-27');
    let kept = computed;
    let stable = false;
    for (let attempt = 0; attempt < 50 && !stable; attempt++) {
      const m0 = await t.store.changeMark();
      lines.length = 0;
      computed = await me.get('/api/v1/agenda?on=2026-11-27');
      const m1 = await t.store.changeMark();
      calls.length = 0;
      kept = await me.get('/api/v1/agenda?on=2026-11-27');
      stable = m0 === m1 && m1 === (await t.store.changeMark());
    }
    expect(stable, 'the change mark kept moving: no pair of requests under one mark').toBe(true);
    expect(calls.filter((m) => !m.startsWith('changeMark'))).toEqual([]);
    expect(kept.status).toBe(200);
    expect(kept.text).toBe(computed.text);
    const headers = (r: { headers: Headers }): string[][] => [...r.headers].filter(([k]) => k !== 'date');
    expect(headers(kept)).toEqual(headers(computed));
    const notModified = await me.get('/api/v1/agenda?on=2026-11-27', {
      headers: { 'if-none-match': kept.headers.get('etag') ?? '' },
    });
    expect(notModified.status).toBe(304);
    expect(lines.map((l) => [l.method, l.path, l.status])).toEqual([
      ['GET', '/api/v1/agenda', 200],
      ['GET', '/api/v1/agenda', 200],
      ['GET', '/api/v1/agenda', 304],
    ]);

    // What the whole way refuses stays refused, the answer kept or not.
    const url = '/api/v1/agenda?on=2026-11-27';
    const wrongHost = await me.get(url, { headers: { host: 'evil.example:4580' } });
    expect(wrongHost.status).toBe(403);
    expect(wrongHost.body.error.code).toBe('forbidden');
    for (const authorization of [`Basic ${token}`, 'Bearer kith_not-a-token', '']) {
      const r = await new Client(app).get(url, { headers: { authorization } });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthenticated');
    }
    // A bad query never reaches a kept answer either.
    expect((await me.get('/api/v1/agenda?on=2026-11-27&limit=0')).status).toBe(400);
  });

  it('moves to the next day at midnight in the user’s zone without any write', async () => {
    await addFollowUp(t.ownerCtx, { who: 'anna', text: 'call about the talk', due: '2026-11-27' });
    const me = bearer((await createApiToken(t.ownerCtx, { name: 'script' })).token);
    // 23:59:20 UTC (the default zone); the first use records itself, the second is the one kept.
    t.clock.advance(13 * 3600 + 59 * 60 + 20);
    await me.get('/api/v1/agenda');
    const before = await me.get('/api/v1/agenda');
    expect(before.body.date).toBe('2026-11-26');
    expect(before.text).not.toContain('call about the talk');
    // 50 s later, the token's use not due for recording yet: nothing is written in between.
    t.clock.advance(50);
    const after = await me.get('/api/v1/agenda');
    expect(after.body.date).toBe('2026-11-27');
    expect(after.text).toContain('call about the talk');
  });

  it('never serves one user’s cached agenda to another', async () => {
    const owner = new Client(t.app);
    expect((await owner.login('owner@example.com')).status).toBe(200);
    await addFollowUp(t.ownerCtx, { who: 'anna', text: 'owner only follow-up', due: '2026-11-27' });
    const mine = await owner.get('/api/v1/agenda?on=2026-11-27');
    expect(mine.text).toContain('owner only follow-up');
    const member = await addMember(t, owner, 'bea@example.com');
    const theirs = await member.get('/api/v1/agenda?on=2026-11-27');
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain('owner only follow-up');
    expect(theirs.text).not.toContain('Anna');
    expect((await owner.get('/api/v1/agenda?on=2026-11-27')).text).toBe(mine.text);
  });
});
