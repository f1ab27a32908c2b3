import type { Searcher } from '../model/model';
import { dotRows } from './exact-scan';
import { KERNEL_WASM_BASE64 } from './kernel-wasm';
import { BOUND_SLACK, META_PER_ROW, quantizeRows, strideOf } from './quantize';
import { BINS, CTRL_DONE, CTRL_SEQ, type ScanKernel, type ScanLayout, scanLayout } from './scan-layout';
import { TopK } from './top-k';
import { Worker } from 'node:worker_threads';
import { workerPath } from '../workers';

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

/** Below this many rows a second thread costs more than it saves. */
const HELPER_MIN_ROWS = 50_000;

export class QuantizedIndex implements Searcher {
  readonly n: number;
  readonly stride: number;
  private readonly kernel: ScanKernel;
  private readonly layout: ScanLayout;
  private readonly query: Int8Array;
  private readonly hist: Int32Array;
  private readonly hist2: Int32Array;
  private readonly cand: Int32Array;
  private readonly ctrl: Int32Array;
  private readonly params: Float64Array;
  private helper: Worker | null = null;
  private seq = 0;

  /**
   * Uses stored quantisation when given (fast start), else quantises the rows now. With
   * `threads` (default true for large models) a helper thread scans half of the rows.
   */
  constructor(
    private readonly vectors: Float32Array,
    private readonly dims: number,
    stored?: Quantized,
    threads = true,
  ) {
    const mod = kernelModule();
    if (!mod) throw new Error('WebAssembly SIMD is not available');
    const n = (this.n = vectors.length / dims);
    this.stride = strideOf(dims);
    const layout = (this.layout = scanLayout(n, this.stride));
    const pages = Math.ceil(layout.bytes / 65536);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    this.kernel = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as ScanKernel;
    const buf = memory.buffer;
    this.query = new Int8Array(buf, layout.queryPtr, this.stride);
    this.hist = new Int32Array(buf, layout.histPtr, BINS);
    this.hist2 = new Int32Array(buf, layout.hist2Ptr, BINS);
    this.cand = new Int32Array(buf, layout.candPtr, n);
    this.ctrl = new Int32Array(buf, layout.ctrlPtr, 4);
    this.params = new Float64Array(buf, layout.paramsPtr, 4);
    const q8 = new Int8Array(buf, 0, n * this.stride);
    const meta = new Float32Array(buf, layout.metaPtr, n * META_PER_ROW);
    if (stored && stored.q8.length === q8.length && stored.meta.length === meta.length) {
      q8.set(stored.q8);
      meta.set(stored.meta);
    } else {
      quantizeRows(vectors, dims, 0, n, q8, meta);
    }
    if (threads && n >= HELPER_MIN_ROWS) this.startHelper(memory, mod);
  }

  private startHelper(memory: WebAssembly.Memory, module: WebAssembly.Module): void {
    try {
      this.helper = new Worker(workerPath('scan-worker'), { workerData: { memory, module, layout: this.layout } });
      this.helper.unref();
      this.helper.on('error', () => (this.helper = null));
      this.helper.on('exit', () => (this.helper = null));
    } catch {
      this.helper = null; // not built (plain unit tests): one thread does all rows
    }
  }

  /** Stops the helper thread; the index keeps working on one thread. */
  dispose(): void {
    if (!this.helper) return;
    Atomics.store(this.ctrl, CTRL_SEQ, -1);
    Atomics.notify(this.ctrl, CTRL_SEQ);
    void this.helper.terminate();
    this.helper = null;
  }

  private estimate(t: number, xn: number, fn: number, exclude: number): void {
    const { layout, kernel, n, stride } = this;
    this.hist.fill(0);
    if (!this.helper) {
      kernel.estimate(0, layout.queryPtr, layout.metaPtr, layout.estPtr, layout.histPtr, n, stride, t, xn, fn, exclude);
      return;
    }
    this.hist2.fill(0);
    this.params.set([t, xn, fn, exclude]);
    const seq = ++this.seq;
    Atomics.store(this.ctrl, CTRL_SEQ, seq);
    Atomics.notify(this.ctrl, CTRL_SEQ);
    const half = layout.half;
    kernel.estimate(0, layout.queryPtr, layout.metaPtr, layout.estPtr, layout.histPtr, half, stride, t, xn, fn, exclude);
    // The helper normally finishes within a millisecond of us; if it is gone, do its half here.
    while (Atomics.load(this.ctrl, CTRL_DONE) !== seq) {
      if (Atomics.wait(this.ctrl, CTRL_DONE, Atomics.load(this.ctrl, CTRL_DONE), 2000) === 'timed-out' && Atomics.load(this.ctrl, CTRL_DONE) !== seq) {
        this.dispose();
        kernel.estimate(half * stride, layout.queryPtr, layout.metaPtr + half * 12, layout.estPtr + half * 8, layout.hist2Ptr, n - half, stride, t, xn, fn, exclude - half);
        break;
      }
    }
    for (let b = 0; b < BINS; b++) this.hist[b] += this.hist2[b];
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

    this.estimate(t, xn, fn, exclude);
    // τ: the lower edge of the highest bin by which k lower bounds have been counted.
    let tau = -Infinity;
    for (let bin = BINS - 1, seen = 0; bin > 0; bin--) {
      seen += this.hist[bin];
      if (seen >= k) {
        tau = bin / 2048 - 1 - 1e-9;
        break;
      }
    }
    const { layout } = this;
    const count = this.kernel.collect(layout.metaPtr, layout.estPtr, layout.candPtr, n, tau, xn, fn, exclude);
    const top = new TopK(k);
    for (let c = 0; c < count; c++) {
      const i = this.cand[c];
      top.push(i, dotRows(this.vectors, dims, i, x));
    }
    return top.sorted();
  }
}
