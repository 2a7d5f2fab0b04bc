/**
 * Per-user isolation, route by route. The list of routes comes from the app's own
 * route table, and a route this test does not know how to aim at user A's data
 * fails the test: a new route cannot be forgotten.
 *
 * For every route, user B (a member, logged in) sends a request aimed at user A's
 * data. B must get 404 where A's data is named (never 403: a 403 would confirm it
 * exists), no response may carry anything of A's, and A's data must be exactly as
 * it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createInvitation, listApiTokens } from '../../src/app/accounts.js';
import { rotateCalendarFeed } from '../../src/app/account-calendar-feed.js';
import { exportBackup, backupToJson } from '../../src/app/backup.js';
import { createContact } from '../../src/app/contacts.js';
import { promise } from '../../src/app/commitments.js';
import { addFollowUp } from '../../src/app/follow-ups.js';
import { logTouch } from '../../src/app/touchpoints.js';
import { allRoutes } from '../../src/server/routes/index.js';
import { DIALECTS } from '../support/stores.js';
import { addMember, Client, PASSWORD, testServer, type TestServer } from './harness.js';

interface Aim {
  /** Path parameters, by name. */
  params?: Record<string, string>;
  json?: unknown;
  query?: string;
  /** 404: the request names A's data. `any`: it names nothing of A's (the response must still carry nothing of A's). */
  expect: 404 | 'any';
}

describe.each(DIALECTS)('isolation between users on %s', (dialect) => {
  let t: TestServer;
  let ownerClient: Client;
  const a = {
    contactId: '',
    touchId: '',
    tokenId: '',
    feedToken: '',
    inviteToken: '',
    bContactId: '',
    commitmentId: '',
    followUpId: '',
    eventId: '',
    communityId: '',
    postId: '',
    responseId: '',
    resourceId: '',
    introId: '',
    carolId: '',
  };
  let markers: string[] = [];
  let snapshot: () => Promise<string>;

  beforeAll(async () => {
    t = await testServer(dialect);
    const ctx = t.ownerCtx;
    const alice = await createContact(ctx, {
      name: 'Alice Secretperson',
      emails: ['alice@secret.example'],
      notes: 'very private note',
      birthday: '1990-12-01',
    });
    await createContact(ctx, { name: 'Trashed Secretcontact' }).then(async (c) => {
      const { trashContact } = await import('../../src/app/contacts.js');
      await trashContact(ctx, c.id);
    });
    const touch = await logTouch(ctx, { kind: 'coffee', with: [alice.id], summary: 'secret summary', on: '2026-11-20' });
    a.commitmentId = (await promise(ctx, { who: alice.id, text: 'send the secret article', due: '2026-12-01' })).id;
    a.followUpId = (await addFollowUp(ctx, { who: alice.id, text: 'ask about the secret project', due: '2026-11-30' })).id;
    const token = await createApiToken(ctx, { name: 'alices script', scope: 'read-write' });
    a.contactId = alice.id;
    a.touchId = touch.touchpoint.id;
    a.tokenId = token.info.id;
    a.feedToken = await rotateCalendarFeed(ctx);
    a.inviteToken = (await createInvitation(ctx, { email: 'someone@example.com' })).token;
    ownerClient = new Client(t.app);
    await ownerClient.login('owner@example.com');
    // A's network records, made through the API as A.
    const made = async (path: string, json: unknown): Promise<string> => {
      const r = await ownerClient.post(path, json);
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${r.text}`);
      return String(r.body.id ?? r.body.intro?.id);
    };
    const carol = await createContact(ctx, { name: 'Carol Secondsecret' });
    a.carolId = carol.id;
    a.eventId = await made('/api/v1/events', { name: 'Secret Conf', on: '2026-11-10', met: [alice.id] });
    a.communityId = await made('/api/v1/communities', { name: 'Secret Guild', members: [alice.id] });
    a.postId = await made('/api/v1/posts', { title: 'Secret Post', on: '2026-11-01', topics: ['wasm'] });
    a.responseId = await made(`/api/v1/posts/${a.postId}/responses`, { from: alice.id, summary: 'secret reply' });
    a.resourceId = await made('/api/v1/resources', { title: 'Secret Resource', topics: ['wasm'] });
    a.introId = await made('/api/v1/introductions', { a: alice.id, b: carol.id, reason: 'both secretly like wasm' });
    const b = await addMember(t, ownerClient, 'bob@example.com');
    const own = await b.post('/api/v1/contacts', { name: 'Bob Friend' });
    a.bContactId = own.body.id;
    markers = [
      a.contactId,
      a.touchId,
      a.tokenId,
      a.feedToken,
      a.inviteToken,
      token.token,
      'Secretperson',
      'Secretcontact',
      'secret summary',
      'secret article',
      'secret project',
      'Secondsecret',
      'Secret Conf',
      'Secret Guild',
      'Secret Post',
      'secret reply',
      'Secret Resource',
      'secretly like',
      'very private',
      'alice@secret',
      'owner@example.com',
      'Olive',
    ];
    snapshot = async () => {
      const tokens = await listApiTokens(ctx);
      const owner = await t.store.getUser(t.owner.id);
      const feed = await t.store.getCalendarFeedToken(t.owner.id);
      const hash = await t.store.getPasswordHash(t.owner.id);
      return JSON.stringify({ backup: backupToJson(await exportBackup(ctx)), tokens, owner, feed, hash });
    };
  });
  afterAll(async () => t.cleanup());

  const A = (): typeof a => a;
  // How to aim each route at A's data. Keys are "METHOD path" exactly as in the route table.
  const aims = (): Record<string, Aim> => ({
    'GET /healthz': { expect: 'any' },
    'GET /api/v1/openapi.json': { expect: 'any' },
    'GET /api/docs': { expect: 'any' },
    'GET /': { expect: 'any', query: `q=${encodeURIComponent('Secretperson')}` },
    'GET /invite/:token': { params: { token: 'not-a-real-token' }, expect: 'any' },
    'GET /style.css': { expect: 'any' },
    'GET /api/v1/setup': { expect: 'any' },
    'POST /api/v1/setup': { json: { email: 'bob2@example.com', password: 'taking over the owner' }, expect: 'any' },
    'POST /api/v1/session': { json: { email: 'owner@example.com', password: 'guessing wrong' }, expect: 'any' },
    'GET /api/v1/session': { expect: 'any' },
    'DELETE /api/v1/session': { expect: 'any' },
    'POST /api/v1/session/logout': { expect: 'any' },
    'POST /api/v1/session/logout-everywhere': { expect: 'any' },
    'PUT /api/v1/account/password': { json: { current: PASSWORD, password: 'bobs new password' }, expect: 'any' },
    'GET /api/v1/tokens': { expect: 'any' },
    'POST /api/v1/tokens': { json: { name: 'bobs token' }, expect: 'any' },
    'DELETE /api/v1/tokens/:id': { params: { id: A().tokenId }, expect: 404 },
    'POST /api/v1/invitations': { json: {}, expect: 'any' },
    'POST /api/v1/invitations/accept': {
      json: { token: 'not-a-real-token', email: 'x@example.com', password: PASSWORD },
      expect: 404,
    },
    'GET /api/v1/contacts': { query: 'q=Secretperson', expect: 'any' },
    'POST /api/v1/contacts': { json: { name: 'Intro', introducedBy: A().contactId }, expect: 404 },
    'GET /api/v1/contacts/duplicates': { expect: 'any' },
    'GET /api/v1/contacts/:id': { params: { id: A().contactId }, expect: 404 },
    'PATCH /api/v1/contacts/:id': { params: { id: A().contactId }, json: { notes: 'pwned' }, expect: 404 },
    'DELETE /api/v1/contacts/:id': { params: { id: A().contactId }, expect: 404 },
    'POST /api/v1/contacts/:id/restore': { params: { id: A().contactId }, expect: 404 },
    'POST /api/v1/contacts/:id/merge': { params: { id: A().bContactId }, json: { other: A().contactId }, expect: 404 },
    'GET /api/v1/contacts/:id/touchpoints': { params: { id: A().contactId }, expect: 404 },
    'GET /api/v1/touchpoints': { query: `contact=${A().contactId}`, expect: 404 },
    'POST /api/v1/touchpoints': { json: { kind: 'dm', with: [A().contactId] }, expect: 404 },
    'GET /api/v1/touchpoints/:id': { params: { id: A().touchId }, expect: 404 },
    'DELETE /api/v1/touchpoints/:id': { params: { id: A().touchId }, expect: 404 },
    'POST /api/v1/touchpoints/:id/restore': { params: { id: A().touchId }, expect: 404 },
    'GET /api/v1/search': { query: 'q=secret', expect: 'any' },
    'GET /api/v1/profile': { expect: 'any' },
    'PATCH /api/v1/profile': { json: { name: 'Bob' }, expect: 'any' },
    'GET /api/v1/backup': { expect: 'any' },
    // A restore that names A's contact as an introducer must not find it.
    'POST /api/v1/backup': {
      json: {
        format: 'kith-backup',
        version: 1,
        profile: null,
        contacts: [],
        touchpoints: [
          {
            id: '00000000-0000-7000-8000-99999999999',
            kind: 'dm',
            channel: null,
            initiatedBy: 'me',
            occurredAt: '2026-11-01T12:00:00.000Z',
            participantIds: [A().contactId],
            summary: 'x',
            notes: '',
            topics: [],
            source: 'kith',
            externalId: null,
            createdAt: '2026-11-01T12:00:00.000Z',
            updatedAt: '2026-11-01T12:00:00.000Z',
            deletedAt: null,
          },
        ],
      },
      expect: 'any',
    },
    // An import naming A's contact (here a backup's touchpoint) must not find it.
    'POST /api/v1/imports': {
      query: 'name=x.json',
      json: {
        format: 'kith-backup',
        version: 1,
        profile: null,
        contacts: [],
        touchpoints: [
          {
            id: '00000000-0000-7000-8000-99999999998',
            kind: 'dm',
            channel: null,
            initiatedBy: 'me',
            occurredAt: '2026-11-01T12:00:00.000Z',
            participantIds: [A().contactId],
            summary: 'x',
            notes: '',
            topics: [],
            source: 'kith',
            externalId: null,
            createdAt: '2026-11-01T12:00:00.000Z',
            updatedAt: '2026-11-01T12:00:00.000Z',
            deletedAt: null,
          },
        ],
      },
      expect: 'any',
    },
    'GET /api/v1/export/:format': { params: { format: 'json' }, expect: 'any' },
    'GET /api/v1/calendar-feed': { expect: 'any' },
    'POST /api/v1/calendar-feed': { expect: 'any' },
    'DELETE /api/v1/calendar-feed': { expect: 'any' },
    'GET /feed/:file': { params: { file: 'AAAAAAAAAAAAAAAAAAAAAAAA.ics' }, expect: 404 },
    'GET /api/v1/agenda': { expect: 'any' },
    'POST /api/v1/agenda/:item/snooze': { params: { item: A().contactId }, json: { until: '2026-12-30' }, expect: 404 },
    'POST /api/v1/agenda/:item/done': { params: { item: A().contactId }, json: {}, expect: 404 },
    'GET /api/v1/health': { expect: 'any' },
    'GET /api/v1/contacts/:id/health': { params: { id: A().contactId }, expect: 404 },
    'POST /api/v1/draft-check': { json: { who: A().contactId, text: 'Hi, how are you?' }, expect: 404 },
    'POST /api/v1/capture': { json: { text: 'Coffee with Alice Secretperson, I promised to send the deck' }, expect: 'any' },
    'GET /api/v1/commitments': { query: `contact=${A().contactId}`, expect: 404 },
    'POST /api/v1/commitments': { json: { who: A().contactId, text: 'x', due: '2026-12-01' }, expect: 404 },
    'POST /api/v1/commitments/:id/kept': { params: { id: A().commitmentId }, json: {}, expect: 404 },
    'POST /api/v1/commitments/:id/broken': { params: { id: A().commitmentId }, json: {}, expect: 404 },
    'GET /api/v1/ledger': { query: `contact=${A().contactId}`, expect: 404 },
    'POST /api/v1/ledger': { json: { who: A().contactId, direction: 'give', kind: 'intro' }, expect: 404 },
    'GET /api/v1/follow-ups': { query: `contact=${A().contactId}`, expect: 404 },
    'POST /api/v1/follow-ups': { json: { who: A().contactId, text: 'x' }, expect: 404 },
    'POST /api/v1/follow-ups/:id/done': { params: { id: A().followUpId }, json: {}, expect: 404 },
    'GET /api/v1/events': { query: `contact=${A().contactId}`, expect: 404 },
    'POST /api/v1/events': { json: { name: 'Meetup', on: '2026-11-11', met: [A().contactId] }, expect: 404 },
    'GET /api/v1/events/:id': { params: { id: A().eventId }, expect: 404 },
    'POST /api/v1/events/:id/met': { params: { id: A().eventId }, json: { who: [A().bContactId] }, expect: 404 },
    'GET /api/v1/communities': { expect: 'any' },
    'POST /api/v1/communities': { json: { name: 'Guild', members: [A().contactId] }, expect: 404 },
    'GET /api/v1/communities/:id': { params: { id: A().communityId }, expect: 404 },
    'POST /api/v1/communities/:id/join': { params: { id: A().communityId }, json: { who: [A().bContactId] }, expect: 404 },
    'POST /api/v1/communities/:id/leave': { params: { id: A().communityId }, json: { who: [A().contactId] }, expect: 404 },
    'GET /api/v1/posts': { expect: 'any' },
    'POST /api/v1/posts': { json: { title: 'Mine', on: '2026-11-02' }, expect: 'any' },
    'POST /api/v1/posts/:id/responses': { params: { id: A().postId }, json: { author: 'Someone', summary: 'x' }, expect: 404 },
    'POST /api/v1/responses/:id/replied': { params: { id: A().responseId }, json: {}, expect: 404 },
    'GET /api/v1/writing': { expect: 'any' },
    'PUT /api/v1/writing/goal': { json: { postsPerMonth: 2 }, expect: 'any' },
    'GET /api/v1/posts/:id/care': { params: { id: A().postId }, expect: 404 },
    'GET /api/v1/resources': { query: 'topic=wasm', expect: 'any' },
    'POST /api/v1/resources': { json: { title: 'Mine', topics: ['wasm'] }, expect: 'any' },
    'GET /api/v1/resources/:id/care': { params: { id: A().resourceId }, expect: 404 },
    'GET /api/v1/contacts/:id/resources': { params: { id: A().contactId }, expect: 404 },
    'GET /api/v1/introductions': { expect: 'any' },
    'GET /api/v1/introductions/suggestions': { expect: 'any' },
    'POST /api/v1/introductions': { json: { a: A().contactId, b: A().bContactId, reason: 'x' }, expect: 404 },
    'POST /api/v1/introductions/:id/asked': { params: { id: A().introId }, json: {}, expect: 404 },
    'POST /api/v1/introductions/:id/accepted': { params: { id: A().introId }, json: {}, expect: 404 },
    'POST /api/v1/introductions/:id/made': { params: { id: A().introId }, json: {}, expect: 404 },
    'POST /api/v1/introductions/:id/declined': { params: { id: A().introId }, json: {}, expect: 404 },
    'GET /api/v1/coach': { expect: 'any' },
    'POST /api/v1/coach/start': { json: { pick: [A().bContactId, A().contactId, A().carolId] }, expect: 404 },
    'PUT /api/v1/coach/goal': { json: { goal: 3 }, expect: 'any' },
    'GET /api/v1/review': { expect: 'any' },
  });

  it('knows how to aim every route of the table at the other user', () => {
    const table = allRoutes().map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const known = Object.keys(aims());
    expect(
      table.filter((k) => !known.includes(k)),
      'routes this test does not cover',
    ).toEqual([]);
    expect(
      known.filter((k) => !table.includes(k)),
      'aims for routes that no longer exist',
    ).toEqual([]);
  });

  it('lets user B neither read, nor change, nor learn of user A’s data through any route', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    let bobPassword = PASSWORD;
    for (const r of allRoutes()) {
      const key = `${r.method.toUpperCase()} ${r.path}`;
      const aim = aims()[key];
      if (!aim) throw new Error(`no aim for ${key}`);
      // A fresh login for each route: some routes end B's sessions or change B's password.
      const b = new Client(t.app, '10.0.0.9');
      expect((await b.login('bob@example.com', bobPassword)).status).toBe(200);
      let path = r.path;
      for (const [name, value] of Object.entries(aim.params ?? {})) path = path.replace(`:${name}`, encodeURIComponent(value));
      if (aim.query) path += `?${aim.query}`;
      const res = await b.req(r.method.toUpperCase(), path, aim.json !== undefined ? { json: aim.json } : {});
      if (aim.expect === 404 && res.status !== 404)
        failures.push(`${key}: expected 404, got ${res.status} ${res.text.slice(0, 200)}`);
      if (res.status === 403 && aim.expect === 404) failures.push(`${key}: 403 tells B that A's record exists`);
      if (key === 'PUT /api/v1/account/password' && res.status === 204) bobPassword = 'bobs new password';
      // Echoing what B sent (an id in a "not found" message) tells B nothing new.
      const sent = `${path} ${JSON.stringify(aim.json ?? '')}`;
      const leaked = markers.filter(
        (m) => !sent.includes(m) && (res.text.includes(m) || [...res.headers.values()].some((v) => v.includes(m))),
      );
      if (leaked.length) failures.push(`${key}: response carries ${leaked.join(', ')}`);
      if ((await snapshot()) !== before) failures.push(`${key}: changed user A's data`);
    }
    expect(failures).toEqual([]);
  });

  it("cannot overwrite user A's records by restoring a backup that reuses their ids", async () => {
    const before = await snapshot();
    const b = new Client(t.app, '10.0.0.9');
    if ((await b.login('bob@example.com')).status !== 200) await b.login('bob@example.com', 'bobs new password');
    const mine = (await b.get('/api/v1/backup')).body;
    const stolen = {
      ...mine,
      contacts: mine.contacts.map((c: { id: string }, i: number) => (i === 0 ? { ...c, id: a.contactId, notes: 'pwned' } : c)),
    };
    const r = await b.post('/api/v1/backup', stolen);
    expect(r.text).not.toContain('Secretperson');
    expect(await snapshot()).toBe(before);
    // Ids are unique across users, so the colliding one is imported under an id derived
    // for B: the answer is the same as for any new id, and B learns nothing of A.
    expect(r.status).toBe(200);
    expect(r.body.counts.new).toBe(1);
    const again = await b.post('/api/v1/backup', stolen);
    expect(again.body.counts.new).toBe(0);
    expect((await b.get('/api/v1/contacts')).body.contacts.some((c: { notes: string }) => c.notes === 'pwned')).toBe(true);
    expect(await snapshot()).toBe(before);
  });

  it("gives user B a calendar feed without user A's dates, and A's with them", async () => {
    const b = new Client(t.app, '10.0.0.9');
    if ((await b.login('bob@example.com')).status !== 200) await b.login('bob@example.com', 'bobs new password');
    expect(b.csrf).toBeTruthy();
    const mine = await b.post('/api/v1/calendar-feed');
    const feed = await b.get(new URL(mine.body.url).pathname);
    expect(feed.status).toBe(200);
    expect(feed.text).not.toContain('Secret');
    const theirs = await b.get(`/feed/${a.feedToken}.ics`);
    expect(theirs.text).toContain('Secretperson');
  });
});
