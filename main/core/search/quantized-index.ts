import type { Searcher } from '../model/model';
import { dotRows } from './exact-scan';
import { KERNEL_WASM_BASE64 } from './kernel-wasm';
import { BOUND_SLACK, META_PER_ROW, quantizeRows, strideOf } from './quantize';
import { TopK } from './top-k';

/**
 * Exact cosine top-k with an int8 pre-scan.
 *
 * Each unit row u is stored as s·q (q int8, s = max|u|/127) with a known residual e = u − s·q.
 * For a unit query x quantised as t·p with residual f, the true score obeys
 *   |u·x − s·t·(q·p)| ≤ ‖e‖·‖x‖ + ‖s·q‖·‖f‖ = b,
 * so every row's score lies in [a − b, a + b] around its cheap estimate a. A histogram of the
 * lower bounds gives τ, a floor that at least k rows provably reach, so no top-k row scores
 * below it; only rows whose upper bound reaches τ are rescored exactly, with the same arithmetic
 * as the plain scan. The answer is therefore exact, having read a quarter of the bytes.
 */

type Kernel = {
  memory: WebAssembly.Memory;
  estimate: (m: number, q: number, meta: number, est: number, hist: number, rows: number, stride: number, t: number, xn: number, fn: number, exclude: number) => void;
  collect: (meta: number, est: number, cand: number, rows: number, tau: number, xn: number, fn: number, exclude: number) => number;
};

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

export interface Quantized {
  /** int8 rows, n × strideOf(dims). */
  q8: Int8Array;
  /** (scale, residual norm, quantised norm) per row. */
  meta: Float32Array;
}

const BINS = 4096;
const align = (x: number) => (x + 15) & ~15;

export class QuantizedIndex implements Searcher {
  readonly n: number;
  readonly stride: number;
  private readonly kernel: Kernel;
  // Byte offsets in the kernel's memory.
  private readonly queryPtr: number;
  private readonly metaPtr: number;
  private readonly estPtr: number;
  private readonly histPtr: number;
  private readonly candPtr: number;
  private readonly query: Int8Array;
  private readonly hist: Int32Array;
  private readonly cand: Int32Array;

  /** Uses stored quantisation when given (fast start), else quantises the rows now. */
  constructor(
    private readonly vectors: Float32Array,
    private readonly dims: number,
    stored?: Quantized,
  ) {
    const mod = kernelModule();
    if (!mod) throw new Error('WebAssembly SIMD is not available');
    const n = (this.n = vectors.length / dims);
    this.stride = strideOf(dims);
    this.queryPtr = align(n * this.stride);
    this.metaPtr = align(this.queryPtr + this.stride);
    this.estPtr = align(this.metaPtr + n * META_PER_ROW * 4);
    this.histPtr = align(this.estPtr + n * 8);
    this.candPtr = align(this.histPtr + BINS * 4);
    const bytes = this.candPtr + n * 4;
    this.kernel = new WebAssembly.Instance(mod, {}).exports as unknown as Kernel;
    const memory = this.kernel.memory;
    const pages = Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536;
    if (pages > 0) memory.grow(pages);
    const buf = memory.buffer;
    this.query = new Int8Array(buf, this.queryPtr, this.stride);
    this.hist = new Int32Array(buf, this.histPtr, BINS);
    this.cand = new Int32Array(buf, this.candPtr, n);
    const q8 = new Int8Array(buf, 0, n * this.stride);
    const meta = new Float32Array(buf, this.metaPtr, n * META_PER_ROW);
    if (stored && stored.q8.length === q8.length && stored.meta.length === meta.length) {
      q8.set(stored.q8);
      meta.set(stored.meta);
    } else {
      quantizeRows(vectors, dims, 0, n, q8, meta);
    }
  }

  search(x: Float32Array, k: number, exclude: number): { index: number; score: number }[] {
    const { dims, n } = this;
    k = Math.max(1, Math.min(k, n - (exclude >= 0 && exclude < n ? 1 : 0)));
    // Quantise the query; its residual norm enters every row's bound.
    let max = 0;
    let xNorm2 = 0;
    for (let j = 0; j < dims; j++) {
      max = Math.max(max, Math.abs(x[j]));
      xNorm2 += x[j] * x[j];
    }
    const t = max > 0 ? max / 127 : 1;
    let f2 = 0;
    this.query.fill(0);
    for (let j = 0; j < dims; j++) {
      const p = Math.max(-127, Math.min(127, Math.round(x[j] / t)));
      this.query[j] = p;
      const r = x[j] - t * p;
      f2 += r * r;
    }
    const xn = Math.sqrt(xNorm2) * (1 + BOUND_SLACK);
    const fn = Math.sqrt(f2) * (1 + BOUND_SLACK) + 1e-7;

    this.hist.fill(0);
    this.kernel.estimate(0, this.queryPtr, this.metaPtr, this.estPtr, this.histPtr, n, this.stride, t, xn, fn, exclude);
    // τ: the lower edge of the highest bin by which k lower bounds have been counted.
    let tau = -Infinity;
    for (let bin = BINS - 1, seen = 0; bin > 0; bin--) {
      seen += this.hist[bin];
      if (seen >= k) {
        tau = bin / 2048 - 1 - 1e-9;
        break;
      }
    }
    const count = this.kernel.collect(this.metaPtr, this.estPtr, this.candPtr, n, tau, xn, fn, exclude);
    const top = new TopK(k);
    for (let c = 0; c < count; c++) {
      const i = this.cand[c];
      top.push(i, dotRows(this.vectors, dims, i, x));
    }
    return top.sorted();
  }
}
