/**
 * Quality figures for a 3-D layout against the cosine geometry it came from, computed the same
 * way for our layouts and umap-learn's:
 *  - trustworthiness at k (sklearn's definition): penalises 3-D neighbours that are far apart in
 *    the original space, by their rank there;
 *  - neighbour preservation at k: the mean share of each word's k nearest cosine neighbours that
 *    are among its k nearest in 3-D.
 */
import { forEachSimilarityRow } from '../core/projection/knn-graph';

/** k nearest in 3-D (Euclidean), self excluded: n × k indices. */
export function knn3d(coords: Float32Array, k: number): Int32Array {
  const n = coords.length / 3;
  const out = new Int32Array(n * k);
  const best = new Float64Array(k);
  const bi = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    best.fill(Infinity);
    bi.fill(-1);
    const x = coords[i * 3];
    const y = coords[i * 3 + 1];
    const z = coords[i * 3 + 2];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dx = coords[j * 3] - x;
      const dy = coords[j * 3 + 1] - y;
      const dz = coords[j * 3 + 2] - z;
      const d = dx * dx + dy * dy + dz * dz;
      if (d >= best[k - 1]) continue;
      let p = k - 1;
      while (p > 0 && best[p - 1] > d) {
        best[p] = best[p - 1];
        bi[p] = bi[p - 1];
        p--;
      }
      best[p] = d;
      bi[p] = j;
    }
    out.set(bi, i * k);
  }
  return out;
}

export interface Quality {
  trustworthiness: number;
  neighbourPreservation: number;
}

/**
 * Both figures for a layout of the unit `vectors` (n × dims). `highKnn` holds each point's exact
 * cosine neighbours (n × highK, highK ≥ k, nearest first).
 */
export function layoutQuality(
  vectors: Float32Array,
  dims: number,
  coords: Float32Array,
  highKnn: Int32Array,
  highK: number,
  k = 10,
): Quality {
  const n = coords.length / 3;
  const low = knn3d(coords, k);
  let kept = 0;
  const inHigh = new Uint8Array(n);
  // Points whose 3-D neighbours include ones outside their cosine top k need full ranks.
  const intruders: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) inHigh[highKnn[i * highK + j]] = 1;
    const extra: number[] = [];
    for (let j = 0; j < k; j++) {
      const c = low[i * k + j];
      if (inHigh[c]) kept++;
      else extra.push(c);
    }
    for (let j = 0; j < k; j++) inHigh[highKnn[i * highK + j]] = 0;
    intruders[i] = extra;
  }
  let penalty = 0;
  forEachSimilarityRow(vectors, n, dims, (r, sims) => {
    const extra = intruders[r];
    if (!extra || extra.length === 0) return;
    for (const c of extra) {
      const s = sims[c];
      // rank among the other points by similarity, 1 = nearest
      let rank = 1;
      for (let j = 0; j < n; j++) if (j !== r && j !== c && (sims[j] > s || (sims[j] === s && j < c))) rank++;
      penalty += rank - k;
    }
  });
  const trust = 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
  return { trustworthiness: trust, neighbourPreservation: kept / (n * k) };
}
