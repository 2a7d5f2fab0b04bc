/**
 * The server while its start-up integrity check runs (`kith serve` listens first and
 * checks in the background): reads work, writes get 503 with a documented code and
 * Retry-After, /healthz says where the check is; after it passes writes work, and after
 * it fails they stay refused with the message naming what to restore. On both databases.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../src/app/contacts.js';
import { INTEGRITY_RETRY_AFTER_SECONDS, watchIntegrity, type IntegrityWatch } from '../../src/app/safety.js';
import { AppError } from '../../src/core/errors.js';
import { createServerApp } from '../../src/server/app.js';
import { tempHome } from '../support/cli.js';
import { DIALECTS } from '../support/stores.js';
import { Client, HOST, testServer, type TestServer } from './harness.js';

/** A check the test settles by hand. */
function heldCheck(): { check: () => Promise<void>; pass: () => void; fail: (e: unknown) => void } {
  let pass = (): void => {};
  let fail = (_: unknown): void => {};
  const p = new Promise<void>((resolve, reject) => {
    pass = resolve;
    fail = reject;
  });
  return { check: () => p, pass, fail };
}

describe.each(DIALECTS)('writes during the start-up integrity check on %s', (dialect) => {
  let t: TestServer;
  let held: ReturnType<typeof heldCheck>;
  let watch: IntegrityWatch;
  let client: Client;

  beforeEach(async () => {
    t = await testServer(dialect);
    // A session made before this server started (the browser kept its cookie).
    const before = new Client(t.app);
    expect((await before.login('owner@example.com')).status).toBe(200);
    await createContact(t.ownerCtx, { name: 'Anna Schmidt' });
    held = heldCheck();
    const opened = { ctx: t.ownerCtx, target: dialect, close: async () => {} };
    watch = watchIntegrity(opened, { KITH_HOME: tempHome() }, held.check);
    const app = createServerApp({
      store: watch.store,
      clock: t.clock,
      ids: t.ids,
      allowedHosts: [HOST],
      integrity: watch.state,
    });
    client = new Client(app);
    client.cookies = new Map(before.cookies);
    client.csrf = before.csrf;
  });
  afterEach(async () => t.cleanup());

  const contactCount = (): Promise<number> => t.store.countContacts(t.owner.id);

  it('serves reads, refuses writes with 503 integrity_check_pending and Retry-After, then accepts them once the check passed', async () => {
    expect((await client.get('/healthz')).body).toEqual({ ok: true, integrity: 'checking' });
    const list = await client.get('/api/v1/contacts');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain('Anna Schmidt');
    expect((await client.get('/api/v1/search?q=anna')).status).toBe(200);
    // Reads that compute (the agenda, health, duplicates) are reads too.
    for (const path of ['/api/v1/agenda', '/api/v1/health', '/api/v1/contacts/duplicates'])
      expect([path, (await client.get(path)).status]).toEqual([path, 200]);
    // A session's bookkeeping on a read is skipped, not refused.
    t.clock.advance(3 * 86400);
    expect((await client.get('/api/v1/contacts')).status).toBe(200);

    const refused = await client.post('/api/v1/contacts', { name: 'Ben Okafor' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('integrity_check_pending');
    expect(refused.body.error.message).toMatch(/checking the database/);
    expect(refused.headers.get('retry-after')).toBe(String(INTEGRITY_RETRY_AFTER_SECONDS));
    expect((await client.post('/api/v1/session', { email: 'owner@example.com', password: 'x' })).status).toBe(503);
    await expect(watch.store.snapshot('/nowhere/x.db')).rejects.toMatchObject({ code: 'unavailable' });
    expect(await contactCount()).toBe(1);

    held.pass();
    expect(await watch.done).toBeNull();
    expect((await client.get('/healthz')).body).toEqual({ ok: true, integrity: 'ok' });
    expect((await client.post('/api/v1/contacts', { name: 'Ben Okafor' })).status).toBe(201);
    expect(await contactCount()).toBe(2);
  });

  it('keeps refusing writes after the check failed, with what to restore', async () => {
    held.fail(
      new AppError('unavailable', 'The database failed its integrity check: page 7 is damaged\nkith will not write to it. …'),
    );
    const failure = await watch.done;
    expect(failure?.details.reason).toBe('integrity_check_failed');
    expect((await client.get('/healthz')).body).toEqual({ ok: true, integrity: 'failed' });
    expect((await client.get('/api/v1/contacts')).status).toBe(200);
    const refused = await client.post('/api/v1/contacts', { name: 'Ben Okafor' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('integrity_check_failed');
    expect(refused.body.error.message).toMatch(/will not write/);
    expect(refused.headers.get('retry-after')).toBeNull();
    await expect(
      watch.store.transaction((tx) =>
        tx.insertUser({ id: 'u-x', name: 'x', email: null, role: 'member', createdAt: t.clock.now() }),
      ),
    ).rejects.toMatchObject({ details: { reason: 'integrity_check_failed' } });
    expect(await contactCount()).toBe(1);
  });

  it('treats a check that could not run as failed', async () => {
    held.fail(new Error('worker crashed'));
    expect((await watch.done)?.message).toMatch(/the check could not run: worker crashed/);
    expect(watch.state()).toBe('failed');
  });
});
