/**
 * Child processes for the benchmark: timed runs with their peak RSS, servers that
 * print their address, and waiting for a first 200.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';

export interface TimedRun {
  ms: number;
  /** Peak resident set in MiB, from GNU time's %M; null without /usr/bin/time. */
  rssMb: number | null;
  /** CPU time (user + system) of the command and its children, from GNU time's %U and %S; null without it. */
  cpuMs: number | null;
  code: number;
  stdout: string;
  stderr: string;
}

/** True when GNU time is there to report a child's peak RSS. */
export const hasGnuTime = existsSync(TIME);

/**
 * Runs a command to completion; wall time from spawn to exit, peak RSS from GNU time.
 * GNU time wraps every command the same way (the `node -e 0` floor included), so ratios stay fair.
 */
export function runTimed(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
): TimedRun {
  const dir = mkdtempSync(join(tmpdir(), 'kith-bench-'));
  const rssFile = join(dir, 'rss');
  const [file, argv] = hasGnuTime ? [TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, argv, {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssMb: number | null = null;
  let cpuMs: number | null = null;
  try {
    // The last line (GNU time writes "Command exited with non-zero status" before it on failure).
    const [kb, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (kb !== undefined && Number.isFinite(kb) && kb > 0) rssMb = kb / 1024;
    if (user !== undefined && sys !== undefined && Number.isFinite(user + sys)) cpuMs = (user + sys) * 1000;
  } catch {
    // no GNU time, or the command could not start
  }
  rmSync(dir, { recursive: true, force: true });
  return { ms, rssMb, cpuMs, code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

/** Peak RSS (VmHWM) of a live process in MiB, from /proc; null when it is gone or /proc is absent. */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface Started {
  child: ChildProcess;
  /** The http://host:port the server printed. */
  url: string;
  stop(): Promise<void>;
  output(): string;
}

/** Spawns a server that prints `http://127.0.0.1:PORT` on stdout; resolves with that URL. */
export function startServer(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let done = false;
    const stop = (): Promise<void> =>
      new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      void stop();
      reject(new Error(`server did not print its address within ${timeoutMs} ms: ${err.slice(-500)}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /http:\/\/[\w.[\]:-]+:\d+/.exec(out);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolve({ child, url: m[0], stop, output: () => out + err });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      // pino logs a line per request: keep only the tail
      err = (err + d).slice(-20_000);
    });
    child.on('exit', (code) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${err.slice(-1000)}`));
    });
  });
}

/** Polls `url` until it answers 200; resolves with the ms since `since` (an hrtime), or rejects at the timeout. */
export async function waitFor200(
  url: string,
  since: bigint,
  timeoutMs = 120_000,
  headers: Record<string, string> = {},
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url, { headers });
      await r.arrayBuffer();
      if (r.status === 200) return Number(process.hrtime.bigint() - since) / 1e6;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * Waits until the server has finished its start-up integrity check (`/healthz` says
 * `integrity: "ok"`): until then it refuses writes, which would count as load-test errors.
 */
export async function waitForIntegrity(base: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(`${base}/healthz`);
    const body = (await r.json()) as { integrity?: string };
    if (body.integrity === 'ok' || body.integrity === undefined) return;
    if (body.integrity === 'failed') throw new Error(`${base}: the integrity check failed`);
    if (Date.now() > deadline) throw new Error(`${base}: the integrity check did not finish within ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** Runs a command and returns its stdout, throwing with its stderr when it fails (for set-up steps, not measurements). */
export function runOrThrow(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { env: env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).slice(-2000)}`);
  return r.stdout;
}
