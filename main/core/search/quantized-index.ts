import type { Searcher } from '../model/model';
import { dotRows } from './exact-scan';
import { KERNEL_WASM_BASE64 } from './kernel-wasm';
import { BOUND_SLACK, META_PER_ROW, quantizeRows, strideOf } from './quantize';
import { CONTROL_BYTES, ChunkedScan, type ScanKernel, chunking } from './chunked-scan';
import { coarseBias, coarseBounds, coarseFullBytes, coarseQueryLength, coarseRowBytes } from './coarse-codes';
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
 * Big models (COARSE_MIN_ROWS and up) also keep 4-bit codes derived from the int8 ones when the
 * index is built (coarse-codes.ts, with a bound of the same form), and step 2 reads those
 * first: each chunk is tested against c0 with the 4-bit bound, and only rows that pass it are
 * tested with the int8 bound, coming out exactly as they would from the int8 pass. Both are
 * upper bounds of the true score, so a row of the top k (whose score reaches c0) passes both.
 * With a floor near the k-th best score the 4-bit bound's slack (~0.13 against ~0.013 for
 * int8) still drops nearly every row, and a search reads an eighth of the bytes of a plain scan.
 */

type Kernel = ScanKernel;

let wasmModule: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (wasmModule === undefined) {
    try {
      wasmModule = new WebAssembly.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64'));
    } catch {
      wasmModule = null; // no WebAssembly SIMD here: callers fall back to the plain scan
    }
  }
  return wasmModule;
}

export function quantizedSearchAvailable(): boolean {
  return kernelModule() !== null;
}

/** Stored quantisation of rows [first, first + count), as the bytes the store holds. */
export interface QuantizedBlock {
  first: number;
  count: number;
  /** count × strideOf(dims) int8 values. */
  q8: Uint8Array;
  /** count × (scale, residual norm, quantised norm), little-endian float32. */
  meta: Uint8Array;
}

/** Rows quantised at a time when nothing is stored. */
const QUANTIZE_ROWS = 4096;

/** Rows whose lower bounds set the floor c0. */
const FLOOR_ROWS = 1024;
/** Models this big get the 4-bit pass in `search`; smaller ones read little enough without it. */
export const COARSE_MIN_ROWS = 500_000;
const align = (x: number) => (x + 63) & ~63;
/** Most queries one batch scans together, and the rows of one block (~200 KB of int8 at 100-d: stays in cache). */
export const BATCH_MAX = 64;
const BLOCK_ROWS = 2048;
/** Below this many rows a second thread costs more than it saves. */
const HELPER_MIN_ROWS = 50_000;

/** Whether stored blocks hold every row once, in order, with the sizes `dims` implies. */
function coversRows(blocks: QuantizedBlock[], n: number, stride: number): boolean {
  let next = 0;
  for (const b of blocks) {
    if (b.first !== next || b.q8.byteLength !== b.count * stride || b.meta.byteLength !== b.count * META_PER_ROW * 4) return false;
    next += b.count;
  }
  return next === n;
}

export class QuantizedIndex implements Searcher {
  readonly n: number;
  readonly stride: number;
  private readonly rows4: number;
  private readonly kernel: Kernel;
  private readonly ptr: { q: number; s: number; res: number; qn: number; out: number; ctrl: number; qb: number; outb: number };
  /** The 4-bit rows and their bound terms (see coarse-codes.ts), for big models. */
  private readonly coarse?: { m: number; row: number; full: number; s: number; res: number; qn: number };
  private chunks!: ChunkedScan;
  private readonly memory: WebAssembly.Memory;
  private streaming = false;
  private streamedRows = 0;
  private readonly q16: Int16Array;
  private readonly s: Float32Array;
  private readonly res: Float32Array;
  private readonly qn: Float32Array;
  private readonly out: Int32Array;

  /**
   * Uses stored quantisation when given (fast start), else quantises the rows now. With
   * 'streamed' the caller hands every stored block to `addStored` and then calls `start`, so a
   * model's quantisation goes from the store into the index one block at a time.
   */
  constructor(
    private readonly vectors: Float32Array,
    private readonly dims: number,
    stored?: QuantizedBlock[] | 'streamed',
    /** Whether `search` runs the 4-bit pass first (default: for COARSE_MIN_ROWS rows and up). */
    coarse?: boolean,
  ) {
    const mod = kernelModule();
    if (!mod) throw new Error('WebAssembly SIMD is not available');
    const n = (this.n = vectors.length / dims);
    const stride = (this.stride = strideOf(dims));
    const rows4 = (this.rows4 = Math.ceil(n / 4) * 4);
    // Rows packed `dims` bytes apart, plus one chunk of slack for the last row's last read.
    const q = align(rows4 * dims + 16);
    const withCoarse = coarse ?? n >= COARSE_MIN_ROWS;
    const queryLength = Math.max(stride, coarseQueryLength(dims));
    const s = align(q + queryLength * 2);
    const res = align(s + rows4 * 4);
    const qn = align(res + rows4 * 4);
    const out = align(qn + rows4 * 4);
    const ctrl = align(out + rows4 * 8);
    // Batched queries: their int16 vectors, and one block's pairs.
    const qb = align(ctrl + CONTROL_BYTES);
    const outb = align(qb + BATCH_MAX * stride * 2);
    this.ptr = { q, s, res, qn, out, ctrl, qb, outb };
    let end = align(outb + BLOCK_ROWS * 8);
    if (withCoarse) {
      const row = coarseRowBytes(dims);
      const m4 = end;
      const s4 = align(m4 + rows4 * row);
      const res4 = align(s4 + rows4 * 4);
      const qn4 = align(res4 + rows4 * 4);
      end = align(qn4 + rows4 * 4);
      this.coarse = { m: m4, row, full: coarseFullBytes(dims), s: s4, res: res4, qn: qn4 };
    }
    // Shared, so the helper thread scans the same rows in place.
    const pages = Math.ceil(end / 65536);
    const memory = (this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }));
    this.kernel = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as Kernel;
    const buf = memory.buffer as ArrayBuffer;
    this.q16 = new Int16Array(buf, q, queryLength);
    this.s = new Float32Array(buf, s, rows4);
    this.res = new Float32Array(buf, res, rows4);
    this.qn = new Float32Array(buf, qn, rows4);
    this.out = new Int32Array(buf, out, rows4 * 2);
    if (stored === 'streamed') {
      this.streaming = true;
      return;
    }
    if (stored && coversRows(stored, n, stride)) {
      for (const block of stored) this.load(block);
    } else {
      const q8 = new Int8Array(QUANTIZE_ROWS * stride);
      const meta = new Float32Array(QUANTIZE_ROWS * META_PER_ROW);
      for (let first = 0; first < n; first += QUANTIZE_ROWS) {
        const count = Math.min(QUANTIZE_ROWS, n - first);
        quantizeRows(vectors, dims, first, count, q8, meta);
        this.load({ first, count, q8: new Uint8Array(q8.buffer), meta: new Uint8Array(meta.buffer) });
      }
    }
    this.start();
  }

  /** One stored block, for an index made with 'streamed' (blocks in any order, each once). */
  addStored(block: QuantizedBlock): void {
    if (this.chunks) throw new Error('the index has started; blocks go in before start()');
    this.streamedRows += block.count;
    this.load(block);
  }

  /** Makes a 'streamed' index searchable once every row's block is in. */
  start(): void {
    if (this.chunks) return;
    if (this.streaming && this.streamedRows !== this.n) throw new Error(`the index holds ${this.streamedRows} of ${this.n} rows`);
    const plan = {
      rows4: this.rows4,
      dims: this.dims,
      stride: this.stride,
      ...chunking(this.rows4, this.dims),
      ptr: this.ptr,
      coarse: this.coarse,
    };
    this.chunks = new ChunkedScan(this.memory, kernelModule()!, this.kernel, plan, this.n >= HELPER_MIN_ROWS);
  }

  /**
   * Copies a block into the kernel's memory: rows packed `dims` bytes apart, and one array per
   * bound term, so the kernel reads four rows' values with one load each. Padding rows (up to a
   * multiple of 4) stay zero and are dropped by index in `search`.
   */
  private load(block: QuantizedBlock): void {
    const { dims, stride } = this;
    const packed = new Uint8Array(this.s.buffer, 0, this.rows4 * dims);
    for (let r = 0; r < block.count; r++) packed.set(block.q8.subarray(r * stride, r * stride + dims), (block.first + r) * dims);
    // Stored bytes need not be 4-aligned: read them through an aligned copy.
    const meta = new Float32Array(block.count * META_PER_ROW);
    new Uint8Array(meta.buffer).set(block.meta.subarray(0, meta.byteLength));
    for (let r = 0, i = block.first; r < block.count; r++, i++) {
      this.s[i] = meta[r * 3];
      this.res[i] = meta[r * 3 + 1];
      this.qn[i] = meta[r * 3 + 2];
    }
    const c = this.coarse;
    if (c) {
      // 4-bit codes from the int8 ones just placed (kernel.wat's pack4), then their bound terms.
      const { first, count } = block;
      this.kernel.pack4(first * dims, count, dims, c.m + first * c.row, c.row, c.s + first * 4, c.res + first * 4, c.qn + first * 4);
      const view = (at: number) => new Float32Array(this.memory.buffer as ArrayBuffer, at, this.rows4);
      coarseBounds(this.s, this.res, first, count, view(c.s), view(c.res), view(c.qn));
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

  private scan(rows: number, t: number, xn: number, fn: number, c0: number): number {
    const { ptr } = this;
    return this.kernel.scan(0, ptr.q, ptr.s, ptr.res, ptr.qn, rows, this.dims, this.stride, t, xn, fn, c0, ptr.out);
  }

  /** Quantises a query (its scale as f32, the value the kernel multiplies by) into the kernel's memory. */
  private prepare(x: Float32Array, q16 = this.q16): { t: number; xn: number; fn: number } {
    const { dims } = this;
    let max = 0;
    let xNorm2 = 0;
    for (let j = 0; j < dims; j++) {
      max = Math.max(max, Math.abs(x[j]));
      xNorm2 += x[j] * x[j];
    }
    const t = Math.fround(max > 0 ? max / 127 : 1);
    let f2 = 0;
    q16.fill(0);
    for (let j = 0; j < dims; j++) {
      const p = Math.max(-127, Math.min(127, Math.round(x[j] / t)));
      q16[j] = p;
      const r = x[j] - t * p;
      f2 += r * r;
    }
    const xn = Math.fround(Math.sqrt(xNorm2) * (1 + BOUND_SLACK));
    const fn = Math.fround(Math.sqrt(f2) * (1 + BOUND_SLACK) + 1e-7);
    return { t, xn, fn };
  }

  /**
   * An interval [lo, hi] around the true score x·row of every row below `limit`, from one pre-scan
   * of the int8 rows: for objectives that combine several scores (3CosMul), which then rescore
   * exactly only the rows whose interval can reach their top k.
   */
  bounds(x: Float32Array, lo: Float64Array, hi: Float64Array, limit = this.n): void {
    const { out, s, res, qn } = this;
    const { t, xn, fn } = this.prepare(x);
    this.chunks.run(t, xn, fn, -Infinity);
    const { chunkRows, chunks } = this.chunks.plan;
    for (let c = 0; c < chunks; c++) {
      const offset = c * chunkRows;
      for (let p = 2 * offset, end = p + 2 * this.chunks.count(c); p < end; p += 2) {
        const i = out[p] + offset;
        if (i >= limit) continue;
        const a = out[p + 1] * s[i] * t;
        const b = res[i] * xn + qn[i] * fn + F32_SLACK;
        lo[i] = a - b;
        hi[i] = a + b;
      }
    }
  }

  /**
   * Exact top k for each of several queries over rows below `limit`: the same bounds as `search`,
   * but the int8 rows are streamed block by block and each block is scanned for every query while
   * it is in cache, so a batch reads the rows from memory once instead of once per query.
   */
  searchBatch(queries: readonly Float32Array[], k: number, limit = this.n): { index: number; score: number }[][] {
    if (queries.length > BATCH_MAX) {
      const out: { index: number; score: number }[][] = [];
      for (let b = 0; b < queries.length; b += BATCH_MAX) out.push(...this.searchBatch(queries.slice(b, b + BATCH_MAX), k, limit));
      return out;
    }
    const { ptr, dims, stride, s, res, qn } = this;
    limit = Math.max(0, Math.min(limit, this.n));
    k = Math.max(1, Math.min(k, limit));
    if (limit === 0) return queries.map(() => []);
    const buf = this.s.buffer as ArrayBuffer;
    const pairs = new Int32Array(buf, ptr.outb, BLOCK_ROWS * 2);
    const rowsTo = Math.ceil(limit / 4) * 4;
    const params = queries.map((x, b) => this.prepare(x, new Int16Array(buf, ptr.qb + b * stride * 2, stride)));
    const bound = (i: number, p: { xn: number; fn: number }) => res[i] * p.xn + qn[i] * p.fn;
    const scanBlock = (b: number, first: number, rows: number, c0: number) => {
      const { t, xn, fn } = params[b];
      const q = ptr.qb + b * stride * 2;
      return this.kernel.scan(
        first * dims,
        q,
        ptr.s + first * 4,
        ptr.res + first * 4,
        ptr.qn + first * 4,
        rows,
        dims,
        stride,
        t,
        xn,
        fn,
        c0,
        ptr.outb,
      );
    };
    // 1. Each query's floor from the first rows, as in `search`.
    const floors = params.map((p, b) => {
      const count = scanBlock(b, 0, Math.min(rowsTo, FLOOR_ROWS), -Infinity);
      const floor = new TopK(k);
      for (let c = 0; c < count; c++) {
        const i = pairs[2 * c];
        if (i < limit) floor.push(i, pairs[2 * c + 1] * s[i] * p.t - bound(i, p));
      }
      return floor.count >= k ? floor.threshold - F32_SLACK : -Infinity;
    });
    // 2. Block by block, every query; survivors kept with their integer dot products.
    const found: number[][] = queries.map(() => []);
    for (let first = 0; first < rowsTo; first += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, rowsTo - first);
      for (let b = 0; b < queries.length; b++) {
        const count = scanBlock(b, first, rows, floors[b]);
        const list = found[b];
        for (let c = 0; c < count; c++) {
          const i = pairs[2 * c] + first;
          if (i < limit) list.push(i, pairs[2 * c + 1]);
        }
      }
    }
    // 3. τ and exact rescoring per query.
    return queries.map((x, b) => {
      const p = params[b];
      const list = found[b];
      const lower = new TopK(k);
      for (let c = 0; c < list.length; c += 2) lower.push(list[c], list[c + 1] * s[list[c]] * p.t - bound(list[c], p));
      const tau = lower.threshold - 1e-9;
      const top = new TopK(k);
      for (let c = 0; c < list.length; c += 2) {
        const i = list[c];
        if (list[c + 1] * s[i] * p.t + bound(i, p) >= tau) top.push(i, dotRows(this.vectors, dims, i, x));
      }
      return top.sorted();
    });
  }

  /** Exact top k of x·row over rows below `limit` (default: all), row `exclude` left out. */
  search(x: Float32Array, k: number, exclude: number, limit = this.n): { index: number; score: number }[] {
    const { n, out, s, res, qn } = this;
    limit = Math.max(0, Math.min(limit, n));
    k = Math.max(1, Math.min(k, limit - (exclude >= 0 && exclude < limit ? 1 : 0)));
    if (limit === 0) return [];
    const { t, xn, fn } = this.prepare(x);
    const bound = (i: number) => res[i] * xn + qn[i] * fn;

    // 1. Floor from the first rows (every pair comes back with c0 = −∞).
    const first = Math.min(this.rows4, FLOOR_ROWS);
    const count = this.scan(first, t, xn, fn, -Infinity);
    const floor = new TopK(k);
    for (let c = 0; c < count; c++) {
      const i = out[2 * c];
      if (i === exclude || i >= limit) continue;
      floor.push(i, out[2 * c + 1] * s[i] * t - bound(i));
    }
    const c0 = floor.count >= k ? floor.threshold - F32_SLACK : -Infinity;

    // 2. Every row whose upper bound reaches the floor, chunk by chunk on both threads (4-bit
    // bound first when there are 4-bit codes: bias = 8·Σp, see kernel.wat's scan4).
    const bias = this.coarse ? coarseBias(this.q16) : undefined;
    this.chunks.run(t, xn, fn, c0, bias, { k, exclude, limit });
    const { chunkRows, chunks } = this.chunks.plan;
    // Chunk c's pairs start at its first row's place in `out`, with rows counted from there.
    const survivors = (visit: (i: number, dot: number) => void) => {
      for (let c = 0; c < chunks; c++) {
        const offset = c * chunkRows;
        for (let p = 2 * offset, end = p + 2 * this.chunks.count(c); p < end; p += 2) {
          const i = out[p] + offset;
          if (i !== exclude && i < limit) visit(i, out[p + 1]);
        }
      }
    };

    // 3. τ among the survivors, then exact rescoring of all that can reach it.
    const lower = new TopK(k);
    survivors((i, dot) => lower.push(i, dot * s[i] * t - bound(i)));
    const tau = lower.threshold - 1e-9;
    const top = new TopK(k);
    survivors((i, dot) => {
      if (dot * s[i] * t + bound(i) >= tau) top.push(i, dotRows(this.vectors, this.dims, i, x));
    });
    return top.sorted();
  }
}
