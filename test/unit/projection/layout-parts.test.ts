import { describe, expect, it } from 'vitest';
import { bruteForceKnn } from '../../../main/core/projection/knn-graph';
import { edgesForEpochs, epochsPerSample, fuzzySimplicialSet } from '../../../common/umap/fuzzy-graph';
import { partsFor, PARTS, PARTS_FROM, planParts, slabOrder } from '../../../common/umap/layout-parts';
import fc from 'fast-check';
import { partWorkerServer, type PartPort, type ToPartWorker, WorkerParts } from '../../../common/umap/part-workers';
import { runUmap, runUmapSync, type UmapInput } from '../../../common/umap/umap-runner';
import { clusterPurity, clusteredVectors } from './fixtures';

const N = 600;
const DIMS = 20;
const { vectors, labels } = clusteredVectors(N, DIMS, 6, 3);
const knn = bruteForceKnn(vectors, N, DIMS, 15);
const input: UmapInput = { knnIndices: knn.indices, knnDistances: knn.distances, knnK: knn.k, vectors, dims: DIMS };
const params = { nNeighbors: 15, minDist: 0.1, nEpochs: 60, seed: 42 };

/**
 * Workers in this thread: the real worker-side server behind a port that delivers messages
 * asynchronously (structured-cloned, as a thread boundary would), optionally failing at an epoch.
 */
function inProcessPort(failAtEpoch = -1, onFail = () => {}): PartPort {
  const serve = partWorkerServer();
  let listener: ((m: ReturnType<typeof serve>['reply']) => void) | undefined;
  let failure: ((message: string) => void) | undefined;
  return {
    post(m: ToPartWorker) {
      const copy = structuredClone(m);
      setTimeout(() => {
        if (copy.type === 'epoch' && copy.epoch === failAtEpoch) {
          onFail();
          failure?.('the thread died');
        } else listener?.(structuredClone(serve(copy).reply));
      }, 0);
    },
    listen(onMessage, onFailure) {
      listener = onMessage;
      failure = onFailure;
    },
    terminate() {
      listener = undefined;
    },
  };
}

describe('layout parts', () => {
  it('cut points into contiguous ranges that own every edge by its head, with the work balanced', () => {
    const graph = fuzzySimplicialSet({ n: N, k: knn.k, indices: knn.indices, distances: knn.distances }, 15);
    const edges = edgesForEpochs(graph, 200);
    const eps = epochsPerSample(edges.weight, 200);
    for (const parts of [1, 2, 3, 4, 7]) {
      const specs = planParts({ head: edges.head, tail: edges.tail, epochsPerSample: eps }, N, parts, {
        a: 1,
        b: 1,
        nEpochs: 200,
        seed: 1,
      });
      expect(specs.length).toBe(parts);
      expect(specs[0].first).toBe(0);
      expect(specs[parts - 1].end).toBe(N);
      let edgesSeen = 0;
      const works: number[] = [];
      specs.forEach((s, p) => {
        if (p > 0) expect(s.first).toBe(specs[p - 1].end);
        let work = 0;
        for (let e = 0; e < s.head.length; e++) {
          expect(s.head[e]).toBeGreaterThanOrEqual(s.first);
          expect(s.head[e]).toBeLessThan(s.end);
          work += 6 / s.epochsPerSample[e];
        }
        edgesSeen += s.head.length;
        works.push(work);
      });
      expect(edgesSeen).toBe(edges.head.length);
      // Balanced to within a few points' edges.
      expect(Math.max(...works) / Math.min(...works)).toBeLessThan(1.2);
    }
    expect(() =>
      planParts({ head: Int32Array.from([2, 1]), tail: new Int32Array(2), epochsPerSample: new Float64Array(2) }, 3, 2, {
        a: 1,
        b: 1,
        nEpochs: 1,
        seed: 1,
      }),
    ).toThrow(/sorted/);
  });

  it('renumber points along the first axis with every edge kept, sorted by its new head', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0.5, max: 50, noNaN: true })), { maxLength: 120 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 120, maxLength: 120 }),
        (n, raw, xs) => {
          const start = new Float32Array(n * 3);
          for (let i = 0; i < n; i++) start[i * 3] = xs[i % xs.length];
          const pairs = raw.map(([h, t, w]) => [h % n, t % n, w] as const).sort((x, y) => x[0] - y[0]);
          const edges = {
            head: Int32Array.from(pairs.map((p) => p[0])),
            tail: Int32Array.from(pairs.map((p) => p[1])),
            epochsPerSample: Float64Array.from(pairs.map((p) => p[2])),
          };
          const slab = slabOrder(start, edges);
          expect([...slab.order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          for (let r = 1; r < n; r++) expect(start[slab.order[r] * 3]).toBeGreaterThanOrEqual(start[slab.order[r - 1] * 3]);
          for (let e = 1; e < slab.head.length; e++) expect(slab.head[e]).toBeGreaterThanOrEqual(slab.head[e - 1]);
          const key = (h: number, t: number, w: number) => `${h} ${t} ${w}`;
          const before = pairs.map((p) => key(p[0], p[1], p[2])).sort();
          const after = Array.from(slab.head, (h, e) => key(slab.order[h], slab.order[slab.tail[e]], slab.epochsPerSample[e])).sort();
          expect(after).toEqual(before);
        },
      ),
    );
  });

  it('are used from PARTS_FROM points, fixed in number whatever the machine', () => {
    expect(partsFor(PARTS_FROM - 1)).toBe(1);
    expect(partsFor(PARTS_FROM)).toBe(PARTS);
    expect(partsFor(200_000)).toBe(PARTS);
  });

  it('give the same coordinates to the bit on one thread and on workers, and a layout as good as one part', async () => {
    const one = runUmapSync(input, params, { parts: 4 });
    for (const threads of [1, 2, 4]) {
      const host = new WorkerParts(() => inProcessPort(), threads);
      const got = await runUmap(input, params, { parts: 4, partHost: () => host, sliceMs: 1000 });
      expect(Array.from(got)).toEqual(Array.from(one));
    }
    const whole = runUmapSync(input, params);
    expect(Array.from(whole)).not.toEqual(Array.from(one));
    for (const x of one) expect(Number.isFinite(x)).toBe(true);
    expect(clusterPurity(one, labels)).toBeGreaterThan(0.95);
    expect(Math.abs(clusterPurity(one, labels) - clusterPurity(whole, labels))).toBeLessThan(0.03);
  });

  it('start over on the calling thread when a worker dies, with the same result', async () => {
    const reference = runUmapSync(input, params, { parts: 3 });
    let spawned = 0;
    let failures = 0;
    // Three threads: the caller and two workers, the second of which dies at epoch 17.
    const host = new WorkerParts(() => inProcessPort(spawned++ === 1 ? 17 : -1, () => failures++), 3);
    const epochs: number[] = [];
    const got = await runUmap(input, params, {
      parts: 3,
      partHost: () => host,
      layoutEvery: 1,
      onProgress: (p) => p.phase === 'optimise' && epochs.push(p.epoch),
    });
    expect(Array.from(got)).toEqual(Array.from(reference));
    expect(spawned).toBe(2);
    expect(failures).toBe(1);
    // Progress restarts after the failure instead of hanging.
    expect(epochs).toContain(60);
  });
});
