/**
 * Serialized answers of hot read routes (the agenda), kept per app under the Store's
 * change mark with their ETag, per user and request URL (path and query, as sent).
 *
 * An entry is used only while the mark is the one read before the answer was computed
 * (any committed write, by any process, moves it) and while its own check of everything
 * else the answer depends on (the user's day) still holds. A route puts its answer here
 * after it has validated the query and computed it; a repeat of the same URL by the same
 * user is then answered by the app before routing (app.ts), with the same bytes and headers.
 */
import { hash } from 'node:crypto';
import { completeResponse, withAppHeaders } from './headers.js';

/** `A` is the route's access rule (route-kit.ts `Access`). */
export interface CachedAnswer<A = string> {
  mark: string;
  /** The serialized JSON, encoded once. */
  body: Buffer;
  etag: string;
  /** The route's access rule: who may be given this answer (with `refusalOf`). */
  access: A;
  /** False once the answer is out of date for a reason other than the data (the day changed). */
  current(now: string): boolean;
  /** Every header of the 200 and of the 304, made once (see `completeResponse`). */
  headers: { ok: Record<string, string>; notModified: Record<string, string> };
}

export interface ResponseCache<A = string> {
  /** The answer kept for this user and URL under `mark`, or undefined. */
  get(userId: string, url: string, mark: string): CachedAnswer<A> | undefined;
  /** Keeps an answer (JSON text) for this user and URL under `mark`; returns the entry with its ETag. */
  put(
    userId: string,
    url: string,
    mark: string,
    answer: Pick<CachedAnswer<A>, 'access' | 'current'> & { json: string },
  ): CachedAnswer<A>;
}

/** A strong ETag of a serialized body. */
export function etagOfBody(body: string | Buffer): string {
  return `"${hash('sha256', body, 'base64url').slice(0, 27)}"`;
}

/** True when `If-None-Match` names this ETag (or `*`); weak comparison, as RFC 9110 asks for GET. */
export function noneMatch(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/** The path and query of a request URL (`http://host/api/v1/agenda?on=…` → `/api/v1/agenda?on=…`). */
export function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

/** The response for a cached answer: 304 when `If-None-Match` names its ETag, else 200 with the body. */
export function answerResponse(entry: CachedAnswer<unknown>, ifNoneMatch: string | null | undefined): Response {
  if (noneMatch(ifNoneMatch, entry.etag)) return completeResponse(null, 304, entry.headers.notModified);
  return completeResponse(entry.body, 200, entry.headers.ok);
}

export function responseCache<A>(maxEntries: number): ResponseCache<A> {
  const entries = new Map<string, CachedAnswer<A>>();
  return {
    get(userId, url, mark) {
      const key = `${userId}\u0000${url}`;
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.mark === mark) return e;
      entries.delete(key);
      return undefined;
    },
    put(userId, url, mark, { json, access, current }) {
      const key = `${userId}\u0000${url}`;
      const body = Buffer.from(json, 'utf8');
      const etag = etagOfBody(body);
      const headers = {
        ok: withAppHeaders({ 'Content-Type': 'application/json', ETag: etag }),
        notModified: withAppHeaders({ ETag: etag }),
      };
      const e: CachedAnswer<A> = { mark, body, etag, access, current, headers };
      entries.delete(key);
      entries.set(key, e);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return e;
    },
  };
}
