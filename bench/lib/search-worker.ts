/**
 * In-process figures on a loaded kith home, in a process of their own (so its peak RSS is its own):
 * kith's search operation against the raw FTS5 query on the same database, and the agenda.
 *   node --import tsx bench/lib/search-worker.ts '<json WorkerInput>'
 * Prints one line of JSON (WorkerOutput).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { computeAgenda } from '../../src/app/agenda.js';
import { fixedClock } from '../../src/app/ports.js';
import { search } from '../../src/app/search.js';
import { openApp } from '../../src/app/session.js';
import { tokens } from '../../src/core/text-fold.js';
import { SEARCH_TIERS, sqliteMatch } from '../../src/storage/kysely-store.js';
import { percentile, median } from './stats.js';

export interface WorkerInput {
  home: string;
  queries: string;
  today: string;
  /** Timed passes over the query set, after one untimed warm-up pass; a query's latency is its median. */
  passes: number;
  agendaRuns: number;
  /** Only the agenda (skip search). */
  agendaOnly?: boolean;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  queries: number;
}

export interface WorkerOutput {
  kith: Percentiles | null;
  kithSingle: Percentiles | null;
  fts5: Percentiles | null;
  fts5Single: Percentiles | null;
  agendaMs: number[];
  agendaItems: number;
  rssMb: number | null;
}

interface QueryFile {
  single: Array<{ terms: string[] }>;
  two: Array<{ terms: string[] }>;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

function pct(lat: number[]): Percentiles | null {
  if (lat.length === 0) return null;
  return { p50: percentile(lat, 50), p95: percentile(lat, 95), max: Math.max(...lat), queries: lat.length };
}

/** Per-query median over `passes` timed passes after a warm-up. */
async function latencies(list: string[], passes: number, run: (q: string) => Promise<unknown> | unknown): Promise<number[]> {
  for (const q of list) await run(q);
  const times: number[][] = list.map(() => []);
  for (let p = 0; p < passes; p++) {
    for (const [i, q] of list.entries()) {
      const t = now();
      await run(q);
      times[i]?.push(now() - t);
    }
  }
  return times.map((t) => median(t));
}

function selfRssMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function main(input: WorkerInput): Promise<WorkerOutput> {
  const app = await openApp({ KITH_HOME: input.home }, { clock: fixedClock(`${input.today}T12:00:00.000Z`) });
  const out: WorkerOutput = { kith: null, kithSingle: null, fts5: null, fts5Single: null, agendaMs: [], agendaItems: 0, rssMb: null };
  try {
    if (!input.agendaOnly) {
      const qf = JSON.parse(readFileSync(input.queries, 'utf8')) as QueryFile;
      const single = qf.single.map((q) => q.terms.join(' '));
      const two = qf.two.map((q) => q.terms.join(' '));
      const k1 = await latencies(single, input.passes, (q) => search(app.ctx, q, 20));
      const k2 = await latencies(two, input.passes, (q) => search(app.ctx, q, 20));
      out.kith = pct([...k1, ...k2]);
      out.kithSingle = pct(k1);

      // The same FTS5 statements kith's store runs (its ranking tiers, newest first, each stopping
      // at 20), straight on the file: no Kysely, no hydration of the hits.
      const db = new Database(join(input.home, 'kith.db'), { readonly: true });
      const tierSql = (index: string): string => `SELECT d.doc_kind, d.doc_id FROM ${index} f CROSS JOIN search_docs d ON d.id = f.rowid
          WHERE ${index} MATCH ? AND d.owner_id = ? ORDER BY f.rowid DESC LIMIT 20`;
      const inNames = db.prepare(tierSql('search_names'));
      const inAll = db.prepare(tierSql('search_fts'));
      const raw = (q: string): unknown => {
        const terms = [...new Set(tokens(q))].slice(0, 16);
        const seen = new Set<string>();
        for (const tier of SEARCH_TIERS) {
          const stmt = tier.names ? inNames : inAll;
          for (const r of stmt.all(sqliteMatch(terms, tier), app.ctx.userId) as Array<{ doc_kind: string; doc_id: string }>) {
            seen.add(`${r.doc_kind}:${r.doc_id}`);
            if (seen.size >= 20) return seen;
          }
        }
        return seen;
      };
      const r1 = await latencies(single, input.passes, raw);
      const r2 = await latencies(two, input.passes, raw);
      out.fts5 = pct([...r1, ...r2]);
      out.fts5Single = pct(r1);
      db.close();
    }
    // computeAgenda, not agenda: the latter answers repeats from its cache.
    const first = await computeAgenda(app.ctx, { on: input.today });
    out.agendaItems = first.items.length;
    for (let k = 0; k < input.agendaRuns; k++) {
      const t = now();
      await computeAgenda(app.ctx, { on: input.today });
      out.agendaMs.push(now() - t);
    }
  } finally {
    await app.close();
  }
  out.rssMb = selfRssMb();
  return out;
}

const arg = process.argv[2];
if (arg) {
  main(JSON.parse(arg) as WorkerInput).then(
    (o) => process.stdout.write(`${JSON.stringify(o)}\n`),
    (e: unknown) => {
      process.stderr.write(`search-worker: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
