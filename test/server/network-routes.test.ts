/**
 * Events, communities, writing, resources, introductions and the coach over HTTP, on both databases.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../src/app/contacts.js';
import { DIALECTS } from '../support/stores.js';
import { Client, testServer, type TestServer } from './harness.js';

describe.each(DIALECTS)('network routes on %s', (dialect) => {
  let t: TestServer;
  let client: Client;
  beforeEach(async () => {
    t = await testServer(dialect);
    client = new Client(t.app);
    expect((await client.login('owner@example.com')).status).toBe(200);
    await createContact(t.ownerCtx, {
      name: 'Anna Schmidt',
      topics: [
        { kind: 'looking-for', text: 'a Rust mentor' },
        { kind: 'interest', text: 'WASM' },
      ],
    });
    await createContact(t.ownerCtx, { name: 'Ben Okafor', topics: [{ kind: 'can-help', text: 'Rust mentoring' }] });
    await createContact(t.ownerCtx, { name: 'Li Lei' });
  });
  afterEach(async () => t.cleanup());

  it('records events and communities, and people met show up on the agenda', async () => {
    const com = await client.post('/api/v1/communities', { name: 'Rust Berlin', cadenceDays: 30, members: ['anna'] });
    expect(com.status).toBe(201);
    expect((await client.post(`/api/v1/communities/${com.body.id}/join`, { who: ['ben'] })).status).toBe(200);
    const ev = await client.post('/api/v1/events', {
      name: 'RustFest',
      on: '2026-11-25',
      community: 'Rust Berlin',
      met: ['anna'],
    });
    expect(ev.status).toBe(201);
    expect((await client.post(`/api/v1/events/${ev.body.id}/met`, { who: ['li lei'] })).status).toBe(200);
    expect((await client.get('/api/v1/events')).body.events).toHaveLength(1);
    expect((await client.get(`/api/v1/communities/${com.body.id}?on=2026-11-26`)).status).toBe(200);
    expect((await client.get('/api/v1/communities')).body.communities.map((x: { name: string }) => x.name)).toEqual([
      'Rust Berlin',
    ]);
    const agenda = await client.get('/api/v1/agenda?on=2026-11-26&limit=20');
    expect(agenda.body.items.filter((i: { kind: string }) => i.kind === 'post-event')).toHaveLength(2);
    expect((await client.post('/api/v1/events', { name: 'X', on: 'soon' })).status).toBe(400);
  });

  it('tracks writing, resources and who would care', async () => {
    const post = await client.post('/api/v1/posts', {
      title: 'Rust mentoring that works',
      on: '2026-11-20',
      topics: ['Rust', 'mentoring'],
    });
    expect(post.status).toBe(201);
    const resp = await client.post(`/api/v1/posts/${post.body.id}/responses`, { from: 'li lei', summary: 'Loved it' });
    expect(resp.status).toBe(201);
    expect((await client.get('/api/v1/writing?on=2026-11-26')).status).toBe(200);
    expect((await client.post(`/api/v1/responses/${resp.body.id}/replied`)).status).toBe(200);
    const care = await client.get(`/api/v1/posts/${post.body.id}/care`);
    expect(care.body.matches.map((m: { name: string }) => m.name)).toContain('Ben Okafor');
    const res = await client.post('/api/v1/resources', { title: 'WASM GC explained', topics: ['WASM'] });
    expect(res.status).toBe(201);
    expect(
      (await client.get(`/api/v1/resources/${res.body.id}/care`)).body.matches.map((m: { name: string }) => m.name),
    ).toContain('Anna Schmidt');
    expect((await client.get('/api/v1/contacts/anna/resources')).status).toBe(200);
    expect((await client.req('PUT', '/api/v1/writing/goal', { json: { postsPerMonth: 2 } })).body.postsPerMonth).toBe(2);
  });

  it('walks an introduction through double opt-in and coaches the habit', async () => {
    const sugg = await client.get('/api/v1/introductions/suggestions');
    expect(sugg.body.suggestions.length).toBeGreaterThan(0);
    const intro = await client.post('/api/v1/introductions', { a: 'anna', b: 'ben', reason: 'Rust mentoring' });
    expect(intro.status).toBe(201);
    const id = intro.body.id ?? intro.body.intro?.id;
    expect((await client.post(`/api/v1/introductions/${id}/made`, {})).status).toBe(400);
    for (const s of ['asked', 'accepted', 'made'])
      expect((await client.post(`/api/v1/introductions/${id}/${s}`, {})).status).toBe(200);
    expect((await client.get('/api/v1/introductions')).body.introductions[0].status).toBe('made');
    expect((await client.get('/api/v1/coach?on=2026-11-26')).status).toBe(200);
    expect((await client.post('/api/v1/coach/start', {})).status).toBe(200);
    expect((await client.req('PUT', '/api/v1/coach/goal', { json: { goal: 4 } })).body.weeklyGoal).toBe(4);
    expect((await client.get('/api/v1/review?on=2026-11-26')).status).toBe(200);
  });
});
