import { describe, expect, it } from 'vitest';
import { bruteForceKnn, toKnnResult } from '../../../main/core/projection/knn-graph';
import { knnRescans } from '../../../main/core/projection/knn-rows-wasm';
import {
  type CandidateLists,
  candidateListsSize,
  collectCandidates,
  fastKnnGraph,
  finishRows,
  listLength,
} from '../../../main/core/projection/knn-symmetric';
import { quantise } from '../../../main/core/projection/knn-quantise';
import { clusteredVectors } from './fixtures';

/** The worker threads' path on one thread: `parts` shares of the tiles, then row ranges finished from all of them. */
function inShares(vectors: Float32Array, n: number, dims: number, k: number, parts: number) {
  const size = candidateListsSize(n, k);
  const lists: CandidateLists[] = Array.from({ length: parts }, () => ({ scores: new Int32Array(size), idxs: new Int32Array(size) }));
  const qs = lists.map((l, part) => collectCandidates(vectors, n, dims, k, part, parts, l));
  const sims = new Float64Array(n * k);
  const idxs = new Int32Array(n * k);
  const per = Math.ceil(n / parts);
  for (let from = 0; from < n; from += per) {
    const to = Math.min(n, from + per);
    const part = finishRows(vectors, n, dims, k, lists, qs[0], from, to);
    sims.set(part.sims, from * k);
    idxs.set(part.idxs, from * k);
  }
  return toKnnResult(sims, idxs, k);
}

describe('exact kNN graph, each pair scored once', () => {
  it('equals the brute-force reference whether the tiles are done by one share or split over several', () => {
    for (const [n, dims, k, parts] of [
      [1300, 100, 15, 3],
      [517, 37, 10, 2],
      [9, 8, 8, 2],
    ]) {
      const { vectors } = clusteredVectors(n, dims, 7, n);
      const ref = bruteForceKnn(vectors, n, dims, k);
      for (const got of [fastKnnGraph(vectors, n, dims, k), inShares(vectors, n, dims, k, parts)]) {
        expect(Array.from(got.indices)).toEqual(Array.from(ref.indices));
        expect(Array.from(got.distances)).toEqual(Array.from(ref.distances));
      }
    }
  });

  it('recomputes rows whose integer scores cannot separate the candidates, and stays exact', () => {
    // Points a hair apart: their int16 scores tie, so the error bound cannot prove the margin.
    const n = 600;
    const dims = 16;
    const vectors = new Float32Array(n * dims);
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let t = 0; t < dims; t++) {
        const v = 1 + (t === i % dims ? 1e-6 * (1 + (i % 13)) : 0);
        vectors[i * dims + t] = v;
        norm += v * v;
      }
      for (let t = 0; t < dims; t++) vectors[i * dims + t] /= Math.sqrt(norm);
    }
    const before = knnRescans.rows;
    const got = fastKnnGraph(vectors, n, dims, 12);
    expect(knnRescans.rows).toBeGreaterThan(before);
    const ref = bruteForceKnn(vectors, n, dims, 12);
    expect(Array.from(got.indices)).toEqual(Array.from(ref.indices));
    expect(Array.from(got.distances)).toEqual(Array.from(ref.distances));
  });
  it('keeps in each share, for every row, the best integer scores of its pairs (ties by lower index), across blocks', () => {
    // Each vector appears 10 times, so most scores tie; 1,100 rows span three blocks of tiles.
    const n = 1100;
    const dims = 24;
    const k = 10;
    const base = clusteredVectors(n / 10, dims, 5, 3).vectors;
    const vectors = new Float32Array(n * dims);
    for (let i = 0; i < n; i++) vectors.set(base.subarray((i % (n / 10)) * dims, ((i % (n / 10)) + 1) * dims), i * dims);
    const stride = (dims + 7) & ~7;
    const heap = new Int16Array(n * stride);
    quantise(vectors, n, dims, heap, stride);
    const score = (a: number, b: number) => {
      let s = 0;
      for (let t = 0; t < stride; t++) s += heap[a * stride + t] * heap[b * stride + t];
      return s;
    };
    const kc = listLength(n, k);
    const size = candidateListsSize(n, k);
    const parts = 3;
    const lists: CandidateLists[] = Array.from({ length: parts }, () => ({ scores: new Int32Array(size), idxs: new Int32Array(size) }));
    lists.forEach((l, part) => collectCandidates(vectors, n, dims, k, part, parts, l));
    for (let r = 0; r < n; r++) {
      const all: [number, number][] = [];
      for (let c = 0; c < n; c++) if (c !== r) all.push([score(r, c), c]);
      all.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      const best = all.slice(0, kc);
      // Every share's list holds its own best pairs, so the merged best kc are the global ones.
      const merged: [number, number][] = [];
      for (const l of lists) {
        for (let p = r * kc; p < (r + 1) * kc; p++) if (l.idxs[p] !== 0x7fffffff) merged.push([l.scores[p], l.idxs[p]]);
      }
      merged.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      expect(merged.slice(0, kc)).toEqual(best);
    }
    const ref = bruteForceKnn(vectors, n, dims, k);
    const got = inShares(vectors, n, dims, k, parts);
    expect(Array.from(got.indices)).toEqual(Array.from(ref.indices));
    expect(Array.from(got.distances)).toEqual(Array.from(ref.distances));
  });
});
