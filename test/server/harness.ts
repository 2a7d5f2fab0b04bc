/**
 * A server under test: a fresh store, a clock tests can move, and clients that keep
 * cookies and the CSRF token like a browser would. Everything goes through app.request().
 */
import { setOwnerCredentials } from '../../src/app/accounts.js';
import { sequentialIds, type Clock, type Ctx, type Ids } from '../../src/app/ports.js';
import { localUser } from '../../src/app/session.js';
import { createServerApp, type ServerApp } from '../../src/server/app.js';
import type { Store, User } from '../../src/storage/store.js';
import { T0 } from '../support/fixtures.js';
import { freshStore, type TestDialect } from '../support/stores.js';

export const HOST = '127.0.0.1:4580';
export const ORIGIN = `http://${HOST}`;
export const PASSWORD = 'correct horse battery';

export interface MovableClock extends Clock {
  advance(seconds: number): void;
}

export function movableClock(start = T0): MovableClock {
  let now = Date.parse(start);
  return { now: () => new Date(now).toISOString(), advance: (s) => (now += s * 1000) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body under test is any JSON
export type AnyJson = any;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: AnyJson;
}

export interface RequestOpts {
  json?: unknown;
  form?: Record<string, string>;
  raw?: { body: string; type: string };
  headers?: Record<string, string>;
  /** The TCP peer (default 127.0.0.1). */
  addr?: string;
}

/** A browser-like client: a cookie jar, the session's CSRF token sent on writes, same-origin headers. */
export class Client {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  bearer: string | null = null;

  constructor(
    readonly app: ServerApp,
    readonly addr = '127.0.0.1',
  ) {}

  async req(method: string, path: string, o: RequestOpts = {}): Promise<Reply> {
    const headers: Record<string, string> = { host: HOST };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let body: string | undefined;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(o.form).toString();
    } else if (o.raw) {
      headers['content-type'] = o.raw.type;
      body = o.raw.body;
    }
    if (!['GET', 'HEAD'].includes(method)) {
      headers.origin = ORIGIN;
      headers['sec-fetch-site'] = 'same-origin';
      if (this.csrf) headers['x-csrf-token'] = this.csrf;
    }
    // Browsers always send the length of a form; the server does not read an unsized one.
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    Object.assign(headers, o.headers ?? {});
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const r = await this.app.request(
      `http://${HOST}${path}`,
      { method, headers, body },
      { incoming: { socket: { remoteAddress: o.addr ?? this.addr } } },
    );
    for (const sc of r.headers.getSetCookie()) {
      const [pair = ''] = sc.split(';');
      const [k = '', v = ''] = pair.split('=');
      if (/max-age=0/i.test(sc) || v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const text = await r.text();
    let parsed: AnyJson;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: r.status, headers: r.headers, text, body: parsed };
  }

  get = (path: string, o?: RequestOpts): Promise<Reply> => this.req('GET', path, o);
  post = (path: string, json?: unknown, o: RequestOpts = {}): Promise<Reply> => this.req('POST', path, { json, ...o });
  patch = (path: string, json: unknown, o: RequestOpts = {}): Promise<Reply> => this.req('PATCH', path, { json, ...o });
  del = (path: string, o?: RequestOpts): Promise<Reply> => this.req('DELETE', path, o);

  /** Logs in through the API and keeps the session's CSRF token. */
  async login(email: string, password = PASSWORD): Promise<Reply> {
    const r = await this.post('/api/v1/session', { email, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}

export interface TestServer {
  app: ServerApp;
  store: Store;
  /** The database (a SQLite file or a PostgreSQL URL), for a second connection as another process would have. */
  target: string;
  clock: MovableClock;
  ids: Ids;
  owner: User;
  /** The owner's context, to set up data directly through operations. */
  ownerCtx: Ctx;
  cleanup(): Promise<void>;
}

/** A server whose owner has a login (owner@example.com / PASSWORD) unless `setup: false`. */
export async function testServer(dialect: TestDialect, o: { setup?: boolean } = {}): Promise<TestServer> {
  const s = await freshStore(dialect);
  const clock = movableClock();
  const ids = sequentialIds();
  let owner = await localUser(s.store, clock, ids, {});
  if (o.setup !== false) {
    owner = await setOwnerCredentials(
      { store: s.store, clock, ids },
      { email: 'owner@example.com', password: PASSWORD, name: 'Olive' },
      { onlyIfUnset: true },
    );
  }
  const app = createServerApp({ store: s.store, clock, ids, allowedHosts: [HOST, 'localhost:4580'] });
  return {
    app,
    store: s.store,
    target: s.target,
    clock,
    ids,
    owner,
    ownerCtx: { store: s.store, clock, ids, userId: owner.id },
    cleanup: s.cleanup,
  };
}

/** Invites a member through the API as the owner client and returns a logged-in client for them. */
export async function addMember(t: TestServer, ownerClient: Client, email: string): Promise<Client> {
  const inv = await ownerClient.post('/api/v1/invitations', { email });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.text}`);
  const token = String(inv.body.url).split('/invite/')[1];
  const member = new Client(t.app, '10.0.0.7');
  const r = await member.post('/api/v1/invitations/accept', { token, email, password: PASSWORD, name: email.split('@')[0] });
  if (r.status !== 201) throw new Error(`accept failed: ${r.text}`);
  member.csrf = r.body.csrfToken;
  return member;
}
