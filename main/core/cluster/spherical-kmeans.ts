/**
 * Spherical k-means (cosine k-means) over unit vectors: points join the centre with the highest
 * dot product, centres are the normalised means of their members. Seeded k-means++ start, fixed
 * summation order and ties to the lower index make the result a pure function of the input and
 * the seed. The work pauses for the event loop every few milliseconds (`pause`), so the core keeps
 * answering while it clusters tens of thousands of points.
 */
import { Prng } from '../../../common/umap/prng';

export interface KMeansResult {
  k: number;
  /** Cluster of each point, 0..k-1. */
  assignment: Int32Array;
  /** Unit centres, row-major k × dims. */
  centres: Float32Array;
  /** Cosine of each point to its cluster's centre. */
  centrality: Float32Array;
  /** Assignment rounds run. */
  iterations: number;
}

export interface KMeansOptions {
  k: number;
  seed: number;
  /** Most assignment rounds. Default 50. */
  maxIterations?: number;
  /** Awaited between slices of work: yields to the event loop and may throw to cancel. */
  pause?: () => Promise<void>;
  /** Fraction done, 0..1 (an estimate: rounds are bounded by maxIterations). */
  progress?: (fraction: number) => void;
}

const noPause = () => Promise.resolve();

/** Stop once this share of points or fewer changed cluster in a round (or none did). */
const CONVERGED_SHARE = 1 / 1000;

function dot(a: Float32Array, ai: number, b: Float32Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += a[ai + j] * b[bi + j];
  return s;
}

/**
 * The centre with the highest dot product with row `at` of x (the lowest index on ties), and that
 * dot product. Four centres per pass over the row: each x value is loaded once for four products.
 */
function nearestCentre(x: Float32Array, at: number, centres: Float32Array, k: number, d: number): [number, number] {
  let bj = 0;
  let bs = -Infinity;
  let c = 0;
  for (; c + 4 <= k; c += 4) {
    const o0 = c * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < d; j++) {
      const v = x[at + j];
      s0 += v * centres[o0 + j];
      s1 += v * centres[o1 + j];
      s2 += v * centres[o2 + j];
      s3 += v * centres[o3 + j];
    }
    if (s0 > bs) {
      bs = s0;
      bj = c;
    }
    if (s1 > bs) {
      bs = s1;
      bj = c + 1;
    }
    if (s2 > bs) {
      bs = s2;
      bj = c + 2;
    }
    if (s3 > bs) {
      bs = s3;
      bj = c + 3;
    }
  }
  for (; c < k; c++) {
    const s = dot(x, at, centres, c * d, d);
    if (s > bs) {
      bs = s;
      bj = c;
    }
  }
  return [bj, bs];
}

/** k-means++ start in cosine distance: each next centre drawn with probability ∝ distance². */
async function seedCentres(x: Float32Array, n: number, d: number, k: number, rng: Prng, pause: () => Promise<void>): Promise<Float32Array> {
  const centres = new Float32Array(k * d);
  const dist = new Float64Array(n);
  const chosen = new Uint8Array(n);
  let pick = Math.min(n - 1, Math.floor(rng.next() * n));
  for (let c = 0; c < k; c++) {
    chosen[pick] = 1;
    centres.set(x.subarray(pick * d, pick * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const di = Math.max(0, 1 - dot(x, i * d, centres, c * d, d));
      if (c === 0 || di < dist[i]) dist[i] = di;
      if (!chosen[i]) total += dist[i] * dist[i];
      if ((i & 2047) === 2047) await pause();
    }
    if (c === k - 1) break;
    let r = rng.next() * total;
    pick = -1;
    for (let i = 0; i < n; i++) {
      if (chosen[i]) continue;
      pick = i;
      r -= dist[i] * dist[i];
      if (r < 0) break;
    }
    if (pick < 0) break; // fewer distinct points than k: the caller caps k at n, so this is unreachable
  }
  return centres;
}

/** Sets each non-empty cluster's centre to its members' normalised mean; returns the empty clusters. */
function meanCentres(
  x: Float32Array,
  n: number,
  d: number,
  assignment: Int32Array,
  centres: Float32Array,
  sums: Float64Array,
  counts: Int32Array,
): number[] {
  const k = counts.length;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const c = assignment[i];
    counts[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += x[i * d + j];
  }
  const empty: number[] = [];
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) {
      empty.push(c);
      continue;
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += sums[c * d + j] * sums[c * d + j];
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j] * inv;
  }
  return empty;
}

export async function sphericalKMeans(x: Float32Array, n: number, d: number, opts: KMeansOptions): Promise<KMeansResult> {
  const k = Math.max(1, Math.min(opts.k, n));
  const pause = opts.pause ?? noPause;
  const maxIterations = opts.maxIterations ?? 50;
  const rng = new Prng(opts.seed, 7);
  const centres = await seedCentres(x, n, d, k, rng, pause);
  const assignment = new Int32Array(n).fill(-1);
  const best = new Float32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let iterations = 0;
  for (; iterations < maxIterations;) {
    iterations++;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const [bj, bs] = nearestCentre(x, i * d, centres, k, d);
      if (assignment[i] !== bj) changed++;
      assignment[i] = bj;
      best[i] = bs;
      if ((i & 1023) === 1023) await pause();
    }
    opts.progress?.(iterations / maxIterations);
    if (changed === 0 || (iterations > 1 && changed <= n * CONVERGED_SHARE)) break;
    const empty = meanCentres(x, n, d, assignment, centres, sums, counts);
    // An empty cluster restarts at the point farthest from its centre (lowest index on ties).
    const taken = new Uint8Array(n);
    for (const c of empty) {
      let far = -1;
      for (let i = 0; i < n; i++) if (!taken[i] && (far < 0 || best[i] < best[far])) far = i;
      taken[far] = 1;
      centres.set(x.subarray(far * d, far * d + d), c * d);
    }
    await pause();
  }
  // The centres become the means of the final clusters, so names come from the true centres.
  meanCentres(x, n, d, assignment, centres, sums, counts);
  const centrality = new Float32Array(n);
  for (let i = 0; i < n; i++) centrality[i] = dot(x, i * d, centres, assignment[i] * d, d);
  return { k, assignment, centres, centrality, iterations };
}

/**
 * How many clusters a map of n points gets: about √n / 3 (24 on the 5,000-word map, 47 on 20,000),
 * at least 2 and at most 64. Enough landmarks to name the regions one sees, few enough that their
 * labels stay legible and a legend stays readable.
 */
export function clusterCount(n: number): number {
  if (n < 4) return Math.max(1, n);
  return Math.max(2, Math.min(64, Math.round(Math.sqrt(n) / 3)));
}
