/**
 * UMAP's layout optimisation (umap-learn's optimize_layout_euclidean, single-threaded, so
 * deterministic) for 3 components on typed arrays: attractive updates along sampled graph edges,
 * repulsive updates against negative samples drawn from a seeded generator, learning rate
 * decaying linearly to zero. One `runEpochs` call is a slice of the loop; the caller decides when
 * to yield, report progress or stop.
 */
import { detPow } from './det-math';
import { mixSeed } from './prng';

/**
 * x^b by table: x = 2^e · m with m in [1, 2) (the exponent from Math.clz32 of x·2^20), so
 * x^b = (2^e)^b · m^b, with m^b interpolated in a 1,025-entry table (relative error ~1e-8).
 * Math.pow is a library call and dominated the epoch loop; outside 2^-20..2048 detPow is used.
 */
export class PowTable {
  static readonly MANT = 1024;
  readonly mant = new Float64Array(PowTable.MANT + 1);
  readonly invPow2 = new Float64Array(32);
  readonly expB = new Float64Array(32);

  constructor(readonly b: number) {
    for (let j = 0; j <= PowTable.MANT; j++) this.mant[j] = detPow(1 + j / PowTable.MANT, b);
    for (let e = 0; e < 32; e++) {
      this.invPow2[e] = detPow(2, 20 - e);
      this.expB[e] = detPow(2, (e - 20) * b);
    }
  }

  pow(x: number): number {
    if (x >= POW_LO && x < POW_HI) {
      const e = 31 - Math.clz32((x * 1048576) | 0);
      const pos = (x * this.invPow2[e] - 1) * PowTable.MANT;
      const j = pos | 0;
      const m0 = this.mant[j];
      return this.expB[e] * (m0 + (pos - j) * (this.mant[j + 1] - m0));
    }
    return detPow(x, this.b);
  }
}

const POW_LO = 1 / 1048576;
const POW_HI = 2048;

export interface OptimiserOptions {
  /** Edge endpoints: `head[e]` moves towards `tail[e]`. Indices into headEmbedding / tailEmbedding. */
  head: Int32Array;
  tail: Int32Array;
  /** Epochs between samples of each edge (umap-learn make_epochs_per_sample). */
  epochsPerSample: Float64Array;
  /**
   * Points being laid out, row-major × 3; updated in place. Float32: half the bytes of double, so
   * at 100,000 points the layout the negative samples hit at random stays in the core's cache
   * (the arithmetic is still done in double).
   */
  headEmbedding: Float32Array;
  /** Points attracted to and repelled from; the same array as headEmbedding for a fit. */
  tailEmbedding: Float32Array;
  /** Number of tail points negative samples are drawn from. */
  nVertices: number;
  a: number;
  b: number;
  nEpochs: number;
  /** Whether the tail end of an edge moves too (true for a fit, false when placing new points). */
  moveOther: boolean;
  seed: number;
  /** Repulsion weight. Default 1. */
  gamma?: number;
  /** Negative samples per positive sample. Default 5. */
  negativeSampleRate?: number;
  /** Initial learning rate. Default 1. */
  learningRate?: number;
  /**
   * Tail points this optimiser may move in place, [ownFirst, ownEnd) in point indices (default:
   * all). A tail outside the range is another layout part's point (layout-parts.ts): its move
   * is added to `foreignDelta` instead, for the coordinator to apply after the epoch.
   */
  ownFirst?: number;
  ownEnd?: number;
  /** n × 3 moves of points outside the owned range; required when that range is not all points. */
  foreignDelta?: Float32Array;
  /** Salt of the negative-sampling generator's seed (one stream per layout part). Default 7. */
  seedSalt?: number;
}

export class LayoutOptimiser {
  /** Epochs done so far. */
  epoch = 0;
  readonly nEpochs: number;
  private readonly o: OptimiserOptions;
  private readonly nextSample: Float64Array;
  private readonly nextNegative: Float64Array;
  private rng: number;
  private readonly rate: number;

  constructor(o: OptimiserOptions) {
    this.o = o;
    this.nEpochs = o.nEpochs;
    const rate = o.negativeSampleRate ?? 5;
    this.rate = rate;
    this.nextSample = o.epochsPerSample.slice();
    this.nextNegative = o.epochsPerSample.map((e) => e / rate);
    this.rng = mixSeed(o.seed >>> 0, o.seedSalt ?? 7);
    const own = (o.ownFirst ?? 0) > 0 || (o.ownEnd ?? o.nVertices) < o.nVertices;
    if (own && o.moveOther && !o.foreignDelta) throw new Error('a layout part needs a foreignDelta array');
  }

  get done(): boolean {
    return this.epoch >= this.nEpochs;
  }

  /** Runs up to `count` epochs; returns how many ran. */
  runEpochs(count: number): number {
    let ran = 0;
    while (ran < count && this.epoch < this.nEpochs) {
      this.sweep(0, this.o.head.length);
      this.epoch++;
      ran++;
    }
    return ran;
  }

  /**
   * Samples edges [from, to) of the current epoch; `endEpoch` moves on to the next. An epoch
   * swept in slices is the same computation as one sweep (layout parts sync between slices).
   */
  runSlice(from: number, to: number, endEpoch: boolean): void {
    if (this.epoch >= this.nEpochs) return;
    this.sweep(Math.max(0, from), Math.min(to, this.o.head.length));
    if (endEpoch) this.epoch++;
  }

  private sweep(from: number, to: number): void {
    const { head, tail, epochsPerSample, headEmbedding: H, tailEmbedding: T, nVertices, a, b, moveOther } = this.o;
    const gamma = this.o.gamma ?? 1;
    const initialAlpha = this.o.learningRate ?? 1;
    const nextSample = this.nextSample;
    const nextNegative = this.nextNegative;
    // Epochs per negative sample, eps / rate, computed where needed instead of stored: one
    // array fewer streamed through the cache every epoch.
    const rate = this.rate;
    const twoAB = 2 * a * b;
    const twoGammaB = 2 * gamma * b;
    // The table's arrays as locals: the lookups below are inlined by hand, so the engine keeps
    // them in registers instead of reloading them from the object after every store.
    const table = new PowTable(b);
    const mant = table.mant;
    const invPow2 = table.invPow2;
    const expB = table.expB;
    const MANT = PowTable.MANT;
    const nScale = nVertices / 4294967296;
    // Owned tails, as offsets into the row-major arrays.
    const own0 = (this.o.ownFirst ?? 0) * 3;
    const own1 = (this.o.ownEnd ?? nVertices) * 3;
    const delta = this.o.foreignDelta;
    let s = this.rng | 0;
    {
      const n = this.epoch;
      const alpha = initialAlpha * (1 - n / this.nEpochs);
      for (let e = from; e < to; e++) {
        if (nextSample[e] > n) continue;
        const j = head[e] * 3;
        const k = tail[e] * 3;
        let c0 = H[j];
        let c1 = H[j + 1];
        let c2 = H[j + 2];
        const d0 = c0 - T[k];
        const d1 = c1 - T[k + 1];
        const d2 = c2 - T[k + 2];
        const dist2 = d0 * d0 + d1 * d1 + d2 * d2;
        if (dist2 > 0) {
          let pb: number;
          if (dist2 >= POW_LO && dist2 < POW_HI) {
            const ex = 31 - Math.clz32((dist2 * 1048576) | 0);
            const pos = (dist2 * invPow2[ex] - 1) * MANT;
            const jj = pos | 0;
            const m0 = mant[jj];
            pb = expB[ex] * (m0 + (pos - jj) * (mant[jj + 1] - m0));
          } else pb = detPow(dist2, b);
          const coeff = (-twoAB * pb) / dist2 / (a * pb + 1);
          let g0 = coeff * d0;
          let g1 = coeff * d1;
          let g2 = coeff * d2;
          g0 = g0 > 4 ? 4 : g0 < -4 ? -4 : g0;
          g1 = g1 > 4 ? 4 : g1 < -4 ? -4 : g1;
          g2 = g2 > 4 ? 4 : g2 < -4 ? -4 : g2;
          c0 += g0 * alpha;
          c1 += g1 * alpha;
          c2 += g2 * alpha;
          if (moveOther) {
            if (k >= own0 && k < own1) {
              T[k] -= g0 * alpha;
              T[k + 1] -= g1 * alpha;
              T[k + 2] -= g2 * alpha;
            } else {
              delta![k] -= g0 * alpha;
              delta![k + 1] -= g1 * alpha;
              delta![k + 2] -= g2 * alpha;
            }
          }
        }
        const eps = epochsPerSample[e];
        nextSample[e] += eps;
        const perNegative = eps / rate;
        const nNeg = Math.trunc((n - nextNegative[e]) / perNegative);
        // The repulsions of one sample are all measured from the head's position after its
        // attraction and applied together: the samples no longer wait on each other's update, so
        // the CPU overlaps them (a sequential chain of divisions and table lookups otherwise).
        let r0 = 0;
        let r1 = 0;
        let r2 = 0;
        for (let p = 0; p < nNeg; p++) {
          // xorshift32: cheap, seeded, identical everywhere.
          s ^= s << 13;
          s ^= s >>> 17;
          s ^= s << 5;
          const kk = ((s >>> 0) * nScale) | 0;
          const q = kk * 3;
          if (moveOther && q === j) continue; // the point itself: umap-learn skips it
          const e0 = c0 - T[q];
          const e1 = c1 - T[q + 1];
          const e2 = c2 - T[q + 2];
          const r2d = e0 * e0 + e1 * e1 + e2 * e2;
          if (r2d > 0) {
            let pb: number;
            if (r2d >= POW_LO && r2d < POW_HI) {
              const ex = 31 - Math.clz32((r2d * 1048576) | 0);
              const pos = (r2d * invPow2[ex] - 1) * MANT;
              const jj = pos | 0;
              const m0 = mant[jj];
              pb = expB[ex] * (m0 + (pos - jj) * (mant[jj + 1] - m0));
            } else pb = detPow(r2d, b);
            const coeff = twoGammaB / ((0.001 + r2d) * (a * pb + 1));
            const g0 = coeff * e0;
            const g1 = coeff * e1;
            const g2 = coeff * e2;
            r0 += g0 > 4 ? 4 : g0 < -4 ? -4 : g0;
            r1 += g1 > 4 ? 4 : g1 < -4 ? -4 : g1;
            r2 += g2 > 4 ? 4 : g2 < -4 ? -4 : g2;
          } else {
            // Coincident points: push apart by a fixed step (umap-learn's grad_d = 4).
            r0 += 4;
            r1 += 4;
            r2 += 4;
          }
        }
        c0 += r0 * alpha;
        c1 += r1 * alpha;
        c2 += r2 * alpha;
        H[j] = c0;
        H[j + 1] = c1;
        H[j + 2] = c2;
        nextNegative[e] += nNeg * perNegative;
      }
    }
    this.rng = s;
  }
}
