// A bare Hono route on @hono/node-server: the ceiling for requests per second on this machine.
// It answers GET /api/v1/agenda with a fixed body of the same shape as kith's. Plain JavaScript.
//   node bench/raw/bare-hono.mjs   (prints http://127.0.0.1:PORT)
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = {
  date: '2026-11-26',
  items: Array.from({ length: 5 }, (_, i) => ({
    id: `cadence:0190-${i}`,
    kind: 'cadence',
    contacts: [{ id: `0190-${i}`, name: `Contact ${i}` }],
    reason: 'Last touch 95 days ago; you meant to check in every 90 days.',
    score: 10 - i,
    suggestion: 'Ask how the Rust migration went.',
    dueOn: '2026-11-20',
  })),
};
const app = new Hono();
app.get('/api/v1/agenda', (c) => c.json(body));
app.get('/healthz', (c) => c.json({ ok: true }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
process.once('SIGINT', () => server.close(() => process.exit(0)));
