/**
 * Worker-thread entry: layout parts of a large map (common/umap/layout-parts.ts), one epoch per
 * message from the thread that runs the projection.
 */
import { parentPort } from 'node:worker_threads';
import { partWorkerServer, type ToPartWorker } from '../../../common/umap/part-workers';

const serve = partWorkerServer();
parentPort!.on('message', (m: ToPartWorker) => {
  const { reply, transfer } = serve(m);
  parentPort!.postMessage(reply, transfer);
});
