/**
 * The HTTP face: the JSON API under /api/v1, its OpenAPI document, the calendar
 * feed and a small server-rendered page. Only this folder knows HTTP; routes call
 * operations in app/.
 *
 * Every request passes, in order: the Host allowlist (DNS rebinding), the request
 * log, authentication (session cookie or bearer token), the CSRF check for writes,
 * the route's access rule and size limit, then the handler. Errors become
 * `{"error":{"code","message","details"}}` once, in onError.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { parse as parseCookies } from 'hono/utils/cookie';
import { getPath } from 'hono/utils/url';
import { sameSecret } from '../app/accounts.js';
import type { Clock, Ctx, Ids } from '../app/ports.js';
import type { IntegrityState } from '../app/safety.js';
import { AppError } from '../core/errors.js';
import type { Store } from '../storage/store.js';
import { authCache } from './auth-cache.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './cookies.js';
import { errorResponse, HttpError } from './errors.js';
import { bodyPool, type BodyPool } from './body-pool.js';
import { jsonBody } from './json-body.js';
import { JSON_LIMIT, UPLOAD_LIMIT } from './limits.js';
import { isFinished, SECURITY_HEADERS } from './headers.js';
import { answerResponse, pathAndQuery, responseCache } from './response-cache.js';
import { type Principal, type RouteSpec, type ServerCaches, type ServerContext, accessRefusal, parseQuery } from './route-kit.js';
import { allRoutes } from './routes/index.js';
import { serveWebApp } from './static.js';

/** Structured log lines (pino's shape); the server never writes to stdout itself. */
export interface ServerLog {
  info(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
  /** pino's: when `info` is off, the request line is not even built. */
  isLevelEnabled?(level: string): boolean;
}

export interface ServerDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  /** Host header values that are this server (DNS-rebinding defence). */
  allowedHosts: string[];
  log?: ServerLog;
  /** The built web app (dist/web). When it has an index.html it serves `/` and the app's pages; else the server-rendered page does. */
  webDir?: string;
  /** Runs before an import or restore writes: `kith serve` snapshots the SQLite file. */
  beforeImport?: (ctx: Ctx) => Promise<void>;
  /** Where the start-up integrity check is (`kith serve`), for /healthz. */
  integrity?: () => IntegrityState;
  /** Buffers lent to long answers until they are written (body-pool.ts); one of its own by default. */
  answerBuffers?: BodyPool;
}

/** What the middleware hands to the routes. */
interface KithEnv {
  Variables: { server: ServerContext; principal: Principal | null };
}

/** The server's Hono app: `fetch` for a real server, `request` in tests. */
export type ServerApp = Hono<KithEnv>;

export { SECURITY_HEADERS };
export { JSON_LIMIT, UPLOAD_LIMIT };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for 127.0.0.0/8 and ::1, also when IPv4-mapped. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

interface NodeEnv {
  incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
  /** The response being written (@hono/node-server): `finish` once its last byte is with the socket. */
  outgoing?: { once(event: 'finish', listener: () => void): unknown };
}

/** Where the request came from, trusting X-Forwarded-* only from a proxy on this machine. */
function serverContextOf(c: Context, deps: ServerDeps, caches: ServerCaches): ServerContext {
  const peer = (c.env as NodeEnv | undefined)?.incoming?.socket?.remoteAddress;
  const peerIsLocal = isLoopback(peer);
  const forwardedFor = c.req.header('x-forwarded-for');
  const proxied = peerIsLocal && !!forwardedFor;
  const address = proxied ? (forwardedFor?.split(',').pop()?.trim() ?? 'unknown') : (peer ?? 'unknown');
  const secure =
    c.req.url.startsWith('https:') ||
    !!(c.env as NodeEnv | undefined)?.incoming?.socket?.encrypted ||
    (peerIsLocal && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  let mark: Promise<string> | undefined;
  return {
    store: deps.store,
    mark: () => (mark ??= markOf(deps.store)),
    caches,
    clock: deps.clock,
    ids: deps.ids,
    address,
    loopback: peerIsLocal && !forwardedFor && !c.req.header('forwarded'),
    secure,
    origin: `${secure ? 'https' : 'http'}://${host}`,
    beforeImport: deps.beforeImport,
    integrity: deps.integrity,
  };
}

/** The change mark: at once when the Store can read it so, else when it can. */
function markOf(store: Store): Promise<string> {
  const now = store.changeMarkNow();
  return now === null ? store.changeMark() : Promise.resolve(now);
}

const BEARER = /^Bearer\s+(\S+)$/i;

function refuse(c: Context, status: 403 | 401, message: string, code = 'forbidden'): Response {
  return c.json({ error: { code, message, details: {} } }, status);
}

/** Builds the app for one database; the acting user comes from each request's login. */
export function createServerApp(deps: ServerDeps): ServerApp {
  const app = new Hono<KithEnv>();
  const allowed = new Set(deps.allowedHosts.map((h) => h.toLowerCase()));
  const routes = allRoutes();
  const credentials = authCache();
  const caches: ServerCaches = { answers: responseCache(256) };
  const logRequests = (): boolean => !!deps.log && (deps.log.isLevelEnabled?.('info') ?? true);
  const logRequest = (method: string, rawPath: string, status: number, started: number): void => {
    // Feed and invitation URLs are secrets: never write them to a log.
    const path = rawPath.replace(/^\/(feed|invite)\/.*/, '/$1/…');
    deps.log?.info({ method, path, status, ms: Date.now() - started }, 'request');
  };

  app.use('*', async (c, next) => {
    const started = Date.now();
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!allowed.has(host)) {
      c.res = refuse(c, 403, `Host "${host}" is not this kith server.`);
    } else if (Number(c.req.header('content-length') ?? 0) > UPLOAD_LIMIT) {
      c.res = c.json({ error: { code: 'payload_too_large', message: 'The request is too large.', details: {} } }, 413);
    } else {
      await next();
    }
    if (!isFinished(c.res)) {
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
      if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', 'no-store');
    }
    if (logRequests()) logRequest(c.req.method, c.req.path, c.res.status, started);
  });

  app.onError((e, c) => {
    const { status, body, headers } = errorResponse(e);
    if (status === 500) deps.log?.error({ err: String((e as Error)?.stack ?? e), path: c.req.path }, 'unexpected error');
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    return c.json(body, status as 400);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route.', details: {} } }, 404));

  // Authentication: a bearer token, else the session cookie (remembered under the change mark: auth-cache.ts).
  app.use('*', async (c, next) => {
    const server = serverContextOf(c, deps, caches);
    c.set('server', server);
    const authz = c.req.header('authorization');
    let principal: Principal | null = null;
    if (authz) {
      const m = BEARER.exec(authz);
      const found = m?.[1] ? await credentials.token(server, m[1]) : null;
      if (!found) return refuse(c, 401, 'That API token is unknown or revoked.', 'unauthenticated');
      principal = { user: found.user, via: 'token', scope: found.scope };
    } else {
      const secret = getCookie(c, SESSION_COOKIE);
      const found = secret ? await credentials.session(server, secret) : null;
      if (found && secret) {
        principal = { user: found.user, via: 'session', scope: 'read-write', csrfToken: found.csrfToken, sessionSecret: secret };
      }
    }
    c.set('principal', principal);
    if (!SAFE_METHODS.has(c.req.method) && principal?.via !== 'token') {
      const refusal = await csrfRefusal(c, server, principal);
      if (refusal) return refuse(c, 403, refusal);
    }
    await next();
  });

  // The web app goes first so it owns `/`; it never answers for /api, /feed, /invite or /healthz.
  // serveWebApp only adds GET routes and reads no request variables, so the env type does not matter to it.
  if (deps.webDir) serveWebApp(app as unknown as Hono, deps.webDir);
  const answerBuffers = deps.answerBuffers ?? bodyPool();
  for (const r of routes) mount(app, r, answerBuffers);

  /**
   * Who the request's credentials are, when the credential cache knows them under `mark`
   * (what the authentication middleware would find without reading anything), else null.
   */
  const knownPrincipal = (headers: Headers, mark: string, now: number): Principal | null => {
    const authz = headers.get('authorization');
    if (authz) {
      const secret = BEARER.exec(authz)?.[1];
      const found = secret ? credentials.knownToken(secret, mark, now) : undefined;
      return found ? { user: found.user, via: 'token', scope: found.scope } : null;
    }
    const cookie = headers.get('cookie');
    const secret = cookie ? parseCookies(cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
    const found = secret ? credentials.knownSession(secret, mark, now) : undefined;
    return found && secret
      ? { user: found.user, via: 'session', scope: 'read-write', csrfToken: found.csrfToken, sessionSecret: secret }
      : null;
  };
  /** The kept answer (response-cache.ts) to a GET under `mark`, when everything the middleware and the route check lets it be given. */
  const keptAnswer = (req: Request, mark: string, started: number): Response | undefined => {
    const headers = req.headers;
    const now = deps.clock.now();
    const principal = knownPrincipal(headers, mark, Date.parse(now));
    if (!principal) return undefined;
    const entry = caches.answers.get(principal.user.id, pathAndQuery(req.url), mark);
    if (!entry || !entry.current(now) || accessRefusal(entry.access, principal)) return undefined;
    const res = answerResponse(entry, headers.get('if-none-match'));
    if (logRequests()) logRequest(req.method, getPath(req), res.status, started);
    return res;
  };
  /**
   * A repeat of a GET whose answer is kept is answered here, before routing and the
   * middleware: from the Host allowlist, the credential cache and the answer cache, all
   * under the change mark read now, it is the response the whole way would give, bytes
   * and headers. Anything else (a refusal, a credential or answer not known under this
   * mark, a request with a body) goes the whole way.
   */
  const slow = app.fetch;
  const fast = (req: Request, env: unknown, executionCtx?: ExecutionContextLike): Response | Promise<Response> => {
    if (req.method !== 'GET') return slow(req, env, executionCtx);
    const started = Date.now();
    const headers = req.headers;
    if (!allowed.has((headers.get('host') ?? '').toLowerCase()) || headers.has('content-length')) {
      return slow(req, env, executionCtx);
    }
    // A failure here (the database gone) is the whole way's to report, as JSON.
    let now: string | null;
    try {
      now = deps.store.changeMarkNow();
      if (now !== null) return keptAnswer(req, now, started) ?? slow(req, env, executionCtx);
    } catch {
      return slow(req, env, executionCtx);
    }
    return deps.store
      .changeMark()
      .then(
        (mark) => keptAnswer(req, mark, started),
        () => undefined,
      )
      .then((kept) => kept ?? slow(req, env, executionCtx));
  };
  app.fetch = fast;
  return app;
}

type ExecutionContextLike = Parameters<ServerApp['fetch']>[2];

/** Why a browser write is refused (cross-site, or without its CSRF token), or null. */
async function csrfRefusal(c: Context, server: ServerContext, principal: Principal | null): Promise<string | null> {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return 'Cross-site requests cannot change data.';
  const origin = c.req.header('origin');
  if (origin && origin !== server.origin) return `Requests from ${origin} cannot change data here.`;
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const isForm = type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
  const formToken = async (): Promise<string> => {
    // Forms are small; a large or unsized one is not read here (the route's limit will refuse it).
    const size = Number(c.req.header('content-length') ?? NaN);
    if (!isForm || !(size <= JSON_LIMIT)) return '';
    const body = await c.req.parseBody();
    return typeof body._csrf === 'string' ? body._csrf : '';
  };
  if (principal) {
    const sent = c.req.header('x-csrf-token') ?? (await formToken());
    if (!principal.csrfToken || !sent || !sameSecret(sent, principal.csrfToken)) {
      return 'Missing or wrong CSRF token: send the X-CSRF-Token header from GET /api/v1/session.';
    }
    return null;
  }
  // Before login there is no session token: forms carry a double-submit token, and
  // JSON cannot be sent cross-site without a CORS preflight, which this server never grants.
  if (isForm) {
    const cookie = getCookie(c, CSRF_COOKIE);
    const sent = await formToken();
    if (!cookie || !sent || !sameSecret(sent, cookie)) return 'Missing or wrong CSRF token: reload the page and try again.';
    return null;
  }
  // A body of any other type could come from a cross-site form or a no-cors fetch.
  if (type && type !== 'application/json') {
    return 'Send JSON (Content-Type: application/json).';
  }
  return null;
}

function mount(app: ServerApp, r: RouteSpec<unknown>, answerBuffers: BodyPool): void {
  const limit = bodyLimit({
    maxSize: r.maxBytes ?? JSON_LIMIT,
    onError: () => {
      throw new HttpError(
        413,
        'payload_too_large',
        `The request is larger than ${Math.round((r.maxBytes ?? JSON_LIMIT) / 1024)} KB.`,
      );
    },
  });
  const handler = async (c: Context<KithEnv>): Promise<Response> => {
    // A route's JSON is written a piece at a time (json-body.ts): a long list never becomes one large string.
    c.json = sendJson(c, answerBuffers);
    const server = c.get('server');
    const principal = c.get('principal');
    const refusal = accessRefusal(r.access, principal);
    if (refusal) throw refusal;
    const ctx: Ctx | null = principal
      ? { store: server.store, clock: server.clock, ids: server.ids, userId: principal.user.id }
      : null;
    let parsed: { value: unknown } | null = null;
    const query = r.query ? parseQuery(r.query, c.req.query()) : {};
    return r.handle({
      c,
      access: r.access,
      server,
      principal,
      get ctx(): Ctx {
        if (!ctx) throw new AppError('unauthenticated', 'Log in first.');
        return ctx;
      },
      query,
      async body() {
        parsed ??= { value: await readBody(c) };
        return parsed.value;
      },
    });
  };
  // A GET has no body to limit (no GET route reads one), and asking whether it has one builds a whole Request.
  if (r.method === 'get') app.on('GET', r.path, handler);
  else app.on(r.method.toUpperCase(), r.path, limit, handler);
}

/** `c.json` with the body from `jsonBody`: the same bytes and headers. */
function sendJson(c: Context<KithEnv>, answerBuffers: BodyPool): Context<KithEnv>['json'] {
  // What Hono's own `json` does, with another body: c.body(data, arg, headers) with the JSON content type by default.
  const body = c.body as unknown as (data: string | Buffer, arg?: unknown, headers?: Record<string, string | string[]>) => Response;
  const outgoing = (c.env as NodeEnv | undefined)?.outgoing;
  // Behind a Node server a long answer borrows a buffer until its response has been written;
  // elsewhere (tests through app.request) nothing says when it has been read, so it gets its own.
  const alloc = outgoing
    ? (bytes: number): Buffer => {
        const buf = answerBuffers.take(bytes);
        outgoing.once('finish', () => answerBuffers.give(buf));
        return buf;
      }
    : undefined;
  const send = (object: unknown, arg?: unknown, headers?: Record<string, string | string[]>): Response =>
    body(jsonBody(object, alloc), arg, { 'Content-Type': 'application/json', ...headers });
  return send as Context<KithEnv>['json'];
}

/** JSON or form fields; anything else is refused naming the type to send. */
async function readBody(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    const { _csrf: _t, ...fields } = await c.req.parseBody();
    return fields;
  }
  const text = await c.req.text();
  if (!text.trim()) return {};
  if (type !== 'application/json') throw new HttpError(415, 'invalid_input', 'Send JSON (Content-Type: application/json).');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AppError('invalid_input', `The body is not valid JSON: ${(e as Error).message}`);
  }
}
