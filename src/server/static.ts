/**
 * Serves the built web app (dist/web): hashed files under /assets/ are cached for
 * a year, and every app route (/, /contacts/…) answers with index.html so the
 * browser's router takes over. The API, the feed and the docs are never shadowed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Context, Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Paths that belong to the server, never to the web app. */
const SERVER_PATHS = /^\/(api|feed|healthz|invite|style\.css)(\/|$)/;

interface StaticFile {
  body: Uint8Array;
  type: string;
}

/** Every file under `dir`, keyed by its URL path (`/assets/x.js`). */
function readTree(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const urlPath = `/${relative(dir, full).split(sep).join('/')}`;
        files.set(urlPath, { body: readFileSync(full), type: TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream' });
      }
    }
  };
  walk(dir);
  return files;
}

/** True when the request is a page load (a browser asking for HTML), not a missing file or an API call. */
function wantsPage(c: Context): boolean {
  const path = c.req.path;
  if (SERVER_PATHS.test(path)) return false;
  if (extname(path) !== '') return false;
  const accept = c.req.header('accept') ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

/**
 * Mounts the built web app on `app`. Returns false (and mounts nothing) when
 * `distDir` has no index.html, so a server without a web build still starts.
 * Files are read once at start-up: the build is immutable while the server runs.
 */
export function serveWebApp(app: Hono, distDir: string): boolean {
  let files: Map<string, StaticFile>;
  try {
    files = readTree(distDir);
  } catch {
    return false;
  }
  const index = files.get('/index.html');
  if (!index) return false;

  const page = (c: Context): Response => {
    c.header('Content-Type', index.type);
    // The page names the hashed files of this build: revalidate it every time.
    c.header('Cache-Control', 'no-cache');
    return c.body(index.body as Uint8Array<ArrayBuffer>, 200);
  };

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;
    const file = files.get(path);
    if (file && path !== '/index.html') {
      c.header('Content-Type', file.type);
      c.header('X-Content-Type-Options', 'nosniff');
      // Vite names assets by content hash: they never change under the same name.
      c.header('Cache-Control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      return c.body(file.body as Uint8Array<ArrayBuffer>, 200);
    }
    if (wantsPage(c)) return page(c);
    return next();
  });
  return true;
}
