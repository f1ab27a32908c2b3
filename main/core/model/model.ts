import { exactScan } from '../search/exact-scan';
import type { StoredModel } from '../store/vector-blocks';

/** Anything that can answer exact cosine top-k over a model's unit rows. */
export interface Searcher {
  /** Exact top k over rows below `limit` (default: all), row `exclude` (or -1) left out. */
  search(query: Float32Array, k: number, exclude: number, limit?: number): { index: number; score: number }[];
  /** Exact top k for each of several queries at once (rows below `limit`), when the searcher can share its reads. */
  searchBatch?(queries: readonly Float32Array[], k: number, limit?: number): { index: number; score: number }[][];
  /** Fills [lo, hi] intervals around every row's score below `limit`, when the searcher has a cheap pre-scan. */
  bounds?(query: Float32Array, lo: Float64Array, hi: Float64Array, limit?: number): void;
  /** Releases threads or memory the searcher holds. */
  dispose?(): void;
}

/** Reads rows of a partly loaded model into its `vectors` on demand. */
export interface RowSource {
  ensureRows(rows: Iterable<number>): void;
}

/**
 * A model in memory: words in frequency order and one row-major Float32Array of unit vectors.
 * Row i is word i and its frequency rank.
 */
export class Model {
  readonly name: string;
  readonly dims: number;
  readonly size: number;
  readonly words: string[];
  readonly vectors: Float32Array;
  readonly norms: Float32Array;
  private index?: Map<string, number>;
  private lowerIndex?: Map<string, number>;
  private scanner: Searcher;
  /** Set while `vectors` is still being read from the store (model-loader.ts). */
  private pending?: RowSource;

  /**
   * `find` resolves a word to its row (exact, then lower-case, then any case; -1 if absent).
   * The service passes a SQLite look-up so a 341k-word model needs no in-memory hash map.
   */
  constructor(
    stored: StoredModel,
    private readonly find?: (word: string) => number,
    /** Exact and lower-case look-up only (no scan over every word's case): `lookupQuick`. */
    private readonly findQuick?: (word: string) => number,
  ) {
    this.name = stored.row.name;
    this.dims = stored.row.dims;
    this.words = stored.words;
    this.size = stored.words.length;
    this.vectors = stored.vectors;
    this.norms = stored.norms;
    this.scanner = { search: (q, k, ex, limit) => exactScan(this.vectors, this.dims, q, k, ex, limit) };
  }

  /** How searches run. Only a model whose vectors are all read can search: rows not yet read are zeros. */
  get searcher(): Searcher {
    if (this.pending) throw new Error(`internal: model "${this.name}" searched before its vectors were read`);
    return this.scanner;
  }

  set searcher(s: Searcher) {
    this.scanner = s;
  }

  /** Whether every row of `vectors` holds its value (always, unless a loader is still reading). */
  get complete(): boolean {
    return this.pending === undefined;
  }

  /** Marks `vectors` as partly read: rows are read on demand through `source` until `loaded()`. */
  readLazily(source: RowSource): void {
    this.pending = source;
  }

  /** Every row is in `vectors` now. */
  loaded(): void {
    this.pending = undefined;
  }

  /** Makes rows readable in `vectors` (reads the blocks holding them if the model is still partial). */
  ensureRows(rows: Iterable<number>): void {
    this.pending?.ensureRows(rows);
  }

  /** Exact match first, then the most frequent word whose lower-case form matches. */
  lookup(word: string): number {
    if (this.find) return this.find(word);
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.size; i++) this.index.set(this.words[i], i);
    }
    const exact = this.index.get(word);
    if (exact !== undefined) return exact;
    const lower = word.toLowerCase();
    const direct = this.index.get(lower);
    if (direct !== undefined) return direct;
    if (!this.lowerIndex) {
      this.lowerIndex = new Map();
      for (let i = this.size - 1; i >= 0; i--) this.lowerIndex.set(this.words[i].toLowerCase(), i);
    }
    return this.lowerIndex.get(lower) ?? -1;
  }

  /**
   * Exact, then lower-case only: whether a typed query is a word, before reading it as an
   * expression (an any-case miss would scan every word).
   */
  lookupQuick(word: string): number {
    if (this.findQuick) return this.findQuick(word);
    const i = this.lookup(word);
    return i >= 0 && (this.words[i] === word || this.words[i] === word.toLowerCase()) ? i : -1;
  }

  row(i: number): Float32Array {
    return this.vectors.subarray(i * this.dims, (i + 1) * this.dims);
  }

  /** Exact top-k neighbours of row `i` (itself excluded), nearest first, ties by rank. */
  neighborsOf(i: number, k: number): { index: number; score: number }[] {
    return this.searcher.search(this.row(i), Math.min(k, this.size - 1), i);
  }
}
