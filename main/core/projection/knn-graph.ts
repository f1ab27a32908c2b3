/**
 * The exact cosine kNN graph among a view's words, UMAP's input. Rows are unit vectors, so
 * similarity is a dot product; work is done in tiles of 4 query rows × 1 candidate row so each
 * candidate value loaded serves four products, and rows can be split across worker threads
 * (knn-worker.ts) by range. Every path gives the same answer as the brute-force reference:
 * similarities accumulated in double, nearest first, ties to the lower index.
 */
import { KNN_KERNEL_WASM_BASE64 } from './knn-kernel-wasm';

export interface KnnResult {
  /** n × k neighbour indices, nearest first, self excluded. */
  indices: Int32Array;
  /** Cosine distances 1 − similarity, matching `indices`. */
  distances: Float32Array;
  k: number;
}

/** Inserts (idx, sim) into the sorted (desc sim, asc idx) list held in sims/idxs[base .. base+k). */
function insert(sims: Float64Array, idxs: Int32Array, base: number, k: number, idx: number, sim: number): void {
  let p = base + k - 1;
  while (p > base && (sims[p - 1] < sim || (sims[p - 1] === sim && idxs[p - 1] > idx))) {
    sims[p] = sims[p - 1];
    idxs[p] = idxs[p - 1];
    p--;
  }
  sims[p] = sim;
  idxs[p] = idx;
}

/**
 * Top-k neighbours of rows [from, to) among all n rows (self excluded). Returns (to − from) × k
 * similarities and indices.
 */
export function knnRows(
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  from: number,
  to: number,
): { sims: Float64Array; idxs: Int32Array } {
  const rows = to - from;
  const sims = new Float64Array(rows * k).fill(-Infinity);
  const idxs = new Int32Array(rows * k).fill(0x7fffffff);
  const v = vectors;
  const last = k - 1;
  let r = from;
  for (; r + 4 <= to; r += 4) {
    const a0 = r * dims;
    const a1 = a0 + dims;
    const a2 = a1 + dims;
    const a3 = a2 + dims;
    const b0 = (r - from) * k;
    const b1 = b0 + k;
    const b2 = b1 + k;
    const b3 = b2 + k;
    for (let c = 0; c < n; c++) {
      const cb = c * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < dims; t++) {
        const x = v[cb + t];
        s0 += v[a0 + t] * x;
        s1 += v[a1 + t] * x;
        s2 += v[a2 + t] * x;
        s3 += v[a3 + t] * x;
      }
      if (s0 >= sims[b0 + last] && c !== r) insertChecked(sims, idxs, b0, k, c, s0);
      if (s1 >= sims[b1 + last] && c !== r + 1) insertChecked(sims, idxs, b1, k, c, s1);
      if (s2 >= sims[b2 + last] && c !== r + 2) insertChecked(sims, idxs, b2, k, c, s2);
      if (s3 >= sims[b3 + last] && c !== r + 3) insertChecked(sims, idxs, b3, k, c, s3);
    }
  }
  for (; r < to; r++) {
    const a0 = r * dims;
    const b0 = (r - from) * k;
    for (let c = 0; c < n; c++) {
      if (c === r) continue;
      const cb = c * dims;
      let s0 = 0;
      for (let t = 0; t < dims; t++) s0 += v[a0 + t] * v[cb + t];
      if (s0 >= sims[b0 + last]) insertChecked(sims, idxs, b0, k, c, s0);
    }
  }
  return { sims, idxs };
}

export function insertChecked(sims: Float64Array, idxs: Int32Array, base: number, k: number, idx: number, sim: number): void {
  const lastP = base + k - 1;
  if (sim < sims[lastP] || (sim === sims[lastP] && idx > idxs[lastP])) return;
  insert(sims, idxs, base, k, idx, sim);
}

/** Packs per-row results into the KnnResult layout. */
export function toKnnResult(sims: Float64Array, idxs: Int32Array, k: number): KnnResult {
  const distances = new Float32Array(sims.length);
  for (let i = 0; i < sims.length; i++) distances[i] = Math.max(0, 1 - sims[i]);
  return { indices: idxs, distances, k };
}

/** Exact kNN graph on the calling thread. k is clamped to n − 1. */
export function exactKnnGraph(vectors: Float32Array, n: number, dims: number, k: number): KnnResult {
  const kk = Math.max(1, Math.min(k, n - 1));
  const { sims, idxs } = knnRows(vectors, n, dims, kk, 0, n);
  return toKnnResult(sims, idxs, kk);
}

/** The brute-force reference: every pair, one at a time. For tests. */
export function bruteForceKnn(vectors: Float32Array, n: number, dims: number, k: number): KnnResult {
  const kk = Math.max(1, Math.min(k, n - 1));
  const idxs = new Int32Array(n * kk);
  const sims = new Float64Array(n * kk);
  for (let i = 0; i < n; i++) {
    const all: { j: number; s: number }[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let t = 0; t < dims; t++) s += vectors[i * dims + t] * vectors[j * dims + t];
      all.push({ j, s });
    }
    all.sort((a, b) => b.s - a.s || a.j - b.j);
    for (let p = 0; p < kk; p++) {
      idxs[i * kk + p] = all[p].j;
      sims[i * kk + p] = all[p].s;
    }
  }
  return toKnnResult(sims, idxs, kk);
}

// ---------------------------------------------------------------------------------------------
// WebAssembly SIMD path: rows quantised to int16 and scored 4 at a time by integer dot products
// (knn-kernel.wat, dots4i16), candidate selection on those scores with a margin of extra
// candidates, then exact rescoring in double. Each row's result is proven equal to the
// reference's: the quantisation error of every score is bounded (see `quantise`), and a row whose
// bound cannot rule out a candidate beyond the margin is recomputed exactly over all rows.

/** Extra candidates kept per row before the exact rescoring. */
export const RESCORE_MARGIN = 8;

let wasmModule: WebAssembly.Module | null | undefined;

export function kernelModule(): WebAssembly.Module | null {
  if (wasmModule !== undefined) return wasmModule;
  try {
    wasmModule = new WebAssembly.Module(Buffer.from(KNN_KERNEL_WASM_BASE64, 'base64'));
  } catch {
    wasmModule = null; // no SIMD support: the plain path is used
  }
  return wasmModule;
}

/** True when the SIMD kernel can run here. */
export function wasmKnnAvailable(): boolean {
  return kernelModule() !== null;
}

export interface Quantised {
  /** Scores are integer dot products; similarity ≈ score / scale². */
  scale: number;
  /** Per row: how far any of its scores / scale² can be from its exact dot product with any row. */
  slack: Float64Array;
}

/**
 * Writes the rows as int16 (row i at heap[i * stride], zero-padded) with one scale for all, chosen
 * so every value fits int16 and no dot-product sum can pass 2^31 (|qa·qb| ≤ ‖qa‖‖qb‖). With
 * a = qa/s + ea: |a·b − qa·qb/s²| ≤ ‖a‖‖eb‖ + ‖ea‖‖b‖ + ‖ea‖‖eb‖, bounded per row by the
 * largest norm and error of any row.
 */
export function quantise(vectors: Float32Array, n: number, dims: number, heap: Int16Array, stride: number): Quantised {
  let maxAbs = 0;
  let maxNorm = 0;
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let t = i * dims, end = t + dims; t < end; t++) {
      const x = vectors[t];
      sq += x * x;
      const ax = x < 0 ? -x : x;
      if (ax > maxAbs) maxAbs = ax;
    }
    if (sq > maxNorm) maxNorm = sq;
  }
  maxNorm = Math.sqrt(maxNorm);
  const scale = Math.min(32767 / (maxAbs || 1), (46340 - Math.sqrt(stride) - 1) / (maxNorm || 1));
  const norm = new Float64Array(n);
  const err = new Float64Array(n);
  let maxErr = 0;
  for (let i = 0; i < n; i++) {
    let sq = 0;
    let e2 = 0;
    const o = i * stride;
    for (let t = 0; t < dims; t++) {
      const x = vectors[i * dims + t];
      const q = Math.round(x * scale);
      heap[o + t] = q;
      const e = x - q / scale;
      sq += x * x;
      e2 += e * e;
    }
    heap.fill(0, o + dims, o + stride);
    norm[i] = Math.sqrt(sq);
    err[i] = Math.sqrt(e2);
    if (err[i] > maxErr) maxErr = err[i];
  }
  const slack = new Float64Array(n);
  // 1e-9 covers the rounding of the double sums the bound is compared with.
  for (let i = 0; i < n; i++) slack[i] = norm[i] * maxErr + err[i] * maxNorm + err[i] * maxErr + 1e-9;
  return { scale, slack };
}

/** Rows recomputed over all rows because their error bound could not clear the margin (for tests and figures). */
export const knnRescans = { rows: 0 };

/**
 * Top-k of rows [from, to) among all n rows with the SIMD kernel. Same output as knnRows.
 * Cache-blocked: a block of 64 query rows meets the candidates in chunks of 4,096 rows (~800 KB),
 * so the matrix streams from memory once per 64 queries, not once per 4. Falls back to knnRows
 * when WebAssembly SIMD is unavailable.
 */
export function knnRowsWasm(
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  from: number,
  to: number,
  /** Called after every block of 64 rows with the rows done so far; returning false stops (the result is then incomplete). */
  onRows?: (done: number) => boolean,
): { sims: Float64Array; idxs: Int32Array } {
  const mod = kernelModule();
  if (!mod) return knnRows(vectors, n, dims, k, from, to);
  const stride = (dims + 7) & ~7;
  const QB = 64;
  const CHUNK = 4096;
  const matBytes = (n * stride * 2 + 15) & ~15;
  const aBytes = 4 * stride * 2;
  const outBytes = 4 * CHUNK * 4;
  const total = matBytes + aBytes + outBytes + 64;
  const instance = new WebAssembly.Instance(mod, {});
  // The module declares its own memory; grow that one instead of importing.
  const mem = instance.exports.memory as WebAssembly.Memory;
  const need = Math.ceil(total / 65536) - mem.buffer.byteLength / 65536;
  if (need > 0) mem.grow(need);
  const dots = instance.exports.dots4i16 as (a: number, b: number, out: number, cols: number, stride: number) => void;
  const aPtr = matBytes;
  const outPtr = matBytes + aBytes;
  const heap = new Int16Array(mem.buffer, 0, n * stride);
  const { scale, slack } = quantise(vectors, n, dims, heap, stride);
  const inv2 = 1 / (scale * scale);
  const out = new Int32Array(mem.buffer, outPtr, 4 * CHUNK);
  const aView = new Int16Array(mem.buffer, aPtr, 4 * stride);

  const rows = to - from;
  const kc = Math.min(n - 1, k + RESCORE_MARGIN);
  const sims = new Float64Array(rows * k);
  const idxs = new Int32Array(rows * k);
  const cs = new Float64Array(QB * kc);
  const ci = new Int32Array(QB * kc);
  for (let qb = from; qb < to; qb += QB) {
    const qn = Math.min(QB, to - qb);
    cs.fill(-Infinity);
    ci.fill(0x7fffffff);
    // Integer candidates: best kc per row by score, self excluded.
    for (let c0 = 0; c0 < n; c0 += CHUNK) {
      const cn = Math.min(CHUNK, n - c0);
      for (let g = 0; g < qn; g += 4) {
        const count = Math.min(4, qn - g);
        aView.fill(0);
        for (let q = 0; q < count; q++) aView.set(heap.subarray((qb + g + q) * stride, (qb + g + q + 1) * stride), q * stride);
        dots(aPtr, c0 * stride * 2, outPtr, cn, stride);
        for (let q = 0; q < count; q++) {
          const r = qb + g + q;
          const list = (g + q) * kc;
          const lastP = list + kc - 1;
          let thr = cs[lastP];
          const base = q * cn;
          for (let c = 0; c < cn; c++) {
            const sc = out[base + c];
            if (sc < thr) continue;
            const idx = c0 + c;
            if (idx === r) continue;
            insert(cs, ci, list, kc, idx, sc);
            thr = cs[lastP];
          }
        }
      }
    }
    // Exact rescoring in double, then the best k, then the proof that no row left out could enter.
    for (let q = 0; q < qn; q++) {
      const r = qb + q;
      const list = q * kc;
      const lowest = cs[list + kc - 1] * inv2;
      const ra = r * dims;
      for (let p = list; p < list + kc; p++) {
        const cb = ci[p] * dims;
        let sc = 0;
        for (let t = 0; t < dims; t++) sc += vectors[ra + t] * vectors[cb + t];
        cs[p] = sc;
      }
      const ob = (r - from) * k;
      sims.fill(-Infinity, ob, ob + k);
      idxs.fill(0x7fffffff, ob, ob + k);
      for (let p = list; p < list + kc; p++) insertChecked(sims, idxs, ob, k, ci[p], cs[p]);
      if (kc < n - 1 && !(lowest + slack[r] < sims[ob + k - 1])) {
        const exact = knnRows(vectors, n, dims, k, r, r + 1);
        sims.set(exact.sims, ob);
        idxs.set(exact.idxs, ob);
        knnRescans.rows++;
      }
    }
    if (onRows && qb + qn < to && onRows(qb + qn - from) === false) break;
  }
  return { sims, idxs };
}

/**
 * Calls `onRow(r, sims)` for every row r in [from, to) (or in `rows`, when given) with its float32
 * cosine similarity to all n rows (sims[r] included). For quality figures that need full
 * rankings (trustworthiness).
 */
export function forEachSimilarityRow(
  vectors: Float32Array,
  n: number,
  dims: number,
  onRow: (r: number, sims: Float32Array) => void,
  from = 0,
  to = n,
  rows?: Int32Array,
): void {
  const list = rows ?? Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const mod = kernelModule();
  if (!mod) {
    const sims = new Float32Array(n);
    for (const r of list) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let t = 0; t < dims; t++) s += vectors[r * dims + t] * vectors[c * dims + t];
        sims[c] = s;
      }
      onRow(r, sims);
    }
    return;
  }
  const stride = (dims + 3) & ~3;
  const matBytes = n * stride * 4;
  const aBytes = 4 * stride * 4;
  const total = matBytes + aBytes + 4 * n * 4 + 64;
  const instance = new WebAssembly.Instance(mod, {});
  const mem = instance.exports.memory as WebAssembly.Memory;
  const need = Math.ceil(total / 65536) - mem.buffer.byteLength / 65536;
  if (need > 0) mem.grow(need);
  const dots4 = instance.exports.dots4 as (a: number, b: number, out: number, cols: number, stride: number) => void;
  const heap = new Float32Array(mem.buffer);
  for (let i = 0; i < n; i++) heap.set(vectors.subarray(i * dims, (i + 1) * dims), i * stride);
  const aView = new Float32Array(mem.buffer, matBytes, 4 * stride);
  const out = new Float32Array(mem.buffer, matBytes + aBytes, 4 * n);
  for (let g = 0; g < list.length; g += 4) {
    const count = Math.min(4, list.length - g);
    aView.fill(0);
    for (let q = 0; q < count; q++) aView.set(heap.subarray(list[g + q] * stride, (list[g + q] + 1) * stride), q * stride);
    dots4(matBytes, 0, matBytes + aBytes, n, stride);
    for (let q = 0; q < count; q++) onRow(list[g + q], out.subarray(q * n, (q + 1) * n));
  }
}
