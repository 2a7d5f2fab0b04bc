/**
 * Opening kith for a user: where the data lives, the store, the acting user.
 * The CLI and the server both start here.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { DEFAULT_PROFILE, type Profile } from '../core/types.js';
import { isPostgresUrl, openStore } from '../storage/open.js';
import type { Store, User } from '../storage/store.js';
import { systemClock, uuidv7Ids, type Clock, type Ctx, type Ids } from './ports.js';

export interface Env {
  KITH_HOME?: string;
  XDG_DATA_HOME?: string;
  DATABASE_URL?: string;
  KITH_USER?: string;
  HOME?: string;
}

/** `$KITH_HOME`, else `$XDG_DATA_HOME/kith`, else `~/.local/share/kith`. */
export function kithHome(env: Env): string {
  if (env.KITH_HOME) return env.KITH_HOME;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'kith');
  return join(env.HOME ?? homedir(), '.local', 'share', 'kith');
}

/** The database kith uses: `DATABASE_URL` when set, else the SQLite file in the home. */
export function databaseTarget(env: Env): string {
  return env.DATABASE_URL || join(kithHome(env), 'kith.db');
}

/** The user a local process acts for: `KITH_USER` (id or email) on a shared database, else the owner, created on first use. */
export async function localUser(store: Store, clock: Clock, ids: Ids, env: Env): Promise<User> {
  const users = await store.listUsers();
  if (env.KITH_USER) {
    const u = users.find((x) => x.id === env.KITH_USER || x.email?.toLowerCase() === env.KITH_USER?.toLowerCase());
    if (!u) throw new AppError('not_found', `KITH_USER=${env.KITH_USER} is not a user of this database.`);
    return u;
  }
  const owner = users.find((u) => u.role === 'owner');
  if (owner) return owner;
  return store.transaction(async (tx) => {
    // Two first runs at once: the second sees the first's owner.
    const again = (await tx.listUsers()).find((u) => u.role === 'owner');
    if (again) return again;
    const user: User = { id: ids.next(), name: 'me', email: null, role: 'owner', createdAt: clock.now() };
    await tx.insertUser(user);
    return user;
  });
}

/** The user's profile, with defaults when they have not set one. */
export async function profileOf(ctx: Ctx): Promise<Profile> {
  return (await ctx.store.getProfile(ctx.userId)) ?? { ...DEFAULT_PROFILE, ownerId: ctx.userId, updatedAt: ctx.clock.now() };
}

export interface OpenedApp {
  ctx: Ctx;
  target: string;
  close(): Promise<void>;
}

/** Opens the store named by the environment and the context of the local user. */
export async function openApp(env: Env, opts: { clock?: Clock; ids?: Ids } = {}): Promise<OpenedApp> {
  const target = databaseTarget(env);
  // The backup code (and the schemas it checks with) is loaded only when a migration is pending.
  const beforeMigrate = isPostgresUrl(target)
    ? undefined
    : async (s: Store, pending: string[]): Promise<void> =>
        (await import('./backups.js')).preMigrationHook(target, kithHome(env))?.(s, pending);
  const store = await openStore({ target, beforeMigrate });
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? uuidv7Ids();
  try {
    const user = await localUser(store, clock, ids, env);
    return { ctx: { store, clock, ids, userId: user.id }, target, close: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}
