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
import type { PartHost } from './layout-parts';
import { PartWorkersFailed } from './part-workers';
import { createRun, UmapRun } from './umap-run';
import { checkInput, type UmapInput } from './umap-input';

export { checkInput, type UmapInput };
export { createRun, UmapRun, type LayoutRun } from './umap-run';

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
