/**
 * Seeded randomness for the benchmark dataset: cyrb128 turns a string into four
 * 32-bit words, which seed an sfc32 generator. Both are tiny, fast and identical on
 * every platform, so the same seed gives the same bytes everywhere.
 */

/** cyrb128 (bryc): a 128-bit non-cryptographic hash of a string, as four uint32. */
export function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A small-fast-counter (sfc32) generator with the draws the generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: readonly [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = seed;
    // The first outputs of sfc32 still show the seed's structure: discard them.
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** A generator for one named stream of a seed, e.g. `Rng.stream(seed, 'contact', 42)`. */
  static stream(seed: string, ...path: Array<string | number>): Rng {
    return new Rng(cyrb128(`${seed}\u0000${path.join('\u0000')}`));
  }

  /** Next uint32. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(list: readonly T[]): T {
    const v = list[Math.floor(this.next() * list.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A UUID-shaped id (version 4 layout) drawn from this stream. */
  uuid(): string {
    const a = hex8(this.u32());
    const b = this.u32();
    const c = this.u32();
    const d = hex8(this.u32());
    const bh = hex8(((b & 0xffff0fff) | 0x4000) >>> 0);
    const ch = hex8(((c & 0x3fffffff) | 0x80000000) >>> 0);
    return `${a}-${bh.slice(0, 4)}-${bh.slice(4)}-${ch.slice(0, 4)}-${ch.slice(4)}${d}`;
  }
}

function hex8(x: number): string {
  return x.toString(16).padStart(8, '0');
}

/** Samples indexes 0..n-1 with Zipf weights 1/(rank^s): index 0 is the most common. */
export class Zipf {
  private readonly cdf: Float64Array;

  constructor(n: number, s = 1) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      this.cdf[k] = sum;
    }
    for (let k = 0; k < n; k++) this.cdf[k] = (this.cdf[k] ?? 0) / sum;
  }

  /** Probability of index k. */
  p(k: number): number {
    return (this.cdf[k] ?? 0) - (k > 0 ? (this.cdf[k - 1] ?? 0) : 0);
  }

  /** One index. */
  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] ?? 1) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A Zipf-ranked list: draws items, most often the first. */
export class RankedList<T> {
  private readonly zipf: Zipf;
  constructor(
    readonly items: readonly T[],
    s = 1,
  ) {
    if (items.length === 0) throw new Error('empty ranked list');
    this.zipf = new Zipf(items.length, s);
  }
  draw(rng: Rng): T {
    return this.items[this.zipf.sample(rng)] as T;
  }
}

/** Picks among weighted options. */
export class Weighted<T> {
  private readonly cdf: number[] = [];
  private readonly values: T[] = [];
  constructor(options: ReadonlyArray<readonly [T, number]>) {
    let sum = 0;
    for (const [v, w] of options) {
      sum += w;
      this.values.push(v);
      this.cdf.push(sum);
    }
    for (let i = 0; i < this.cdf.length; i++) this.cdf[i] = (this.cdf[i] ?? 0) / sum;
  }
  draw(rng: Rng): T {
    const u = rng.next();
    for (let i = 0; i < this.cdf.length; i++) if (u < (this.cdf[i] ?? 1)) return this.values[i] as T;
    return this.values[this.values.length - 1] as T;
  }
}
