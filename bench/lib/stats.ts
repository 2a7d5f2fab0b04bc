/**
 * Order statistics for benchmark samples. Pure: the harness measures, these only summarise.
 */

/** The p-th percentile (0–100) by linear interpolation between closest ranks; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** The median (the 50th percentile). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Median with the smallest and largest run, as the tables print them: `median [min–max]`. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: samples.length };
}

/** `a / b`, or null when either side is missing or b is zero (a ratio of nothing is not a figure). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** `count` items spread evenly over a list (first and last included), for sampling query sets. */
export function spreadPick<T>(list: readonly T[], count: number): T[] {
  if (list.length <= count) return [...list];
  if (count <= 1) return list.slice(0, Math.max(0, count));
  const out: T[] = [];
  for (let k = 0; k < count; k++) out.push(list[Math.round((k * (list.length - 1)) / (count - 1))] as T);
  return out;
}

/** Three significant figures, for tables. */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x == null || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return Math.round(x).toLocaleString('en-US').replace(/,/g, ' ');
  return Number(x.toPrecision(digits)).toString();
}
