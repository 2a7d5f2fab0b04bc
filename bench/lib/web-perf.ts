/**
 * The web app's speed (issue 6's acceptance), measured in Debian's headless chromium driven by
 * Playwright, launched as the browser tests launch it (e2e/harness.ts):
 *
 * - Today: from navigation start to the agenda list (`ol.agenda` with its items) in the DOM, by a
 *   MutationObserver the page installs before any of the app's scripts run; the median over
 *   several full page loads after a warm-up one.
 * - Contacts: the virtualized list scrolled from top to bottom, one viewport per animation frame,
 *   with every page of contacts it loads on the way; the longest task the 'longtask'
 *   PerformanceObserver saw meanwhile (0 when none reached its 50 ms threshold), and, from a
 *   Chrome trace of the same scroll, the longest main-thread task's CPU time.
 * - The initial route's JavaScript: every script the browser fetched to render Today, each
 *   gzipped (default zlib level) as the server sent it, summed.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Response } from 'playwright-core';

export interface WebPerfInput {
  /** A running `kith serve` with the web app. */
  url: string;
  email: string;
  password: string;
  /** Timed page loads of Today (after one warm-up). */
  loads: number;
}

export interface WebPerfResult {
  todayMs: number[];
  /** Agenda items Today showed. */
  todayItems: number;
  initialJsGzipBytes: number;
  initialJsFiles: string[];
  /** The longest long task while scrolling the contact list (0: none over 50 ms). */
  scrollLongestTaskMs: number;
  scrollLongTasks: number[];
  /** The longest main-thread task's CPU time meanwhile (from a trace; null without one). */
  scrollLongestTaskCpuMs: number | null;
  /** Rows the list held at the bottom, and the scroll's wall time. */
  scrollRows: number;
  scrollMs: number;
}

/** Installed before the app's scripts: notes when the agenda list first has an item. */
const WATCH_TODAY = `(() => {
  const seen = () => document.querySelector('ol.agenda > li');
  new MutationObserver((_, obs) => {
    if (window.__kithTodayAt === undefined && seen()) {
      window.__kithTodayAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

/**
 * Runs in the page (a string: the bench compiles without the DOM's types): one viewport per
 * frame; at the bottom, waits while the count says more pages can load ("N+ people").
 */
const SCROLL_TO_END = `(async () => {
  const longTasks = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  obs.observe({ type: 'longtask' });
  const el = document.querySelector('.list-viewport');
  if (!el) throw new Error('no .list-viewport on /contacts');
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const t0 = performance.now();
  let stillSince = 0;
  while (performance.now() - t0 < 120000) {
    el.scrollTop += el.clientHeight;
    await frame();
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
    // the count reads "N+ people" while more pages can load
    const more = /\\+/.test(document.querySelector('.page-head [aria-live]')?.textContent ?? '');
    if (!atBottom) stillSince = 0;
    else if (!stillSince) stillSince = performance.now();
    else if (!more && performance.now() - stillSince > 500) break;
  }
  const ms = performance.now() - t0;
  await frame();
  obs.disconnect();
  const shown = [...el.querySelectorAll('[data-index]')].map((r) => Number(r.dataset.index));
  return { longTasks, rows: shown.length ? Math.max(...shown) + 1 : 0, ms };
})()`;

async function todayOnce(page: Page): Promise<{ ms: number; items: number; scripts: Map<string, Promise<Buffer>> }> {
  const scripts = new Map<string, Promise<Buffer>>();
  const onResponse = (r: Response): void => {
    if (r.request().resourceType() === 'script') {
      const body = r.body();
      body.catch(() => undefined);
      scripts.set(new URL(r.url()).pathname, body);
    }
  };
  page.on('response', onResponse);
  try {
    await page.goto('/', { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (globalThis as unknown as { __kithTodayAt?: number }).__kithTodayAt, undefined, { timeout: 60_000, polling: 50 });
    const ms = (await handle.jsonValue()) as number;
    const items = await page.locator('ol.agenda > li').count();
    return { ms, items, scripts };
  } finally {
    page.off('response', onResponse);
  }
}

/** Scrolls the contact list to its very end (all pages loaded), collecting long tasks meanwhile. */
async function scrollContacts(page: Page): Promise<{ longTasks: number[]; rows: number; ms: number; cpuMax: number | null }> {
  await page.goto('/contacts', { waitUntil: 'commit' });
  await page.locator('.list-viewport .list-row').first().waitFor({ timeout: 60_000 });
  const browser = page.context().browser();
  // RunTask events with their thread time come with the disabled-by-default timeline category
  await browser?.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
  let out: { longTasks: number[]; rows: number; ms: number };
  let trace: Buffer | undefined;
  try {
    out = (await page.evaluate(SCROLL_TO_END)) as typeof out;
  } finally {
    trace = await browser?.stopTracing();
  }
  return { ...out, cpuMax: trace ? longestTaskCpuMs(trace) : null };
}

interface TraceEvent {
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The longest task on the page's main thread by CPU time (thread time), from a Chrome trace.
 * A long task is wall time: on a busy machine a 20 ms task waits for a core and becomes 100 ms.
 * The CPU time says what the app itself asked of the browser.
 */
export function longestTaskCpuMs(trace: Buffer | string): number | null {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, number[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.tdur === undefined || !mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push(e.tdur / 1000);
    byThread.set(key, list);
  }
  // the page's renderer is the busiest one
  const busiest = [...byThread.values()].sort((a, b) => b.length - a.length)[0];
  return busiest?.length ? Math.max(...busiest) : null;
}

/** Logs in through the API in a fresh context, then measures Today, the initial JS and the scroll. */
export async function measureWeb(browser: Browser, input: WebPerfInput): Promise<WebPerfResult> {
  const context = await browser.newContext({ baseURL: input.url, viewport: { width: 1280, height: 860 } });
  try {
    const login = await context.request.post('/api/v1/session', { data: { email: input.email, password: input.password } });
    if (!login.ok()) throw new Error(`login answered ${login.status()}: ${(await login.text()).slice(0, 200)}`);
    await context.addInitScript(WATCH_TODAY);
    const page = await context.newPage();
    const warm = await todayOnce(page);
    const todayMs: number[] = [];
    for (let i = 0; i < input.loads; i++) todayMs.push((await todayOnce(page)).ms);
    const files = [...warm.scripts.keys()];
    let initialJsGzipBytes = 0;
    for (const body of warm.scripts.values()) initialJsGzipBytes += gzipSync(await body).length;
    const scroll = await scrollContacts(page);
    return {
      todayMs,
      todayItems: warm.items,
      initialJsGzipBytes,
      initialJsFiles: files,
      scrollLongestTaskMs: scroll.longTasks.length ? Math.max(...scroll.longTasks) : 0,
      scrollLongTasks: scroll.longTasks,
      scrollLongestTaskCpuMs: scroll.cpuMax,
      scrollRows: scroll.rows,
      scrollMs: scroll.ms,
    };
  } finally {
    await context.close();
  }
}

