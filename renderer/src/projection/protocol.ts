/** Messages between ProjectionClient (page) and umap-worker.ts (Web Worker). */
import type { UmapParams } from '../../../common/contract/contract';
import type { ProjectionProgress, UmapInput } from '../../../common/umap/umap-runner';

export type ToWorker =
  | { type: 'run'; id: number; input: UmapInput; params: UmapParams; layoutEvery: number }
  | { type: 'cancel'; id: number }
  | {
      type: 'place';
      id: number;
      /** Unit vectors of the view's points, n × dims. */
      viewVectors: Float32Array;
      /** The view's layout, n × 3. */
      layout: Float32Array;
      /** Unit vectors of the points to place, m × dims. */
      newVectors: Float32Array;
      dims: number;
      params: { nNeighbors: number; minDist: number; seed: number; nEpochs?: number };
    };

export type FromWorker =
  | { type: 'progress'; id: number; progress: ProjectionProgress }
  | { type: 'layout'; id: number; epoch: number; coords: Float32Array }
  | { type: 'done'; id: number; coords: Float32Array; ms: number }
  | { type: 'placed'; id: number; coords: Float32Array; neighbours: Int32Array; k: number }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string };
