import { describe, expect, it } from 'vitest';
import type { JobHandle } from '../../../main/core/jobs';
import { knnGraph } from '../../../main/core/projection/knn-parallel';
import { fastKnnGraph } from '../../../main/core/projection/knn-symmetric';
import { clusteredVectors } from '../../unit/projection/fixtures';

describe('exact kNN graph over worker threads', () => {
  it('equals the single-thread graph for 1, 2 and 3 workers, and reports progress', async () => {
    const n = 3001;
    const dims = 50;
    const { vectors } = clusteredVectors(n, dims, 12, 4);
    const ref = fastKnnGraph(vectors, n, dims, 15);
    for (const threads of [1, 2, 3]) {
      const fractions: number[] = [];
      const job: JobHandle = { id: 'test', cancelled: false, progress: (_p, f) => fractions.push(f), onCancel: () => {} };
      const got = await knnGraph(vectors, n, dims, 15, { threads, job });
      expect(got.k).toBe(15);
      expect(Array.from(got.indices)).toEqual(Array.from(ref.indices));
      expect(Array.from(got.distances)).toEqual(Array.from(ref.distances));
      for (const f of fractions) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }
    }
  });

  it('stops every worker when cancelled, with a clear error (a cancelled worker releases its partner from the barrier)', async () => {
    const n = 20_000;
    const dims = 100;
    const { vectors } = clusteredVectors(n, dims, 12, 5);
    let cancel = () => {};
    const job: JobHandle = {
      id: 'test',
      cancelled: false,
      progress: () => cancel(),
      onCancel: (fn) => {
        cancel = fn;
      },
    };
    await expect(knnGraph(vectors, n, dims, 15, { threads: 2, job })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
