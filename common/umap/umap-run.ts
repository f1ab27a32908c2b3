/**
 * One projection as a sequence of steps: the runners (umap-runner.ts) prepare it, step it epoch
 * by epoch (on this thread, or with a large map's layout parts on worker threads) and read its
 * layout whenever they stream one to the scene.
 */
import type { UmapParams } from '../contract/contract';
import { findAbParams } from './ab-params';
import { edgesForEpochs, epochsPerSample, fuzzySimplicialSet } from './fuzzy-graph';
import { pcaInit, randomInit } from './init';
import { InThreadParts, mergeParts, partsFor, planParts, slabOrder, type PartHost, type PartSpec } from './layout-parts';
import { LayoutOptimiser } from './optimise';
import { checkInput, type UmapInput } from './umap-input';
import { UmapJsRun } from './umap-js-run';

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
