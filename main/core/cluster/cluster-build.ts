/**
 * Clusters of a projection: spherical k-means over the points' unit vectors (the model's cosine
 * space, where the neighbours the user searches for live), named by the members nearest each
 * cluster's mean vector, with a label anchor on the layout.
 */
import type { Cluster } from '../../../common/contract/contract';
import { clusterCount, sphericalKMeans } from './spherical-kmeans';

export interface ClusterInput {
  words: string[];
  /** Layout coordinates, words.length × 3. */
  coords: Float32Array;
  dims: number;
  /** Unit vector of point i, or undefined when it has none. */
  vector(i: number): Float32Array | undefined;
  seed: number;
  /** Clusters wanted. Default: clusterCount(points with a vector). */
  k?: number;
  pause?: () => Promise<void>;
  progress?: (fraction: number) => void;
}

export interface ClusterOutput {
  clusters: Cluster[];
  /** Cluster per point, -1 without a vector. */
  assignment: Int32Array;
  /** Member point indices, cluster 0's first, each cluster most central first. */
  members: Int32Array;
  /** Unit mean vectors, clusters.length × dims, in cluster id order. */
  centres: Float32Array;
  k: number;
  iterations: number;
}

/** Words in a cluster's name. */
const NAME_WORDS = 3;
/** The label anchor is the layout medoid among this many most central members. */
const ANCHOR_CANDIDATES = 200;

/** The candidate that minimises the summed layout distance to the others (lowest index on ties). */
function layoutMedoid(coords: Float32Array, points: Int32Array): number {
  let best = points[0];
  let bestSum = Infinity;
  for (const a of points) {
    let sum = 0;
    for (const b of points) {
      const dx = coords[a * 3] - coords[b * 3];
      const dy = coords[a * 3 + 1] - coords[b * 3 + 1];
      const dz = coords[a * 3 + 2] - coords[b * 3 + 2];
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    if (sum < bestSum) {
      bestSum = sum;
      best = a;
    }
  }
  return best;
}

export async function buildClusters(input: ClusterInput): Promise<ClusterOutput> {
  const n = input.words.length;
  const d = input.dims;
  const index: number[] = [];
  for (let i = 0; i < n; i++) if (input.vector(i)) index.push(i);
  const m = index.length;
  const x = new Float32Array(m * d);
  index.forEach((p, r) => x.set(input.vector(p)!, r * d));
  const assignment = new Int32Array(n).fill(-1);
  if (m === 0) return { clusters: [], assignment, members: new Int32Array(0), centres: new Float32Array(0), k: 0, iterations: 0 };
  const km = await sphericalKMeans(x, m, d, {
    k: input.k ?? clusterCount(m),
    seed: input.seed,
    pause: input.pause,
    progress: input.progress,
  });
  // Members of each raw cluster, most central first, ties by point order.
  const groups: number[][] = Array.from({ length: km.k }, () => []);
  for (let r = 0; r < m; r++) groups[km.assignment[r]].push(r);
  for (const g of groups) g.sort((a, b) => km.centrality[b] - km.centrality[a] || a - b);
  const order = groups
    .map((g, c) => ({ g, c }))
    .filter((o) => o.g.length > 0)
    .sort((a, b) => b.g.length - a.g.length || index[a.g[0]] - index[b.g[0]]);
  const clusters: Cluster[] = [];
  const members = new Int32Array(m);
  const centres = new Float32Array(order.length * d);
  let at = 0;
  for (let id = 0; id < order.length; id++) {
    const { g, c } = order[id];
    const points = Int32Array.from(g, (r) => index[r]);
    members.set(points, at);
    at += points.length;
    for (const p of points) assignment[p] = id;
    centres.set(km.centres.subarray(c * d, c * d + d), id * d);
    const words = Array.from(points, (p) => input.words[p]);
    const medoid = layoutMedoid(input.coords, points.subarray(0, ANCHOR_CANDIDATES));
    clusters.push({
      id,
      name: words.slice(0, NAME_WORDS).join(' · '),
      size: points.length,
      words,
      anchor: [input.coords[medoid * 3], input.coords[medoid * 3 + 1], input.coords[medoid * 3 + 2]],
      anchorPoint: medoid,
    });
    await input.pause?.();
  }
  return { clusters, assignment, members, centres, k: km.k, iterations: km.iterations };
}
