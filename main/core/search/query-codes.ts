import { BOUND_SLACK } from './quantize';

/** A query's int8 scale and the bound factors of quantized-index.ts, as the kernel reads them. */
export interface QueryCodes {
  /** Scale t as float32 (the value the kernel multiplies by). */
  t: number;
  /** ‖x‖, rounded up. */
  xn: number;
  /** ‖f‖, the query's residual norm, rounded up. */
  fn: number;
}

/**
 * Quantises the unit query x as t·p + f into `q16` (zero past `dims`), |p| ≤ `levels`. The int8
 * pass multiplies p by int8 codes in int16 lanes, so 127 there. Against 4-bit codes (at most 15
 * after the +8 offset) p may be finer: 4095 keeps every sum of 16,000 dimensions within int32 and
 * makes the query's own share of the bound (‖s4·q4‖·‖f‖, ~0.008 at 127) thirty times smaller.
 */
export function quantizeQuery(x: Float32Array, dims: number, q16: Int16Array, levels = 127): QueryCodes {
  let max = 0;
  let xNorm2 = 0;
  for (let j = 0; j < dims; j++) {
    max = Math.max(max, Math.abs(x[j]));
    xNorm2 += x[j] * x[j];
  }
  const t = Math.fround(max > 0 ? max / levels : 1);
  let f2 = 0;
  q16.fill(0);
  for (let j = 0; j < dims; j++) {
    const p = Math.max(-levels, Math.min(levels, Math.round(x[j] / t)));
    q16[j] = p;
    const r = x[j] - t * p;
    f2 += r * r;
  }
  const xn = Math.fround(Math.sqrt(xNorm2) * (1 + BOUND_SLACK));
  const fn = Math.fround(Math.sqrt(f2) * (1 + BOUND_SLACK) + 1e-7);
  return { t, xn, fn };
}
