/**
 * Quality figures for a 3-D layout against the cosine geometry it came from, computed the same
 * way for our layouts and umap-learn's:
 *  - trustworthiness at k (sklearn's definition): penalises 3-D neighbours that are far apart in
 *    the original space, by their rank there;
 *  - neighbour preservation at k: the mean share of each word's k nearest cosine neighbours that
 *    are among its k nearest in 3-D.
 * Ranks need every row's similarity to all others (n² · dims work), so above `SAMPLE_ABOVE`
 * points trustworthiness is the mean over an evenly spread sample of rows, the same rows for
 * every layout compared (the figure is a mean over rows, so the sample estimates it without bias).
 */
import { forEachSimilarityRow } from '../core/projection/similarity-rows';
import { knn3d } from './knn-3d';

export { knn3d };

/** Views up to this size get exact trustworthiness; larger ones a sample of `SAMPLE_ROWS` rows. */
export const SAMPLE_ABOVE = 20_100;
export const SAMPLE_ROWS = 5_000;

export interface Quality {
  trustworthiness: number;
  neighbourPreservation: number;
  /** Rows the trustworthiness was measured on (n when exact). */
  rowsMeasured: number;
}

/** Rows measured for a view of n points: all, or an even spread over the frequency order. */
export function qualityRows(n: number, sample = SAMPLE_ROWS): Int32Array {
  if (n <= SAMPLE_ABOVE || sample >= n) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: sample }, (_, i) => Math.floor(((i + 0.5) * n) / sample));
}

/**
 * Both figures for each layout of the unit `vectors` (n × dims), in one pass over the similarity
 * rows. `highKnn` holds each point's exact cosine neighbours (n × highK, highK ≥ k, nearest first).
 */
export function layoutQualities(
  vectors: Float32Array,
  dims: number,
  layouts: Float32Array[],
  highKnn: Int32Array,
  highK: number,
  k = 10,
  rows = qualityRows(highKnn.length / highK),
): Quality[] {
  const n = highKnn.length / highK;
  const L = layouts.length;
  const kept = new Float64Array(L);
  // intruders[l][r]: the 3-D neighbours of r in layout l that are not among its cosine top k.
  const intruders: Int32Array[][] = layouts.map(() => new Array<Int32Array>(n));
  const inHigh = new Uint8Array(n);
  layouts.forEach((coords, l) => {
    const low = knn3d(coords, k);
    const extra = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) inHigh[highKnn[i * highK + j]] = 1;
      let m = 0;
      for (let j = 0; j < k; j++) {
        const c = low[i * k + j];
        if (inHigh[c]) kept[l]++;
        else extra[m++] = c;
      }
      for (let j = 0; j < k; j++) inHigh[highKnn[i * highK + j]] = 0;
      intruders[l][i] = extra.slice(0, m);
    }
  });
  const penalty = new Float64Array(L);
  const thresholds = new Float64Array(L * k);
  const above = new Float64Array(L * k + 1);
  forEachSimilarityRow(
    vectors,
    n,
    dims,
    (r, sims) => {
      // Each intruder's rank is 1 + the points more similar to r than it (ties: lower index
      // first). One pass over the row counts them for every intruder of every layout.
      let m = 0;
      for (let l = 0; l < L; l++) for (const c of intruders[l][r]) thresholds[m++] = sims[c];
      if (m === 0) return;
      const t = thresholds.subarray(0, m).sort();
      above.fill(0, 0, m + 1);
      const lowest = t[0];
      const ties: number[] = [];
      for (let j = 0; j < n; j++) {
        const s = sims[j];
        if (s < lowest || j === r) continue;
        // p = how many thresholds lie below s; s exceeds exactly those.
        let lo = 0;
        let hi = m;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (t[mid] < s) lo = mid + 1;
          else hi = mid;
        }
        above[lo]++;
        if (lo < m && t[lo] === s) ties.push(j);
      }
      // Now above[p] counts the points that exceed at least the p lowest thresholds.
      for (let p = m - 1; p >= 0; p--) above[p] += above[p + 1];
      for (let l = 0; l < L; l++) {
        for (const c of intruders[l][r]) {
          const s = sims[c];
          // Points more similar than c exceed every threshold up to the last copy of s.
          let y = 0;
          while (y < m && t[y] <= s) y++;
          let rank = 1 + above[y];
          for (const j of ties) if (j !== c && sims[j] === s && j < c) rank++;
          penalty[l] += rank - k;
        }
      }
    },
    0,
    n,
    rows,
  );
  return layouts.map((_, l) => {
    const total = (penalty[l] * n) / rows.length;
    return {
      trustworthiness: 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * total,
      neighbourPreservation: kept[l] / (n * k),
      rowsMeasured: rows.length,
    };
  });
}

/** Both figures for one layout (see layoutQualities). */
export function layoutQuality(
  vectors: Float32Array,
  dims: number,
  coords: Float32Array,
  highKnn: Int32Array,
  highK: number,
  k = 10,
): Quality {
  return layoutQualities(vectors, dims, [coords], highKnn, highK, k)[0];
}
