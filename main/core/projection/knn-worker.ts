/**
 * Worker-thread entry: the exact kNN rows [from, to) of a view (see knn-graph.ts). The view's
 * vectors arrive in a SharedArrayBuffer, so every worker reads the same memory without copies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../errors';
import type { WorkerMessage } from '../workers';
import { knnRowsWasm } from './knn-graph';

interface KnnTask {
  vectors: Float32Array;
  n: number;
  dims: number;
  k: number;
  from: number;
  to: number;
  /** Set to 1 by the main thread to cancel (see workers.ts). */
  cancelFlag: Int32Array;
}

const data = workerData as KnnTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const rows = data.to - data.from;
  let last = Date.now();
  let cancelled = false;
  const { sims, idxs } = knnRowsWasm(data.vectors, data.n, data.dims, data.k, data.from, data.to, (done) => {
    if (Atomics.load(data.cancelFlag, 0) === 1) {
      cancelled = true;
      return false;
    }
    const now = Date.now();
    if (now - last > 100) {
      last = now;
      post({ type: 'progress', phase: 'Finding exact neighbours', fraction: done / rows });
    }
    return true;
  });
  if (cancelled) post({ type: 'error', error: { code: 'cancelled', message: 'The neighbour graph was cancelled.' } });
  else post({ type: 'done', result: { sims, idxs } });
} catch (e) {
  const error = toWireError(e);
  post({ type: 'error', error: { code: error.code, message: error.message } });
}
