/**
 * Points added to a finished layout the way UMAP's transform does (a search's neighbours from
 * outside the view): their exact neighbours among the view's words, then a start at those
 * neighbours and a few epochs of the same seeded SGD with the layout fixed.
 */
import { findAbParams } from './ab-params';
import { detExp } from './det-math';
import { epochsPerSample, smoothKnnDistance } from './fuzzy-graph';
import { LayoutOptimiser } from './optimise';

export interface PlaceInput {
  /** The finished layout the new points go into (fixed), row-major n × 3. */
  layout: Float32Array;
  /** m × k indices into the layout: each new point's exact nearest neighbours among the view, nearest first. */
  neighbours: Int32Array;
  /** Cosine distances matching `neighbours`. */
  distances: Float32Array;
  k: number;
}

export interface PlaceParams {
  /** Neighbours used per new point (≤ k). Default: the layout's nNeighbors, 15. */
  nNeighbors?: number;
  minDist: number;
  seed: number;
  /** Refinement epochs with the layout fixed. Default 100 (umap-learn's transform default). */
  nEpochs?: number;
}

/**
 * UMAP's transform for points that are not in the view: each new point starts at the
 * membership-weighted mean of its exact neighbours in the layout, then a few epochs of the same
 * SGD pull it towards them and push it from negative samples, with the layout itself fixed.
 * Returns m × 3 coordinates; the layout is not changed.
 */
export function placePoints(input: PlaceInput, params: PlaceParams): Float32Array {
  const { layout, neighbours, distances, k: K } = input;
  const n = layout.length / 3;
  const m = neighbours.length / K;
  if (!Number.isInteger(m) || distances.length !== neighbours.length)
    throw new Error('placePoints: neighbours and distances must both hold m × k entries.');
  if (m === 0) return new Float32Array(0);
  const k = Math.max(1, Math.min(params.nNeighbors ?? 15, K));
  const nEpochs = params.nEpochs ?? 100;
  // Memberships as in umap-learn's transform: local connectivity 0 (rho = 0), bandwidth per point.
  const dist = (i: number, j: number) => distances[i * K + j];
  const { sigmas, rhos } = smoothKnnDistance(m, k, dist, 0);
  const w = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const d = distances[i * K + j] - rhos[i];
      const v = neighbours[i * K + j] < 0 ? 0 : d <= 0 || sigmas[i] === 0 ? 1 : detExp(-(d / sigmas[i]));
      w[i * k + j] = v;
      sum += v;
    }
    if (sum === 0) {
      for (let j = 0; j < k; j++) w[i * k + j] = neighbours[i * K + j] < 0 ? 0 : 1;
      sum = k;
    }
    for (let j = 0; j < k; j++) w[i * k + j] /= sum;
  }
  const tailEmb = Float32Array.from(layout);
  const start = new Float64Array(m * 3);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      const t = neighbours[i * K + j];
      if (t < 0 || t >= n) continue;
      const wt = w[i * k + j];
      start[i * 3] += wt * tailEmb[t * 3];
      start[i * 3 + 1] += wt * tailEmb[t * 3 + 1];
      start[i * 3 + 2] += wt * tailEmb[t * 3 + 2];
    }
  }
  const headEmb = Float32Array.from(start);
  // Edges new point → neighbour, weights thresholded at max / nEpochs as in a fit.
  let max = 0;
  for (let p = 0; p < w.length; p++) if (w[p] > max) max = w[p];
  const head: number[] = [];
  const tail: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      const t = neighbours[i * K + j];
      const v = w[i * k + j];
      if (t < 0 || t >= n || v < max / nEpochs || v <= 0) continue;
      head.push(i);
      tail.push(t);
      weight.push(v);
    }
  }
  if (head.length > 0) {
    const { a, b } = findAbParams(1, params.minDist);
    const opt = new LayoutOptimiser({
      head: Int32Array.from(head),
      tail: Int32Array.from(tail),
      epochsPerSample: epochsPerSample(Float64Array.from(weight), nEpochs),
      headEmbedding: headEmb,
      tailEmbedding: tailEmb,
      nVertices: n,
      a,
      b,
      nEpochs,
      moveOther: false,
      seed: params.seed,
    });
    opt.runEpochs(nEpochs);
  }
  return Float32Array.from(headEmb);
}

/**
 * Exact cosine neighbours of `queries` (unit rows, m × dims) among `points` (unit rows, n × dims):
 * m × k indices and distances, nearest first, ties to the lower index. For placing a handful of
 * added words; the view's own graph comes from the main process.
 */
export function nearestAmong(
  points: Float32Array,
  queries: Float32Array,
  dims: number,
  k: number,
): { indices: Int32Array; distances: Float32Array; k: number } {
  const n = points.length / dims;
  const m = queries.length / dims;
  const kk = Math.max(1, Math.min(k, n));
  const indices = new Int32Array(m * kk).fill(-1);
  const sims = new Float64Array(m * kk).fill(-Infinity);
  for (let q = 0; q < m; q++) {
    const base = q * kk;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < dims; j++) s += points[i * dims + j] * queries[q * dims + j];
      if (s <= sims[base + kk - 1]) continue;
      let p = kk - 1;
      while (p > 0 && sims[base + p - 1] < s) {
        sims[base + p] = sims[base + p - 1];
        indices[base + p] = indices[base + p - 1];
        p--;
      }
      sims[base + p] = s;
      indices[base + p] = i;
    }
  }
  const distances = new Float32Array(m * kk);
  for (let p = 0; p < distances.length; p++) distances[p] = indices[p] < 0 ? 1 : Math.max(0, 1 - sims[p]);
  return { indices, distances, k: kk };
}
