/**
 * The engine's routes: agenda, snooze/done, health, draft check, capture, commitments,
 * ledger and follow-ups, through app.request() on both databases.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../src/app/contacts.js';
import { updateProfile } from '../../src/app/profile.js';
import { DIALECTS } from '../support/stores.js';
import { Client, testServer, type TestServer } from './harness.js';

describe.each(DIALECTS)('engine routes on %s', (dialect) => {
  let t: TestServer;
  let client: Client;
  beforeEach(async () => {
    t = await testServer(dialect);
    client = new Client(t.app);
    expect((await client.login('owner@example.com')).status).toBe(200);
    await updateProfile(t.ownerCtx, { postsPerMonth: 0 });
    await createContact(t.ownerCtx, {
      name: 'Anna Schmidt',
      circle: 'inner',
      topics: [{ kind: 'side-project', text: 'Rust meetup' }],
    });
    await createContact(t.ownerCtx, { name: 'Li Lei', birthday: '11-29' });
  });
  afterEach(async () => t.cleanup());

  it('captures, ranks the agenda and takes snooze and done', async () => {
    const dry = await client.post('/api/v1/capture', {
      text: 'coffee with Anna Schmidt yesterday; promised to send slides by Friday',
      on: '2026-11-26',
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body.touchpoint.kind).toBe('coffee');
    const cap = await client.post('/api/v1/capture', {
      text: 'coffee with Anna Schmidt yesterday; promised to send slides by Friday',
      on: '2026-11-26',
    });
    expect(cap.status).toBe(201);
    expect(cap.body.commitments[0].ownerId).toBeUndefined();
    const amb = await client.post('/api/v1/capture', { text: 'lunch with Bob Dylan' });
    expect(amb.status).toBe(400);
    expect(amb.body.error.code).toBe('invalid_input');

    const a = await client.get('/api/v1/agenda?on=2026-11-27');
    expect(a.status).toBe(200);
    expect(a.body.items.map((i: { kind: string }) => i.kind)).toEqual(['commitment', 'birthday']);
    expect((await client.post('/api/v1/agenda/2/snooze', { until: '2026-12-01', on: '2026-11-27' })).status).toBe(200);
    expect(
      (await client.post(`/api/v1/agenda/${encodeURIComponent(a.body.items[0].id)}/done`, { on: '2026-11-27' })).status,
    ).toBe(200);
    expect((await client.get('/api/v1/agenda?on=2026-11-27')).body.items).toEqual([]);
    expect((await client.get('/api/v1/agenda?limit=0')).status).toBe(400);
  });

  it('answers health, draft check, commitments, ledger and follow-ups', async () => {
    const h = await client.get('/api/v1/contacts/anna/health?on=2026-11-27');
    expect(h.status).toBe(200);
    expect(h.body.components).toHaveLength(5);
    expect((await client.get('/api/v1/health?on=2026-11-27')).body.count).toBe(2);
    const d = await client.post('/api/v1/draft-check', { who: 'anna', text: 'Happy holidays!' });
    expect(d.body.score).toBeLessThan(40);
    expect((await client.post('/api/v1/draft-check', { who: 'nobody', text: 'hi' })).status).toBe(404);
    const p = await client.post('/api/v1/commitments', { who: 'li', text: 'send the paper', due: '2026-12-01' });
    expect(p.status).toBe(201);
    expect((await client.post(`/api/v1/commitments/${p.body.id}/kept`, { on: '2026-11-30' })).body.status).toBe('kept');
    expect((await client.get('/api/v1/commitments?all=1&on=2026-12-02')).body.keptOnTimeRate).toBe(1);
    expect((await client.post('/api/v1/ledger', { who: 'anna', direction: 'give', kind: 'review' })).status).toBe(201);
    expect((await client.post('/api/v1/ledger', { who: 'anna', direction: 'give', kind: 'hug' })).status).toBe(400);
    expect((await client.get('/api/v1/ledger?contact=anna')).body.given).toBe(1);
    const f = await client.post('/api/v1/follow-ups', { who: 'anna', text: 'Send the WASM GC article' });
    expect(f.status).toBe(201);
    expect((await client.get('/api/v1/follow-ups')).body.followUps).toHaveLength(1);
    expect((await client.post(`/api/v1/follow-ups/${f.body.id}/done`)).status).toBe(200);
    expect((await client.get('/api/v1/follow-ups')).body.followUps).toHaveLength(0);
  });

  it('refuses writes without the CSRF token and reads without a login', async () => {
    const anon = new Client(t.app);
    expect((await anon.get('/api/v1/agenda')).status).toBe(401);
    const noCsrf = new Client(t.app);
    await noCsrf.login('owner@example.com');
    noCsrf.csrf = null;
    expect((await noCsrf.post('/api/v1/capture', { text: 'coffee with Anna Schmidt' })).status).toBe(403);
  });
});
