/** Synthetic unit vectors in clusters, deterministic, for projection tests. */
export function clusteredVectors(n: number, dims: number, clusters: number, seed = 1): { vectors: Float32Array; labels: Int32Array } {
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const centres = new Float32Array(clusters * dims);
  for (let i = 0; i < centres.length; i++) centres[i] = rnd() * 2 - 1;
  const vectors = new Float32Array(n * dims);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % clusters;
    labels[i] = c;
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      const v = centres[c * dims + j] + (rnd() - 0.5) * 0.6;
      vectors[i * dims + j] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < dims; j++) vectors[i * dims + j] /= norm;
  }
  return { vectors, labels };
}

/** Share of points whose nearest 3-D neighbour in `coords` (n × 3) has their own label. */
export function clusterPurity(coords: Float32Array, labels: Int32Array): number {
  const n = labels.length;
  let same = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d =
        (coords[i * 3] - coords[j * 3]) ** 2 + (coords[i * 3 + 1] - coords[j * 3 + 1]) ** 2 + (coords[i * 3 + 2] - coords[j * 3 + 2]) ** 2;
      if (d < bestD) [bestD, best] = [d, j];
    }
    if (labels[best] === labels[i]) same++;
  }
  return same / n;
}
