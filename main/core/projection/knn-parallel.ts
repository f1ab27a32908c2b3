/**
 * The view's exact kNN graph over worker threads when the view is large enough to repay starting
 * them (small views are done on the calling thread): each worker scores a share of the pair
 * tiles (knn-symmetric.ts), then finishes an equal range of rows from all shares' candidates.
 */
import os from 'node:os';
import type { JobHandle } from '../jobs';
import { runWorkerTask, workerAvailable } from '../workers';
import { type KnnResult, toKnnResult } from './knn-graph';
import { wasmKnnAvailable } from './knn-kernel-module';
import { candidateListsSize, fastKnnGraph } from './knn-symmetric';

/** Views below this many points are computed inline (~25 ms at most; a worker costs ~50 ms to start). */
const PARALLEL_MIN_POINTS = 1500;

const noJob: JobHandle = { id: 'knn', progress: () => {}, cancelled: false, onCancel: () => {} };

export async function knnGraph(
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  opts: { threads?: number; job?: JobHandle } = {},
): Promise<KnnResult> {
  const kk = Math.max(1, Math.min(k, n - 1));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const threads = Math.max(1, Math.min(opts.threads ?? cores, 8));
  // Even on one core a worker keeps the main process event loop free.
  if (n < PARALLEL_MIN_POINTS || !workerAvailable('knn-worker') || !wasmKnnAvailable()) return fastKnnGraph(vectors, n, dims, kk);
  const shared = new Float32Array(new SharedArrayBuffer(n * dims * 4));
  shared.set(vectors.subarray(0, n * dims));
  // Equal row ranges, multiples of 4 (the kernel's block), one per worker.
  const per = Math.ceil(n / threads / 4) * 4;
  const ranges: [number, number][] = [];
  for (let from = 0; from < n; from += per) ranges.push([from, Math.min(n, from + per)]);
  const parts = ranges.length;
  const size = candidateListsSize(n, kk);
  const lists = Array.from({ length: parts }, () => ({
    scores: new Int32Array(new SharedArrayBuffer(size * 4)),
    idxs: new Int32Array(new SharedArrayBuffer(size * 4)),
  }));
  const sync = new Int32Array(new SharedArrayBuffer(8));
  const tasks: Promise<{ sims: Float64Array; idxs: Int32Array }>[] = [];
  const job = opts.job ?? noJob;
  const fractions = ranges.map(() => 0);
  for (let part = 0; part < parts; part++) {
    const [from, to] = ranges[part];
    // Each worker reports its own share; the job shows the rows done over all of them.
    const share: JobHandle = {
      id: job.id,
      get cancelled() {
        return job.cancelled;
      },
      progress: (phase, fraction) => {
        fractions[part] = fraction * (to - from);
        job.progress(phase, fractions.reduce((a, b) => a + b, 0) / n);
      },
      onCancel: (fn) => job.onCancel(fn),
    };
    const task = runWorkerTask<{ sims: Float64Array; idxs: Int32Array }>(
      'knn-worker',
      { vectors: shared, n, dims, k: kk, part, parts, lists, sync, from, to },
      share,
    );
    // A worker that dies releases the others from the barrier.
    task.catch(() => {
      Atomics.store(sync, 1, 1);
      Atomics.notify(sync, 0);
    });
    tasks.push(task);
  }
  const results = await Promise.all(tasks);
  const sims = new Float64Array(n * kk);
  const idxs = new Int32Array(n * kk);
  results.forEach((r, i) => {
    sims.set(r.sims, ranges[i][0] * kk);
    idxs.set(r.idxs, ranges[i][0] * kk);
  });
  return toKnnResult(sims, idxs, kk);
}
