import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PartHost } from '../../../common/umap/layout-parts';
import { type FromPartWorker, type PartPort, WorkerParts } from '../../../common/umap/part-workers';
import { workerAvailable, workerPath } from '../workers';

/** A worker_threads worker as a layout-part port. */
function nodePort(): PartPort {
  // No inherited flags: a host's loaders (test runners) must not shape this plain worker.
  const worker = new Worker(workerPath('layout-part-worker'), { execArgv: [] });
  let ended = false;
  return {
    post: (m, transfer = []) => worker.postMessage(m, transfer),
    listen(onMessage, onFailure) {
      worker.on('message', (m: FromPartWorker) => onMessage(m));
      worker.on('error', (e) => onFailure(e.message));
      worker.on('exit', (code) => !ended && onFailure(`exited with code ${code}`));
    },
    terminate: () => {
      ended = true;
      void worker.terminate();
    },
  };
}

/**
 * Worker threads for a large map's layout parts under Node (CLI, bench, main process): one per
 * core, up to the number of parts. Null where the built worker is missing (code run from
 * source before a build): the parts then run in turn on the calling thread, same coordinates.
 */
export function nodePartHost(): PartHost | null {
  if (!workerAvailable('layout-part-worker')) return null;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return new WorkerParts(nodePort, Math.max(1, cores));
}
