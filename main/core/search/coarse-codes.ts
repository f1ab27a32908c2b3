/**
 * 4-bit codes for the pre-scan of big models' exact search, derived from the stored int8 codes
 * block by block while an index is built (nothing more is stored, and the int8 rows are not kept).
 * A pass over them reads half the bytes of an int8 pass; with a floor near the k-th best score
 * (coarse-search.ts) their looser bound still drops nearly every row, and exact scores sort out
 * the few that pass.
 *
 * The bound. Row u (unit) is stored as s·q + e (q int8, ‖e‖ ≤ res, from quantize.ts). Its 4-bit
 * code is q4 ≈ q·7/M in [-7, 7] (M = max |q|; any rounding will do) with scale s4 = s·M/7, and
 *   e4 = u − s4·q4 = e + (s·q − s4·q4),   so   ‖e4‖ ≤ res + ‖s·q − s4·q4‖ = res4,
 * with the second norm computed here from integer sums in float64 and both rounded up. For a
 * query quantised as t·p + f, exactly as for the int8 codes,
 *   |u·x − s4·t·(q4·p)| ≤ ‖e4‖·‖x‖ + ‖s4·q4‖·‖f‖ ≤ res4·xn + qn4·fn.
 *
 * Layout (what kernel.wat's coarse reads): `row4` bytes per row, 16 bytes per 32 dimensions; the
 * 16 bytes are eight little-endian int16 lanes of four nibbles, nibble k of lane i holding
 * dimension 8k + i of the group as q4 + 8. When the last group would hold 16 dimensions or
 * fewer it is a half group: its byte i holds dimensions i and 8 + i (low, high nibble) and its
 * last 8 bytes are zero, so the kernel does half the work there (300 dimensions: 9½ groups, not
 * 10). Dimensions past the vector's end hold 8 (q4 = 0); the query is zero there anyway.
 *
 * coarse-kernel.wat reads the same bytes against an int8 query laid out byte for byte against
 * them (coarseQuery8): 32 bytes per group, the first 16 meeting the code bytes' low nibbles, the
 * last 16 their high ones.
 */
import { BOUND_SLACK } from './quantize';

/** Bytes of one row's 4-bit codes. */
export function coarseRowBytes(dims: number): number {
  return Math.ceil(dims / 32) * 16;
}

/** Bytes of a row's whole groups: all of them but a last half group (see the layout above). */
export function coarseFullBytes(dims: number): number {
  const rest = dims % 32;
  return rest > 0 && rest <= 16 ? coarseRowBytes(dims) - 16 : coarseRowBytes(dims);
}

/** Dimensions the int16 query must cover (zero past `dims`) for the coarse pass. */
export function coarseQueryLength(dims: number): number {
  return Math.ceil(dims / 32) * 32;
}

/** kernel.wat's coarse bias for the int16 query p: 8·Σp (codes are q4 + 8). */
export function coarseBias(p: Int16Array): number {
  let sum = 0;
  for (let j = 0; j < p.length; j++) sum += p[j];
  return 8 * sum;
}

/**
 * The int8 query p (|p| ≤ 127, zero from `dims` on, coarseQueryLength(dims) values) as
 * coarse-kernel.wat reads it: for a whole group, byte 2i of its code bytes holds dimensions i
 * and 8 + i (low, high nibble) and byte 2i + 1 dimensions 16 + i and 24 + i; for a half group,
 * byte i holds i and 8 + i and bytes 8 to 15 are zero, so their query bytes are zero too.
 */
export function coarseQuery8(p: Int16Array, dims: number, q8: Int8Array): void {
  q8.fill(0);
  const fullDims = coarseFullBytes(dims) * 2;
  for (let g = 0; g < coarseQueryLength(dims); g += 32) {
    for (let i = 0; i < 8; i++) {
      if (g < fullDims) {
        q8[g + 2 * i] = p[g + i];
        q8[g + 2 * i + 1] = p[g + 16 + i];
        q8[g + 16 + 2 * i] = p[g + 8 + i];
        q8[g + 16 + 2 * i + 1] = p[g + 24 + i];
      } else {
        q8[g + i] = p[g + i];
        q8[g + 16 + i] = p[g + 8 + i];
      }
    }
  }
}

/**
 * The bound terms of `count` rows after kernel.wat's pack4 wrote its integers in their place
 * (M | Σq4² << 8 in s4, Σq·q4 in res4, Σq² in qn4): s4 = M·s/7 as float32 (any s4 is sound, the
 * residual being measured from it), res4 and qn4 as in the header. Every array starts at the
 * block's first row; s8 and res8 are the rows' int8 scale and residual norm.
 */
export function coarseBounds(
  s8: Float32Array,
  res8: Float32Array,
  count: number,
  s4: Float32Array,
  res4: Float32Array,
  qn4: Float32Array,
): void {
  const ints = (a: Float32Array) => new Int32Array(a.buffer, a.byteOffset, count);
  const [mq, qq, q88] = [ints(s4), ints(res4), ints(qn4)];
  for (let i = 0; i < count; i++) {
    const max = mq[i] & 255;
    const q44 = mq[i] >> 8;
    const s = s8[i];
    const scale = Math.fround((s * max) / 7);
    // ‖s·q − s4·q4‖² = s²·Σq² − 2·s·s4·Σq·q4 + s4²·Σq4²: exact integer sums, then float64 whose
    // rounding (terms of size ≤ ~1, error ~1e-15) the 1e-12 covers before the square root.
    const d2 = s * s * q88[i] - 2 * s * scale * qq[i] + scale * scale * q44;
    res4[i] = (res8[i] + Math.sqrt(Math.max(0, d2) + 1e-12)) * (1 + BOUND_SLACK) + 1e-7;
    qn4[i] = Math.sqrt(scale * scale * q44) * (1 + BOUND_SLACK) + 1e-7;
    s4[i] = scale;
  }
}
