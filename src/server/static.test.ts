import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { serveWebApp } from './static.js';

function appWithBuild(): Hono {
  const dir = mkdtempSync(join(tmpdir(), 'kith-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const app = new Hono();
  expect(serveWebApp(app, dir)).toBe(true);
  app.get('/api/v1/ping', (c) => c.json({ ok: true }));
  app.notFound((c) => c.json({ error: 'nf' }, 404));
  return app;
}

describe('serveWebApp', () => {
  const app = appWithBuild();
  const check = async (path: string, accept: string, status: number, type: RegExp | null, cache: string | null) => {
    const r = await app.request(path, { headers: { accept } });
    expect(r.status).toBe(status);
    if (type) expect(r.headers.get('content-type') ?? '').toMatch(type);
    expect(r.headers.get('cache-control')).toBe(cache);
  };
  test.each([
    ['/', 'text/html', 200, /text\/html/, 'no-cache'],
    ['/contacts/0190-abc', 'text/html', 200, /text\/html/, 'no-cache'],
    ['/assets/index-abc123.js', '*/*', 200, /javascript/, 'public, max-age=31536000, immutable'],
    ['/assets/missing.js', '*/*', 404, null, null],
    ['/api/v1/ping', 'text/html', 200, /json/, null],
    ['/api/v1/nothing', 'text/html', 404, /json/, null],
    ['/feed/secret.ics', 'text/html', 404, null, null],
  ] as const)('%s', (path, accept, status, type, cache) => check(path, accept, status, type, cache));

  test('without a build nothing is mounted', () => {
    expect(serveWebApp(new Hono(), join(tmpdir(), 'no-such-kith-build'))).toBe(false);
  });
});
