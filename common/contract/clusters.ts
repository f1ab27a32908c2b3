/**
 * The contract's clusters of a saved projection, with their names (see docs/clusters.md). Part of
 * the one contract; contract.ts re-exports it.
 */

export interface ClustersRequest {
  /** A projection id, or "latest" for the newest projection of the model. */
  id: number | 'latest';
  /** Model name, used with "latest". Default: the active model. */
  model?: string;
}

/** One cluster of a projection's points (see docs/clusters.md). */
export interface Cluster {
  /** 0..k-1, the largest cluster first (ties: the one whose most central word comes first in the map). */
  id: number;
  /** Its three most central words joined by " · ", e.g. "monday · tuesday · wednesday". */
  name: string;
  /** Number of member points. */
  size: number;
  /** Every member, most central first: by cosine to the cluster's mean vector, ties by point order. */
  words: string[];
  /** Where its label sits in layout coordinates: the layout medoid of its 200 most central members. */
  anchor: [number, number, number];
  /** The point at `anchor` (an index into the projection's words). */
  anchorPoint: number;
}

/** The clusters of a saved projection, computed once and stored with it. */
export interface ProjectionClusters {
  /** The projection's id. */
  projection: number;
  model: string;
  /** How they were made: spherical k-means in the model's cosine space, k = clamp(round(√n / 3), 2, 64). */
  method: { algorithm: 'spherical-kmeans'; k: number; seed: number; iterations: number };
  clusters: Cluster[];
  /** Cluster id of every point, in the projection's point order; -1 for a point without a vector. */
  assignment: Int32Array;
}
