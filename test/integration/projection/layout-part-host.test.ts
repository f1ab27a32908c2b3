import { describe, expect, it } from 'vitest';
import { bruteForceKnn } from '../../../main/core/projection/knn-graph';
import { nodePartHost } from '../../../main/core/projection/layout-part-host';
import { runUmap, runUmapSync, type UmapInput } from '../../../common/umap/umap-runner';
import { clusteredVectors } from '../../unit/projection/fixtures';

describe('layout parts on worker threads', () => {
  it('give the coordinates of the one-thread run, to the bit, and free their threads', async () => {
    const n = 1500;
    const dims = 24;
    const { vectors } = clusteredVectors(n, dims, 8, 11);
    const knn = bruteForceKnn(vectors, n, dims, 15);
    const input: UmapInput = { knnIndices: knn.indices, knnDistances: knn.distances, knnK: knn.k, vectors, dims };
    const params = { nNeighbors: 15, minDist: 0.1, nEpochs: 80, seed: 5 };
    const reference = runUmapSync(input, params, { parts: 4 });
    let made = 0;
    const got = await runUmap(input, params, {
      parts: 4,
      partHost: () => {
        made++;
        return nodePartHost();
      },
    });
    expect(made).toBe(1);
    expect(Array.from(got)).toEqual(Array.from(reference));
  });
});
