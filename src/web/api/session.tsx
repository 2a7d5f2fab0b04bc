/**
 * Who is logged in. The gate asks the server once (GET /session, GET /setup) and
 * shows the first-run page, the login page, or the app.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { ApiError, get, request, send, setCsrfToken } from './client.js';
import type { LoginJson, SessionJson, SetupJson, UserJson } from './types.js';

export interface AuthState {
  user: UserJson | null;
  setup: SetupJson;
}

/** Reads the session; a 401 means nobody is logged in. */
export async function loadAuth(): Promise<AuthState> {
  // both at once: one round trip before the first page, not two
  const setupP = get<SetupJson>('/setup');
  setupP.catch(() => undefined);
  try {
    const s = await get<SessionJson>('/session');
    const setup = await setupP;
    setCsrfToken(s.csrfToken ?? null);
    return { user: s.user, setup };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return { user: null, setup: await setupP };
    }
    throw e;
  }
}

/** Logs in (or, on first run, sets the owner's email and password). */
export async function logIn(kind: 'login' | 'setup', body: { email: string; password: string; name?: string }): Promise<LoginJson> {
  const r = await send<LoginJson>('POST', kind === 'setup' ? '/setup' : '/session', body);
  setCsrfToken(r.csrfToken);
  return r;
}

/** Logs this browser out. */
export async function logOut(): Promise<void> {
  await request('DELETE', '/session');
  setCsrfToken(null);
}

export const AUTH_KEY = ['auth'] as const;

/** The auth query; the gate and the shell share it. */
export function useAuth() {
  return useQuery({ queryKey: AUTH_KEY, queryFn: loadAuth, staleTime: Infinity, retry: false });
}

const UserContext = createContext<UserJson | null>(null);

export function UserProvider({ user, children }: { user: UserJson; children: ReactNode }) {
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

/** The logged-in user (inside the gate). */
export function useUser(): UserJson {
  const u = useContext(UserContext);
  if (!u) throw new Error('useUser outside the login gate');
  return u;
}

/** After login or logout: forget every cached answer (another user must see none of them). */
export function useResetAfterAuth(): () => Promise<void> {
  const qc = useQueryClient();
  return async () => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    await qc.invalidateQueries({ queryKey: AUTH_KEY });
  };
}
