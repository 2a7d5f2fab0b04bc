/**
 * Who a bearer token or a session cookie is, remembered between requests under the
 * Store's change mark.
 *
 * Checking a credential reads the token or session row and the user (and writes now and
 * then: a token's last use once a minute, a session's expiry once an hour). A remembered
 * answer is used only while:
 * - the change mark is the one read before the answer was looked up. Any committed write
 *   moves it, by this process or another (SQLite: `data_version` and `total_changes()`;
 *   PostgreSQL: the transaction snapshot), so revoking a token, logging out, logging out
 *   everywhere, changing a password or removing a user take effect on the very next
 *   request, in every server process on the same database;
 * - no bookkeeping write is due (a token unused for over a minute, a session last seen
 *   over an hour ago), and a session has not expired by the clock.
 * Otherwise the request goes through `tokenUser` / `sessionUser` as before. Only answers
 * that found a user are kept: unknown secrets are never remembered.
 */
import { sessionUser, sha256, tokenUser } from '../app/accounts.js';
import type { ApiTokenRow, User } from '../storage/store.js';
import type { ServerContext } from './route-kit.js';

/** Remembered credentials per app; the oldest go first past this many. */
const MAX_ENTRIES = 1000;
const TOKEN_TOUCH_MS = 60_000;
const SESSION_TOUCH_MS = 3600_000;

interface TokenEntry {
  mark: string;
  /** Until when (ms) no last-use write is due. */
  until: number;
  value: { user: User; scope: ApiTokenRow['scope'] };
}

interface SessionEntry {
  mark: string;
  /** Until when (ms) the session neither expires nor needs its expiry extended. */
  until: number;
  value: { user: User; csrfToken: string };
}

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
}

export interface AuthCache {
  token(server: ServerContext, secret: string): Promise<{ user: User; scope: ApiTokenRow['scope'] } | null>;
  session(server: ServerContext, secret: string): Promise<{ user: User; csrfToken: string } | null>;
  /**
   * The remembered answer for a token under `mark` at `now` (ms), when `token` would give it
   * without reading anything; else undefined (then ask `token`).
   */
  knownToken(secret: string, mark: string, now: number): { user: User; scope: ApiTokenRow['scope'] } | undefined;
  /** The same for a session cookie. */
  knownSession(secret: string, mark: string, now: number): { user: User; csrfToken: string } | undefined;
}

function known<T>(
  map: Map<string, { mark: string; until: number; value: T }>,
  key: string,
  mark: string,
  now: number,
): T | undefined {
  const hit = map.get(key);
  return hit && hit.mark === mark && now <= hit.until ? hit.value : undefined;
}

export function authCache(): AuthCache {
  const tokens = new Map<string, TokenEntry>();
  const sessions = new Map<string, SessionEntry>();
  return {
    knownToken: (secret, mark, now) => known(tokens, sha256(secret), mark, now),
    knownSession: (secret, mark, now) => known(sessions, sha256(secret), mark, now),
    async token(server, secret) {
      const key = sha256(secret);
      // Read before the rows, so a write after this point can only make the entry look older.
      const mark = await server.mark();
      const hit = known(tokens, key, mark, Date.parse(server.clock.now()));
      if (hit) return hit;
      tokens.delete(key);
      const found = await tokenUser(server, secret);
      if (!found) return null;
      const row = await server.store.findApiTokenByHash(key);
      if (row?.lastUsedAt && !row.revokedAt) {
        remember(tokens, key, { mark, until: Date.parse(row.lastUsedAt) + TOKEN_TOUCH_MS, value: found });
      }
      return found;
    },
    async session(server, secret) {
      const key = sha256(secret);
      const mark = await server.mark();
      // Expired when expiresAt <= now, as sessionUser has it: `until` is one millisecond before.
      const hit = known(sessions, key, mark, Date.parse(server.clock.now()));
      if (hit) return hit;
      sessions.delete(key);
      const found = await sessionUser(server, secret);
      if (!found) return null;
      const row = await server.store.getSession(key);
      if (row) {
        const until = Math.min(Date.parse(row.lastSeenAt) + SESSION_TOUCH_MS, Date.parse(row.expiresAt) - 1);
        remember(sessions, key, { mark, until, value: found });
      }
      return found;
    },
  };
}
