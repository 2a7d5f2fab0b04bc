/**
 * The HTTP API through app.request(), on both databases: every resource's routes
 * (contacts, touchpoints, search, profile, backup, accounts, the calendar feed),
 * pagination, ETags, the OpenAPI document and the pages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../src/app/contacts.js';
import type { Contact } from '../../src/core/types.js';
import { allRoutes } from '../../src/server/routes/index.js';
import { DIALECTS } from '../support/stores.js';
import { Client, PASSWORD, testServer, type AnyJson, type TestServer } from './harness.js';

describe.each(DIALECTS)('HTTP API on %s', (dialect) => {
  let t: TestServer;
  let me: Client;
  beforeEach(async () => {
    t = await testServer(dialect);
    me = new Client(t.app);
    expect((await me.login('owner@example.com')).status).toBe(200);
  });
  afterEach(async () => t.cleanup());

  it('answers /healthz without a login', async () => {
    const r = await new Client(t.app).get('/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true });
  });

  it('creates, shows, edits with If-Match, trashes, restores and merges contacts', async () => {
    const created = await me.post('/api/v1/contacts', {
      name: 'Zoë Łukasz-Müller',
      company: 'Acme',
      emails: ['zoe@acme.dev'],
      notes: 'Met at **RustConf**',
    });
    expect(created.status).toBe(201);
    expect(created.body.ownerId).toBeUndefined();
    expect(created.body.notesHtml).toBe('<p>Met at <strong>RustConf</strong></p>');
    const id = created.body.id as string;

    const shown = await me.get(`/api/v1/contacts/${encodeURIComponent('zoe')}`);
    expect(shown.status).toBe(200);
    expect(shown.body.company).toBe('Acme');
    expect(shown.body.touchpoints).toEqual([]);
    const etag = shown.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);

    expect((await me.patch(`/api/v1/contacts/${id}`, { title: 'CTO' })).status).toBe(428);
    expect((await me.patch(`/api/v1/contacts/${id}`, { title: 'CTO' }, { headers: { 'if-match': '"stale"' } })).status).toBe(412);
    const edited = await me.patch(`/api/v1/contacts/${id}`, { title: 'CTO', tags: ['rust'] }, { headers: { 'if-match': etag } });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('CTO');
    expect(edited.headers.get('etag')).not.toBe(etag);
    // The ETag read before the edit is stale now.
    expect((await me.patch(`/api/v1/contacts/${id}`, { title: 'CEO' }, { headers: { 'if-match': etag } })).status).toBe(412);
    const bad = await me.patch(
      `/api/v1/contacts/${id}`,
      { circle: 'best-friends' },
      { headers: { 'if-match': edited.headers.get('etag') ?? '' } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('circle');

    const dup = await me.post('/api/v1/contacts', { name: 'Zoe Dup', emails: ['zoe@acme.dev'] });
    expect(dup.status).toBe(409);

    expect((await me.del(`/api/v1/contacts/${id}`)).status).toBe(200);
    expect((await me.get(`/api/v1/contacts/${id}`)).status).toBe(404);
    const trash = await me.get('/api/v1/contacts?trash=1');
    expect(trash.body.contacts.map((c: AnyJson) => c.id)).toEqual([id]);
    expect((await me.post(`/api/v1/contacts/${id}/restore`)).status).toBe(200);
    expect((await me.get(`/api/v1/contacts/${id}`)).status).toBe(200);

    const other = await me.post('/api/v1/contacts', { name: 'Zoe Lukasz-Mueller', emails: ['zoe@work.dev'] });
    // Suggested as one person (same name, folded), never merged on its own.
    const dups = await me.get('/api/v1/contacts/duplicates');
    expect(dups.status).toBe(200);
    expect(dups.body.duplicates.map((d: AnyJson) => d.contacts.map((c: AnyJson) => c.id).sort())).toEqual([
      [id, other.body.id].sort(),
    ]);
    expect(dups.body.duplicates[0].reasons.length).toBeGreaterThan(0);
    expect((await me.get('/api/v1/contacts/duplicates?limit=0')).status).toBe(400);
    await me.post('/api/v1/touchpoints', { kind: 'coffee', with: [other.body.id], on: '2026-11-20', summary: 'Coffee' });
    const merged = await me.post(`/api/v1/contacts/${id}/merge`, { other: other.body.id });
    expect(merged.status).toBe(200);
    expect(merged.body.identities.map((i: AnyJson) => i.value).sort()).toEqual(['zoe@acme.dev', 'zoe@work.dev']);
    expect((await me.get(`/api/v1/contacts/${other.body.id}`)).status).toBe(404);
    expect((await me.get(`/api/v1/contacts/${id}/touchpoints`)).body.touchpoints.map((x: AnyJson) => x.summary)).toEqual([
      'Coffee',
    ]);
  });

  it('pages through contacts with a cursor and filters by circle, tag and q', async () => {
    for (let i = 0; i < 7; i++) {
      await createContact(t.ownerCtx, {
        name: `Person ${i}`,
        circle: i % 2 ? 'inner' : 'network',
        tags: i < 3 ? ['rust'] : [],
        company: i === 5 ? 'Fastly' : null,
      });
    }
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const r = await me.get(`/api/v1/contacts?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.contacts.map((c: AnyJson) => c.displayName));
      if (!r.body.nextCursor) break;
      cursor = r.body.nextCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Person ${i}`));
    const names = async (qs: string): Promise<string[]> =>
      (await me.get(`/api/v1/contacts?${qs}`)).body.contacts.map((c: AnyJson) => c.displayName);
    expect(await names('circle=inner')).toEqual(['Person 1', 'Person 3', 'Person 5']);
    expect(await names('tag=rust')).toEqual(['Person 0', 'Person 1', 'Person 2']);
    expect(await names('q=fastly')).toEqual(['Person 5']);
    expect(await names('q=person&circle=network&limit=2')).toEqual(['Person 0', 'Person 2']);
    expect((await me.get('/api/v1/contacts?limit=0')).status).toBe(400);
    expect((await me.get('/api/v1/contacts?cursor=garbage')).status).toBe(400);
  });

  it('pages through q results with a cursor, with filters and in the trash, in name order', async () => {
    // Same names on purpose: the cursor must break ties by id without losing or repeating anyone.
    const names = ['Mia Rust', 'Ben Rust', 'Ben Rust', 'Åsa Rust', 'Carl Other', 'Ben Rust', 'Dora Rust', 'Eve Rust'];
    const made: Contact[] = [];
    for (const [i, name] of names.entries()) {
      made.push(
        await createContact(t.ownerCtx, {
          name,
          circle: i % 2 ? 'inner' : 'network',
          tags: i < 4 ? ['meetup'] : [],
          company: i === 4 ? 'Rust Foundation' : null,
        }),
      );
    }
    const byNameThenId = (a: { displayName: string; id: string }, b: { displayName: string; id: string }): number =>
      a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    const pages = async (qs: string, limit: number): Promise<Array<{ displayName: string; id: string }>> => {
      const seen: Array<{ displayName: string; id: string }> = [];
      let cursor = '';
      for (let n = 0; n < 20; n++) {
        const r = await me.get(`/api/v1/contacts?${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        expect(r.body.contacts.length).toBeLessThanOrEqual(limit);
        seen.push(...r.body.contacts.map((c: AnyJson) => ({ displayName: c.displayName, id: c.id })));
        if (!r.body.nextCursor) break;
        expect(r.body.contacts).toHaveLength(limit);
        cursor = r.body.nextCursor;
      }
      return seen;
    };
    const expected = (pick: (i: number) => boolean) =>
      made
        .filter((_, i) => pick(i))
        .map((c) => ({ displayName: c.displayName, id: c.id }))
        .sort(byNameThenId);
    // "rust" is in every name and in one company; the whole records come back.
    for (const limit of [1, 2, 3, 100]) expect(await pages('q=rust', limit)).toEqual(expected(() => true));
    expect(await pages('q=ben%20rust', 2)).toEqual(expected((i) => names[i] === 'Ben Rust'));
    expect(await pages('q=rust&circle=inner', 2)).toEqual(expected((i) => i % 2 === 1));
    expect(await pages('q=rust&tag=meetup', 3)).toEqual(expected((i) => i < 4));
    expect(await pages('q=rust&tag=meetup&circle=network', 1)).toEqual(expected((i) => i < 4 && i % 2 === 0));
    expect(await pages('q=nobody', 2)).toEqual([]);
    const one = await me.get('/api/v1/contacts?q=foundation');
    expect(one.body.contacts).toHaveLength(1);
    expect(one.body.contacts[0]).toMatchObject({ id: made[4]?.id, company: 'Rust Foundation', notes: '' });
    // A list row is the record as `kith contact list --json` gives it: no owner, no rendered notes.
    expect(one.body.contacts[0].ownerId).toBeUndefined();
    expect(one.body.contacts[0]).not.toHaveProperty('notesHtml');
    expect((await me.get(`/api/v1/contacts/${made[4]?.id}`)).body).toHaveProperty('notesHtml', '');

    // Trashed contacts leave the live results and are found in the trash by the start of their names.
    for (const i of [1, 2, 6]) expect((await me.del(`/api/v1/contacts/${made[i]?.id}`)).status).toBe(200);
    expect(await pages('q=rust', 2)).toEqual(expected((i) => ![1, 2, 6].includes(i)));
    expect(await pages('trash=1&q=ru', 1)).toEqual(expected((i) => [1, 2, 6].includes(i)));
    expect(await pages('trash=1&q=ben%20ru&circle=inner', 1)).toEqual(expected((i) => i === 1));
    expect(await pages('trash=1&q=ben&tag=meetup', 5)).toEqual(expected((i) => i === 1 || i === 2));
    expect(await pages('trash=1&q=foundation', 5)).toEqual([]);
  });

  it('logs, lists with a cursor, shows, trashes and restores touchpoints', async () => {
    const anna = await createContact(t.ownerCtx, { name: 'Anna Schmidt' });
    const bo = await createContact(t.ownerCtx, { name: 'Bo Chen' });
    for (let i = 1; i <= 5; i++) {
      const r = await me.post('/api/v1/touchpoints', {
        kind: 'dm',
        with: [i === 5 ? 'bo' : 'anna'],
        on: `2026-11-0${i}`,
        summary: `touch ${i}`,
        notes: '<script>x</script>',
      });
      expect(r.status).toBe(201);
      expect(r.body.touchpoint.notesHtml).toBe('<p>&lt;script&gt;x&lt;/script&gt;</p>');
    }
    // Two at the same instant: the cursor must not lose either.
    await me.post('/api/v1/touchpoints', { kind: 'call', with: ['anna'], on: '2026-11-03', summary: 'touch 3b' });
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const r = await me.get(`/api/v1/touchpoints?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.body.touchpoints.map((x: AnyJson) => x.summary));
      if (!r.body.nextCursor) break;
      cursor = r.body.nextCursor;
    }
    expect(seen).toEqual(['touch 5', 'touch 4', 'touch 3b', 'touch 3', 'touch 2', 'touch 1']);
    const annas = await me.get(`/api/v1/touchpoints?contact=${anna.id}`);
    expect(annas.body.touchpoints).toHaveLength(5);
    const bos = await me.get(`/api/v1/contacts/${bo.id}/touchpoints`);
    expect(bos.body.touchpoints.map((x: AnyJson) => x.summary)).toEqual(['touch 5']);
    const tid = bos.body.touchpoints[0].id;
    expect((await me.get(`/api/v1/touchpoints/${tid}`)).body.summary).toBe('touch 5');
    expect((await me.del(`/api/v1/touchpoints/${tid}`)).status).toBe(200);
    expect((await me.get(`/api/v1/contacts/${bo.id}/touchpoints`)).body.touchpoints).toEqual([]);
    expect((await me.get('/api/v1/touchpoints?trash=1')).body.touchpoints.map((x: AnyJson) => x.id)).toEqual([tid]);
    expect((await me.post(`/api/v1/touchpoints/${tid}/restore`)).status).toBe(200);
    expect((await me.get(`/api/v1/contacts/${bo.id}/touchpoints`)).body.touchpoints).toHaveLength(1);
    expect((await me.post('/api/v1/touchpoints', { kind: 'dm', with: [] })).status).toBe(400);
    expect((await me.get('/api/v1/touchpoints/nope')).status).toBe(404);
  });

  it('searches', async () => {
    await createContact(t.ownerCtx, { name: 'Zoë Łukasz-Müller', company: 'Acme' });
    const r = await me.get('/api/v1/search?q=muller');
    expect(r.body.results.map((x: AnyJson) => x.title)).toEqual(['Zoë Łukasz-Müller']);
    expect((await me.get('/api/v1/search?q=')).status).toBe(400);
  });

  it('reads and changes the profile with If-Match', async () => {
    const p = await me.get('/api/v1/profile');
    expect(p.status).toBe(200);
    expect(p.body.ownerId).toBeUndefined();
    expect((await me.patch('/api/v1/profile', { name: 'Olive' })).status).toBe(428);
    const r = await me.patch(
      '/api/v1/profile',
      { name: 'Olive', weeklyGoal: 7 },
      { headers: { 'if-match': p.headers.get('etag') ?? '' } },
    );
    expect(r.status).toBe(200);
    expect(r.body.weeklyGoal).toBe(7);
    expect(
      (await me.patch('/api/v1/profile', { name: 'X' }, { headers: { 'if-match': p.headers.get('etag') ?? '' } })).status,
    ).toBe(412);
  });

  it('downloads a backup and restores it, with a dry run that writes nothing', async () => {
    const anna = await createContact(t.ownerCtx, { name: 'Anna Schmidt' });
    const r = await me.get('/api/v1/backup');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="kith-backup-2026-11-26.json"/);
    expect(r.body.format).toBe('kith-backup');
    const changed = { ...r.body, contacts: r.body.contacts.map((c: AnyJson) => ({ ...c, company: 'Restored Inc' })) };
    const dry = await me.post('/api/v1/backup?dryRun=1', changed);
    expect(dry.body).toEqual({ dryRun: true, counts: { new: 0, updated: 1 } });
    expect((await me.get(`/api/v1/contacts/${anna.id}`)).body.company).toBeNull();
    const real = await me.post('/api/v1/backup', changed);
    expect(real.body).toEqual({ dryRun: false, counts: { new: 0, updated: 1 } });
    expect((await me.get(`/api/v1/contacts/${anna.id}`)).body.company).toBe('Restored Inc');
    const broken = await me.post('/api/v1/backup', { format: 'kith-backup', version: 1, contacts: [{ id: 'x' }] });
    expect(broken.status).toBe(400);
  });

  it('manages API tokens: bearer access, read scope, last use, revocation', async () => {
    const made = await me.post('/api/v1/tokens', { name: 'script', scope: 'read' });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^kith_/);
    const bot = new Client(t.app);
    bot.bearer = made.body.token;
    expect((await bot.get('/api/v1/contacts')).status).toBe(200);
    const denied = await bot.post('/api/v1/contacts', { name: 'X' });
    expect(denied.status).toBe(403);
    expect((await bot.get('/api/v1/tokens')).status).toBe(403);
    const listed = await me.get('/api/v1/tokens');
    expect(listed.body.tokens).toEqual([
      {
        id: made.body.info.id,
        name: 'script',
        scope: 'read',
        createdAt: t.clock.now(),
        lastUsedAt: t.clock.now(),
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token);

    const rw = await me.post('/api/v1/tokens', { name: 'writer', scope: 'read-write' });
    const writer = new Client(t.app);
    writer.bearer = rw.body.token;
    // A token is not a cookie: no CSRF token and no Origin needed.
    expect(
      (
        await writer.req('POST', '/api/v1/contacts', {
          json: { name: 'Via Token' },
          headers: { origin: 'https://elsewhere.example' },
        })
      ).status,
    ).toBe(201);

    expect((await me.del(`/api/v1/tokens/${made.body.info.id}`)).status).toBe(204);
    const after = await bot.get('/api/v1/contacts');
    expect(after.status).toBe(401);
    expect((await me.del(`/api/v1/tokens/${made.body.info.id}x`)).status).toBe(404);
  });

  it('logs out, and logs out everywhere', async () => {
    const other = new Client(t.app);
    await other.login('owner@example.com');
    expect((await me.get('/api/v1/session')).body.user.email).toBe('owner@example.com');
    expect((await me.del('/api/v1/session')).status).toBe(204);
    expect((await me.get('/api/v1/contacts')).status).toBe(401);
    expect((await other.get('/api/v1/contacts')).status).toBe(200);
    await me.login('owner@example.com');
    const ended = await me.post('/api/v1/session/logout-everywhere');
    expect(ended.body).toEqual({ ended: 2 });
    expect((await other.get('/api/v1/contacts')).status).toBe(401);
    expect((await me.get('/api/v1/contacts')).status).toBe(401);
  });

  it('changes the password with the current one', async () => {
    expect(
      (await me.req('PUT', '/api/v1/account/password', { json: { current: 'wrong', password: 'a new long password' } })).status,
    ).toBe(400);
    expect(
      (await me.req('PUT', '/api/v1/account/password', { json: { current: PASSWORD, password: 'a new long password' } })).status,
    ).toBe(204);
    expect((await me.get('/api/v1/contacts')).status).toBe(401);
    expect((await me.login('owner@example.com')).status).toBe(401);
    expect((await me.login('owner@example.com', 'a new long password')).status).toBe(200);
  });

  it('invites a member: the link works once, for its email, and only the owner may invite', async () => {
    const inv = await me.post('/api/v1/invitations', { email: 'bea@example.com' });
    expect(inv.status).toBe(201);
    expect(inv.body.url).toMatch(/^http:\/\/127\.0\.0\.1:4580\/invite\/[A-Za-z0-9_-]+$/);
    const token = String(inv.body.url).split('/invite/')[1];
    const page = await new Client(t.app).get(`/invite/${token}`);
    expect(page.text).toContain('action="/api/v1/invitations/accept"');
    const bea = new Client(t.app, '10.0.0.8');
    expect((await bea.post('/api/v1/invitations/accept', { token, email: 'eve@example.com', password: PASSWORD })).status).toBe(
      400,
    );
    const ok = await bea.post('/api/v1/invitations/accept', { token, email: 'bea@example.com', password: PASSWORD, name: 'Bea' });
    expect(ok.status).toBe(201);
    expect(ok.body.user.role).toBe('member');
    bea.csrf = ok.body.csrfToken;
    expect((await bea.get('/api/v1/contacts')).body.contacts).toEqual([]);
    expect((await bea.post('/api/v1/invitations', {})).status).toBe(403);
    expect(
      (await new Client(t.app).post('/api/v1/invitations/accept', { token, email: 'bea@example.com', password: PASSWORD }))
        .status,
    ).toBe(404);
    t.clock.advance(0);
    const late = await me.post('/api/v1/invitations', { days: 1 });
    t.clock.advance(86400 + 1);
    const lateToken = String(late.body.url).split('/invite/')[1];
    expect(
      (
        await new Client(t.app).post('/api/v1/invitations/accept', {
          token: lateToken,
          email: 'late@example.com',
          password: PASSWORD,
        })
      ).status,
    ).toBe(404);
  });

  it('serves the OpenAPI document for every documented route, and the docs page', async () => {
    const r = await new Client(t.app).get('/api/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    for (const route of allRoutes().filter((x) => !x.hidden)) {
      const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      expect(r.body.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const ops = Object.values(r.body.paths).flatMap((p) => Object.values(p as Record<string, AnyJson>));
    const opIds = ops.map((o: AnyJson) => o.operationId);
    expect(new Set(opIds).size).toBe(opIds.length);
    for (const o of ops) expect(o.responses.default, o.operationId).toBeDefined();
    const create = r.body.paths['/api/v1/contacts'].post;
    expect(create.requestBody.content['application/json'].schema.properties.name.type).toBe('string');
    expect(create.requestBody.content['application/json'].schema.properties.circle.enum).toEqual([
      'inner',
      'active',
      'network',
      'dormant',
    ]);
    expect(r.body.paths['/api/v1/contacts'].get.parameters.map((p: AnyJson) => p.name)).toEqual([
      'circle',
      'tag',
      'trash',
      'q',
      'limit',
      'cursor',
    ]);
    const docs = await new Client(t.app).get('/api/docs');
    expect(docs.text).toContain('PATCH /api/v1/contacts/{id}');
    expect(docs.text).not.toMatch(/<script/i);
  });

  it('shows the login page when logged out, and the contacts when logged in', async () => {
    await createContact(t.ownerCtx, { name: '<img src=x onerror=alert(1)>' });
    const anon = await new Client(t.app).get('/');
    expect(anon.text).toContain('action="/api/v1/session"');
    expect(anon.text).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{20,}"/);
    expect(anon.text).not.toContain('onerror=alert');
    const home = await me.get('/');
    expect(home.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(home.text).not.toContain('<img src=x');
    expect(home.text).not.toMatch(/<script/i);
    expect(home.text).toContain(`value="${me.csrf}"`);
  });

  it('serves the calendar feed behind a revocable secret URL', async () => {
    expect((await me.get('/api/v1/calendar-feed')).body).toEqual({ url: null });
    const on = await me.post('/api/v1/calendar-feed');
    expect(on.status).toBe(201);
    const path = new URL(on.body.url).pathname;
    const anon = new Client(t.app);
    const feed = await anon.get(path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect((await me.del('/api/v1/calendar-feed')).status).toBe(204);
    expect((await anon.get(path)).status).toBe(404);
  });
});
