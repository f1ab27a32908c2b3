/**
 * The exact cosine kNN graph among a view's words, UMAP's input. Rows are unit vectors, so
 * similarity is a dot product; work is done in tiles of 4 query rows × 1 candidate row so each
 * candidate value loaded serves four products, and rows can be split across worker threads
 * (knn-worker.ts) by range; the SIMD path is knn-rows-wasm.ts. Every path gives the same answer as
 * the brute-force reference: similarities accumulated in double, nearest first, ties to the lower
 * index.
 */

export interface KnnResult {
  /** n × k neighbour indices, nearest first, self excluded. */
  indices: Int32Array;
  /** Cosine distances 1 − similarity, matching `indices`. */
  distances: Float32Array;
  k: number;
}

/** Inserts (idx, sim) into the sorted (desc sim, asc idx) list held in sims/idxs[base .. base+k). */
export function insertSorted(sims: Float64Array, idxs: Int32Array, base: number, k: number, idx: number, sim: number): void {
  let p = base + k - 1;
  while (p > base && (sims[p - 1] < sim || (sims[p - 1] === sim && idxs[p - 1] > idx))) {
    sims[p] = sims[p - 1];
    idxs[p] = idxs[p - 1];
    p--;
  }
  sims[p] = sim;
  idxs[p] = idx;
}

/**
 * Top-k neighbours of rows [from, to) among all n rows (self excluded). Returns (to − from) × k
 * similarities and indices.
 */
export function knnRows(
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  from: number,
  to: number,
): { sims: Float64Array; idxs: Int32Array } {
  const rows = to - from;
  const sims = new Float64Array(rows * k).fill(-Infinity);
  const idxs = new Int32Array(rows * k).fill(0x7fffffff);
  const v = vectors;
  const last = k - 1;
  let r = from;
  for (; r + 4 <= to; r += 4) {
    const a0 = r * dims;
    const a1 = a0 + dims;
    const a2 = a1 + dims;
    const a3 = a2 + dims;
    const b0 = (r - from) * k;
    const b1 = b0 + k;
    const b2 = b1 + k;
    const b3 = b2 + k;
    for (let c = 0; c < n; c++) {
      const cb = c * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < dims; t++) {
        const x = v[cb + t];
        s0 += v[a0 + t] * x;
        s1 += v[a1 + t] * x;
        s2 += v[a2 + t] * x;
        s3 += v[a3 + t] * x;
      }
      if (s0 >= sims[b0 + last] && c !== r) insertChecked(sims, idxs, b0, k, c, s0);
      if (s1 >= sims[b1 + last] && c !== r + 1) insertChecked(sims, idxs, b1, k, c, s1);
      if (s2 >= sims[b2 + last] && c !== r + 2) insertChecked(sims, idxs, b2, k, c, s2);
      if (s3 >= sims[b3 + last] && c !== r + 3) insertChecked(sims, idxs, b3, k, c, s3);
    }
  }
  for (; r < to; r++) {
    const a0 = r * dims;
    const b0 = (r - from) * k;
    for (let c = 0; c < n; c++) {
      if (c === r) continue;
      const cb = c * dims;
      let s0 = 0;
      for (let t = 0; t < dims; t++) s0 += v[a0 + t] * v[cb + t];
      if (s0 >= sims[b0 + last]) insertChecked(sims, idxs, b0, k, c, s0);
    }
  }
  return { sims, idxs };
}

export function insertChecked(sims: Float64Array, idxs: Int32Array, base: number, k: number, idx: number, sim: number): void {
  const lastP = base + k - 1;
  if (sim < sims[lastP] || (sim === sims[lastP] && idx > idxs[lastP])) return;
  insertSorted(sims, idxs, base, k, idx, sim);
}

/** Packs per-row results into the KnnResult layout. */
export function toKnnResult(sims: Float64Array, idxs: Int32Array, k: number): KnnResult {
  const distances = new Float32Array(sims.length);
  for (let i = 0; i < sims.length; i++) distances[i] = Math.max(0, 1 - sims[i]);
  return { indices: idxs, distances, k };
}

/** Exact kNN graph on the calling thread. k is clamped to n − 1. */
export function exactKnnGraph(vectors: Float32Array, n: number, dims: number, k: number): KnnResult {
  const kk = Math.max(1, Math.min(k, n - 1));
  const { sims, idxs } = knnRows(vectors, n, dims, kk, 0, n);
  return toKnnResult(sims, idxs, kk);
}

/** The brute-force reference: every pair, one at a time. For tests. */
export function bruteForceKnn(vectors: Float32Array, n: number, dims: number, k: number): KnnResult {
  const kk = Math.max(1, Math.min(k, n - 1));
  const idxs = new Int32Array(n * kk);
  const sims = new Float64Array(n * kk);
  for (let i = 0; i < n; i++) {
    const all: { j: number; s: number }[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let t = 0; t < dims; t++) s += vectors[i * dims + t] * vectors[j * dims + t];
      all.push({ j, s });
    }
    all.sort((a, b) => b.s - a.s || a.j - b.j);
    for (let p = 0; p < kk; p++) {
      idxs[i * kk + p] = all[p].j;
      sims[i * kk + p] = all[p].s;
    }
  }
  return toKnnResult(sims, idxs, kk);
}
