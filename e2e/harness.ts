/**
 * The browser test harness: a real `kith serve` on a free port with a temporary
 * KITH_HOME, Debian's chromium (never a downloaded browser), the axe-core check,
 * and screenshots at desktop and phone width.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SECURITY_HEADERS } from '../src/server/app.js';
import { freePort } from '../test/support/postgres.js';

const ROOT = join(import.meta.dirname, '..');
const WEB = join(ROOT, 'dist', 'web');
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface KithServer {
  url: string;
  home: string;
  /** True when the server itself serves the web app (serveWebApp is wired in). */
  servesWebApp: boolean;
  stop(): Promise<void>;
}

/** Starts `kith serve` with a fresh home; resolves once /healthz answers. */
export async function startKith(): Promise<KithServer> {
  const home = mkdtempSync(join(tmpdir(), 'kith-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, KITH_HOME: home, LOG_LEVEL: 'warn', NO_COLOR: '1' };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'kith.cjs'), 'serve', '--host', '127.0.0.1', '--port', String(port)],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kith serve exited (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${url}/healthz`);
      // Writes are accepted once the start-up integrity check has passed.
      if (r.ok && ((await r.json()) as { integrity?: string }).integrity === 'ok') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`kith serve did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const asset = (readFileSync(join(WEB, 'index.html'), 'utf8').match(/\/assets\/[^"]+\.js/) ?? [])[0];
  const servesWebApp = !!asset && (await fetch(`${url}${asset}`)).ok;
  return {
    url,
    home,
    servesWebApp,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's chromium headless. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: apt-get install chromium');
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/**
 * A browser context on the server. Until the server serves dist/web itself, the
 * context answers page and asset requests from dist/web with the server's own
 * security headers (CSP included), and sends everything else to the real server.
 */
export async function newContext(
  browser: Browser,
  server: KithServer,
  viewport = { width: 1280, height: 860 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.url, viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  if (!server.servesWebApp) {
    await context.route(
      (u) => u.origin === server.url && !/^\/(api|feed|healthz|invite)(\/|$)/.test(u.pathname),
      async (route) => {
        const path = new URL(route.request().url()).pathname;
        const file = join(WEB, path);
        const served = path !== '/' && extname(path) !== '' && existsSync(file) ? file : join(WEB, 'index.html');
        await route.fulfill({
          status: 200,
          headers: { ...SECURITY_HEADERS, 'content-type': TYPES[extname(served)] ?? 'application/octet-stream' },
          body: readFileSync(served),
        });
      },
    );
  }
  return context;
}

/** Collects CSP violations and page errors; the tests assert there are none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`csp: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  return problems;
}

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the page (injected through the DevTools protocol, which the CSP does not govern). */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: unknown,
            o: unknown,
          ): Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
          }>;
        };
      }
    ).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot into e2e/screenshots (ignored by git). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
