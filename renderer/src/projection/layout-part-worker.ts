/**
 * Module Web Worker started by the UMAP worker: layout parts of a large map
 * (common/umap/layout-parts.ts), one epoch per message.
 */
import { partWorkerServer, type ToPartWorker } from '../../../common/umap/part-workers';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const serve = partWorkerServer();
scope.onmessage = (event: MessageEvent<ToPartWorker>) => {
  const { reply, transfer } = serve(event.data);
  scope.postMessage(reply, transfer);
};
