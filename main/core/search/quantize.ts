/**
 * Int8 quantisation of unit rows for the exact pre-scan (see quantized-index.ts for the bound).
 * Row i becomes s·q with q int8 in [-127, 127], s = max|u|/127 held as float32 so the estimate
 * multiplies by exactly the stored value. meta holds, per row: s, ‖u − s·q‖ and ‖s·q‖, both
 * rounded up so float32 storage can only loosen the bound, never break it.
 */

/** Relative slack on stored bounds, covering float32 storage and double rounding. */
export const BOUND_SLACK = 1e-6;
export const META_PER_ROW = 3;

export function strideOf(dims: number): number {
  return Math.ceil(dims / 16) * 16;
}

/** Quantises `rows` unit rows starting at row `first` of `vectors` into q8/meta at row offset `at`. */
export function quantizeRows(
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
