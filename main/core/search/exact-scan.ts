import { TopK } from './top-k';

/** Cosine of two unit rows, accumulated in double so every path agrees bit for bit. */
export function dotRows(m: Float32Array, dims: number, a: number, q: Float32Array): number {
  let s = 0;
  const base = a * dims;
  for (let j = 0; j < dims; j++) s += m[base + j] * q[j];
  return s;
}

/**
 * Plain exact top-k over every row: the reference the fast path is checked against and the
 * fallback when no accelerated index exists.
 */
export function exactScan(
  vectors: Float32Array,
  dims: number,
  query: Float32Array,
  k: number,
  exclude: number,
  limit = vectors.length / dims,
): { index: number; score: number }[] {
  const n = Math.min(limit, vectors.length / dims);
  if (n <= 0) return [];
  const top = new TopK(Math.max(1, Math.min(k, n)));
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    top.push(i, dotRows(vectors, dims, i, query));
  }
  return top.sorted().slice(0, k);
}
