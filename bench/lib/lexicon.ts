/**
 * Counting which terms the generated notes contain, without re-reading the text: every
 * piece of text is tokenised once (folded like kith's search index) and interned as
 * numeric ids, and each note reports the ids it used. From those counts the generator
 * picks search terms by how many notes they hit.
 */
import { tokens } from '../../src/core/text-fold.js';

/** Interned folded tokens with per-document frequency and candidate-pair co-occurrence. */
export class Lexicon {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  private readonly pieces = new Map<string, Int32Array>();
  private df = new Int32Array(1024);
  private lastDoc = new Int32Array(1024).fill(-1);
  private pairRefs: Array<number[] | undefined> = [];
  private pairDoc = new Int32Array(0);
  private pairMask = new Uint8Array(0);
  private pairHitsArr = new Int32Array(0);
  private doc = -1;
  docs = 0;

  /** The id of one folded token. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
      if (id >= this.df.length) {
        const df = new Int32Array(this.df.length * 2);
        df.set(this.df);
        this.df = df;
        const last = new Int32Array(this.lastDoc.length * 2).fill(-1);
        last.set(this.lastDoc);
        this.lastDoc = last;
      }
    }
    return id;
  }

  /** Token ids of a piece of text, cached: vocabulary entries repeat millions of times. */
  piece(text: string): Int32Array {
    let ids = this.pieces.get(text);
    if (!ids) {
      ids = Int32Array.from(tokens(text), (t) => this.intern(t));
      this.pieces.set(text, ids);
    }
    return ids;
  }

  /** Declares the two-term queries whose co-occurrence should be counted. */
  watchPairs(pairs: ReadonlyArray<readonly [string, string]>): void {
    this.pairDoc = new Int32Array(pairs.length).fill(-1);
    this.pairMask = new Uint8Array(pairs.length);
    this.pairHitsArr = new Int32Array(pairs.length);
    pairs.forEach(([a, b], p) => {
      for (const [term, side] of [
        [a, 0],
        [b, 1],
      ] as const) {
        const id = this.intern(term);
        const refs = (this.pairRefs[id] ??= []);
        refs.push(p * 2 + side);
      }
    });
  }

  /** Starts counting a new document (one touchpoint: summary plus notes). */
  beginDoc(): void {
    this.doc = this.docs++;
  }

  /** Records the tokens of a piece of the current document. */
  add(ids: Int32Array): void {
    const doc = this.doc;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      if (this.lastDoc[id] === doc) continue;
      this.lastDoc[id] = doc;
      this.df[id] = (this.df[id] ?? 0) + 1;
      const refs = this.pairRefs[id];
      if (!refs) continue;
      for (const ref of refs) {
        const p = ref >> 1;
        const bit = 1 << (ref & 1);
        if (this.pairDoc[p] !== doc) {
          this.pairDoc[p] = doc;
          this.pairMask[p] = 0;
        }
        const mask = this.pairMask[p] ?? 0;
        if ((mask & bit) === 0) {
          this.pairMask[p] = mask | bit;
          if ((mask | bit) === 3) this.pairHitsArr[p] = (this.pairHitsArr[p] ?? 0) + 1;
        }
      }
    }
  }

  /** Documents that contain a term. */
  hits(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : (this.df[id] ?? 0);
  }

  /** Documents that contain both terms of watched pair `p`. */
  pairHits(p: number): number {
    return this.pairHitsArr[p] ?? 0;
  }
}
