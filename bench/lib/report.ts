/**
 * The benchmark's outputs: bench/out/latest.json and the Markdown table printed and pasted
 * into docs/benchmarks.md. Pure: formatting only.
 */
import { fmt } from './stats.js';
import type { SizeRun, TargetResult } from './targets.js';

export interface Machine {
  cores: number;
  model: string;
  memoryGiB: number;
  node: string;
  platform: string;
  loadAverage: number[];
}

export interface BenchResults {
  format: 'kith-bench';
  version: 1;
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full' | 'custom';
  machine: Machine;
  settings: Record<string, unknown>;
  sizes: SizeRun[];
  targets: TargetResult[];
  errors: string[];
}

const scale = (n: number): string => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

function cell(run: SizeRun, key: string): string {
  const m = run.metrics[key];
  if (!m) return '';
  if (m.value == null) return m.note ? `n/a (${m.note})` : 'n/a';
  const range = m.min !== undefined && m.max !== undefined && (m.runs ?? 0) > 1 ? ` [${fmt(m.min)}–${fmt(m.max)}]` : '';
  return `${fmt(m.value)}${range}`;
}

/** The results as Markdown: machine, one row per metric with a column per size, then the targets. */
export function renderMarkdown(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(`Run ${r.startedAt} (${r.mode} mode) on ${r.machine.cores} × ${r.machine.model}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.platform}; load average at start ${r.machine.loadAverage.map((x) => x.toFixed(2)).join(' ')}.`);
  lines.push('');
  const keys: string[] = [];
  const labels = new Map<string, string>();
  for (const s of r.sizes)
    for (const [k, m] of Object.entries(s.metrics)) {
      if (!labels.has(k)) keys.push(k);
      labels.set(k, `${m.label} (${m.unit})`);
    }
  lines.push(`| metric | ${r.sizes.map((s) => `${scale(s.contacts)} contacts / ${scale(s.touchpoints)} touchpoints`).join(' | ')} |`);
  lines.push(`|---|${r.sizes.map(() => '---').join('|')}|`);
  for (const k of keys) lines.push(`| ${labels.get(k)} | ${r.sizes.map((s) => cell(s, k)).join(' | ')} |`);
  lines.push('');
  lines.push('| target | limit | measured | met | detail |');
  lines.push('|---|---|---|---|---|');
  for (const t of r.targets) {
    const met = t.met === null ? 'not judged' : t.met ? 'yes' : '**no**';
    lines.push(`| ${t.description} | ${t.comparison} ${t.limit}${t.unit === '×' ? '×' : ` ${t.unit}`} | ${fmt(t.value)}${t.value == null ? '' : t.unit === '×' ? '×' : ` ${t.unit}`} | ${met} | ${t.detail} |`);
  }
  if (r.errors.length) {
    lines.push('');
    lines.push('Errors:');
    for (const e of r.errors) lines.push(`- ${e.replace(/\s+/g, ' ').slice(0, 400)}`);
  }
  return `${lines.join('\n')}\n`;
}
