/**
 * Accounts: the owner's first credentials, members by invitation, argon2id
 * passwords, login sessions, API tokens and login backoff.
 *
 * Secrets (session ids, API tokens, invitation links) are 32 random bytes shown
 * once; the Store keeps only their SHA-256, so a copy of the database logs no one in.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { Id, Instant } from '../core/types.js';
import type { ApiTokenRow, InvitationRow, LoginAttemptRow, Store, User } from '../storage/store.js';
import type { Clock, Ctx, Ids } from './ports.js';
import { parseInput } from './schemas.js';

/** What account operations need before anyone is logged in. */
export interface AccountDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
}

export const SESSION_DAYS = 30;
export const INVITATION_DAYS = 7;
/** Failed logins allowed before backoff starts, per account and per address. */
export const FREE_FAILURES = { account: 5, address: 20 } as const;
/** The longest a login waits after failures, in seconds. */
export const MAX_BACKOFF_SECONDS = 15 * 60;

/** 32 random bytes, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Hex SHA-256: how secrets are stored and looked up. */
export function sha256(s: string): string {
  // The one-shot hash: a server hashes the bearer token of every request.
  return hash('sha256', s, 'hex');
}

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const password = z.string().min(10, 'must be at least 10 characters').max(1024, 'must be at most 1024 characters');
const email = z.email({ message: 'must be an email address' }).max(320);

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended floor. */
export async function hashPassword(pw: string): Promise<string> {
  return argonHash(pw);
}

// A real argon2id hash to verify against when the email is unknown, so timing does not tell.
let dummyHash: Promise<string> | null = null;

async function verifyPassword(hash: string | null, pw: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argonHash('not the password of anyone at all');
    await argonVerify(await dummyHash, pw).catch(() => false);
    return false;
  }
  return argonVerify(hash, pw).catch(() => false);
}

const addSeconds = (at: Instant, s: number): Instant => new Date(Date.parse(at) + s * 1000).toISOString();

/** The owner, once created (the CLI's `localUser` makes one on first use). */
export async function ownerOf(store: Store): Promise<User | null> {
  return (await store.listUsers()).find((u) => u.role === 'owner') ?? null;
}

/** True until the owner has a password: the browser then shows the first-run form. */
export async function needsSetup(store: Store): Promise<boolean> {
  const owner = await ownerOf(store);
  return !owner || !(await store.getPasswordHash(owner.id));
}

const ownerCredentials = z.object({ email, password, name: z.string().trim().min(1).max(200).optional() });

/**
 * Gives the owner an email and a password. With `onlyIfUnset` (the browser's
 * first run) it refuses once the owner has a password, so it cannot take over an account.
 */
export async function setOwnerCredentials(d: AccountDeps, raw: unknown, opts: { onlyIfUnset: boolean }): Promise<User> {
  const input = parseInput(ownerCredentials, raw);
  const hash = await hashPassword(input.password);
  return d.store.transaction(async (store) => {
    let owner = await ownerOf(store);
    if (owner && opts.onlyIfUnset && (await store.getPasswordHash(owner.id))) {
      throw new AppError('conflict', 'The owner account is already set up; log in instead.');
    }
    const other = await store.getUserByEmail(input.email.toLowerCase());
    if (other && other.id !== owner?.id) throw new AppError('conflict', `${input.email} is already a user of this kith.`);
    if (!owner) {
      owner = { id: d.ids.next(), name: input.name ?? 'me', email: null, role: 'owner', createdAt: d.clock.now() };
      await store.insertUser(owner);
    }
    const next: User = { ...owner, email: input.email.toLowerCase(), name: input.name ?? owner.name };
    await store.updateUser(next);
    await store.setPasswordHash(owner.id, hash);
    return next;
  });
}

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  secret: string;
  csrfToken: string;
  expiresAt: Instant;
}

/** Starts a login session for a user. */
export async function startSession(d: AccountDeps, userId: Id): Promise<NewSession> {
  const secret = newSecret();
  const now = d.clock.now();
  const row = {
    idHash: sha256(secret),
    userId,
    csrfToken: newSecret(),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: addSeconds(now, SESSION_DAYS * 86400),
  };
  await d.store.insertSession(row);
  return { secret, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

/** The session and user behind a cookie value, or null; active sessions slide forward (at most one write an hour). */
export async function sessionUser(d: AccountDeps, secret: string): Promise<{ user: User; csrfToken: string } | null> {
  const idHash = sha256(secret);
  const s = await d.store.getSession(idHash);
  const now = d.clock.now();
  if (!s) return null;
  if (s.expiresAt <= now) {
    await d.store.deleteSession(idHash);
    return null;
  }
  const user = await d.store.getUser(s.userId);
  if (!user) return null;
  if (Date.parse(now) - Date.parse(s.lastSeenAt) > 3600_000) {
    await d.store.touchSession(idHash, now, addSeconds(now, SESSION_DAYS * 86400));
  }
  return { user, csrfToken: s.csrfToken };
}

/** Ends one session (logging out). */
export async function endSession(d: AccountDeps, secret: string): Promise<void> {
  await d.store.deleteSession(sha256(secret));
}

/** "Log out everywhere": ends every session of the user; returns how many. */
export async function endAllSessions(ctx: Ctx): Promise<number> {
  return ctx.store.deleteSessionsOfUser(ctx.userId);
}

export interface LoginInput {
  email: string;
  password: string;
  /** The client address, for per-address backoff. */
  address: string;
}

const loginInput = z.object({
  email: z.string().trim().min(1, 'must not be empty').max(320),
  password: z.string().min(1, 'must not be empty').max(1024),
});

/** The wait a key owes, in whole seconds (0 when none). */
function waitOf(row: LoginAttemptRow | null, now: Instant): number {
  if (!row?.lockedUntil || row.lockedUntil <= now) return 0;
  return Math.ceil((Date.parse(row.lockedUntil) - Date.parse(now)) / 1000);
}

/** Exponential backoff: after the free failures, 1 s, 2 s, 4 s … up to MAX_BACKOFF_SECONDS. */
export function backoffSeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** Math.min(failures - free, 30), MAX_BACKOFF_SECONDS);
}

async function recordFailure(d: AccountDeps, key: string, free: number): Promise<void> {
  const now = d.clock.now();
  const prev = await d.store.getLoginAttempt(key);
  // Failures a day old are forgiven: the count starts again.
  const stale = prev && Date.parse(now) - Date.parse(prev.lastFailureAt) > 86400_000;
  const failures = (stale ? 0 : (prev?.failures ?? 0)) + 1;
  const wait = backoffSeconds(failures, free);
  await d.store.putLoginAttempt({ key, failures, lastFailureAt: now, lockedUntil: wait ? addSeconds(now, wait) : null });
}

/** Checks an email and password and starts a session; failures back off per account and per address. */
export async function login(d: AccountDeps, raw: LoginInput): Promise<{ user: User; session: NewSession }> {
  const input = parseInput(loginInput, raw);
  const emailKey = `account:${input.email.toLowerCase()}`;
  const addressKey = `address:${raw.address}`;
  const now = d.clock.now();
  const wait = Math.max(
    waitOf(await d.store.getLoginAttempt(emailKey), now),
    waitOf(await d.store.getLoginAttempt(addressKey), now),
  );
  if (wait > 0) {
    throw new AppError('unavailable', `Too many failed logins; try again in ${wait} second${wait === 1 ? '' : 's'}.`, {
      reason: 'rate_limited',
      retryAfterSeconds: wait,
    });
  }
  const user = await d.store.getUserByEmail(input.email.toLowerCase());
  const ok = await verifyPassword(user ? await d.store.getPasswordHash(user.id) : null, input.password);
  if (!user || !ok) {
    await recordFailure(d, emailKey, FREE_FAILURES.account);
    await recordFailure(d, addressKey, FREE_FAILURES.address);
    throw new AppError('unauthenticated', 'That email and password do not match.');
  }
  await d.store.clearLoginAttempt(emailKey);
  return { user, session: await startSession(d, user.id) };
}

const passwordChange = z.object({ current: z.string().max(1024).optional(), password });

/** Changes the acting user's password (the current one is required when there is one) and ends their other sessions. */
export async function changePassword(
  ctx: Ctx,
  raw: unknown,
  opts: { requireCurrent: boolean } = { requireCurrent: true },
): Promise<void> {
  const input = parseInput(passwordChange, raw);
  const old = await ctx.store.getPasswordHash(ctx.userId);
  if (opts.requireCurrent && old && !(await verifyPassword(old, input.current ?? ''))) {
    throw new AppError('invalid_input', 'current: that is not your current password', {
      issues: [{ field: 'current', message: 'wrong password' }],
    });
  }
  const hash = await hashPassword(input.password);
  await ctx.store.transaction(async (store) => {
    await store.setPasswordHash(ctx.userId, hash);
    await store.deleteSessionsOfUser(ctx.userId);
  });
}

/** An API token as shown to its owner: never the secret. */
export type ApiTokenView = Omit<ApiTokenRow, 'tokenHash' | 'userId'>;

const tokenView = (t: ApiTokenRow): ApiTokenView => ({
  id: t.id,
  name: t.name,
  scope: t.scope,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

const tokenInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  scope: z.enum(['read', 'read-write']).default('read'),
});

/** Creates an API token; the secret is in the result and nowhere else. */
export async function createApiToken(ctx: Ctx, raw: unknown): Promise<{ token: string; info: ApiTokenView }> {
  const input = parseInput(tokenInput, raw);
  const token = `kith_${newSecret()}`;
  const row: ApiTokenRow = {
    id: ctx.ids.next(),
    userId: ctx.userId,
    name: input.name,
    tokenHash: sha256(token),
    scope: input.scope,
    createdAt: ctx.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.store.insertApiToken(row);
  return { token, info: tokenView(row) };
}

/** The acting user's tokens, revoked ones included, with when each was last used. */
export async function listApiTokens(ctx: Ctx): Promise<ApiTokenView[]> {
  return (await ctx.store.listApiTokens(ctx.userId)).map(tokenView);
}

/** Revokes one of the acting user's tokens; another user's token is "not found". */
export async function revokeApiToken(ctx: Ctx, id: Id): Promise<void> {
  if (!(await ctx.store.revokeApiToken(ctx.userId, id, ctx.clock.now()))) {
    throw new AppError('not_found', `No API token with id ${id}.`);
  }
}

/** The user and scope behind a bearer token, or null when unknown or revoked; records its use. */
export async function tokenUser(d: AccountDeps, token: string): Promise<{ user: User; scope: ApiTokenRow['scope'] } | null> {
  const row = await d.store.findApiTokenByHash(sha256(token));
  if (!row || row.revokedAt) return null;
  const user = await d.store.getUser(row.userId);
  if (!user) return null;
  const now = d.clock.now();
  // One write a minute at most: last use is for people, not an audit log.
  if (!row.lastUsedAt || Date.parse(now) - Date.parse(row.lastUsedAt) > 60_000) await d.store.touchApiToken(row.id, now);
  return { user, scope: row.scope };
}

const invitationInput = z.object({ email: email.nullish(), days: z.number().int().min(1).max(90).optional() });

/** The owner invites someone: a one-time link secret, valid for `days` (default 7). */
export async function createInvitation(
  ctx: Ctx,
  raw: unknown,
): Promise<{ token: string; invitation: Omit<InvitationRow, 'tokenHash'> }> {
  const input = parseInput(invitationInput, raw);
  const me = await ctx.store.getUser(ctx.userId);
  if (me?.role !== 'owner') throw new AppError('forbidden', 'Only the owner can invite people.');
  if (input.email && (await ctx.store.getUserByEmail(input.email.toLowerCase()))) {
    throw new AppError('conflict', `${input.email} is already a user of this kith.`);
  }
  const token = newSecret();
  const now = ctx.clock.now();
  const row: InvitationRow = {
    id: ctx.ids.next(),
    tokenHash: sha256(token),
    email: input.email?.toLowerCase() ?? null,
    createdBy: ctx.userId,
    createdAt: now,
    expiresAt: addSeconds(now, (input.days ?? INVITATION_DAYS) * 86400),
    usedAt: null,
  };
  await ctx.store.insertInvitation(row);
  const { tokenHash: _h, ...invitation } = row;
  return { token, invitation };
}

const acceptInput = z.object({
  token: z.string().min(1, 'must not be empty').max(200),
  email,
  password,
  name: z.string().trim().min(1).max(200).optional(),
});

/** Turns an invitation into a member account; each link works once, before it expires, for its email if it names one. */
export async function acceptInvitation(d: AccountDeps, raw: unknown): Promise<User> {
  const input = parseInput(acceptInput, raw);
  const hash = await hashPassword(input.password);
  return d.store.transaction(async (store) => {
    const inv = await store.findInvitationByHash(sha256(input.token));
    const now = d.clock.now();
    if (!inv || inv.usedAt || inv.expiresAt <= now)
      throw new AppError('not_found', 'This invitation link is unknown, used or expired.');
    const mail = input.email.toLowerCase();
    if (inv.email && inv.email !== mail) {
      throw new AppError('invalid_input', 'email: this invitation is for another address', {
        issues: [{ field: 'email', message: 'not the invited address' }],
      });
    }
    if (await store.getUserByEmail(mail)) throw new AppError('conflict', `${input.email} is already a user of this kith.`);
    const user: User = {
      id: d.ids.next(),
      name: input.name ?? mail.split('@')[0] ?? 'member',
      email: mail,
      role: 'member',
      createdAt: now,
    };
    await store.insertUser(user);
    await store.setPasswordHash(user.id, hash);
    await store.markInvitationUsed(inv.id, now);
    return user;
  });
}

/** A user as shown to people: no secrets, whether they can log in. */
export interface UserView extends User {
  hasPassword: boolean;
}

/** Every user of this database (for `kith user list`). */
export async function listAccountUsers(store: Store): Promise<UserView[]> {
  const users = await store.listUsers();
  return Promise.all(users.map(async (u) => ({ ...u, hasPassword: !!(await store.getPasswordHash(u.id)) })));
}
