/**
 * Int16 quantisation of unit rows for the SIMD kernel, with the per-row error bound that lets a
 * result found on integer scores be proven equal to the exact one (knn-rows-wasm.ts,
 * knn-symmetric.ts).
 */

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
