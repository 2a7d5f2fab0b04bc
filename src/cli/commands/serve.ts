/**
 * `kith serve`: the HTTP server (127.0.0.1:4580 by default). Migrates the database
 * on start, listens at once while the integrity check runs in the background, logs JSON
 * lines with pino to stderr, and shuts down cleanly on SIGINT/SIGTERM.
 *
 * The log is written asynchronously: lines made while a write is under way go out together
 * with the next one, and pino writes what is left when the process exits. Written one
 * synchronous write per request, the request lines cost the agenda a quarter of its
 * requests per second under load (16 000 against 19 000 req/s at 10 000 contacts).
 */
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve as nodeServe } from '@hono/node-server';
import { pino } from 'pino';
import type { OpenedApp } from '../../app/session.js';
import {
  checkIntegrityOnStart,
  openTrustedApp,
  snapshotBeforeImport,
  startDailyBackups,
  watchIntegrity,
  type DailyBackups,
} from '../../app/safety.js';
import { createServerApp } from '../../server/app.js';
import { reportError } from '../output.js';
import type { CommandOpts } from '../run.js';

/** The Host values this server answers to: loopback names, the listen address, and `KITH_ALLOWED_HOSTS`. */
export function allowedHostsFor(host: string, port: number, extra: string | undefined): string[] {
  const shown = host.includes(':') ? `[${host}]` : host;
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${shown}:${port}`]);
  for (const h of (extra ?? '').split(',')) if (h.trim()) names.add(h.trim().toLowerCase());
  return [...names];
}

export async function serve(_: unknown[], o: CommandOpts): Promise<void> {
  const host = String(o.host ?? '127.0.0.1');
  const port = Number(o.port ?? process.env.PORT ?? 4580);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`kith: --port must be a number from 0 to 65535\n`);
    process.exitCode = 2;
    return;
  }
  const log = pino(
    { base: { pid: process.pid }, level: process.env.LOG_LEVEL ?? 'info' },
    pino.destination({ fd: 2, sync: false }),
  );
  let app: OpenedApp;
  try {
    // Opening migrates the database and makes the owner on first use. A file SQLite cannot
    // read is refused here (exit 1, naming the newest good backup).
    app = await openTrustedApp(process.env);
  } catch (e) {
    process.exitCode = reportError(e, false);
    return;
  }
  const { clock, ids } = app.ctx;
  // Data safety: the integrity check runs in the background while the server already answers.
  // Until it has passed, writes get 503 (integrity_check_pending); if it fails, the server
  // says what to restore and exits 1 (the handler of `integrity.done` below).
  // The check starts once the server answers: on a large file it keeps a core busy for seconds.
  let answering = (): void => {};
  const serving = new Promise<void>((resolve) => (answering = resolve));
  const integrity = watchIntegrity(app, process.env, () => serving.then(() => checkIntegrityOnStart(app, process.env)));
  const store = integrity.store;
  // Data safety: a snapshot a day while the server runs (SQLite), kept with rotation. It
  // starts once the check has passed: a snapshot of an untrusted file could rotate out a good one.
  // It waits for a quiet moment (at most ten minutes), so it does not compete with requests.
  let dailyBackups: DailyBackups | null = null;
  // What the daily snapshot waits on: it starts once no request has come for a moment (safety.ts).
  const traffic = { started: 0, open: 0 };
  const answered = (): void => {
    traffic.open--;
  };
  let stopping = false;
  // Requests before the port is known get 503; the Host allowlist needs the real port.
  let handler: (req: Request, env: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const started = nodeServe({ fetch: (req, env) => handler(req, env), hostname: host, port }, (info) => {
    const shown = host.includes(':') ? `[${host}]` : host;
    log.info(
      { url: `http://${shown}:${info.port}`, database: app.target.startsWith('postgres') ? 'postgresql' : app.target },
      'listening',
    );
    process.stdout.write(`kith is running at http://${shown}:${info.port}  (Ctrl-C to stop)\n`);
  }) as Server;
  started.on('listening', () => {
    const addr = started.address();
    const p = typeof addr === 'object' && addr ? addr.port : port;
    const allowedHosts = allowedHostsFor(host, p, process.env.KITH_ALLOWED_HOSTS);
    // The built web app beside the built command line: dist/web next to dist/cli/kith.cjs.
    const webDir = fileURLToPath(new URL('../web', import.meta.url));
    const server = createServerApp({
      store,
      clock,
      ids,
      allowedHosts,
      log,
      webDir,
      integrity: integrity.state,
      // Every import through the API snapshots the SQLite file first, as `kith import` does.
      beforeImport: async (ctx) => {
        await snapshotBeforeImport(ctx, process.env);
      },
    });
    handler = (req, env) => {
      traffic.started++;
      const res = server.fetch(req, env);
      if (res instanceof Promise) {
        traffic.open++;
        res.then(answered, answered);
      }
      return res;
    };
    answering();
  });
  started.on('error', (e: NodeJS.ErrnoException) => {
    process.stderr.write(
      `kith: cannot listen on ${host}:${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use (try --port)' : e.message}\n`,
    );
    process.exitCode = 1;
    stopping = true;
    void app.close();
  });
  /** Finishes requests in flight, then closes the database and exits with `code`; gives up after 10 s. */
  const stop = (reason: string, code = 0): void => {
    if (stopping) return;
    stopping = true;
    dailyBackups?.stop();
    log.info({ signal: reason }, 'shutting down');
    // A check still running on its worker thread (its own read-only connection) ends with the process.
    started.close(() => {
      void app.close().then(
        () => {
          log.info({}, 'stopped');
          process.exit(code);
        },
        () => process.exit(1),
      );
    });
    started.closeIdleConnections();
    setTimeout(() => {
      log.error({}, 'shutdown timed out; exiting');
      process.exit(1);
    }, 10_000).unref();
  };
  void integrity.done.then((failure) => {
    if (stopping) return;
    if (failure) {
      // The same message `kith serve` gave before it listened: what failed, and the backup to restore.
      const code = reportError(failure, false);
      log.error({ integrity: 'failed' }, 'the database failed its integrity check; stopping');
      stop('integrity check failed', code);
      return;
    }
    log.info({ integrity: 'ok' }, 'integrity check passed');
    dailyBackups = startDailyBackups(app, process.env, {
      traffic: { started: () => traffic.started, open: () => traffic.open },
      onBackup: (b) => log.info({ backup: b.name }, 'daily backup'),
      onError: (e) => log.error({ err: e.message }, 'daily backup failed'),
    });
  });
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
