/**
 * The load test of issue 8 (deliverable 6): autocannon against a running `kith serve` with a
 * mixed read/write workload, as one user working through the API with a read-write token.
 *
 * Every connection loops over the same cycle of requests (MIX), each starting at its own place
 * in it; each request's contact, term or name is picked by a counter, so two runs send the same
 * requests. Each response is
 * counted by kind and status, so the harness can check afterwards that the data adds up: the
 * touchpoints and contacts written equal the 2xx POSTs that wrote them.
 */
import autocannon from 'autocannon';
import { percentile } from './stats.js';

/** One step of the cycle: what it asks, and how many times per cycle. */
export type Kind = 'agenda' | 'contacts' | 'search' | 'contact' | 'timeline' | 'touchpoint' | 'newContact' | 'capture';

/** Requests per cycle of 20: 15 reads, 5 writes, roughly a person's day at the app compressed. */
export const MIX: ReadonlyArray<readonly [Kind, number]> = [
  ['agenda', 1],
  ['contacts', 3],
  ['search', 3],
  ['contact', 5],
  ['timeline', 3],
  ['touchpoint', 3],
  ['newContact', 1],
  ['capture', 1],
];

export interface LoadInput {
  url: string;
  token: string;
  /** Contact ids to read and to log touchpoints with. */
  contactIds: string[];
  /** Full names that quick capture resolves to exactly one contact. */
  captureNames: string[];
  /** Search terms. */
  terms: string[];
  seconds: number;
  connections: number;
}

export interface KindCount {
  /** 2xx answers. */
  ok: number;
  /** Answers with any other status. */
  bad: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Socket errors, timeouts and non-2xx answers together: the figure that must be 0. */
  errors: number;
  timeouts: number;
  non2xx: number;
  byKind: Record<Kind, KindCount>;
  /** Writes sent whose answer never came (timed out, or still running when the drain gave up). */
  writesUnanswered: number;
  /** Touchpoints the 2xx answers say were written (POST touchpoints, and captures that logged one). */
  touchpointsAcked: number;
  /** The first few non-2xx answers, for the report. */
  samples: string[];
}

/** The path (and body) of the `i`-th request of a kind; `i` counts that kind's requests. */
export function requestFor(kind: Kind, i: number, input: Pick<LoadInput, 'contactIds' | 'captureNames' | 'terms'>): { method: 'GET' | 'POST'; path: string; body?: string } {
  const pick = <T>(list: readonly T[], k: number): T => {
    if (list.length === 0) throw new Error(`load test: nothing to pick for ${kind}`);
    // a stride prime to any list length below 7919 walks the whole list before repeating
    return list[(k * 7919) % list.length] as T;
  };
  const enc = encodeURIComponent;
  switch (kind) {
    case 'agenda':
      return { method: 'GET', path: '/api/v1/agenda' };
    case 'contacts':
      return { method: 'GET', path: `/api/v1/contacts?limit=50${i % 3 === 1 ? `&q=${enc(pick(input.terms, i))}` : ''}` };
    case 'search':
      return { method: 'GET', path: `/api/v1/search?q=${enc(pick(input.terms, i))}&limit=20` };
    case 'contact':
      return { method: 'GET', path: `/api/v1/contacts/${enc(pick(input.contactIds, i))}` };
    case 'timeline':
      return { method: 'GET', path: `/api/v1/contacts/${enc(pick(input.contactIds, i))}/touchpoints?limit=20` };
    case 'touchpoint':
      return {
        method: 'POST',
        path: '/api/v1/touchpoints',
        body: JSON.stringify({
          kind: (['dm', 'email', 'call', 'coffee'] as const)[i % 4],
          with: [pick(input.contactIds, i)],
          by: i % 3 === 0 ? 'them' : 'me',
          summary: `load test ${i}: talked about ${pick(input.terms, i)}`,
        }),
      };
    case 'newContact':
      return {
        method: 'POST',
        path: '/api/v1/contacts',
        body: JSON.stringify({ name: `Load Tester ${i}`, company: 'Bench GmbH', tags: ['load-test'], circle: 'network' }),
      };
    case 'capture':
      return {
        method: 'POST',
        path: '/api/v1/capture',
        body: JSON.stringify({ text: `coffee with ${pick(input.captureNames, i)} about ${pick(input.terms, i + 1)}` }),
      };
  }
}

const emptyCounts = (): Record<Kind, KindCount> =>
  Object.fromEntries(MIX.map(([k]) => [k, { ok: 0, bad: 0 }])) as Record<Kind, KindCount>;

const WRITES: ReadonlySet<Kind> = new Set(['touchpoint', 'newContact', 'capture']);
/** After the measured seconds, writes still in flight get this long to be answered. */
const DRAIN_MS = 15_000;

/**
 * Runs the mixed workload for `seconds` at `connections`; counts every answer by kind.
 *
 * When the time is up, the connections stop asking the mix and only poll /healthz until every
 * write sent has been answered, so no write is left in flight with its outcome unknown; the
 * figures (requests/s, latency) are over the mixed requests only. Latency is measured per
 * request from the moment it is set up (one request in flight per connection).
 */
export async function mixedLoad(input: LoadInput): Promise<LoadResult> {
  const byKind = emptyCounts();
  const next: Record<string, number> = {};
  const samples: string[] = [];
  const latencies: number[] = [];
  let touchpointsAcked = 0;
  let writesPending = 0;
  let measuring = true;
  let firstAt = 0;
  let lastAt = 0;
  const headers = { authorization: `Bearer ${input.token}`, 'content-type': 'application/json' };
  type Ctx = { t0?: number; kind?: Kind | null };
  const requests: autocannon.Request[] = MIX.flatMap(([kind, times]) =>
    Array.from({ length: times }, () => ({
      method: 'GET' as const,
      path: '/',
      headers,
      setupRequest: (req: autocannon.Request, context: object) => {
        const ctx = context as Ctx;
        ctx.t0 = performance.now();
        if (!measuring) {
          ctx.kind = null;
          return { ...req, method: 'GET', path: '/healthz', body: undefined };
        }
        ctx.kind = kind;
        if (WRITES.has(kind)) writesPending++;
        const i = (next[kind] = (next[kind] ?? 0) + 1);
        return { ...req, ...requestFor(kind, i, input) };
      },
      onResponse: (status: number, body: string, context: object) => {
        const ctx = context as Ctx;
        if (!ctx.kind || ctx.t0 === undefined) return;
        const k = ctx.kind;
        const now = performance.now();
        latencies.push(now - ctx.t0);
        firstAt ||= ctx.t0;
        lastAt = now;
        if (WRITES.has(k)) writesPending--;
        const ok = status >= 200 && status < 300;
        const c = byKind[k];
        if (ok) c.ok++;
        else {
          c.bad++;
          if (samples.length < 5) samples.push(`${k} ${status}: ${body.slice(0, 200)}`);
        }
        if (ok && k === 'touchpoint') touchpointsAcked++;
        if (ok && k === 'capture' && (JSON.parse(body) as { touchpoint: unknown }).touchpoint) touchpointsAcked++;
      },
    })),
  );
  // Each connection starts at its own place in the cycle, so they do not all ask for the agenda at once.
  let clients = 0;
  const setupClient = (client: autocannon.Client): void => {
    const at = clients++ % requests.length;
    client.setRequests([...requests.slice(at), ...requests.slice(0, at)]);
  };
  const run = autocannon({ url: input.url, connections: input.connections, duration: input.seconds + DRAIN_MS / 1000, requests, setupClient }) as Promise<autocannon.Result> & {
    // without a callback autocannon returns its tracker made thenable; stop() ends the run early
    stop(): void;
  };
  const started = performance.now();
  const timer = setInterval(() => {
    if (measuring && performance.now() - started >= input.seconds * 1000) measuring = false;
    if (!measuring && writesPending <= 0) run.stop();
  }, 20);
  let r: autocannon.Result;
  try {
    r = await run;
  } finally {
    clearInterval(timer);
  }
  const answered = latencies.length;
  return {
    requests: answered,
    rps: answered / Math.max(1e-3, (lastAt - firstAt) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: r.errors + r.non2xx,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    writesUnanswered: Math.max(0, writesPending),
    byKind,
    touchpointsAcked,
    samples,
  };
}
