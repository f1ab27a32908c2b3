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
}

const data = workerData as KnnTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const { sims, idxs } = knnRowsWasm(data.vectors, data.n, data.dims, data.k, data.from, data.to);
  post({ type: 'done', result: { sims, idxs } });
} catch (e) {
  const error = toWireError(e);
  post({ type: 'error', error: { code: error.code, message: error.message } });
}
