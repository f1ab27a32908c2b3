import { describe, expect, it } from 'vitest';
import { defaultUmapParams } from '../../../common/contract/contract';
import { UmapRun } from '../../../common/umap/umap-runner';
import { fastKnnGraph } from '../../../main/core/projection/knn-symmetric';
import { clusteredVectors } from './fixtures';

describe('UMAP epochs by view size (umap-learn’s rule)', () => {
  it('uses 500 epochs up to 10,000 points and 200 above, up to the 200,000-word maps', () => {
    for (const n of [3, 5000, 10_000]) expect(defaultUmapParams(n).nEpochs).toBe(500);
    for (const n of [10_001, 50_000, 100_000, 200_100]) expect(defaultUmapParams(n).nEpochs).toBe(200);
  });

  it('runs exactly the epochs asked for and gives the same layout again for the same seed', () => {
    const n = 300;
    const dims = 20;
    const { vectors } = clusteredVectors(n, dims, 4, 9);
    const g = fastKnnGraph(vectors, n, dims, 15);
    const input = { knnIndices: g.indices, knnDistances: g.distances, knnK: g.k, vectors, dims };
    const params = { ...defaultUmapParams(n), nEpochs: 37 };
    const layouts = [0, 1].map(() => {
      const run = new UmapRun(input, params);
      let steps = 0;
      while (!run.step(5)) steps++;
      expect(run.epoch).toBe(37);
      expect(steps).toBe(7);
      return run.layout();
    });
    expect(layouts[0]).toEqual(layouts[1]);
    expect(layouts[0].every((x) => Number.isFinite(x))).toBe(true);
  });
});
