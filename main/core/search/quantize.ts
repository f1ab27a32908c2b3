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
  for (let r = 0; r < rows; r++) {
    const base = (first + r) * dims;
    const qb = (at + r) * stride;
    let max = 0;
    for (let j = 0; j < dims; j++) {
      const a = vectors[base + j];
      if (a > max) max = a;
      else if (-a > max) max = -a;
    }
    const s = Math.fround(max > 0 ? max / 127 : 1);
    // Any rounding of v·(1/s) is fine: the residual below is measured from the q actually kept.
    const inv = 1 / s;
    let err = 0;
    let dq = 0;
    for (let j = 0; j < dims; j++) {
      const v = vectors[base + j];
      const x = v * inv;
      // Round half away from zero in integer arithmetic (|x| ≤ 127 plus rounding slack).
      let q = x >= 0 ? (x + 0.5) | 0 : -((0.5 - x) | 0);
      q = q > 127 ? 127 : q < -127 ? -127 : q;
      q8[qb + j] = q;
      const deq = s * q;
      err += (v - deq) * (v - deq);
      dq += deq * deq;
    }
    for (let j = dims; j < stride; j++) q8[qb + j] = 0;
    const m = (at + r) * META_PER_ROW;
    meta[m] = s;
    meta[m + 1] = Math.sqrt(err) * (1 + BOUND_SLACK) + 1e-7;
    meta[m + 2] = Math.sqrt(dq) * (1 + BOUND_SLACK) + 1e-7;
  }
}
