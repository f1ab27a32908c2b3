import { describe, expect, it } from 'vitest';
import { bruteForceKnn, toKnnResult } from '../../../main/core/projection/knn-graph';
import { knnRescans } from '../../../main/core/projection/knn-rows-wasm';
import {
  type CandidateLists,
  candidateListsSize,
  collectCandidates,
  fastKnnGraph,
  finishRows,
} from '../../../main/core/projection/knn-symmetric';
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
});
