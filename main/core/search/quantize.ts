/**
 * Int8 quantisation of unit rows for the exact pre-scan (see quantized-index.ts for the bound).
 * Row i becomes s·q with q int8 in [-127, 127], s = max|u|/127 held as float32 so the estimate
 * multiplies by exactly the stored value. meta holds, per row: s, ‖u − s·q‖ and ‖s·q‖, both
 * rounded up so float32 storage can only loosen the bound, never break it.
 */

import { QUANTIZE_KERNEL_WASM_BASE64 } from './quantize-kernel-wasm';

/** Relative slack on stored bounds, covering float32 storage and double rounding. */
export const BOUND_SLACK = 1e-6;
export const META_PER_ROW = 3;

export function strideOf(dims: number): number {
  return Math.ceil(dims / 16) * 16;
}

interface QuantizeKernel {
  memory: WebAssembly.Memory;
  quantize(src: number, rows: number, dims: number, stride: number, q8: number, meta: number, slack: number, eps: number): void;
  normalize(src: number, rows: number, dims: number, norms: number): void;
  check(src: number, rows: number, dims: number): number;
}

/** Float32 values copied into the kernel per call, at most (rows are never split). */
const KERNEL_CHUNK_BYTES = 4 << 20;
let kernel: QuantizeKernel | null | undefined;

/** This thread's instance of the WebAssembly kernel; null where WebAssembly SIMD is missing. */
function quantizeKernel(): QuantizeKernel | null {
  if (kernel === undefined) {
    try {
      const mod = new WebAssembly.Module(Buffer.from(QUANTIZE_KERNEL_WASM_BASE64, 'base64'));
      kernel = new WebAssembly.Instance(mod).exports as unknown as QuantizeKernel;
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

/**
 * Quantises `rows` unit rows starting at row `first` of `vectors` into q8/meta at row offset `at`.
 * The WebAssembly kernel (quantize-kernel.wat, four to five times faster) gives exactly the
 * output of quantizeRowsPlain, which stands in where the kernel cannot load.
 */
export function quantizeRows(
  vectors: Float32Array,
  dims: number,
  first: number,
  rows: number,
  q8: Int8Array,
  meta: Float32Array,
  at = 0,
): void {
  if (runKernel(vectors, dims, first, rows, q8, meta, at, null, false) === NO_KERNEL)
    quantizeRowsPlain(vectors, dims, first, rows, q8, meta, at);
}

/** What normalizeRows returns where the WebAssembly kernel cannot load. */
export const NO_KERNEL = -2;

/**
 * Scales `rows` raw rows of `vectors` to unit length in place (their norms into `norms`, a zero
 * row left zero), as BlockBuilder's JavaScript would, to the same bits. Returns -1 when done, or
 * NO_KERNEL, doing nothing, where the WebAssembly kernel cannot load. With `check`, it first
 * looks for a row with no direction (all ±0) or a value that is not finite, and returns the first
 * such row instead, the rows from it on left raw (those before it may be done).
 */
export function normalizeRows(vectors: Float32Array, dims: number, rows: number, norms: Float32Array, check = false): number {
  return runKernel(vectors, dims, 0, rows, null, null, 0, norms, check);
}

/** Whether normalizeRows can run on this thread. */
export function hasQuantizeKernel(): boolean {
  return quantizeKernel() !== null;
}

/** Runs the kernel over the rows in chunks (copied in, results copied out); see normalizeRows for what it returns. */
function runKernel(
  vectors: Float32Array,
  dims: number,
  first: number,
  rows: number,
  q8: Int8Array | null,
  meta: Float32Array | null,
  at: number,
  norms: Float32Array | null,
  check: boolean,
): number {
  const k = quantizeKernel();
  if (!k) return NO_KERNEL;
  const stride = strideOf(dims);
  const chunk = Math.max(1, Math.floor(KERNEL_CHUNK_BYTES / (dims * 4)));
  const n0 = Math.min(chunk, rows);
  const qOff = n0 * dims * 4;
  const mOff = qOff + n0 * stride;
  const nOff = mOff + n0 * META_PER_ROW * 4;
  const need = nOff + n0 * 4;
  if (k.memory.buffer.byteLength < need) k.memory.grow(Math.ceil((need - k.memory.buffer.byteLength) / 65536));
  for (let done = 0; done < rows; done += chunk) {
    const n = Math.min(chunk, rows - done);
    const buf = k.memory.buffer;
    const from = (first + done) * dims;
    const values = new Float32Array(buf, 0, n * dims);
    values.set(vectors.subarray(from, from + n * dims));
    if (check) {
      const bad = k.check(0, n, dims);
      if (bad >= 0) return done + bad;
    }
    if (norms) {
      k.normalize(0, n, dims, nOff);
      vectors.set(values, from);
      norms.set(new Float32Array(buf, nOff, n), done);
    }
    if (!q8 || !meta) continue;
    k.quantize(0, n, dims, stride, qOff, mOff, 1 + BOUND_SLACK, 1e-7);
    q8.set(new Int8Array(buf, qOff, n * stride), (at + done) * stride);
    meta.set(new Float32Array(buf, mOff, n * META_PER_ROW), (at + done) * META_PER_ROW);
  }
  return -1;
}

/** quantizeRows in plain JavaScript. */
export function quantizeRowsPlain(
  vectors: Float32Array,
  dims: number,
  first: number,
  rows: number,
  q8: Int8Array,
  meta: Float32Array,
  at = 0,
): void {
  const stride = strideOf(dims);
  // The sign of each value straight from its float32 bits: rounding by magnitude and restoring
  // the sign with integer ops avoids a branch on the sign, which random signs mispredict half the time.
  const bits = new Int32Array(vectors.buffer, vectors.byteOffset, vectors.length);
  for (let r = 0; r < rows; r++) {
    const base = (first + r) * dims;
    const qb = (at + r) * stride;
    let max = 0;
    for (let j = 0; j < dims; j++) {
      const a = Math.abs(vectors[base + j]);
      if (a > max) max = a;
    }
    const s = Math.fround(max > 0 ? max / 127 : 1);
    // Any rounding of v·(1/s) is fine: the residual below is measured from the q actually kept.
    const inv = 1 / s;
    let err = 0;
    let dq = 0;
    for (let j = 0; j < dims; j++) {
      const v = vectors[base + j];
      // Round half away from zero (|v·inv| ≤ 127 plus rounding slack), then clamp and sign.
      let m = (Math.abs(v * inv) + 0.5) | 0;
      m = m > 127 ? 127 : m;
      const sign = bits[base + j] >> 31;
      const q = (m ^ sign) - sign;
      q8[qb + j] = q;
      const deq = s * q;
      const e = v - deq;
      err += e * e;
      dq += deq * deq;
    }
    for (let j = dims; j < stride; j++) q8[qb + j] = 0;
    const m = (at + r) * META_PER_ROW;
    meta[m] = s;
    meta[m + 1] = Math.sqrt(err) * (1 + BOUND_SLACK) + 1e-7;
    meta[m + 2] = Math.sqrt(dq) * (1 + BOUND_SLACK) + 1e-7;
  }
}
