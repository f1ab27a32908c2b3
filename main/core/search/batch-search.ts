import type { ScanKernel } from './scan-kernel';
import { dotRows } from './exact-scan';
import { BATCH_BLOCK_ROWS, BATCH_MAX, type IndexLayout } from './index-layout';
import { quantizeQuery } from './query-codes';
import { F32_SLACK } from './rising-floor';
import { TopK } from './top-k';

/** What a batch needs of an index that keeps every row's int8 codes. */
export interface Int8Rows {
  kernel: ScanKernel;
  buffer: ArrayBuffer;
  layout: IndexLayout;
  dims: number;
  /** Per-row int8 bound terms (quantized-index.ts). */
  s: Float32Array;
  res: Float32Array;
  qn: Float32Array;
  vectors: Float32Array;
  /** Rows whose lower bounds set each query's first floor. */
  floorRows: number;
}

/**
 * Exact top k for each of up to BATCH_MAX queries over rows below `limit`: the bounds of
 * quantized-index.ts, but the int8 rows are streamed block by block and each block is scanned
 * for every query while it is in cache, so a batch reads the rows from memory once instead of
 * once per query.
 */
export function searchBatchInt8(
  ix: Int8Rows,
  queries: readonly Float32Array[],
  k: number,
  limit: number,
): { index: number; score: number }[][] {
  const { kernel, layout, dims, s, res, qn } = ix;
  const { ptr, stride } = layout;
  const pairs = new Int32Array(ix.buffer, ptr.outb, BATCH_BLOCK_ROWS * 2);
  const rowsTo = Math.ceil(limit / 4) * 4;
  if (queries.length > BATCH_MAX) throw new Error(`at most ${BATCH_MAX} queries per batch`);
  const params = queries.map((x, b) => quantizeQuery(x, dims, new Int16Array(ix.buffer, ptr.qb + b * stride * 2, stride)));
  const bound = (i: number, p: { xn: number; fn: number }) => res[i] * p.xn + qn[i] * p.fn;
  const scanBlock = (b: number, first: number, rows: number, c0: number) => {
    const { t, xn, fn } = params[b];
    const at = first * 4;
    return kernel.scan(
      first * dims,
      ptr.qb + b * stride * 2,
      ptr.s + at,
      ptr.res + at,
      ptr.qn + at,
      rows,
      dims,
      stride,
      t,
      xn,
      fn,
      c0,
      ptr.outb,
    );
  };
  // 1. Each query's floor from the first rows, as in a single search.
  const floors = params.map((p, b) => {
    const count = scanBlock(b, 0, Math.min(rowsTo, ix.floorRows), -Infinity);
    const floor = new TopK(k);
    for (let c = 0; c < count; c++) {
      const i = pairs[2 * c];
      if (i < limit) floor.push(i, pairs[2 * c + 1] * s[i] * p.t - bound(i, p));
    }
    return floor.count >= k ? floor.threshold - F32_SLACK : -Infinity;
  });
  // 2. Block by block, every query; survivors kept with their integer dot products.
  const found: number[][] = queries.map(() => []);
  for (let first = 0; first < rowsTo; first += BATCH_BLOCK_ROWS) {
    const rows = Math.min(BATCH_BLOCK_ROWS, rowsTo - first);
    for (let b = 0; b < queries.length; b++) {
      const count = scanBlock(b, first, rows, floors[b]);
      const list = found[b];
      for (let c = 0; c < count; c++) {
        const i = pairs[2 * c] + first;
        if (i < limit) list.push(i, pairs[2 * c + 1]);
      }
    }
  }
  // 3. τ and exact rescoring per query.
  return queries.map((x, b) => {
    const p = params[b];
    const list = found[b];
    const lower = new TopK(k);
    for (let c = 0; c < list.length; c += 2) lower.push(list[c], list[c + 1] * s[list[c]] * p.t - bound(list[c], p));
    const tau = lower.threshold - 1e-9;
    const top = new TopK(k);
    for (let c = 0; c < list.length; c += 2) {
      const i = list[c];
      if (list[c + 1] * s[i] * p.t + bound(i, p) >= tau) top.push(i, dotRows(ix.vectors, dims, i, x));
    }
    return top.sorted();
  });
}
