/**
 * The page's handle on the projection engine. The scene asks for a view's data, runs UMAP in a
 * Web Worker (progress, intermediate layouts, cancel), saves the result, and places words that
 * are not in the view into a finished layout.
 *
 *   const projection = new ProjectionClient();
 *   const view = await projection.loadView({ kind: 'top', top: 5000 });
 *   const params = defaultUmapParams(view.words.length);
 *   const coords = await projection.run(view, params, { onProgress, onLayout });
 *   const saved = await projection.save(view, params, coords);
 *   const added = await projection.place(['gallantry'], { words: view.words, coords, vectors: view.vectors, dims: view.dims }, params);
 *
 * `run` rejects with an error whose `code` is "cancelled" after `cancel()` (or a newer `run`).
 */
import {
  defaultUmapParams,
  type ExplorerApi,
  KNN_K,
  type ProjectionSummary,
  type UmapParams,
  type ViewData,
  type ViewSpec,
} from '../../../common/contract/contract';
import { getApi } from '../api/client';
import type { FromWorker, ToWorker } from './protocol';
import { type ProjectionProgress, ProjectionCancelled } from '../../../common/umap/umap-runner';

export { defaultUmapParams, ProjectionCancelled };
export type { ProjectionProgress };

export interface RunCallbacks {
  /** Phase and epoch x of y, about every `layoutEvery` epochs. */
  onProgress?(progress: ProjectionProgress): void;
  /** Intermediate layouts (n × 3, yours to keep), the start layout first, then every `layoutEvery` epochs. */
  onLayout?(coords: Float32Array, epoch: number): void;
  /** Epochs between intermediate layouts. Default 10. */
  layoutEvery?: number;
}

/** A layout words can be placed into. `vectors` (unit, n × dims) are fetched when absent. */
export interface PlacementTarget {
  words: string[];
  coords: Float32Array;
  vectors?: Float32Array;
  dims?: number;
  model?: string;
}

export interface Placed {
  /** The placed words (as matched in the model), in request order, missing ones left out. */
  words: string[];
  /** Their coordinates, row-major words.length × 3, in the target layout's space. */
  coords: Float32Array;
  /** Each placed word's nearest view points (indices into target.words), words.length × k. */
  neighbours: Int32Array;
  k: number;
  /** Requested words the model does not have. */
  missing: string[];
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  callbacks?: RunCallbacks;
}

export class ProjectionClient {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private currentRun = 0;
  private readonly vectorCache = new WeakMap<string[], { vectors: Float32Array; dims: number }>();

  constructor(
    private readonly opts: {
      api?: ExplorerApi;
      /** Override for tests; default: the bundled module worker. */
      createWorker?: () => Worker;
    } = {},
  ) {}

  private get api(): ExplorerApi {
    return this.opts.api ?? getApi();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.opts.createWorker
      ? this.opts.createWorker()
      : new Worker(new URL('./umap-worker.ts', import.meta.url), { type: 'module', name: 'umap' });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.onMessage(event.data);
    worker.onerror = (event) => {
      const error = new Error(`The projection worker failed: ${event.message || 'unknown error'}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = undefined;
    };
    this.worker = worker;
    return worker;
  }

  private onMessage(msg: FromWorker): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    switch (msg.type) {
      case 'progress':
        p.callbacks?.onProgress?.(msg.progress);
        break;
      case 'layout':
        p.callbacks?.onLayout?.(msg.coords, msg.epoch);
        break;
      case 'done':
        this.pending.delete(msg.id);
        if (this.currentRun === msg.id) this.currentRun = 0;
        p.resolve(msg.coords);
        break;
      case 'placed':
        this.pending.delete(msg.id);
        p.resolve(msg);
        break;
      case 'cancelled':
        this.pending.delete(msg.id);
        if (this.currentRun === msg.id) this.currentRun = 0;
        p.reject(new ProjectionCancelled());
        break;
      case 'error':
        this.pending.delete(msg.id);
        if (this.currentRun === msg.id) this.currentRun = 0;
        p.reject(new Error(msg.message));
        break;
    }
  }

  /** True while a projection runs. */
  get running(): boolean {
    return this.currentRun !== 0;
  }

  /**
   * A view's words, unit vectors and exact kNN graph from the core, with enough neighbours per
   * point for `nNeighbors` (default 15).
   */
  loadView(view: ViewSpec, opts: { model?: string; nNeighbors?: number } = {}): Promise<ViewData> {
    const knnK = Math.min(KNN_K.max, Math.max(KNN_K.default, (opts.nNeighbors ?? 15) - 1));
    return this.api.viewData({ view, model: opts.model, knnK });
  }

  /**
   * Projects a view with UMAP in the worker. Resolves to the final coordinates (row-major
   * words.length × 3, in viewData.words order). A newer `run` or `cancel()` rejects the running one
   * with ProjectionCancelled (code "cancelled").
   */
  run(view: ViewData, params: UmapParams, callbacks: RunCallbacks = {}): Promise<Float32Array> {
    this.cancel();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    this.currentRun = id;
    return new Promise<Float32Array>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, callbacks });
      const message: ToWorker = {
        type: 'run',
        id,
        // Copies are transferred, not cloned: a structured clone of a 200,000-word view (100 MB)
        // takes this thread hundreds of ms, one copy of each array a few. The view stays usable here.
        input: {
          knnIndices: view.knnIndices.slice(),
          knnDistances: view.knnDistances.slice(),
          knnK: view.knnK,
          vectors: view.vectors.slice(),
          dims: view.dims,
        },
        params: {
          nNeighbors: params.nNeighbors,
          minDist: params.minDist,
          nEpochs: params.nEpochs,
          seed: params.seed,
          ...(params.engine ? { engine: params.engine } : {}),
        },
        layoutEvery: callbacks.layoutEvery ?? 10,
      };
      const { input } = message;
      worker.postMessage(message, [input.knnIndices.buffer, input.knnDistances.buffer, input.vectors!.buffer]);
    });
  }

  /** Stops the running projection between epochs; its promise rejects with ProjectionCancelled. */
  cancel(): void {
    if (!this.currentRun || !this.worker) return;
    const msg: ToWorker = { type: 'cancel', id: this.currentRun };
    this.worker.postMessage(msg);
  }

  /** Stores a finished layout in the core (SQLite); resolves to its summary. */
  save(
    view: ViewData,
    params: UmapParams,
    coords: Float32Array,
    opts: { name?: string; meta?: Record<string, unknown> } = {},
  ): Promise<ProjectionSummary> {
    return this.api.saveProjection({
      view: view.view,
      params,
      words: view.words,
      coords,
      name: opts.name,
      model: view.model,
      meta: opts.meta,
    });
  }

  /**
   * Places words that are not in a layout into it (UMAP transform: weighted mean of their exact
   * neighbours among the layout's words, then a few epochs with the layout fixed). The layout is
   * not changed. Unknown words come back in `missing`.
   */
  async place(words: string[], target: PlacementTarget, params: Pick<UmapParams, 'nNeighbors' | 'minDist' | 'seed'>): Promise<Placed> {
    if (words.length === 0) return { words: [], coords: new Float32Array(0), neighbours: new Int32Array(0), k: 0, missing: [] };
    const added = await this.api.vectorsOf({ words, model: target.model });
    let viewVectors = target.vectors && target.vectors.length > 0 ? target.vectors : undefined;
    let dims = target.dims ?? added.dims;
    if (!viewVectors) {
      const cached = this.vectorCache.get(target.words);
      if (cached) {
        viewVectors = cached.vectors;
        dims = cached.dims;
      } else {
        const got = await this.api.vectorsOf({ words: target.words, model: target.model });
        if (got.words.length !== target.words.length) {
          throw new Error(`${got.missing.length} of the layout's words are not in ${got.model}; cannot place words into it.`);
        }
        viewVectors = got.vectors;
        dims = got.dims;
        this.vectorCache.set(target.words, { vectors: viewVectors, dims });
      }
    }
    if (added.words.length === 0)
      return { words: [], coords: new Float32Array(0), neighbours: new Int32Array(0), k: 0, missing: added.missing };
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const result = await new Promise<Extract<FromWorker, { type: 'placed' }>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const message: ToWorker = {
        type: 'place',
        id,
        viewVectors: viewVectors!,
        layout: target.coords,
        newVectors: added.vectors,
        dims,
        params: { nNeighbors: params.nNeighbors, minDist: params.minDist, seed: params.seed },
      };
      worker.postMessage(message);
    });
    return { words: added.words, coords: result.coords, neighbours: result.neighbours, k: result.k, missing: added.missing };
  }

  /** Stops the worker; pending calls reject. */
  dispose(): void {
    for (const p of this.pending.values()) p.reject(new ProjectionCancelled());
    this.pending.clear();
    this.worker?.terminate();
    this.worker = undefined;
    this.currentRun = 0;
  }
}
