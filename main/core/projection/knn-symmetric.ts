/**
 * The whole exact kNN graph of a view, each pair scored once: the rows are cut into blocks and
 * only the tiles on and above the diagonal are computed, every score feeding both rows' lists.
 * Phase 1 (`collectCandidates`) runs one share of the tiles (threads split them round-robin) and
 * keeps, per row, the best `kc` integer scores it saw; phase 2 (`finishRows`) merges the shares
 * of a range of rows, rescores them exactly in double and proves each row equal to the reference
 * (see knn-quantise.ts), recomputing a row exactly when the proof fails.
 */
import { insertChecked, type KnnResult, knnRows, toKnnResult } from './knn-graph';
import { kernelModule } from './knn-kernel-module';
import { quantise, type Quantised } from './knn-quantise';
import { knnRescans, RESCORE_MARGIN } from './knn-rows-wasm';

/** Rows per block: a block of candidates (512 × dims int16) stays in the core's cache. */
const BLOCK = 512;
const NONE = -2147483648;

/** Per-row candidate lists of one share: n × kc integer scores and indices, each a min-heap (worst at the root). */
export interface CandidateLists {
  scores: Int32Array;
  idxs: Int32Array;
}

export function candidateListsSize(n: number, k: number): number {
  return n * listLength(n, k);
}

export function listLength(n: number, k: number): number {
  return Math.min(n - 1, k + RESCORE_MARGIN);
}

/** Inserts (idx, sc) into the list at base (desc score, asc idx), when it belongs there. */
function insertInt(scores: Int32Array, idxs: Int32Array, base: number, kc: number, idx: number, sc: number): void {
  const last = base + kc - 1;
  if (sc < scores[last] || (sc === scores[last] && idx > idxs[last])) return;
  let p = last;
  while (p > base && (scores[p - 1] < sc || (scores[p - 1] === sc && idxs[p - 1] > idx))) {
    scores[p] = scores[p - 1];
    idxs[p] = idxs[p - 1];
    p--;
  }
  scores[p] = sc;
  idxs[p] = idx;
}

/**
 * Offers (idx, sc) to the list at base kept as a binary min-heap, worst (lowest score, then
 * highest index) at the root: O(log kc) per entry where a sorted insertion shifts half the list,
 * and phase 1 inserts hundreds of candidates per row. Returns the root's score (the new bar).
 */
function offerHeap(scores: Int32Array, idxs: Int32Array, base: number, kc: number, idx: number, sc: number): number {
  const rs = scores[base];
  if (sc < rs || (sc === rs && idx > idxs[base])) return rs;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= kc) break;
    let cs = scores[base + child];
    let ci = idxs[base + child];
    if (child + 1 < kc) {
      const s2 = scores[base + child + 1];
      const i2 = idxs[base + child + 1];
      if (s2 < cs || (s2 === cs && i2 > ci)) {
        child++;
        cs = s2;
        ci = i2;
      }
    }
    if (sc < cs || (sc === cs && idx > ci)) break;
    scores[base + i] = cs;
    idxs[base + i] = ci;
    i = child;
  }
  scores[base + i] = sc;
  idxs[base + i] = idx;
  return scores[base];
}

/**
 * Reorders row-major int16 rows (stride a multiple of 8) into groups of 4 rows, chunk t (8 values)
 * of row r of a group at group * 4 * stride + (t * 4 + r) * 8: the layout tile4i16 reads. A
 * group starts where its first row started, so row addresses of group starts are unchanged.
 */
function packGroups(heap: Int16Array, rows: number, stride: number): void {
  const group = new Int16Array(4 * stride);
  for (let g = 0; g < rows; g += 4) {
    const base = g * stride;
    group.set(heap.subarray(base, base + 4 * stride));
    for (let r = 0; r < 4; r++) {
      for (let t = 0; t < stride; t += 8) {
        const to = base + t * 4 + r * 8;
        const from = r * stride + t;
        for (let u = 0; u < 8; u++) heap[to + u] = group[from + u];
      }
    }
  }
}

/** Tiles (I, J ≥ I) of a view of n rows, numbered row by row; share `part` of `parts` takes every parts-th. */
export function tileCount(n: number): number {
  const b = Math.ceil(n / BLOCK);
  return (b * (b + 1)) / 2;
}

/**
 * Phase 1 for share `part` of `parts`: fills `lists` (all n rows) with the best kc candidates
 * among the pairs of this share's tiles. `onTiles(done)` is called after every tile; returning
 * false stops early (the lists are then incomplete).
 */
export function collectCandidates(
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  part: number,
  parts: number,
  lists: CandidateLists,
  onTiles?: (done: number, total: number) => boolean,
): Quantised {
  const mod = kernelModule();
  if (!mod) throw new Error('WebAssembly SIMD is not available.');
  const kc = listLength(n, k);
  const stride = (dims + 7) & ~7;
  const blocks = Math.ceil(n / BLOCK);
  const rowsAlloc = blocks * BLOCK + 4;
  const matBytes = (rowsAlloc * stride * 2 + 15) & ~15;
  const thrPtr = matBytes;
  const outPtr = thrPtr + rowsAlloc * 4;
  const hitsPtr = outPtr + 4 * BLOCK * 4;
  const total = hitsPtr + 4 * BLOCK * 4 + 64;
  const instance = new WebAssembly.Instance(mod, {});
  const mem = instance.exports.memory as WebAssembly.Memory;
  const need = Math.ceil(total / 65536) - mem.buffer.byteLength / 65536;
  if (need > 0) mem.grow(need);
  const tile4 = instance.exports.tile4i16 as (
    a: number,
    b: number,
    out: number,
    cols: number,
    stride: number,
    rowThr: number,
    colThr: number,
    hits: number,
  ) => number;
  const heap = new Int16Array(mem.buffer, 0, rowsAlloc * stride);
  const q = quantise(vectors, n, dims, heap, stride);
  heap.fill(0, n * stride);
  packGroups(heap, rowsAlloc, stride);
  // thr[r]: the score a candidate must reach to enter row r's list (rows past n never accept).
  const thr = new Int32Array(mem.buffer, thrPtr, rowsAlloc).fill(NONE);
  thr.fill(2147483647, n);
  const out = new Int32Array(mem.buffer, outPtr, 4 * BLOCK);
  const hits = new Int32Array(mem.buffer, hitsPtr, 4 * BLOCK);
  const { scores, idxs } = lists;
  scores.fill(NONE);
  idxs.fill(0x7fffffff);
  const totalTiles = tileCount(n);
  const mine = Math.ceil((totalTiles - part) / parts);
  let tile = 0;
  let done = 0;
  for (let bi = 0; bi < blocks; bi++) {
    for (let bj = bi; bj < blocks; bj++, tile++) {
      if (tile % parts !== part) continue;
      const i0 = bi * BLOCK;
      const j0 = bj * BLOCK;
      const iEnd = Math.min(n, i0 + BLOCK);
      const cn = Math.min(n, j0 + BLOCK) - j0;
      const cols = (cn + 3) & ~3;
      const diagonal = bi === bj;
      for (let r0 = i0; r0 < iEnd; r0 += 4) {
        // Scores come column-major: out[c * 4 + row].
        const count = tile4(r0 * stride * 2, j0 * stride * 2, outPtr, cols, stride, thrPtr + r0 * 4, thrPtr + j0 * 4, hitsPtr);
        for (let h = 0; h < count; h++) {
          const pos = hits[h];
          const qq = pos & 3;
          const c = pos >> 2;
          const r = r0 + qq;
          const col = j0 + c;
          if (c >= cn || r >= n || (diagonal && col <= r)) continue;
          const sc = out[pos];
          if (sc >= thr[r]) thr[r] = offerHeap(scores, idxs, r * kc, kc, col, sc);
          if (sc >= thr[col]) thr[col] = offerHeap(scores, idxs, col * kc, kc, r, sc);
        }
      }
      done++;
      if (onTiles && onTiles(done, mine) === false) return q;
    }
  }
  return q;
}

/**
 * Phase 2 for rows [from, to): merges the shares' candidate lists, rescores them exactly and
 * keeps the best k, each row proven equal to the reference or recomputed.
 */
export function finishRows(
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  shares: CandidateLists[],
  q: Quantised,
  from: number,
  to: number,
): { sims: Float64Array; idxs: Int32Array } {
  const kc = listLength(n, k);
  const inv2 = 1 / (q.scale * q.scale);
  const rows = to - from;
  const sims = new Float64Array(rows * k);
  const idxs = new Int32Array(rows * k);
  const ms = new Int32Array(kc);
  const mi = new Int32Array(kc);
  const exact = new Float64Array(kc);
  for (let r = from; r < to; r++) {
    ms.fill(NONE);
    mi.fill(0x7fffffff);
    for (const share of shares) {
      for (let p = r * kc; p < (r + 1) * kc; p++) {
        if (share.scores[p] === NONE && share.idxs[p] === 0x7fffffff) continue;
        insertInt(ms, mi, 0, kc, share.idxs[p], share.scores[p]);
      }
    }
    const lowest = ms[kc - 1] * inv2;
    const ra = r * dims;
    for (let p = 0; p < kc; p++) {
      const cb = mi[p] * dims;
      let sc = 0;
      for (let t = 0; t < dims; t++) sc += vectors[ra + t] * vectors[cb + t];
      exact[p] = sc;
    }
    const ob = (r - from) * k;
    sims.fill(-Infinity, ob, ob + k);
    idxs.fill(0x7fffffff, ob, ob + k);
    for (let p = 0; p < kc; p++) insertChecked(sims, idxs, ob, k, mi[p], exact[p]);
    if (kc < n - 1 && !(lowest + q.slack[r] < sims[ob + k - 1])) {
      const redo = knnRows(vectors, n, dims, k, r, r + 1);
      sims.set(redo.sims, ob);
      idxs.set(redo.idxs, ob);
      knnRescans.rows++;
    }
  }
  return { sims, idxs };
}

/** The whole graph on the calling thread, each pair scored once. */
export function symmetricKnnRows(vectors: Float32Array, n: number, dims: number, k: number): { sims: Float64Array; idxs: Int32Array } {
  const size = candidateListsSize(n, k);
  const lists = { scores: new Int32Array(size), idxs: new Int32Array(size) };
  const q = collectCandidates(vectors, n, dims, k, 0, 1, lists);
  return finishRows(vectors, n, dims, k, [lists], q, 0, n);
}

/** Exact kNN graph on the calling thread with the fastest kernel available (each pair scored once). */
export function fastKnnGraph(vectors: Float32Array, n: number, dims: number, k: number): KnnResult {
  const kk = Math.max(1, Math.min(k, n - 1));
  const { sims, idxs } = kernelModule() ? symmetricKnnRows(vectors, n, dims, kk) : knnRows(vectors, n, dims, kk, 0, n);
  return toKnnResult(sims, idxs, kk);
}
