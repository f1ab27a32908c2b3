import { describe, expect, it } from 'vitest';
import { knn3d } from '../../../main/bench/knn-3d';
import { projectionSizes } from '../../../main/bench/projection';
import { layoutQualities, layoutQuality, qualityRows } from '../../../main/bench/projection-quality';
import { bruteForceKnn } from '../../../main/core/projection/knn-graph';
import { clusteredVectors } from '../projection/fixtures';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** The definitions, pair by pair: 3-D neighbours by brute force, ranks by a full sort. */
function reference(vectors: Float32Array, dims: number, coords: Float32Array, k: number) {
  const n = coords.length / 3;
  const low = bruteForce3d(coords, k);
  const high = bruteForceKnn(vectors, n, dims, k).indices;
  let penalty = 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const order = [...Array(n).keys()]
      .filter((j) => j !== i)
      .map((j) => {
        let s = 0;
        for (let t = 0; t < dims; t++) s += Math.fround(vectors[i * dims + t] * vectors[j * dims + t]);
        return { j, s: Math.fround(s) };
      });
    const sims = new Float32Array(n);
    for (const o of order) sims[o.j] = o.s;
    order.sort((a, b) => b.s - a.s || a.j - b.j);
    const rank = new Map(order.map((o, p) => [o.j, p + 1]));
    const highSet = new Set(high.subarray(i * k, (i + 1) * k));
    for (const c of low.subarray(i * k, (i + 1) * k)) {
      if (highSet.has(c)) kept++;
      else penalty += rank.get(c)! - k;
    }
  }
  return { trustworthiness: 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty, neighbourPreservation: kept / (n * k) };
}

function bruteForce3d(coords: Float32Array, k: number): Int32Array {
  const n = coords.length / 3;
  const out = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const d = [...Array(n).keys()]
      .filter((j) => j !== i)
      .map((j) => ({
        j,
        d:
          (coords[i * 3] - coords[j * 3]) ** 2 +
          (coords[i * 3 + 1] - coords[j * 3 + 1]) ** 2 +
          (coords[i * 3 + 2] - coords[j * 3 + 2]) ** 2,
      }));
    d.sort((a, b) => a.d - b.d || a.j - b.j);
    for (let p = 0; p < k; p++) out[i * k + p] = d[p].j;
  }
  return out;
}

describe('projection quality figures', () => {
  it('finds the same 3-D neighbours through the grid as a brute-force scan, ties and clumps included', () => {
    const r = rng(7);
    for (const n of [12, 300, 1500]) {
      const coords = new Float32Array(n * 3);
      for (let i = 0; i < coords.length; i++) coords[i] = i % 7 === 0 ? 5 : r() < 0.3 ? r() * 0.01 : r() * 40 - 20;
      for (const k of [1, 10]) expect(knn3d(coords, k)).toEqual(bruteForce3d(coords, k));
    }
  });

  it('gives the definitions of trustworthiness and neighbour preservation, for several layouts at once', () => {
    const n = 400;
    const dims = 12;
    const { vectors } = clusteredVectors(n, dims, 5, 3);
    const r = rng(11);
    const random = Float32Array.from({ length: n * 3 }, () => r() * 10);
    // A layout that follows the data: its first three coordinates.
    const faithful = Float32Array.from({ length: n * 3 }, (_, p) => vectors[Math.floor(p / 3) * dims + (p % 3)]);
    const high = bruteForceKnn(vectors, n, dims, 15);
    const [q1, q2] = layoutQualities(vectors, dims, [random, faithful], high.indices, high.k, 10);
    for (const [q, coords] of [
      [q1, random],
      [q2, faithful],
    ] as const) {
      const ref = reference(vectors, dims, coords, 10);
      expect(q.trustworthiness).toBeCloseTo(ref.trustworthiness, 5);
      expect(q.neighbourPreservation).toBeCloseTo(ref.neighbourPreservation, 10);
      expect(q.rowsMeasured).toBe(n);
    }
    expect(q2.trustworthiness).toBeGreaterThan(q1.trustworthiness);
    expect(layoutQuality(vectors, dims, faithful, high.indices, high.k, 10).trustworthiness).toBe(q2.trustworthiness);
  });

  it('measures large views on an even spread of rows', () => {
    expect(qualityRows(1000).length).toBe(1000);
    const rows = qualityRows(100_000, 5000);
    expect(rows.length).toBe(5000);
    expect(rows[0]).toBe(10);
    expect(rows[4999]).toBe(99_990);
    expect(new Set(rows).size).toBe(5000);
  });
});

describe('projection bench sizes', () => {
  it('reads EMBEDDING_EXPLORER_PROJECTION_SIZES, defaulting to 5,000 to 100,000 words, and rejects nonsense', () => {
    expect(projectionSizes(undefined)).toEqual([5000, 20000, 50000, 100000]);
    expect(projectionSizes(' 50000, 100_000 ')).toEqual([50000, 100000]);
    expect(() => projectionSizes('50k')).toThrow(/EMBEDDING_EXPLORER_PROJECTION_SIZES/);
    expect(() => projectionSizes('500000')).toThrow(/1000..200000/);
  });
});
