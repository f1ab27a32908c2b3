/**
 * A cheap, deterministic 3D layout of a model's most frequent words for the scene bench, when
 * running UMAP on 200,000 words would take the bench minutes: the words are grouped by k-means
 * on their unit vectors (related words share a group), the groups' centres are laid out along
 * the three main directions of the centres, and each word sits around its group's centre along
 * the group's own three main directions. The result has islands of related words, dense cores
 * and sparse fringes, as a real map has; its coordinates mean nothing beyond that.
 */

/** Seeded uniform [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
}

/** Row i of a row-major matrix, minus `centre` when given, written into out. */
function rowInto(m: Float32Array, d: number, i: number, out: Float64Array, centre?: Float64Array): void {
  for (let j = 0; j < d; j++) out[j] = m[i * d + j] - (centre ? centre[j] : 0);
}

/** Index of the centre with the largest dot product with row i. */
function nearest(vectors: Float32Array, d: number, i: number, centres: Float64Array, k: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += vectors[i * d + j] * centres[c * d + j];
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best;
}

/**
 * Top three principal directions of the rows `members` (centred on `centre`), by power
 * iteration with deflation; returns them row-major (3 × d).
 */
function mainDirections(
  vectors: Float32Array,
  d: number,
  members: ArrayLike<number>,
  centre: Float64Array,
  rnd: () => number,
): Float64Array {
  const dirs = new Float64Array(3 * d);
  const r = new Float64Array(d);
  for (let a = 0; a < 3; a++) {
    let u = Float64Array.from({ length: d }, () => rnd() - 0.5);
    for (let iter = 0; iter < 6; iter++) {
      const next = new Float64Array(d);
      for (let m = 0; m < members.length; m++) {
        rowInto(vectors, d, members[m], r, centre);
        let p = 0;
        for (let j = 0; j < d; j++) p += r[j] * u[j];
        for (let j = 0; j < d; j++) next[j] += p * r[j];
      }
      // Deflation: keep the direction orthogonal to the ones found before.
      for (let b = 0; b < a; b++) {
        let p = 0;
        for (let j = 0; j < d; j++) p += next[j] * dirs[b * d + j];
        for (let j = 0; j < d; j++) next[j] -= p * dirs[b * d + j];
      }
      const norm = Math.hypot(...next) || 1;
      u = next.map((v) => v / norm);
    }
    dirs.set(u, a * d);
  }
  return dirs;
}

/**
 * Coordinates (row-major n × 3) for the first n rows of `vectors` (n × d unit rows, most
 * frequent first). About a second per 100,000 words at 100 dimensions.
 */
export function islandLayout(vectors: Float32Array, d: number, n: number, seed = 42, groups = 48): Float32Array {
  const rnd = random(seed);
  const k = Math.min(groups, n);
  // k-means (cosine) on a sample of the most frequent words, then every word to its nearest centre.
  const sample = Math.min(n, 20_000);
  const centres = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const i = Math.floor(rnd() * sample);
    for (let j = 0; j < d; j++) centres[c * d + j] = vectors[i * d + j];
  }
  for (let iter = 0; iter < 5; iter++) {
    const sums = new Float64Array(k * d);
    for (let i = 0; i < sample; i++) {
      const c = nearest(vectors, d, i, centres, k);
      for (let j = 0; j < d; j++) sums[c * d + j] += vectors[i * d + j];
    }
    for (let c = 0; c < k; c++) {
      const row = sums.subarray(c * d, (c + 1) * d);
      const norm = Math.hypot(...row);
      if (norm > 0) for (let j = 0; j < d; j++) centres[c * d + j] = row[j] / norm;
    }
  }
  const group = new Int32Array(n);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    group[i] = nearest(vectors, d, i, centres, k);
    members[group[i]].push(i);
  }
  // Group centres in 3D: their coordinates along the centres' own three main directions.
  const mean = new Float64Array(d);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) mean[j] += centres[c * d + j] / k;
  const centreDirs = mainDirections(
    Float32Array.from(centres),
    d,
    Array.from({ length: k }, (_, c) => c),
    mean,
    rnd,
  );
  const centre3 = new Float64Array(k * 3);
  for (let c = 0; c < k; c++)
    for (let a = 0; a < 3; a++) {
      let p = 0;
      for (let j = 0; j < d; j++) p += (centres[c * d + j] - mean[j]) * centreDirs[a * d + j];
      centre3[c * 3 + a] = p;
    }
  let rms = 0;
  for (const v of centre3) rms += v * v;
  rms = Math.sqrt(rms / k) || 1;
  const out = new Float32Array(n * 3);
  const r = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const list = members[c];
    if (!list.length) continue;
    const centre = new Float64Array(d);
    for (const i of list) for (let j = 0; j < d; j++) centre[j] += vectors[i * d + j] / list.length;
    // Large groups get bigger islands (volume grows with the member count).
    const size = 0.12 * Math.cbrt(list.length / (n / k));
    const dirs = mainDirections(vectors, d, list.length > 4000 ? list.filter((_, m) => m % 4 === 0) : list, centre, rnd);
    const local = new Float64Array(list.length * 3);
    let spread = 0;
    for (let m = 0; m < list.length; m++) {
      rowInto(vectors, d, list[m], r, centre);
      for (let a = 0; a < 3; a++) {
        let p = 0;
        for (let j = 0; j < d; j++) p += r[j] * dirs[a * d + j];
        local[m * 3 + a] = p;
        spread += p * p;
      }
    }
    spread = Math.sqrt(spread / list.length) || 1;
    for (let m = 0; m < list.length; m++)
      for (let a = 0; a < 3; a++) out[list[m] * 3 + a] = centre3[c * 3 + a] / rms + (local[m * 3 + a] / spread) * size;
  }
  return out;
}
