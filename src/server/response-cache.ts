/**
 * Serialized answers of hot read routes (the agenda), kept per app under the Store's
 * change mark with their ETag. An entry is used only while the mark is the one read
 * before the answer was computed: any committed write, by any process, moves it.
 * Whatever else an answer depends on (the day) the route stores beside it and checks.
 */
import { createHash } from 'node:crypto';

export interface CachedBody<M> {
  mark: string;
  body: string;
  etag: string;
  /** What else the answer depends on, for the route to check. */
  meta: M;
}

export interface ResponseCache<M> {
  /** The entry for `key` made under `mark`, or undefined. */
  get(key: string, mark: string): CachedBody<M> | undefined;
  /** Keeps `body` for `key` under `mark`; returns the entry (with its ETag). */
  put(key: string, mark: string, body: string, meta: M): CachedBody<M>;
}

/** A strong ETag of a serialized body. */
export function etagOfBody(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when `If-None-Match` names this ETag (or `*`); weak comparison, as RFC 9110 asks for GET. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

export function responseCache<M>(maxEntries: number): ResponseCache<M> {
  const entries = new Map<string, CachedBody<M>>();
  return {
    get(key, mark) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.mark === mark) return e;
      entries.delete(key);
      return undefined;
    },
    put(key, mark, body, meta) {
      const e = { mark, body, etag: etagOfBody(body), meta };
      entries.delete(key);
      entries.set(key, e);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return e;
    },
  };
}
