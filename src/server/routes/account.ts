/**
 * Accounts over HTTP: first run (loopback only), login and logout, "log out
 * everywhere", password, API tokens, invitations. Forms on the page post here
 * too: a form post answers with a redirect, a JSON post with JSON.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import {
  acceptInvitation,
  changePassword,
  createApiToken,
  createInvitation,
  endAllSessions,
  endSession,
  listApiTokens,
  login,
  needsSetup,
  revokeApiToken,
  setOwnerCredentials,
  startSession,
  type NewSession,
} from '../../app/accounts.js';
import { AppError } from '../../core/errors.js';
import type { User } from '../../storage/store.js';
import { clearSessionCookie, setSessionCookie } from '../cookies.js';
import { route, type RouteSpec, type ServerContext } from '../route-kit.js';

const isForm = (c: Context): boolean =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.req.header('content-type') ?? '');

const userJson = (u: User) => ({ id: u.id, name: u.name, email: u.email, role: u.role });

/** Starts a session and answers: a redirect home for forms, JSON with the CSRF token otherwise. */
async function loggedIn(
  c: Context,
  server: ServerContext,
  user: User,
  status: 200 | 201,
  started?: NewSession,
): Promise<Response> {
  const session = started ?? (await startSession(server, user.id));
  setSessionCookie(c, server, session);
  if (isForm(c)) return c.redirect('/', 303);
  return c.json({ user: userJson(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt }, status);
}

/** A form that fails goes back to its page with an error code the page knows; API callers get the JSON error. */
async function formAware(c: Context, back: string, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (!isForm(c) || !(e instanceof AppError)) throw e;
    const code = e.code === 'unavailable' && e.details.reason === 'rate_limited' ? 'rate_limited' : e.code;
    return c.redirect(`${back}?error=${code}`, 303);
  }
}

const credentials = z.object({ email: z.email(), password: z.string(), name: z.string().optional() });

export const accountRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/v1/setup',
    tag: 'account',
    summary: 'Whether the owner account still needs its first email and password, and whether this client may set them.',
    access: 'public',
    response: '{ needsSetup: boolean, allowedHere: boolean }',
    async handle({ c, server }) {
      return c.json({ needsSetup: await needsSetup(server.store), allowedHere: server.loopback });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/setup',
    tag: 'account',
    summary: 'First run: give the owner an email and a password and log in. Only from this machine, only once.',
    access: 'public',
    body: credentials,
    response: '{ user, csrfToken, expiresAt } (201) and the session cookie',
    handle({ c, server, body }) {
      return formAware(c, '/', async () => {
        if (!server.loopback) {
          throw new AppError('forbidden', 'The owner account can only be set up from this machine (or with `kith user add`).');
        }
        const user = await setOwnerCredentials(server, await body(), { onlyIfUnset: true });
        return loggedIn(c, server, user, 201);
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/session',
    tag: 'account',
    summary: 'Log in with email and password. Repeated failures wait longer and longer (429 with Retry-After).',
    access: 'public',
    body: z.object({ email: z.string(), password: z.string() }),
    response: '{ user, csrfToken, expiresAt } and the session cookie',
    handle({ c, server, body }) {
      return formAware(c, '/', async () => {
        const input = (await body()) as Record<string, unknown>;
        const { user, session } = await login(server, {
          email: typeof input.email === 'string' ? input.email : '',
          password: typeof input.password === 'string' ? input.password : '',
          address: server.address,
        });
        return loggedIn(c, server, user, 200, session);
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/session',
    tag: 'account',
    summary: 'Who you are, and (for a browser session) the CSRF token to send as X-CSRF-Token on writes.',
    access: 'read',
    response: '{ user, via: "session" | "token", csrfToken? }',
    handle({ c, principal }) {
      const p = principal as NonNullable<typeof principal>;
      return c.json({ user: userJson(p.user), via: p.via, ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}) });
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/session',
    tag: 'account',
    summary: 'Log out this browser.',
    access: 'session',
    response: '204',
    async handle({ c, server, principal }) {
      if (principal?.sessionSecret) await endSession(server, principal.sessionSecret);
      clearSessionCookie(c, server);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/session/logout',
    tag: 'account',
    summary: 'Log out this browser (for a form).',
    access: 'session',
    response: '303 to /',
    async handle({ c, server, principal }) {
      if (principal?.sessionSecret) await endSession(server, principal.sessionSecret);
      clearSessionCookie(c, server);
      return c.redirect('/', 303);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/session/logout-everywhere',
    tag: 'account',
    summary: 'Log out every browser of yours, this one included.',
    access: 'session',
    response: '{ ended: number }',
    async handle({ c, server, ctx }) {
      const ended = await endAllSessions(ctx);
      clearSessionCookie(c, server);
      if (isForm(c)) return c.redirect('/', 303);
      return c.json({ ended });
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/account/password',
    tag: 'account',
    summary: 'Change your password (send the current one); every session of yours ends, so log in again.',
    access: 'session',
    body: z.object({ current: z.string(), password: z.string().min(10) }),
    response: '204',
    async handle({ c, server, ctx, body }) {
      await changePassword(ctx, await body());
      clearSessionCookie(c, server);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/tokens',
    tag: 'account',
    summary: 'Your API tokens (never their secrets), with when each was last used.',
    access: 'session',
    response: '{ tokens: [{ id, name, scope, createdAt, lastUsedAt, revokedAt }] }',
    async handle({ c, ctx }) {
      return c.json({ tokens: await listApiTokens(ctx) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/tokens',
    tag: 'account',
    summary:
      'Create an API token (scope read or read-write). The secret is shown this once; send it as `Authorization: Bearer …`.',
    access: 'session',
    body: z.object({ name: z.string(), scope: z.enum(['read', 'read-write']).optional() }),
    response: '{ token, info } (201)',
    async handle({ c, ctx, body }) {
      return c.json(await createApiToken(ctx, await body()), 201);
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/tokens/:id',
    tag: 'account',
    summary: 'Revoke an API token; it stops working at once.',
    access: 'session',
    response: '204',
    async handle({ c, ctx }) {
      await revokeApiToken(ctx, c.req.param('id') ?? '');
      return c.body(null, 204);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/invitations',
    tag: 'account',
    summary: 'Owner only: invite someone to this server. Returns a one-time link (valid 7 days unless `days`).',
    access: 'session',
    body: z.object({ email: z.email().optional(), days: z.number().int().optional() }),
    response: '{ url, expiresAt, email } (201)',
    async handle({ c, server, ctx, body }) {
      const { token, invitation } = await createInvitation(ctx, await body());
      return c.json({ url: `${server.origin}/invite/${token}`, expiresAt: invitation.expiresAt, email: invitation.email }, 201);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/invitations/accept',
    tag: 'account',
    summary: 'Accept an invitation: create your account (email, password, name) and log in.',
    access: 'public',
    body: z.object({ token: z.string(), email: z.email(), password: z.string().min(10), name: z.string().optional() }),
    response: '{ user, csrfToken, expiresAt } (201) and the session cookie',
    async handle({ c, server, body }) {
      const input = await body();
      const token = input && typeof input === 'object' ? String((input as Record<string, unknown>).token ?? '') : '';
      return formAware(c, `/invite/${encodeURIComponent(token)}`, async () => {
        const user = await acceptInvitation(server, input);
        return loggedIn(c, server, user, 201);
      });
    },
  }),
];
