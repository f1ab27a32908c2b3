/**
 * Initial layouts. umap-learn starts from a spectral embedding of the graph; umap-js from uniform
 * noise. We start from the data's first three principal components (cheap: one d × d covariance
 * and a few power iterations, deterministic), which gives the optimiser the global arrangement a
 * spectral start gives, plus a little seeded noise so no two points coincide. Falls back to seeded
 * uniform noise when no vectors are given.
 */
import { Prng } from './prng';

/** Top `c` eigenvectors (rows of the result, c × d) of a symmetric d × d matrix, by block power iteration. */
function topEigenvectors(cov: Float64Array, d: number, c: number, iters = 200): Float64Array {
  const v = new Float64Array(c * d);
  // Deterministic start: a fixed pseudo-random basis.
  const r = new Prng(12345);
  for (let i = 0; i < v.length; i++) v[i] = r.next() - 0.5;
  const w = new Float64Array(c * d);
  for (let it = 0; it < iters; it++) {
    // w = V · cov
    w.fill(0);
    for (let q = 0; q < c; q++) {
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += cov[i * d + j] * v[q * d + j];
        w[q * d + i] = s;
      }
    }
    // Gram–Schmidt
    for (let q = 0; q < c; q++) {
      for (let p = 0; p < q; p++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += w[q * d + i] * w[p * d + i];
        for (let i = 0; i < d; i++) w[q * d + i] -= dot * w[p * d + i];
      }
      let norm = 0;
      for (let i = 0; i < d; i++) norm += w[q * d + i] * w[q * d + i];
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < d; i++) w[q * d + i] /= norm;
    }
    v.set(w);
  }
  // Fix signs: largest-magnitude entry positive.
  for (let q = 0; q < c; q++) {
    let best = 0;
    for (let i = 0; i < d; i++) if (Math.abs(v[q * d + i]) > Math.abs(best)) best = v[q * d + i];
    if (best < 0) for (let i = 0; i < d; i++) v[q * d + i] = -v[q * d + i];
  }
  return v;
}

/** Rescales each coordinate to 0..10, as umap-learn does before optimising. */
export function scaleTo10(emb: Float64Array, n: number, dim = 3): void {
  for (let c = 0; c < dim; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = emb[i * dim + c];
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const span = hi - lo || 1;
    for (let i = 0; i < n; i++) emb[i * dim + c] = (10 * (emb[i * dim + c] - lo)) / span;
  }
}

/** PCA start, scaled to 0..10 per axis, with seeded noise of 1e-4 relative size. */
export function pcaInit(vectors: Float32Array, n: number, d: number, seed: number, dim = 3): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += vectors[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = vectors[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const base = a * d;
      for (let b = a; b < d; b++) cov[base + b] += ra * row[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
  const comps = topEigenvectors(cov, d, Math.min(dim, d));
  const emb = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < Math.min(dim, d); q++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (vectors[i * d + j] - mean[j]) * comps[q * d + j];
      emb[i * dim + q] = s;
    }
  }
  scaleTo10(emb, n, dim);
  const r = new Prng(seed, 3);
  for (let i = 0; i < emb.length; i++) emb[i] += r.normal() * 1e-3;
  return emb;
}

/** Seeded uniform start in 0..10 (umap-js starts from uniform noise too). */
export function randomInit(n: number, seed: number, dim = 3): Float64Array {
  const r = new Prng(seed, 3);
  const emb = new Float64Array(n * dim);
  for (let i = 0; i < emb.length; i++) emb[i] = r.next() * 10;
  return emb;
}
