/**
 * Long answers borrow their buffers (src/server/body-pool.ts) and give them back when their
 * response has finished. Over a real Node server, many long answers at once, some of them
 * abandoned by their client half-way, must each arrive with exactly their own bytes: a buffer
 * given back too early would be overwritten by another answer while it is still being sent.
 */
import { serve } from '@hono/node-server';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../../src/app/contacts.js';
import { createServerApp } from '../../src/server/app.js';
import { bodyPool } from '../../src/server/body-pool.js';
import { DIALECTS } from '../support/stores.js';
import { Client, HOST, testServer, type TestServer } from './harness.js';

/**
 * GET over TCP, read only after a pause: the answer then waits in the server's socket (it is
 * larger than what the kernel takes at once), when a buffer given back too early would show.
 * `abandon` closes the connection after the first bytes of the body.
 */
function get(port: number, path: string, cookie: string, abandon = false): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host: HOST, cookie }, agent: false }, (res) => {
      if (res.statusCode !== 200 && !abandon) reject(new Error(`${path}: ${res.statusCode}`));
      const chunks: Buffer[] = [];
      res.pause();
      setTimeout(() => res.resume(), 40);
      res.on('data', (d: Buffer) => {
        chunks.push(d);
        if (abandon) {
          req.destroy();
          resolve(null);
        }
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', (e) => (abandon ? resolve(null) : reject(e)));
    });
    req.on('error', (e) => (abandon ? resolve(null) : reject(e)));
    req.end();
  });
}

describe.each(DIALECTS)('long answers over a Node server on %s', (dialect) => {
  let t: TestServer;
  let server: Server;
  let port: number;
  beforeEach(async () => {
    t = await testServer(dialect);
    // Names and notes differ from contact to contact, with characters beyond Latin-1, so every
    // page's bytes are its own; each answer is some hundreds of kilobytes.
    for (let i = 0; i < 120; i++) {
      await createContact(t.ownerCtx, {
        name: `${['Łukasz', 'Anna', 'Zoë', 'Bob'][i % 4]} Person${String(i).padStart(3, '0')}`,
        company: `Company ${i}`,
        notes: `Note ${i}: ${'déjà vu, naïve café 🙂 '.repeat(200 + (i % 13))}`,
      });
    }
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    port = (server.address() as AddressInfo).port;
  }, 60_000);
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.cleanup();
  });

  it('gives every answer its own bytes while buffers are lent and given back', async () => {
    const me = new Client(t.app);
    expect((await me.login('owner@example.com')).status).toBe(200);
    const cookie = [...me.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const paths = [
      '/api/v1/contacts?limit=100',
      '/api/v1/contacts?limit=60',
      '/api/v1/contacts?q=person&limit=80',
      '/api/v1/contacts?q=anna&limit=30',
      '/api/v1/contacts?q=zo%C3%AB&limit=30',
      '/api/v1/contacts?q=company&limit=45',
    ];
    // What each answer must be, through app.request (no Node response: no borrowed buffer).
    const expected = new Map<string, string>();
    for (const p of paths) {
      const r = await me.get(p);
      expect(r.status).toBe(200);
      expect(Buffer.byteLength(r.text)).toBeGreaterThan(128 * 1024);
      expected.set(p, r.text);
    }
    for (let round = 0; round < 4; round++) {
      const asks = Array.from({ length: 36 }, (_, i) => ({ path: paths[i % paths.length] as string, abandon: i % 5 === 4 }));
      const got = await Promise.all(asks.map((a) => get(port, a.path, cookie, a.abandon)));
      for (const [i, a] of asks.entries()) {
        if (a.abandon) continue;
        expect(got[i]?.toString('utf8'), `round ${round}, ${a.path}`).toBe(expected.get(a.path));
      }
    }
  }, 60_000);

  it('lends a buffer until its response has finished, and keeps it from a response that never does', async () => {
    const me = new Client(t.app);
    expect((await me.login('owner@example.com')).status).toBe(200);
    const cookie = [...me.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const pool = bodyPool();
    const lent: Buffer[] = [];
    const app = createServerApp({
      store: t.store,
      clock: t.clock,
      ids: t.ids,
      allowedHosts: [HOST],
      answerBuffers: {
        take: (n) => {
          const b = pool.take(n);
          lent.push(b);
          return b;
        },
        give: (b) => pool.give(b),
        get freeBytes() {
          return pool.freeBytes;
        },
      },
    });
    // The answer as app.request gives it (no Node response there: nothing is lent).
    const path = '/api/v1/contacts?limit=40';
    const expected = (await me.get(path)).text;
    expect(lent).toHaveLength(0);
    const ask = async (outgoing: EventEmitter): Promise<void> => {
      const r = await app.fetch(new Request(`http://${HOST}${path}`, { headers: { host: HOST, cookie } }), {
        incoming: { socket: { remoteAddress: '127.0.0.1' } },
        outgoing,
      });
      expect(r.status).toBe(200);
    };
    const a = new EventEmitter();
    await ask(a);
    expect(lent).toHaveLength(1);
    // Not yet written: the next answer gets other memory, and the first one's bytes stay.
    const b = new EventEmitter();
    await ask(b);
    expect(lent[1]?.buffer).not.toBe(lent[0]?.buffer);
    expect(lent[0]?.toString('utf8')).toBe(expected);
    expect(pool.freeBytes).toBe(0);
    // Written: its buffer is lent again.
    a.emit('finish');
    expect(pool.freeBytes).toBeGreaterThan(0);
    const c = new EventEmitter();
    await ask(c);
    expect(lent[2]?.buffer).toBe(lent[0]?.buffer);
    expect(lent[2]?.toString('utf8')).toBe(expected);
    // A response that closes without finishing keeps its buffer.
    b.emit('close');
    expect(pool.freeBytes).toBe(0);
  });
});
