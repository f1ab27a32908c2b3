/**
 * The contract's projections: UMAP parameters, the views a map shows and their data (vectors and
 * the exact kNN graph), and saved layouts. Part of the one contract; contract.ts re-exports it.
 */

import type { ProjectionAxis } from './contract-geometry';

/** UMAP settings; everything a layout depends on besides its words. */
export interface UmapParams {
  /** UMAP n_neighbors: size of the local neighbourhood. Default 15, 2..200. */
  nNeighbors: number;
  /** UMAP min_dist: how tightly points may pack, in layout units. Default 0.1, 0..0.99. */
  minDist: number;
  /**
   * Optimisation epochs. Default depends on size (see `defaultEpochs`): 500 up to 10,000
   * points, else 200 (as umap-learn). 10..2000.
   */
  nEpochs: number;
  /** Seed of the pseudo-random generator, a whole number 0..2^32-1. Default 42. Same words + params + seed = same layout. */
  seed: number;
  /**
   * Which implementation lays the points out, over the same exact kNN graph: `'builtin'` (the
   * default when absent; this project's engine, started from the principal components) or
   * `'umap-js'` (the stock umap-js library, random start), to cross-check a layout against it.
   * Both are seeded: the same input, params and seed give the same layout.
   */
  engine?: UmapEngine;
}

/** The UMAP implementations a projection can use (see UmapParams.engine). */
export const UMAP_ENGINES = ['builtin', 'umap-js'] as const;
export type UmapEngine = (typeof UMAP_ENGINES)[number];

/** Bounds and defaults shared by the app, the CLI and the validators. */
export const UMAP_LIMITS = {
  nNeighbors: { min: 2, max: 200, default: 15 },
  minDist: { min: 0, max: 0.99, default: 0.1 },
  nEpochs: { min: 10, max: 2000 },
  seed: { min: 0, max: 0xffffffff, default: 42 },
} as const;

/** Size of the default ("top") view: the N most frequent alphabetic words. */
export const VIEW_TOP = { min: 1000, max: 200_000, default: 5000 } as const;
/** The chapter's examples, always added to a "top" view so they are there to find. */
export const VIEW_EXAMPLES: readonly string[] = ['virtue', 'morality', 'walked', 'walking'];
/** Most points any projection may hold (largest top view plus the examples, or a vocabulary). */
export const MAX_PROJECTION_POINTS = 200_100;
/** Neighbours per word in the exact kNN graph sent with a view. Default 15, 2..200; must be ≥ nNeighbors − 1. */
export const KNN_K = { min: 2, max: 200, default: 15 } as const;

/** Epochs umap-learn would pick for `points` points: 500 up to 10,000, else 200. */
export function defaultEpochs(points: number): number {
  return points <= 10000 ? 500 : 200;
}

/** Complete default parameters for a layout of `points` points. */
export function defaultUmapParams(points: number): UmapParams {
  return {
    nNeighbors: UMAP_LIMITS.nNeighbors.default,
    minDist: UMAP_LIMITS.minDist.default,
    nEpochs: defaultEpochs(points),
    seed: UMAP_LIMITS.seed.default,
  };
}

/** Which words a projection shows. */
export type ViewSpec =
  /** The N most frequent alphabetic words (letters only: no punctuation, numbers or single letters) plus `VIEW_EXAMPLES`. N 1,000..200,000, default 5,000. */
  | { kind: 'top'; top: number }
  /** An explicit word list, 3..60,000 words, in this order (duplicates dropped; unknown words are reported in `missing`, not projected). */
  | { kind: 'words'; words: string[] }
  /** A query word and its k nearest neighbours from the whole model (query first). k 10..10,000, default 500. */
  | { kind: 'neighbourhood'; query: string; k: number }
  /** A stored vocabulary: its entries found in the model (single words or composed vectors), in file order. */
  | { kind: 'vocabulary'; vocabularyId: number };

export interface ViewDataRequest {
  view: ViewSpec;
  /** Model name. Default: the active model. */
  model?: string;
  /** Neighbours per word in the returned kNN graph. Default 15, 2..200; request ≥ nNeighbors − 1. */
  knnK?: number;
}

/** The words of a view with their unit vectors, and the exact kNN graph among them. */
export interface ViewData {
  model: string;
  /** The view as it was resolved (e.g. a "top" view keeps its N). */
  view: ViewSpec;
  /** Point labels, in point order (model words; vocabulary entries for a vocabulary view). */
  words: string[];
  /** Vector length. */
  dims: number;
  /** Unit vectors, row-major words.length × dims. */
  vectors: Float32Array;
  /** Frequency rank of each word in the model (0 = most frequent; the model size for composed vocabulary entries). */
  ranks: Int32Array;
  /** Exact cosine neighbours among the view's words: words.length × knnK point indices, nearest first (self excluded; ties by lower index). */
  knnIndices: Int32Array;
  /** Cosine distances (1 − similarity, 0..2) matching knnIndices. */
  knnDistances: Float32Array;
  /** Neighbours per point in knnIndices (min(requested knnK, words.length − 1)). */
  knnK: number;
  /** Requested words that the model does not have (words views) or entries not found (vocabulary views). */
  missing: string[];
}

export interface VectorsOfRequest {
  /** Words to look up (exact, then lower-case, like neighbour queries). 1..60,000. */
  words: string[];
  /** Model name. Default: the active model. */
  model?: string;
}

export interface VectorsOfResult {
  model: string;
  dims: number;
  /** The matched vocabulary entries, in request order; words not found are left out (see `missing`). */
  words: string[];
  /** Index into the request's `words` of each returned word. */
  requestIndex: Int32Array;
  /** Unit vectors, row-major words.length × dims. */
  vectors: Float32Array;
  /** Frequency rank of each returned word (0 = most frequent). */
  ranks: Int32Array;
  /** Requested words the model does not have. */
  missing: string[];
}

export interface SaveProjectionRequest {
  /** The view the words came from (stored so the projection can be reproduced). */
  view: ViewSpec;
  params: UmapParams;
  /** Point labels, in point order, 3..60,000. */
  words: string[];
  /** Layout coordinates, row-major words.length × 3, finite numbers. */
  coords: Float32Array;
  /** User-visible name, 1..200 characters. Default: generated from the view, size and seed. */
  name?: string;
  /** Model name. Default: the active model. */
  model?: string;
  /** Free-form extras kept with the projection (e.g. timings). */
  meta?: Record<string, unknown>;
  /** Set for a semantic-axes projection: its 1..3 axes (coordinates are cosines with them; `params` are then unused). */
  axes?: ProjectionAxis[];
}

export interface ProjectionSummary {
  id: number;
  name: string;
  model: string;
  /** ISO-8601 date the projection was saved. */
  createdAt: string;
  /** Number of points (words) in the layout. */
  pointCount: number;
  /** The view the words came from. For a "words" view the list is empty here; `Projection.words` holds it. */
  view: ViewSpec;
  /** The parameters the layout was computed with (seed included). */
  params: UmapParams;
  /** Set for a semantic-axes projection instead of a UMAP one: its axes. */
  axes?: ProjectionAxis[];
}

export interface Projection extends ProjectionSummary {
  words: string[];
  /** Coordinates, row-major pointCount × 3, in `words` order. */
  coords: Float32Array;
  /** What was saved in SaveProjectionRequest.meta. */
  meta: Record<string, unknown>;
}

export interface ListProjectionsRequest {
  /** Model name. Default: the active model. */
  model?: string;
}

export interface GetProjectionRequest {
  /** A projection id, or "latest" for the newest projection of the model. */
  id: number | 'latest';
  /** Model name, used with "latest". Default: the active model. */
  model?: string;
}
