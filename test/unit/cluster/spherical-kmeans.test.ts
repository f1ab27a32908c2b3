import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildClusters } from '../../../main/core/cluster/cluster-build';
import { clusterCount, sphericalKMeans } from '../../../main/core/cluster/spherical-kmeans';
import { Prng } from '../../../common/umap/prng';

/** n unit vectors in d dimensions around `centres` directions, with noise. */
function blobs(centres: number, perBlob: number, d: number, seed: number): Float32Array {
  const rng = new Prng(seed);
  const dirs = Array.from({ length: centres }, () => Array.from({ length: d }, () => rng.normal()));
  const x = new Float32Array(centres * perBlob * d);
  for (let c = 0; c < centres; c++) {
    for (let p = 0; p < perBlob; p++) {
      const row = (c * perBlob + p) * d;
      let norm = 0;
      for (let j = 0; j < d; j++) {
        const v = dirs[c][j] + 0.15 * rng.normal();
        x[row + j] = v;
        norm += v * v;
      }
      for (let j = 0; j < d; j++) x[row + j] /= Math.sqrt(norm);
    }
  }
  return x;
}

describe('spherical k-means', () => {
  it('recovers well separated directions, whatever the seed', async () => {
    const x = blobs(5, 40, 16, 1);
    for (const seed of [0, 1, 42]) {
      const r = await sphericalKMeans(x, 200, 16, { k: 5, seed });
      for (let c = 0; c < 5; c++) {
        const ids = new Set(Array.from(r.assignment.subarray(c * 40, c * 40 + 40)));
        expect(ids.size).toBe(1);
      }
      expect(new Set(Array.from(r.assignment)).size).toBe(5);
      for (const v of r.centrality) expect(v).toBeGreaterThan(0.8);
    }
  });

  it('is a pure function of input and seed; every point gets a cluster below k; centres are unit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.nat(), async (n, k, seed) => {
        const x = blobs(1, n, 4, seed + 1);
        const a = await sphericalKMeans(x, n, 4, { k, seed });
        const b = await sphericalKMeans(x, n, 4, { k, seed });
        expect(a).toEqual(b);
        expect(a.k).toBe(Math.min(k, n));
        for (const c of a.assignment) expect(c >= 0 && c < a.k).toBe(true);
        for (let c = 0; c < a.k; c++) {
          let s = 0;
          for (let j = 0; j < 4; j++) s += a.centres[c * 4 + j] ** 2;
          if (s > 0) expect(Math.sqrt(s)).toBeCloseTo(1, 5);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('picks about √n / 3 clusters, 2..64', () => {
    expect(clusterCount(5004)).toBe(24);
    expect(clusterCount(20004)).toBe(47);
    expect(clusterCount(60000)).toBe(64);
    expect(clusterCount(10)).toBe(2);
    expect(clusterCount(3)).toBe(3);
  });
});

describe('buildClusters', () => {
  it('names clusters by their most central members, largest first, and skips points without vectors', async () => {
    const d = 8;
    const x = blobs(3, 10, d, 3);
    const words = Array.from({ length: 31 }, (_, i) => `w${i}`);
    const coords = new Float32Array(31 * 3).map((_, i) => i % 7);
    const out = await buildClusters({
      words,
      coords,
      dims: d,
      vector: (i) => (i < 30 ? x.subarray(i * d, i * d + d) : undefined),
      seed: 42,
      k: 3,
    });
    expect(out.clusters.map((c) => c.size)).toEqual([10, 10, 10]);
    expect(out.assignment[30]).toBe(-1);
    for (const c of out.clusters) {
      expect(c.name).toBe(c.words.slice(0, 3).join(' · '));
      const blob = Number(c.words[0].slice(1)) / 10;
      for (const w of c.words) expect(Math.floor(Number(w.slice(1)) / 10)).toBe(Math.floor(blob));
    }
    expect(out.members).toHaveLength(30);
  });
});
