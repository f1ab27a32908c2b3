import { CONTROL_BYTES } from './chunked-scan';
import { coarseFullBytes, coarseQueryLength, coarseRowBytes } from './coarse-codes';
import { strideOf } from './quantize';

/**
 * Where a QuantizedIndex keeps everything in its one shared WebAssembly memory (byte offsets,
 * 64-byte aligned). Small models keep every row's int8 codes, packed `dims` bytes apart from 0.
 * Big models (`coarse`) keep 4-bit codes instead (coarse-codes.ts) and only one stored block's
 * int8 codes at a time, the input of pack4: a 2,000,000 × 300 model's index is then 0.38 GB
 * instead of 0.98 GB.
 */
export interface IndexLayout {
  rows4: number;
  stride: number;
  /** int8 rows at 0: all of them, or one block's with `coarse`. */
  int8Rows: number;
  /** Query length in int16 values (covers both passes). */
  queryLength: number;
  ptr: { q: number; s: number; res: number; qn: number; out: number; ctrl: number; qb: number; outb: number };
  coarse?: { m: number; row: number; full: number; s: number; res: number; qn: number; x: number; scores: number };
  /** Bytes in all. */
  end: number;
}

/** Rows of one stored block (the store writes BLOCK_ROWS = 4096): the staging size with 4-bit rows. */
export const STAGE_ROWS = 4096;
/** Most queries one batch scans together. */
export const BATCH_MAX = 64;
/** Rows of one batch block (~200 KB of int8 at 100-d: stays in cache). */
export const BATCH_BLOCK_ROWS = 2048;

const align = (x: number) => (x + 63) & ~63;

export function indexLayout(n: number, dims: number, coarse: boolean): IndexLayout {
  const stride = strideOf(dims);
  const rows4 = Math.ceil(n / 4) * 4;
  const int8Rows = coarse ? Math.min(rows4, STAGE_ROWS) : rows4;
  // Rows packed `dims` bytes apart, plus one chunk of slack for the last row's last read.
  const q = align(int8Rows * dims + 16);
  const queryLength = Math.max(stride, coarseQueryLength(dims));
  const s = align(q + queryLength * 2);
  const res = align(s + int8Rows * 4);
  const qn = align(res + int8Rows * 4);
  const out = align(qn + int8Rows * 4);
  const ctrl = align(out + rows4 * 8);
  // Batched queries (int8 rows only): their int16 vectors, and one block's pairs.
  const qb = align(ctrl + CONTROL_BYTES);
  const outb = align(qb + (coarse ? 0 : BATCH_MAX * stride * 2));
  let end = align(outb + (coarse ? 0 : BATCH_BLOCK_ROWS * 8));
  const ptr = { q, s, res, qn, out, ctrl, qb, outb };
  if (!coarse) return { rows4, stride, int8Rows, queryLength, ptr, end };
  const row = coarseRowBytes(dims);
  const m = end;
  const s4 = align(m + rows4 * row);
  const res4 = align(s4 + rows4 * 4);
  const qn4 = align(res4 + rows4 * 4);
  const x = align(qn4 + rows4 * 4);
  const scores = align(x + dims * 4);
  end = align(scores + rows4 * 8);
  return {
    rows4,
    stride,
    int8Rows,
    queryLength,
    ptr,
    coarse: { m, row, full: coarseFullBytes(dims), s: s4, res: res4, qn: qn4, x, scores },
    end,
  };
}
