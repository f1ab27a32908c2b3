/**
 * The reference engine: the stock umap-js library driven over the same exact kNN graph as our
 * engine (setPrecomputedKNN) with our seeded generator as its `random`, so a layout can be
 * cross-checked against it and the speed difference measured. Same step-by-step surface as
 * UmapRun. umap-js starts from uniform noise rather than principal components.
 */
import { UMAP } from 'umap-js';
import type { UmapParams } from '../contract/contract';
import { Prng } from './prng';
import { checkInput, type UmapInput } from './umap-input';

export class UmapJsRun {
  readonly n: number;
  readonly nEpochs: number;
  private umap?: UMAP;
  private current = 0;

  constructor(
    private readonly input: UmapInput,
    readonly params: UmapParams,
  ) {
    this.n = checkInput(input, params);
    this.nEpochs = params.nEpochs;
  }

  get epoch(): number {
    return this.current;
  }

  get done(): boolean {
    return this.current >= this.nEpochs;
  }

  /** Hands umap-js the graph (self first, as it expects) and lets it build its fuzzy set and start layout. */
  prepare(): void {
    const { input, params, n } = this;
    // umap-js counts the point itself among its neighbours, so K of ours + 1 = its nNeighbors.
    const k = Math.min(params.nNeighbors - 1, input.knnK, n - 2);
    const indices: number[][] = new Array(n);
    const distances: number[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = i * input.knnK;
      const idx = [i];
      const dist = [0];
      for (let j = 0; j < k; j++) {
        idx.push(input.knnIndices[row + j]);
        dist.push(input.knnDistances[row + j]);
      }
      indices[i] = idx;
      distances[i] = dist;
    }
    const umap = new UMAP({
      nComponents: 3,
      nNeighbors: k + 1,
      minDist: params.minDist,
      nEpochs: params.nEpochs,
      random: new Prng(params.seed, 7).next,
    });
    umap.setPrecomputedKNN(indices, distances);
    // With a precomputed graph umap-js reads only the number of rows of X.
    umap.initializeFit(Array.from({ length: n }, () => [0]));
    this.umap = umap;
  }

  /** Runs up to `epochs` epochs (preparing first if needed). Returns true when the run is complete. */
  step(epochs = 1): boolean {
    if (!this.umap) this.prepare();
    for (let e = 0; e < epochs && !this.done; e++) this.current = this.umap!.step();
    return this.done;
  }

  /** A copy of the current coordinates, row-major n × 3. */
  layout(): Float32Array {
    if (!this.umap) this.prepare();
    const emb = this.umap!.getEmbedding();
    const out = new Float32Array(this.n * 3);
    for (let i = 0; i < this.n; i++) out.set(emb[i], i * 3);
    return out;
  }
}
