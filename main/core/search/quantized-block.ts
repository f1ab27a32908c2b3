import { META_PER_ROW } from './quantize';

/** Stored quantisation of rows [first, first + count), as the bytes the store holds. */
export interface QuantizedBlock {
  first: number;
  count: number;
  /** count × strideOf(dims) int8 values. */
  q8: Uint8Array;
  /** count × (scale, residual norm, quantised norm), little-endian float32. */
  meta: Uint8Array;
}

/** Whether stored blocks hold every row once, in order, with the sizes `dims` implies. */
export function coversRows(blocks: QuantizedBlock[], n: number, stride: number): boolean {
  let next = 0;
  for (const b of blocks) {
    if (b.first !== next || b.q8.byteLength !== b.count * stride || b.meta.byteLength !== b.count * META_PER_ROW * 4) return false;
    next += b.count;
  }
  return next === n;
}
