/**
 * `kith serve`: the HTTP server on loopback (127.0.0.1:4580 by default).
 */
import { serve as nodeServe } from '@hono/node-server';
import { openApp } from '../../app/session.js';
import { createServerApp } from '../../server/app.js';
import { reportError } from '../output.js';
import type { CommandOpts } from '../run.js';

export async function serve(_: unknown[], o: CommandOpts): Promise<void> {
  const host = String(o.host ?? '127.0.0.1');
  const port = Number(o.port ?? process.env.PORT ?? 4580);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`kith: --port must be a number from 0 to 65535\n`);
    process.exitCode = 2;
    return;
  }
  let app: Awaited<ReturnType<typeof openApp>>;
  try {
    app = await openApp(process.env);
  } catch (e) {
    process.exitCode = reportError(e, false);
    return;
  }
  const log = (msg: string, fields: Record<string, unknown> = {}): void => {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), msg, ...fields })}\n`);
  };
  // Requests before the port is known get 503; the Host allowlist needs the real port.
  let handler: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const started = nodeServe({ fetch: (req) => handler(req), hostname: host, port }, (info) => {
    const shown = host.includes(':') ? `[${host}]` : host;
    log('listening', { url: `http://${shown}:${info.port}`, database: app.target });
    process.stdout.write(`kith is running at http://${shown}:${info.port}  (Ctrl-C to stop)\n`);
  });
  started.on('listening', () => {
    const addr = started.address();
    const p = typeof addr === 'object' && addr ? addr.port : port;
    const names = new Set([`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`, `${host}:${p}`]);
    handler = createServerApp({ ctx: app.ctx, allowedHosts: [...names], log }).fetch;
  });
  started.on('error', (e: NodeJS.ErrnoException) => {
    process.stderr.write(
      `kith: cannot listen on ${host}:${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use (try --port)' : e.message}\n`,
    );
    process.exitCode = 1;
    void app.close();
  });
  const stop = (): void => {
    log('shutting down');
    started.close(() => {
      void app.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
