/**
 * How a resource declares its routes. Each `src/server/routes/<resource>.ts`
 * exports a list of `route({...})` values; the app mounts them, the OpenAPI
 * document and the docs page are built from them, and the isolation test walks them.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Ctx } from '../app/ports.js';
import type { IntegrityState } from '../app/safety.js';
import { parseInput } from '../app/schemas.js';
import { AppError } from '../core/errors.js';
import type { Store, User } from '../storage/store.js';
import type { AccountDeps } from '../app/accounts.js';
import { HttpError } from './errors.js';
import type { ResponseCache } from './response-cache.js';

/**
 * Who may call a route:
 * - `public`: anyone (login, first run, health, docs, the feed behind its own secret);
 * - `read`: a session or any API token;
 * - `write`: a session (with the CSRF token) or a read-write API token;
 * - `session`: only a logged-in browser session (account management: tokens cannot mint tokens).
 */
export type Access = 'public' | 'read' | 'write' | 'session';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Principal {
  user: User;
  via: 'session' | 'token';
  /** The session's CSRF token (sessions only). */
  csrfToken?: string;
  /** The session cookie's value (sessions only), to log out. */
  sessionSecret?: string;
  scope: 'read' | 'read-write';
}

/** Caches that live as long as the app, shared by its requests. */
export interface ServerCaches {
  /** Serialized answers of hot GET routes (the agenda), per user and URL. */
  answers: ResponseCache<Access>;
}

/** Why `principal` may not use a route with this access rule, or null when it may. */
export function accessRefusal(access: Access, principal: Principal | null): AppError | null {
  if (access === 'public') return null;
  if (!principal) return new AppError('unauthenticated', 'Log in first (a session cookie or an API token).');
  if (access === 'write' && principal.scope !== 'read-write') {
    return new AppError('forbidden', 'This API token can only read; create a read-write token to change data.');
  }
  if (access === 'session' && principal.via !== 'session') {
    return new AppError('forbidden', 'Account settings need a login session, not an API token.');
  }
  return null;
}

export interface ServerContext extends AccountDeps {
  store: Store;
  /**
   * The Store's change mark (`Store.changeMark`), read once per request, before anything
   * the request reads: an answer cached under the same mark is still the answer.
   */
  mark(): Promise<string>;
  caches: ServerCaches;
  /** The client address (after a trusted loopback proxy). */
  address: string;
  /** True when the TCP peer is this machine (first run is only allowed from here). */
  loopback: boolean;
  /** True when the request came over https (directly or through a loopback proxy). */
  secure: boolean;
  /** The public origin of this server as the client sees it, e.g. `http://127.0.0.1:4580`. */
  origin: string;
  /** Runs before an import writes (a snapshot of the SQLite file, when the server knows its home). */
  beforeImport?: (ctx: Ctx) => Promise<void>;
  /** Where the start-up integrity check is, when the server runs one (`kith serve`). */
  integrity?: () => IntegrityState;
}

export interface Handle<Q> {
  c: Context;
  /** The route's own access rule (what a cached answer is kept with). */
  access: Access;
  server: ServerContext;
  /** Null on public routes without a login. */
  principal: Principal | null;
  /** The acting user's context; throws `unauthenticated` on a public route without a login. */
  ctx: Ctx;
  query: Q;
  /** The JSON (or form) body, parsed once. */
  body(): Promise<unknown>;
}

export interface RouteSpec<Q = unknown> {
  method: Method;
  /** A Hono path, `:id` style. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Query parameters, validated before the handler runs. */
  query?: z.ZodType<Q>;
  /** The request body's schema, for the documentation (operations validate their own input). */
  body?: z.ZodType;
  /** The response's schema or a description of it, for the documentation. */
  response?: z.ZodType | string;
  /** Request size limit in bytes (default 1 MB). */
  maxBytes?: number;
  /** Left out of the OpenAPI document (pages, assets). */
  hidden?: boolean;
  /** Content type of a non-JSON response, for the documentation. */
  produces?: string;
  handle(h: Handle<Q>): Promise<Response> | Response;
}

/** Declares one route; the generic ties the query schema to the handler's `query`. */
export function route<Q = Record<string, never>>(spec: RouteSpec<Q>): RouteSpec<unknown> {
  return spec as RouteSpec<unknown>;
}

/** Parses query parameters with a schema, naming bad fields like any other input. */
export function parseQuery<Q>(schema: z.ZodType<Q>, raw: Record<string, string>): Q {
  return parseInput(schema, raw);
}

/** A query flag: `1`, `true`, `yes` or empty mean true. */
export const flag = z
  .enum(['', '0', '1', 'true', 'false', 'yes', 'no'])
  .optional()
  .transform((v) => v !== undefined && ['', '1', 'true', 'yes'].includes(v));

export const limitParam = (max: number, dflt: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .optional()
    .transform((v) => (v === undefined ? dflt : Number(v)))
    .pipe(z.number().int().min(1, `must be from 1 to ${max}`).max(max, `must be from 1 to ${max}`));

/** An opaque page cursor: base64url JSON. */
export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeCursor with the given keys; a bad one is invalid_input. */
export function decodeCursor<K extends string>(raw: string | undefined, keys: K[]): Record<K, string> | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (keys.every((k) => typeof v[k] === 'string')) return v as Record<K, string>;
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_input', 'cursor: not a cursor this server gave out', {
    issues: [{ field: 'cursor', message: 'malformed' }],
  });
}

/** A strong ETag for a JSON-able value. */
export function etagOf(value: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 27)}"`;
}

/** Updates require `If-Match` with the current ETag: 428 without it, 412 when it is stale. */
export function requireIfMatch(header: string | undefined, current: string): void {
  if (!header) {
    throw new HttpError(
      428,
      'precondition_required',
      'Send If-Match with the ETag of the version you are changing (GET it first).',
    );
  }
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(current)) {
    throw new HttpError(412, 'precondition_failed', 'This record changed since you read it; GET it again and redo your change.', {
      etag: current,
    });
  }
}

/** Honours `If-Match` when sent (for deletes and actions); without it the request goes ahead. */
export function checkIfMatch(header: string | undefined, current: string): void {
  if (header) requireIfMatch(header, current);
}
