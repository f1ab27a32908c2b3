import type { Searcher } from '../model/model';
import { searchBatchInt8 } from './batch-search';
import { ChunkedScan, chunking } from './chunked-scan';
import { coarseBias, coarseBounds, coarseQuery8, coarseQueryLength } from './coarse-codes';
import { coarseKernelModule } from './coarse-kernel';
import { dotRows } from './exact-scan';
import { BATCH_MAX, indexLayout, type IndexLayout } from './index-layout';
import { META_PER_ROW, quantizeRows, strideOf } from './quantize';
import { coversRows, type QuantizedBlock } from './quantized-block';
import { quantizeQuery } from './query-codes';
import { instantiateKernel, kernelModule, type ScanKernel } from './scan-kernel';
import { F32_SLACK } from './rising-floor';
import { TopK } from './top-k';

/**
 * Exact cosine top-k with an int8 pre-scan.
 *
 * Each unit row u is stored as s·q (q int8, s = max|u|/127) with a known residual e = u − s·q.
 * For a unit query x quantised as t·p with residual f, the true score obeys
 *   |u·x − s·t·(q·p)| ≤ ‖e‖·‖x‖ + ‖s·q‖·‖f‖ = b,
 * so every row's score lies in [a − b, a + b] around its cheap estimate a.
 *
 * 1. A floor c0: the k-th best lower bound a − b among the first rows. At least k rows reach
 *    it, so the k-th best true score is at least c0.
 * 2. One WebAssembly pass over all rows keeps those whose upper bound a + b reaches c0 (in f32,
 *    with slack), with their integer dot products.
 * 3. Among those, τ = the k-th best lower bound (in f64); every row that can still reach τ is
 *    rescored exactly with the same arithmetic as the plain scan.
 * No row that belongs in the top k can be dropped at any step, so the answer is exact, having
 * read a quarter of the bytes of a plain scan.
 *
 * The floor rises during step 2 (rising-floor.ts): each thread adds the lower bounds of the rows
 * that pass in its chunks to its own top k and publishes the k-th as the new floor for the
 * chunks that follow. The k-th best of any k rows' lower bounds is a floor, so nothing changes
 * in the argument; only far fewer rows pass than with the first rows' floor alone.
 *
 * Big models (COARSE_MIN_ROWS and up) keep 4-bit codes instead of the int8 ones (derived from
 * the stored int8 codes as the index is built; coarse-codes.ts, with a bound of the same form),
 * which halves the bytes a search reads and saves the int8 copy's memory (0.26× the vectors' size).
 * There each row that passes the 4-bit test against the floor is scored exactly at once, and the
 * floor is the k-th best exact score so far (rising-floor.ts): with the 4-bit bound's slack
 * (~0.13 against ~0.013 for int8) lower bounds would leave the floor far too low. Every row of
 * the top k has an upper bound reaching any floor, so it is scored, and the answer is the top k
 * of the exact scores, the plain scan's own.
 */

/** Rows quantised at a time when nothing is stored. */
const QUANTIZE_ROWS = 4096;
/** Rows whose lower bounds set the floor c0. */
const FLOOR_ROWS = 1024;
/** Models this big keep 4-bit codes instead of int8 ones; smaller ones read little enough without. */
export const COARSE_MIN_ROWS = 500_000;
/** The 4-bit pass's query resolution (query-codes.ts) in kernel.wat; coarse-kernel.wat's int8 query has 127. */
const COARSE_QUERY_LEVELS = 4095;
/** Below this many rows a second thread costs more than it saves. */
const HELPER_MIN_ROWS = 50_000;

export class QuantizedIndex implements Searcher {
  readonly n: number;
  readonly stride: number;
  private readonly layout: IndexLayout;
  private readonly kernel: ScanKernel;
  private chunks!: ChunkedScan;
  private readonly memory: WebAssembly.Memory;
  private streaming = false;
  private streamedRows = 0;
  private readonly q16: Int16Array;
  /** Per-row int8 bound terms: every row's, or one block's with 4-bit rows. */
  private readonly s: Float32Array;
  private readonly res: Float32Array;
  private readonly qn: Float32Array;
  private readonly out: Int32Array;
  /** With 4-bit rows: their bound terms, the f32 query, and each pair's exact score. */
  private readonly coarse?: { s: Float32Array; res: Float32Array; qn: Float32Array; x: Float32Array; scores: Float64Array };
  /** The relaxed-SIMD 4-bit pass (coarse-kernel.ts) where it runs; its int8 query and the int16 one it comes from. */
  private readonly coarseModule: WebAssembly.Module | null;
  private readonly query8?: { q8: Int8Array; p: Int16Array };

  /**
   * Uses stored quantisation when given (fast start), else quantises the rows now. With
   * 'streamed' the caller hands every stored block to `addStored` and then calls `start`, so a
   * model's quantisation goes from the store into the index one block at a time.
   */
  constructor(
    private readonly vectors: Float32Array,
    private readonly dims: number,
    stored?: QuantizedBlock[] | 'streamed',
    /** Whether the index keeps 4-bit rows instead of int8 ones (default: from COARSE_MIN_ROWS rows). */
    coarse?: boolean,
    /** relaxedSimd false: the 4-bit pass of kernel.wat even where coarse-kernel.wat could run. */
    options: { relaxedSimd?: boolean } = {},
  ) {
    const mod = kernelModule();
    if (!mod) throw new Error('WebAssembly SIMD is not available');
    const n = (this.n = vectors.length / dims);
    this.stride = strideOf(dims);
    const layout = (this.layout = indexLayout(n, dims, coarse ?? n >= COARSE_MIN_ROWS));
    const { ptr, rows4, int8Rows } = layout;
    // Shared, so the helper thread scans the same rows in place.
    const pages = Math.ceil(layout.end / 65536);
    const memory = (this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }));
    this.coarseModule = layout.coarse && options.relaxedSimd !== false ? coarseKernelModule() : null;
    this.kernel = instantiateKernel(memory, mod, this.coarseModule);
    const buf = memory.buffer as ArrayBuffer;
    const f32 = (at: number, length: number) => new Float32Array(buf, at, length);
    this.q16 = new Int16Array(buf, ptr.q, layout.queryLength);
    this.s = f32(ptr.s, int8Rows);
    this.res = f32(ptr.res, int8Rows);
    this.qn = f32(ptr.qn, int8Rows);
    this.out = new Int32Array(buf, ptr.out, rows4 * 2);
    const c = layout.coarse;
    if (c) {
      const scores = new Float64Array(buf, c.scores, rows4);
      this.coarse = { s: f32(c.s, rows4), res: f32(c.res, rows4), qn: f32(c.qn, rows4), x: f32(c.x, dims), scores };
      const length = coarseQueryLength(dims);
      if (this.coarseModule) this.query8 = { q8: new Int8Array(buf, ptr.q, length), p: new Int16Array(length) };
    }
    if (stored === 'streamed') {
      this.streaming = true;
      return;
    }
    if (stored && coversRows(stored, n, this.stride)) {
      for (const block of stored) this.load(block);
    } else this.quantize(0, n);
    this.start();
  }

  /** Quantises rows [first, first + count) of the vectors (which must be in place) into the index. */
  private quantize(first: number, count: number): void {
    const q8 = new Int8Array(Math.min(QUANTIZE_ROWS, count) * this.stride);
    const meta = new Float32Array(Math.min(QUANTIZE_ROWS, count) * META_PER_ROW);
    for (let at = first; at < first + count; at += QUANTIZE_ROWS) {
      const rows = Math.min(QUANTIZE_ROWS, first + count - at);
      quantizeRows(this.vectors, this.dims, at, rows, q8, meta);
      this.load({ first: at, count: rows, q8: new Uint8Array(q8.buffer), meta: new Uint8Array(meta.buffer) });
    }
  }

  /**
   * One stored block, for an index made with 'streamed' (blocks in any order, each once). A block
   * stored without quantisation (empty q8) is quantised here from its rows of the vectors, which
   * must be in place by then.
   */
  addStored(block: QuantizedBlock): void {
    if (this.chunks) throw new Error('the index has started; blocks go in before start()');
    this.streamedRows += block.count;
    if (block.q8.byteLength === 0) this.quantize(block.first, block.count);
    else this.load(block);
  }

  /** Makes a 'streamed' index searchable once every row's block is in. */
  start(): void {
    if (this.chunks) return;
    if (this.streaming && this.streamedRows !== this.n) throw new Error(`the index holds ${this.streamedRows} of ${this.n} rows`);
    const { layout, dims, vectors } = this;
    const plan = {
      rows4: layout.rows4,
      dims,
      stride: this.stride,
      ...chunking(layout.rows4, dims),
      ptr: layout.ptr,
      coarse: layout.coarse,
    };
    // With 4-bit rows the helper scores rows exactly too, so it needs the vectors in shared memory.
    const helper = this.n >= HELPER_MIN_ROWS && (!layout.coarse || vectors.buffer instanceof SharedArrayBuffer);
    this.chunks = new ChunkedScan(this.memory, kernelModule()!, this.kernel, plan, helper, vectors, this.coarseModule);
  }

  /**
   * Copies a block into the kernel's memory: int8 rows packed `dims` bytes apart, and one array
   * per bound term, so the kernel reads four rows' values with one load each. Padding rows (up to
   * a multiple of 4) stay zero and are dropped by index in `search`. With 4-bit rows the block's
   * int8 rows only pass through (STAGE_ROWS at a time) on their way to pack4.
   */
  private load(block: QuantizedBlock): void {
    const { dims, stride, layout } = this;
    const step = layout.coarse ? layout.int8Rows : block.count;
    for (let done = 0; done < block.count; done += step) {
      const count = Math.min(step, block.count - done);
      const first = block.first + done;
      const at = layout.coarse ? 0 : first;
      const packed = new Uint8Array(this.s.buffer, 0, layout.int8Rows * dims);
      for (let r = 0; r < count; r++) packed.set(block.q8.subarray((done + r) * stride, (done + r) * stride + dims), (at + r) * dims);
      // Stored bytes need not be 4-aligned: read them through an aligned copy.
      const meta = new Float32Array(count * META_PER_ROW);
      new Uint8Array(meta.buffer).set(block.meta.subarray(done * META_PER_ROW * 4, (done + count) * META_PER_ROW * 4));
      for (let r = 0, i = at; r < count; r++, i++) {
        this.s[i] = meta[r * 3];
        this.res[i] = meta[r * 3 + 1];
        this.qn[i] = meta[r * 3 + 2];
      }
      const c = layout.coarse;
      if (c && this.coarse) {
        // 4-bit codes from the int8 ones just placed (kernel.wat's pack4), then their bound terms.
        this.kernel.pack4(0, count, dims, c.m + first * c.row, c.row, c.s + first * 4, c.res + first * 4, c.qn + first * 4);
        const view = (a: Float32Array) => a.subarray(first, first + count);
        coarseBounds(this.s, this.res, count, view(this.coarse.s), view(this.coarse.res), view(this.coarse.qn));
      }
    }
  }

  /** Resolves once the helper thread runs; searches before that simply run on one thread. */
  ready(): Promise<void> {
    return this.chunks.ready();
  }

  /** Chunks of the pre-scan the helper thread has taken so far. */
  get helperChunks(): number {
    return this.chunks.helperChunks;
  }

  /** Stops the helper thread; the index keeps working on one thread. */
  dispose(): void {
    this.chunks.dispose();
  }

  /** Quantises a query into the kernel's memory (and keeps it as f32 where rows are scored exactly). */
  private prepare(x: Float32Array): { t: number; xn: number; fn: number; bias: number } {
    const { query8 } = this;
    const p = query8?.p ?? this.q16;
    const codes = quantizeQuery(x, this.dims, p, this.coarse && !query8 ? COARSE_QUERY_LEVELS : 127);
    if (query8) coarseQuery8(p, this.dims, query8.q8);
    this.coarse?.x.set(x.subarray(0, this.dims));
    return { ...codes, bias: this.coarse ? coarseBias(p) : 0 };
  }

  /** Visits the (row, dot, pair slot) of every pair the last pre-scan kept, in row order. */
  private pairs(visit: (i: number, dot: number, p: number) => void): void {
    const { out } = this;
    const { chunkRows, chunks } = this.chunks.plan;
    // Chunk c's pairs start at its first row's place in `out`, with rows counted from there.
    for (let c = 0; c < chunks; c++) {
      const offset = c * chunkRows;
      for (let p = offset, end = p + this.chunks.count(c); p < end; p++) visit(out[2 * p] + offset, out[2 * p + 1], p);
    }
  }

  /**
   * An interval [lo, hi] around the true score x·row of every row below `limit`, from one pre-scan
   * (of the int8 rows, or the 4-bit ones): for objectives that combine several scores (3CosMul),
   * which then rescore exactly only the rows whose interval can reach their top k.
   */
  bounds(x: Float32Array, lo: Float64Array, hi: Float64Array, limit = this.n): void {
    const { t, xn, fn, bias } = this.prepare(x);
    const { s, res, qn } = this.coarse ?? { s: this.s, res: this.res, qn: this.qn };
    this.chunks.run(t, xn, fn, -Infinity, bias, { k: 0, exclude: -1, limit });
    this.pairs((i, dot) => {
      if (i >= limit) return;
      const a = dot * s[i] * t;
      const b = res[i] * xn + qn[i] * fn + F32_SLACK;
      lo[i] = a - b;
      hi[i] = a + b;
    });
  }

  /**
   * Exact top k for each of several queries over rows below `limit`. With int8 rows the rows are
   * read once per batch (batch-search.ts); 4-bit rows are scanned per query.
   */
  searchBatch(queries: readonly Float32Array[], k: number, limit = this.n): { index: number; score: number }[][] {
    limit = Math.max(0, Math.min(limit, this.n));
    k = Math.max(1, Math.min(k, limit));
    if (limit === 0) return queries.map(() => []);
    if (this.coarse) return queries.map((x) => this.search(x, k, -1, limit));
    const { kernel, layout, dims, s, res, qn, vectors } = this;
    const ix = { kernel, layout, dims, s, res, qn, vectors, buffer: this.memory.buffer as ArrayBuffer, floorRows: FLOOR_ROWS };
    const out: { index: number; score: number }[][] = [];
    for (let b = 0; b < queries.length; b += BATCH_MAX) out.push(...searchBatchInt8(ix, queries.slice(b, b + BATCH_MAX), k, limit));
    return out;
  }

  /** Exact top k of x·row over rows below `limit` (default: all), row `exclude` left out. */
  search(x: Float32Array, k: number, exclude: number, limit = this.n): { index: number; score: number }[] {
    const { n, out, s, res, qn } = this;
    limit = Math.max(0, Math.min(limit, n));
    k = Math.max(1, Math.min(k, limit - (exclude >= 0 && exclude < limit ? 1 : 0)));
    if (limit === 0) return [];
    const { t, xn, fn, bias } = this.prepare(x);
    if (this.coarse) {
      // One pass, scoring the rows that lead exactly (rising-floor.ts); then the rows it left
      // whose upper bound reaches the k-th best exact score.
      const c = this.coarse;
      const { scores } = c;
      this.chunks.run(t, xn, fn, -Infinity, bias, { k, exclude, limit });
      const top = new TopK(k);
      this.pairs((i, _dot, p) => {
        if (scores[p] > -Infinity) top.push(i, scores[p]);
      });
      this.pairs((i, dot, p) => {
        if (Number.isNaN(scores[p]) && dot * c.s[i] * t + c.res[i] * xn + c.qn[i] * fn + F32_SLACK >= top.threshold) {
          top.push(i, dotRows(this.vectors, this.dims, i, x));
        }
      });
      return top.sorted();
    }
    const bound = (i: number) => res[i] * xn + qn[i] * fn;

    // 1. Floor from the first rows (every pair comes back with c0 = −∞).
    const { q, s: sp, res: rp, qn: qp, out: op } = this.layout.ptr;
    const first = Math.min(this.layout.rows4, FLOOR_ROWS);
    const count = this.kernel.scan(0, q, sp, rp, qp, first, this.dims, this.stride, t, xn, fn, -Infinity, op);
    const floor = new TopK(k);
    for (let c = 0; c < count; c++) {
      const i = out[2 * c];
      if (i === exclude || i >= limit) continue;
      floor.push(i, out[2 * c + 1] * s[i] * t - bound(i));
    }
    const c0 = floor.count >= k ? floor.threshold - F32_SLACK : -Infinity;

    // 2. Every row whose upper bound reaches the floor, chunk by chunk on both threads.
    this.chunks.run(t, xn, fn, c0, 0, { k, exclude, limit });

    // 3. τ among the survivors, then exact rescoring of all that can reach it.
    const lower = new TopK(k);
    const keep = (i: number) => i !== exclude && i < limit;
    this.pairs((i, dot) => keep(i) && lower.push(i, dot * s[i] * t - bound(i)));
    const tau = lower.threshold - 1e-9;
    const top = new TopK(k);
    this.pairs((i, dot) => {
      if (keep(i) && dot * s[i] * t + bound(i) >= tau) top.push(i, dotRows(this.vectors, this.dims, i, x));
    });
    return top.sorted();
  }
}
