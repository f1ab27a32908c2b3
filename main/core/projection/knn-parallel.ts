/**
 * The view's exact kNN graph, split by row ranges over worker threads when the view is large
 * enough to repay starting them; small views are done on the calling thread.
 */
import os from 'node:os';
import type { JobHandle } from '../jobs';
import { runWorkerTask, workerPath } from '../workers';
import { fastKnnGraph, type KnnResult, toKnnResult } from './knn-graph';

/** Views below this many points are computed inline (~25 ms at most; a worker costs ~50 ms to start). */
const PARALLEL_MIN_POINTS = 1500;

const noJob: JobHandle = { id: 'knn', progress: () => {}, cancelled: false, onCancel: () => {} };

function workersAvailable(): boolean {
  try {
    workerPath('knn-worker');
    return true;
  } catch {
    return false;
  }
}

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
  if (n < PARALLEL_MIN_POINTS || !workersAvailable()) return fastKnnGraph(vectors, n, dims, kk);
  const shared = new Float32Array(new SharedArrayBuffer(n * dims * 4));
  shared.set(vectors.subarray(0, n * dims));
  // Equal row ranges, multiples of 4 (the kernel's block).
  const per = Math.ceil(n / threads / 4) * 4;
  const parts: Promise<{ sims: Float64Array; idxs: Int32Array }>[] = [];
  const ranges: [number, number][] = [];
  const job = opts.job ?? noJob;
  const fractions: number[] = [];
  for (let from = 0; from < n; from += per) {
    const to = Math.min(n, from + per);
    const part = ranges.length;
    ranges.push([from, to]);
    fractions.push(0);
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
    parts.push(runWorkerTask('knn-worker', { vectors: shared, n, dims, k: kk, from, to }, share));
  }
  const results = await Promise.all(parts);
  const sims = new Float64Array(n * kk);
  const idxs = new Int32Array(n * kk);
  results.forEach((r, i) => {
    sims.set(r.sims, ranges[i][0] * kk);
    idxs.set(r.idxs, ranges[i][0] * kk);
  });
  return toKnnResult(sims, idxs, kk);
}
