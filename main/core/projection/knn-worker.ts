/**
 * Worker-thread entry: one share of a view's exact kNN graph (see knn-symmetric.ts). The view's
 * vectors and every share's candidate lists live in SharedArrayBuffers. Phase 1 scores this
 * share's tiles into its own lists; the workers then meet at a barrier (`sync`: [arrived,
 * failed]); phase 2 merges all lists for the rows [from, to) and returns their exact neighbours.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../errors';
import type { WorkerMessage } from '../workers';
import { type CandidateLists, collectCandidates, finishRows } from './knn-symmetric';

interface KnnTask {
  vectors: Float32Array;
  n: number;
  dims: number;
  k: number;
  part: number;
  parts: number;
  lists: CandidateLists[];
  sync: Int32Array;
  from: number;
  to: number;
  /** Set to 1 by the main thread to cancel (see workers.ts). */
  cancelFlag: Int32Array;
}

const data = workerData as KnnTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const cancelled = () => Atomics.load(data.cancelFlag, 0) === 1;
const stop = () => post({ type: 'error', error: { code: 'cancelled', message: 'The neighbour graph was cancelled.' } });

try {
  let last = Date.now();
  const q = collectCandidates(data.vectors, data.n, data.dims, data.k, data.part, data.parts, data.lists[data.part], (done, total) => {
    if (cancelled() || Atomics.load(data.sync, 1) === 1) return false;
    const now = Date.now();
    if (now - last > 100) {
      last = now;
      post({ type: 'progress', phase: 'Finding exact neighbours', fraction: (0.95 * done) / total });
    }
    return true;
  });
  if (cancelled()) {
    Atomics.store(data.sync, 1, 1);
    Atomics.notify(data.sync, 0);
    stop();
  } else {
    Atomics.add(data.sync, 0, 1);
    Atomics.notify(data.sync, 0);
    // Wait for every share, polling for a cancel or a failed partner.
    for (;;) {
      const arrived = Atomics.load(data.sync, 0);
      if (arrived >= data.parts || Atomics.load(data.sync, 1) === 1 || cancelled()) break;
      Atomics.wait(data.sync, 0, arrived, 50);
    }
    if (cancelled() || Atomics.load(data.sync, 1) === 1) stop();
    else {
      const { sims, idxs } = finishRows(data.vectors, data.n, data.dims, data.k, data.lists, q, data.from, data.to);
      post({ type: 'done', result: { sims, idxs } });
    }
  }
} catch (e) {
  Atomics.store(data.sync, 1, 1);
  Atomics.notify(data.sync, 0);
  const error = toWireError(e);
  post({ type: 'error', error: { code: error.code, message: error.message } });
}
