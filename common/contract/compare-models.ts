/**
 * The contract's comparison of two models: how much their neighbourhoods of the same words overlap
 * (see docs/training.md). Part of the one contract; contract.ts re-exports it.
 */

/** Neighbour count for comparisons: default 10, 1..100. */
export const COMPARE_K = { min: 1, max: 100, default: 10 } as const;
/** Words compared when none are given: the N most frequent shared words. Default 1000, 1..20,000. */
export const COMPARE_TOP = { min: 1, max: 20000, default: 1000 } as const;
/** Neighbours are searched among this many shared words (the most frequent in model A), plus the compared words. */
export const COMPARE_UNIVERSE = 50000;

export interface CompareModelsRequest {
  a: string;
  b: string;
  /** Words to compare, 1..20,000 (those not in both models are listed in `missing`). Default: the `top` most frequent shared words. */
  words?: string[];
  /** Default 1000, 1..20,000; ignored when `words` is given. */
  top?: number;
  /** Neighbours per word. Default 10, 1..100. */
  k?: number;
}

export interface CompareWord {
  word: string;
  /** |A ∩ B| / |A ∪ B| of the two top-k neighbour sets, 0..1. */
  jaccard: number;
  /** Neighbours in model A, nearest first (among the shared words). */
  a: string[];
  /** Neighbours in model B, nearest first. */
  b: string[];
}

export interface CompareModelsResult {
  a: string;
  b: string;
  /** Words the two models share. */
  shared: number;
  k: number;
  /** Mean Jaccard over `words`. */
  meanJaccard: number;
  /** Compared words, least overlap first (ties in request or frequency order). */
  words: CompareWord[];
  /** Requested words that are not in both models. */
  missing: string[];
}
