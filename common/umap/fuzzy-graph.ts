/**
 * UMAP's fuzzy simplicial set over a precomputed exact kNN graph, on typed arrays. The maths is
 * umap-js's (and umap-learn's) `smoothKNNDistance`, `computeMembershipStrengths` and the fuzzy
 * union P + Pᵀ − P∘Pᵀ; umap-js keeps its sparse matrices in string-keyed Maps, which takes
 * seconds at 20,000 points, so this does the same in CSR form in a few milliseconds.
 * test/unit/projection/umap-runner.test.ts checks it against umap-js itself.
 */
import { detExp, detLog } from './det-math';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/** A kNN graph with self excluded: n × k neighbour indices and cosine distances, nearest first. */
export interface KnnGraph {
  n: number;
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}

/** Symmetric sparse matrix in CSR form (rows sorted by column). */
export interface Csr {
  n: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
}

/**
 * Per-point bandwidths (sigma) and local connectivity distances (rho). `dist(i, j)` gives the
 * j-th distance of point i for j in 0..k-1, where column 0 is the point itself (distance 0),
 * exactly the layout umap-learn's kNN arrays have.
 */
export function smoothKnnDistance(
  n: number,
  k: number,
  dist: (i: number, j: number) => number,
  localConnectivity = 1,
  nIter = 64,
  bandwidth = 1,
): { sigmas: Float64Array; rhos: Float64Array } {
  const target = (detLog(k) / Math.LN2) * bandwidth;
  const rhos = new Float64Array(n);
  const sigmas = new Float64Array(n);
  const nonZero = new Float64Array(k);
  let meanAll = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += dist(i, j);
    meanAll += rowSum / k;
  }
  meanAll /= Math.max(1, n);

  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    let nz = 0;
    let rowSum = 0;
    for (let j = 0; j < k; j++) {
      const d = dist(i, j);
      rowSum += d;
      if (d > 0) nonZero[nz++] = d;
    }
    let rho = 0;
    if (nz >= localConnectivity) {
      const index = Math.floor(localConnectivity);
      const interpolation = localConnectivity - index;
      if (index > 0) {
        rho = nonZero[index - 1];
        if (interpolation > SMOOTH_K_TOLERANCE) rho += interpolation * (nonZero[index] - nonZero[index - 1]);
      } else {
        rho = interpolation * nonZero[0];
      }
    } else if (nz > 0) {
      for (let j = 0; j < nz; j++) if (nonZero[j] > rho) rho = nonZero[j];
    }
    for (let it = 0; it < nIter; it++) {
      let psum = 0;
      for (let j = 1; j < k; j++) {
        const d = dist(i, j) - rho;
        psum += d > 0 ? detExp(-(d / mid)) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    let sigma = mid;
    if (rho > 0) {
      const meanI = rowSum / k;
      if (sigma < MIN_K_DIST_SCALE * meanI) sigma = MIN_K_DIST_SCALE * meanI;
    } else if (sigma < MIN_K_DIST_SCALE * meanAll) {
      sigma = MIN_K_DIST_SCALE * meanAll;
    }
    rhos[i] = rho;
    sigmas[i] = sigma;
  }
  return { sigmas, rhos };
}

/**
 * The symmetric fuzzy graph of UMAP (set_op_mix_ratio 1: fuzzy union) for `nNeighbors`, built from
 * a kNN graph that excludes self and holds at least nNeighbors − 1 neighbours per point.
 */
export function fuzzySimplicialSet(knn: KnnGraph, nNeighbors: number): Csr {
  const { n, k: K, indices, distances } = knn;
  const k = Math.min(nNeighbors, K + 1);
  if (k < 2) throw new Error('UMAP needs at least one neighbour per point.');
  const dist = (i: number, j: number) => (j === 0 ? 0 : distances[i * K + j - 1]);
  const { sigmas, rhos } = smoothKnnDistance(n, k, dist);

  // Directed memberships P(i → j) for the k − 1 real neighbours (self has weight 0 and is dropped).
  const m = k - 1;
  const pv = new Float64Array(n * m);
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const col = indices[i * K + j];
      const d = distances[i * K + j] - rhos[i];
      let v: number;
      if (col < 0 || col === i) v = 0;
      else if (d <= 0 || sigmas[i] === 0) v = 1;
      else v = detExp(-(d / sigmas[i]));
      pv[i * m + j] = v;
      if (v !== 0) {
        counts[i]++;
        counts[col]++;
      }
    }
  }
  // Bucket P and Pᵀ entries by row, then sort each row by column and merge pairs.
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + counts[i];
  const fill = start.slice(0, n);
  const tc = new Int32Array(start[n]);
  const tv = new Float64Array(start[n]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = pv[i * m + j];
      if (v === 0) continue;
      const col = indices[i * K + j];
      let p = fill[i]++;
      tc[p] = col;
      tv[p] = v;
      p = fill[col]++;
      tc[p] = i;
      tv[p] = v;
    }
  }
  const rowPtr = new Int32Array(n + 1);
  const cols = new Int32Array(start[n]);
  const vals = new Float64Array(start[n]);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const a = start[i];
    const b = start[i + 1];
    // Insertion sort by column (rows hold about 2k entries).
    for (let p = a + 1; p < b; p++) {
      const c = tc[p];
      const v = tv[p];
      let q = p - 1;
      while (q >= a && (tc[q] > c || (tc[q] === c && tv[q] > v))) {
        tc[q + 1] = tc[q];
        tv[q + 1] = tv[q];
        q--;
      }
      tc[q + 1] = c;
      tv[q + 1] = v;
    }
    for (let p = a; p < b; p++) {
      if (p + 1 < b && tc[p + 1] === tc[p]) {
        const x = tv[p];
        const y = tv[p + 1];
        cols[out] = tc[p];
        vals[out++] = x + y - x * y;
        p++;
      } else {
        cols[out] = tc[p];
        vals[out++] = tv[p];
      }
    }
    rowPtr[i + 1] = out;
  }
  return { n, rowPtr, cols: cols.slice(0, out), vals: vals.slice(0, out) };
}

/** Edges that UMAP samples: every nonzero (head, tail) of the graph, weights ≥ max / nEpochs. */
export interface EdgeList {
  head: Int32Array;
  tail: Int32Array;
  weight: Float64Array;
}

export function edgesForEpochs(g: Csr, nEpochs: number): EdgeList {
  let max = 0;
  for (let p = 0; p < g.vals.length; p++) if (g.vals[p] > max) max = g.vals[p];
  const cut = max / nEpochs;
  let count = 0;
  for (let p = 0; p < g.vals.length; p++) if (g.vals[p] >= cut && g.vals[p] > 0) count++;
  const head = new Int32Array(count);
  const tail = new Int32Array(count);
  const weight = new Float64Array(count);
  let e = 0;
  for (let i = 0; i < g.n; i++) {
    for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) {
      const v = g.vals[p];
      if (v >= cut && v > 0) {
        head[e] = i;
        tail[e] = g.cols[p];
        weight[e++] = v;
      }
    }
  }
  return { head, tail, weight };
}

/** umap-learn's make_epochs_per_sample: how often (in epochs) each edge is sampled. */
export function epochsPerSample(weights: Float64Array, nEpochs: number): Float64Array {
  let max = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i] > max) max = weights[i];
  const out = new Float64Array(weights.length).fill(-1);
  for (let i = 0; i < weights.length; i++) {
    const samples = nEpochs * (weights[i] / max);
    if (samples > 0) out[i] = nEpochs / samples;
  }
  return out;
}
