/**
 * The UMAP projection engine: a precomputed exact kNN graph in, 3-D coordinates out. Pure
 * computation (no DOM, no Node APIs), so the renderer's Web Worker and the CLI under Node run
 * exactly this code, and the same input, parameters and seed give the same coordinates.
 *
 * Pipeline (umap-learn's, cosine metric, 3 components):
 *   1. fuzzy simplicial set from the kNN graph (fuzzy-graph.ts; checked against umap-js),
 *   2. a start layout from the data's principal components (init.ts),
 *   3. seeded SGD over the graph's edges with negative sampling (optimise.ts); from 20,000
 *      points in parts that worker threads run at once, with the same result on one thread
 *      (layout-parts.ts).
 * place-points.ts adds points to a finished layout the way UMAP's transform does.
 */
import type { UmapParams } from '../contract/contract';
import { findAbParams } from './ab-params';
import { edgesForEpochs, epochsPerSample, fuzzySimplicialSet } from './fuzzy-graph';
import { pcaInit, randomInit } from './init';
import { InThreadParts, mergeParts, partsFor, planParts, slabOrder, type PartHost, type PartSpec } from './layout-parts';
import { LayoutOptimiser } from './optimise';
import { PartWorkersFailed } from './part-workers';
import { checkInput, type UmapInput } from './umap-input';
import { UmapJsRun } from './umap-js-run';

export { checkInput, type UmapInput };

export type ProjectionPhase = 'graph' | 'init' | 'optimise' | 'done';

export interface ProjectionProgress {
  phase: ProjectionPhase;
  /** Epochs finished, 0..epochs. */
  epoch: number;
  /** Total epochs of this run. */
  epochs: number;
  /** 0..1 over the whole run. */
  fraction: number;
  /** Human text, e.g. "Optimising layout: epoch 120 of 500". */
  message: string;
}

export class ProjectionCancelled extends Error {
  readonly code = 'cancelled';
  constructor() {
    super('The projection was cancelled.');
    this.name = 'ProjectionCancelled';
  }
}

/** Share of the progress bar spent before the first epoch. */
const PREP_FRACTION = 0.05;

/** One projection, step by step: `prepare()`, then `step()` until `done`, reading `layout()` any time. */
/** What the runners drive: one engine's projection, step by step. */
export interface LayoutRun {
  readonly nEpochs: number;
  readonly epoch: number;
  readonly done: boolean;
  prepare(): void;
  step(epochs?: number): boolean;
  /** One epoch on `host`'s threads where the run is cut into parts (else as `step`). */
  stepOn?(host: PartHost): Promise<boolean>;
  layout(): Float32Array;
}

/** The run for `params.engine`: ours unless the umap-js reference engine is asked for. */
export function createRun(input: UmapInput, params: UmapParams, parts?: number): LayoutRun {
  return params.engine === 'umap-js' ? new UmapJsRun(input, params) : new UmapRun(input, params, parts);
}

export class UmapRun implements LayoutRun {
  readonly n: number;
  readonly nEpochs: number;
  private embedding?: Float32Array;
  private optimiser?: LayoutOptimiser;
  /** Large maps: the parts, run in turn here unless a host takes them (stepOn). */
  private specs?: PartSpec[];
  private inThread?: InThreadParts;
  private hostStarted?: PartHost;
  private partEpoch = 0;
  /** For a map in parts, `embedding` is in slab order: row r is point order[r]. */
  private order?: Int32Array;

  /** `parts` overrides partsFor(n) (tests cut small maps into parts). */
  constructor(
    private readonly input: UmapInput,
    readonly params: UmapParams,
    private readonly parts?: number,
  ) {
    this.n = checkInput(input, params);
    this.nEpochs = params.nEpochs;
  }

  get epoch(): number {
    return this.specs ? this.partEpoch : (this.optimiser?.epoch ?? 0);
  }

  get done(): boolean {
    return this.specs ? this.partEpoch >= this.nEpochs : (this.optimiser?.done ?? false);
  }

  /** Builds the fuzzy graph, the edge schedule and the start layout. */
  prepare(): void {
    const { input, params, n } = this;
    const nNeighbors = Math.min(params.nNeighbors, n - 1, input.knnK + 1);
    const graph = fuzzySimplicialSet({ n, k: input.knnK, indices: input.knnIndices, distances: input.knnDistances }, nNeighbors);
    const edges = edgesForEpochs(graph, params.nEpochs);
    const eps = epochsPerSample(edges.weight, params.nEpochs);
    const emb = Float32Array.from(
      input.vectors && input.dims ? pcaInit(input.vectors, n, input.dims, params.seed) : randomInit(n, params.seed),
    );
    const { a, b } = findAbParams(1, params.minDist);
    this.embedding = emb;
    const parts = this.parts ?? partsFor(n);
    if (parts > 1) {
      const slab = slabOrder(emb, { head: edges.head, tail: edges.tail, epochsPerSample: eps });
      this.order = slab.order;
      this.embedding = new Float32Array(n * 3);
      for (let r = 0; r < n; r++) this.embedding.set(emb.subarray(slab.order[r] * 3, slab.order[r] * 3 + 3), r * 3);
      this.specs = planParts(slab, n, parts, {
        a,
        b,
        nEpochs: params.nEpochs,
        seed: params.seed,
      });
      return;
    }
    this.optimiser = new LayoutOptimiser({
      head: edges.head,
      tail: edges.tail,
      epochsPerSample: eps,
      headEmbedding: emb,
      tailEmbedding: emb,
      nVertices: n,
      a,
      b,
      nEpochs: params.nEpochs,
      moveOther: true,
      seed: params.seed,
    });
  }

  /** Runs up to `epochs` epochs (preparing first if needed). Returns true when the run is complete. */
  step(epochs = 1): boolean {
    if (!this.embedding) this.prepare();
    if (!this.specs) {
      this.optimiser!.runEpochs(epochs);
      return this.optimiser!.done;
    }
    if (this.hostStarted) throw new Error("this run's parts are on worker threads: use stepOn");
    if (!this.inThread) {
      this.inThread = new InThreadParts();
      this.inThread.start(this.specs);
    }
    for (let i = 0; i < epochs && !this.done; i++) {
      for (let s = 0; s < this.specs[0].slices; s++) {
        mergeParts(this.embedding!, this.specs, this.inThread.epoch(this.partEpoch, this.embedding!, s));
      }
      this.partEpoch++;
    }
    return this.done;
  }

  /** One epoch with the parts on `host`'s threads (a map in one part steps here instead). */
  async stepOn(host: PartHost): Promise<boolean> {
    if (!this.embedding) this.prepare();
    if (!this.specs) return this.step(1);
    if (this.inThread) throw new Error("this run's parts are on this thread: use step");
    if (this.hostStarted !== host) {
      await host.start(this.specs);
      this.hostStarted = host;
    }
    if (!this.done) {
      for (let s = 0; s < this.specs[0].slices; s++) {
        mergeParts(this.embedding!, this.specs, await host.epoch(this.partEpoch, this.embedding!, s));
      }
      this.partEpoch++;
    }
    return this.done;
  }

  /** Whether the run is cut into parts (and so can use worker threads). */
  get inParts(): boolean {
    if (!this.embedding) this.prepare();
    return this.specs !== undefined;
  }

  /** A copy of the current coordinates, row-major n × 3. */
  layout(): Float32Array {
    if (!this.embedding) this.prepare();
    const { embedding, order } = this;
    if (!order) return embedding!.slice();
    const out = new Float32Array(embedding!.length);
    for (let r = 0; r < order.length; r++) out.set(embedding!.subarray(r * 3, r * 3 + 3), order[r] * 3);
    return out;
  }
}

export interface RunOptions {
  onProgress?(p: ProjectionProgress): void;
  /** Receives a copy of the layout every `layoutEvery` epochs (and the start layout). The copy is the caller's to keep or transfer. */
  onLayout?(coords: Float32Array, epoch: number): void;
  /** Epochs between intermediate layouts. Default 10. */
  layoutEvery?: number;
  /** Polled between epochs; true stops the run with ProjectionCancelled. */
  isCancelled?(): boolean;
  /** How long to compute before yielding to the event loop (so cancel messages get in). Default 40 ms. */
  sliceMs?: number;
  /**
   * Worker threads for a large map's layout parts (called once, only when the run is in parts;
   * null: run them here). The coordinates are the same either way. Disposed at the end.
   */
  partHost?: () => PartHost | null;
  /** Parts to cut the layout into instead of partsFor(n) (tests). */
  parts?: number;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
/**
 * Lets queued messages (a "cancel") in between slices of epochs. In a browser worker a
 * MessageChannel round trip is used, because chained setTimeout(0) calls are clamped to 4 ms;
 * under Node (no clamping, and an open channel would keep the process alive) setTimeout.
 */
const pendingYields: (() => void)[] = [];
let yieldChannel: InstanceType<typeof MessageChannel> | undefined;
const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
const yieldNow = (): Promise<void> =>
  new Promise((resolve) => {
    if (isNode || typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    if (!yieldChannel) {
      yieldChannel = new MessageChannel();
      (yieldChannel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => pendingYields.shift()?.();
    }
    pendingYields.push(resolve);
    yieldChannel.port2.postMessage(null);
  });

function progressOf(phase: ProjectionPhase, epoch: number, epochs: number): ProjectionProgress {
  const fraction =
    phase === 'graph'
      ? 0
      : phase === 'init'
        ? PREP_FRACTION / 2
        : phase === 'done'
          ? 1
          : PREP_FRACTION + (1 - PREP_FRACTION) * (epoch / epochs);
  const message =
    phase === 'graph'
      ? 'Building the neighbour graph'
      : phase === 'init'
        ? 'Placing the starting layout'
        : phase === 'done'
          ? 'Done'
          : `Optimising layout: epoch ${epoch} of ${epochs}`;
  return { phase, epoch, epochs, fraction, message };
}

/**
 * Runs a whole projection, yielding to the event loop every `sliceMs` so a worker can receive
 * "cancel" between epochs. Resolves to the final coordinates (n × 3); rejects with
 * ProjectionCancelled when cancelled.
 */
export async function runUmap(input: UmapInput, params: UmapParams, opts: RunOptions = {}): Promise<Float32Array> {
  let run = createRun(input, params, opts.parts);
  const every = Math.max(1, opts.layoutEvery ?? 10);
  const slice = opts.sliceMs ?? 40;
  const cancelled = () => opts.isCancelled?.() === true;
  opts.onProgress?.(progressOf('graph', 0, run.nEpochs));
  await yieldNow();
  if (cancelled()) throw new ProjectionCancelled();
  run.prepare();
  opts.onProgress?.(progressOf('init', 0, run.nEpochs));
  opts.onLayout?.(run.layout(), 0);
  let host = run instanceof UmapRun && run.inParts ? (opts.partHost?.() ?? null) : null;
  let sliceStart = now();
  try {
    while (!run.done) {
      if (cancelled()) throw new ProjectionCancelled();
      if (host && run.stepOn) {
        try {
          await run.stepOn(host);
        } catch (e) {
          if (!(e instanceof PartWorkersFailed)) throw e;
          // Threads are a speed-up, never a requirement: start over on this thread (same result).
          host.dispose();
          host = null;
          run = createRun(input, params, opts.parts);
          run.prepare();
        }
      } else run.step(1);
      const e = run.epoch;
      if (e % every === 0 || run.done) {
        opts.onProgress?.(progressOf('optimise', e, run.nEpochs));
        if (!run.done) opts.onLayout?.(run.layout(), e);
      }
      if (now() - sliceStart > slice) {
        await yieldNow();
        sliceStart = now();
      }
    }
  } finally {
    host?.dispose();
  }
  if (cancelled()) throw new ProjectionCancelled();
  const out = run.layout();
  opts.onProgress?.(progressOf('done', run.nEpochs, run.nEpochs));
  return out;
}

/** The same projection synchronously (CLI, tests): no yielding, progress every `layoutEvery` epochs. */
export function runUmapSync(input: UmapInput, params: UmapParams, opts: Omit<RunOptions, 'sliceMs' | 'partHost'> = {}): Float32Array {
  const run = createRun(input, params, opts.parts);
  const every = Math.max(1, opts.layoutEvery ?? 10);
  opts.onProgress?.(progressOf('graph', 0, run.nEpochs));
  run.prepare();
  opts.onProgress?.(progressOf('init', 0, run.nEpochs));
  opts.onLayout?.(run.layout(), 0);
  while (!run.done) {
    if (opts.isCancelled?.()) throw new ProjectionCancelled();
    run.step(1);
    if (run.epoch % every === 0 || run.done) {
      opts.onProgress?.(progressOf('optimise', run.epoch, run.nEpochs));
      if (!run.done) opts.onLayout?.(run.layout(), run.epoch);
    }
  }
  const out = run.layout();
  opts.onProgress?.(progressOf('done', run.nEpochs, run.nEpochs));
  return out;
}
