/**
 * Module Web Worker around the UMAP runner: the page posts "run" (kNN graph + params), gets
 * progress, intermediate layouts (transferred Float32Arrays) and the final layout, and may post
 * "cancel" at any time (the runner yields between slices of epochs, so it is seen within ~40 ms).
 * "place" puts extra points into a finished layout (UMAP transform) without a re-run.
 */
import type { FromWorker, ToWorker } from './protocol';
import { nearestAmong, placePoints } from '../../../common/umap/place-points';
import { ProjectionCancelled, runUmap } from '../../../common/umap/umap-runner';
import type { PartHost } from '../../../common/umap/layout-parts';
import { type FromPartWorker, type PartPort, WorkerParts } from '../../../common/umap/part-workers';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();

/** A nested Web Worker as a layout-part port. */
function partPort(): PartPort {
  const worker = new Worker(new URL('./layout-part-worker.ts', import.meta.url), { type: 'module', name: 'umap-part' });
  return {
    post: (m, transfer = []) => worker.postMessage(m, transfer),
    listen(onMessage, onFailure) {
      worker.onmessage = (event: MessageEvent<FromPartWorker>) => onMessage(event.data);
      worker.onerror = (event) => onFailure(event.message || 'the layout worker could not run');
    },
    terminate: () => worker.terminate(),
  };
}

/** Nested workers for a large map's layout parts, one per core (none where workers cannot nest). */
function partHost(): PartHost | null {
  if (typeof Worker === 'undefined') return null;
  return new WorkerParts(partPort, Math.max(1, navigator.hardwareConcurrency || 2));
}

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  if (msg.type === 'place') {
    try {
      const nn = nearestAmong(msg.viewVectors, msg.newVectors, msg.dims, Math.max(msg.params.nNeighbors, 1));
      const coords = placePoints({ layout: msg.layout, neighbours: nn.indices, distances: nn.distances, k: nn.k }, msg.params);
      post({ type: 'placed', id: msg.id, coords, neighbours: nn.indices, k: nn.k }, [coords.buffer, nn.indices.buffer]);
    } catch (e) {
      post({ type: 'error', id: msg.id, message: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  if (msg.type === 'run') {
    const { id } = msg;
    const t0 = performance.now();
    runUmap(msg.input, msg.params, {
      layoutEvery: msg.layoutEvery,
      partHost,
      isCancelled: () => cancelled.has(id),
      onProgress: (progress) => post({ type: 'progress', id, progress }),
      onLayout: (coords, epoch) => post({ type: 'layout', id, epoch, coords }, [coords.buffer]),
    }).then(
      (coords) => {
        cancelled.delete(id);
        post({ type: 'done', id, coords, ms: performance.now() - t0 }, [coords.buffer]);
      },
      (e) => {
        cancelled.delete(id);
        if (e instanceof ProjectionCancelled) post({ type: 'cancelled', id });
        else post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
      },
    );
  }
};
