import { describe, expect, it } from 'vitest';
import { toKnnResult } from '../../../main/core/projection/knn-graph';
import { knnRowsWasm } from '../../../main/core/projection/knn-rows-wasm';
import { fastKnnGraph } from '../../../main/core/projection/knn-symmetric';
import { clusteredVectors } from './fixtures';

describe('kNN rows with the SIMD kernel', () => {
  it('computes a row range on its own, as worker threads do', () => {
    const n = 403;
    const dims = 32;
    const { vectors } = clusteredVectors(n, dims, 5, 11);
    const whole = fastKnnGraph(vectors, n, dims, 15);
    const a = knnRowsWasm(vectors, n, dims, 15, 0, 200);
    const b = knnRowsWasm(vectors, n, dims, 15, 200, n);
    const sims = new Float64Array(n * 15);
    const idxs = new Int32Array(n * 15);
    sims.set(a.sims);
    sims.set(b.sims, 200 * 15);
    idxs.set(a.idxs);
    idxs.set(b.idxs, 200 * 15);
    expect(Array.from(toKnnResult(sims, idxs, 15).indices)).toEqual(Array.from(whole.indices));
  });
});
