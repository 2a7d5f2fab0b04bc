/**
 * The two cookies: the login session and, before login, a double-submit CSRF token
 * for the login, first-run and invitation forms.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { newSecret, type NewSession } from '../app/accounts.js';
import type { ServerContext } from './route-kit.js';

export const SESSION_COOKIE = 'kith_session';
export const CSRF_COOKIE = 'kith_csrf';

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookie(c: Context, server: ServerContext, s: NewSession): void {
  setCookie(c, SESSION_COOKIE, s.secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: server.secure,
    path: '/',
    expires: new Date(s.expiresAt),
  });
}

export function clearSessionCookie(c: Context, server: ServerContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: server.secure, httpOnly: true, sameSite: 'Lax' });
}

/** The pre-login CSRF token for a form, set as a cookie when the browser has none. */
export function formCsrfToken(c: Context, server: ServerContext): string {
  const have = getCookie(c, CSRF_COOKIE);
  if (have && /^[A-Za-z0-9_-]{20,100}$/.test(have)) return have;
  const token = newSecret();
  setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: server.secure, path: '/' });
  return token;
}
