/**
 * WebAssembly SIMD path of the kNN graph: rows quantised to int16 and scored 4 at a time by integer
 * dot products (knn-kernel.wat, dots4i16), candidate selection on those scores with a margin of
 * extra candidates, then exact rescoring in double. Each row's result is proven equal to the
 * reference's (knn-graph.ts): the quantisation error of every score is bounded (knn-quantise.ts),
 * and a row whose bound cannot rule out a candidate beyond the margin is recomputed exactly over
 * all rows.
 */
import { insertChecked, insertSorted, knnRows } from './knn-graph';
import { kernelModule } from './knn-kernel-module';
import { quantise } from './knn-quantise';

/** Extra candidates kept per row before the exact rescoring. */
export const RESCORE_MARGIN = 8;

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
            insertSorted(cs, ci, list, kc, idx, sc);
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
