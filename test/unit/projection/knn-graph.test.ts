import { describe, expect, it } from 'vitest';
import { bruteForceKnn, exactKnnGraph } from '../../../main/core/projection/knn-graph';
import { fastKnnGraph } from '../../../main/core/projection/knn-symmetric';
import { clusteredVectors } from './fixtures';

describe('exact kNN graph of a view', () => {
  it('equals the brute-force reference (plain and SIMD paths, odd sizes, k up to 30)', () => {
    for (const [n, dims, k] of [
      [7, 5, 3],
      [333, 24, 15],
      [1001, 100, 30],
    ]) {
      const { vectors } = clusteredVectors(n, dims, 9, n);
      const ref = bruteForceKnn(vectors, n, dims, k);
      for (const got of [exactKnnGraph(vectors, n, dims, k), fastKnnGraph(vectors, n, dims, k)]) {
        expect(got.k).toBe(ref.k);
        expect(Array.from(got.indices)).toEqual(Array.from(ref.indices));
        expect(Array.from(got.distances)).toEqual(Array.from(ref.distances));
      }
    }
  });

  it('breaks ties (duplicate vectors) towards the lower index and never lists a point as its own neighbour', () => {
    const dims = 8;
    const base = clusteredVectors(50, dims, 3, 5).vectors;
    const n = 100;
    const vectors = new Float32Array(n * dims);
    vectors.set(base);
    vectors.set(base, 50 * dims); // every vector twice
    const ref = bruteForceKnn(vectors, n, dims, 10);
    const got = fastKnnGraph(vectors, n, dims, 10);
    expect(Array.from(got.indices)).toEqual(Array.from(ref.indices));
    for (let i = 0; i < n; i++) {
      const row = Array.from(got.indices.subarray(i * 10, (i + 1) * 10));
      expect(row).not.toContain(i);
      expect(row[0]).toBe(i < 50 ? i + 50 : i - 50); // its duplicate, distance 0
    }
  });

  it('clamps k to n − 1', () => {
    const { vectors } = clusteredVectors(5, 4, 2);
    const g = exactKnnGraph(vectors, 5, 4, 15);
    expect(g.k).toBe(4);
    expect(g.indices.length).toBe(20);
  });
});
