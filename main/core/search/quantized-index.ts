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
 * so every row's score lies in [a − b, a + b] around its cheap estimate a. The k-th best lower
 * bound τ is a floor no top-k row can fall below; only rows whose upper bound reaches τ are
 * rescored exactly, with the same arithmetic as the plain scan. The result is therefore the
 * exact answer, having read a quarter of the bytes for the scan.
 */

type Kernel = { memory: WebAssembly.Memory; dots: (m: number, q: number, out: number, rows: number, stride: number) => void };

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

export class QuantizedIndex implements Searcher {
  readonly n: number;
  readonly stride: number;
  private readonly kernel: Kernel;
  private readonly matrixPtr = 0;
  private readonly queryPtr: number;
  private readonly outPtr: number;
  private readonly meta: Float32Array;
  private readonly out: Int32Array;
  private readonly query: Int8Array;

  /** Uses stored quantisation when given (fast start), else quantises the rows now. */
  constructor(
    private readonly vectors: Float32Array,
    private readonly dims: number,
    stored?: Quantized,
  ) {
    const mod = kernelModule();
    if (!mod) throw new Error('WebAssembly SIMD is not available');
    this.n = vectors.length / dims;
    this.stride = strideOf(dims);
    this.queryPtr = this.n * this.stride;
    this.outPtr = (this.queryPtr + this.stride + 15) & ~15;
    const bytes = this.outPtr + this.n * 4;
    const instance = new WebAssembly.Instance(mod, {});
    const exports = instance.exports as unknown as Kernel;
    const memory = exports.memory;
    const pages = Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536;
    if (pages > 0) memory.grow(pages);
    this.kernel = exports;
    this.out = new Int32Array(memory.buffer, this.outPtr, this.n);
    this.query = new Int8Array(memory.buffer, this.queryPtr, this.stride);
    const q8 = new Int8Array(memory.buffer, 0, this.n * this.stride);
    if (stored && stored.q8.length === q8.length && stored.meta.length === this.n * META_PER_ROW) {
      q8.set(stored.q8);
      this.meta = stored.meta;
    } else {
      this.meta = new Float32Array(this.n * META_PER_ROW);
      quantizeRows(vectors, dims, 0, this.n, q8, this.meta);
    }
  }

  search(x: Float32Array, k: number, exclude: number): { index: number; score: number }[] {
    const { dims, n } = this;
    k = Math.max(1, Math.min(k, n - (exclude >= 0 ? 1 : 0)));
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
    const xNorm = Math.sqrt(xNorm2) * (1 + BOUND_SLACK);
    const fNorm = Math.sqrt(f2) * (1 + BOUND_SLACK) + 1e-7;
    this.kernel.dots(this.matrixPtr, this.queryPtr, this.outPtr, n, this.stride);

    // τ: the k-th best lower bound.
    const { out, meta } = this;
    const floor = new TopK(k);
    for (let i = 0, m = 0; i < n; i++, m += 3) {
      if (i === exclude) continue;
      const lower = meta[m] * t * out[i] - (meta[m + 1] * xNorm + meta[m + 2] * fNorm);
      if (lower > floor.threshold) floor.push(i, lower);
    }
    const tau = floor.threshold - 1e-9;

    // Rescore every row that could still reach τ.
    const top = new TopK(k);
    for (let i = 0, m = 0; i < n; i++, m += 3) {
      if (i === exclude) continue;
      const upper = meta[m] * t * out[i] + (meta[m + 1] * xNorm + meta[m + 2] * fNorm);
      if (upper >= tau) top.push(i, dotRows(this.vectors, dims, i, x));
    }
    return top.sorted();
  }
}
