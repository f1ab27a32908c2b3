/**
 * The contract's neighbour search: nearest neighbours of words or expressions, and completion of
 * a typed prefix. Part of the one contract; contract.ts re-exports it.
 */

import type { AnalogyMethod, ExpressionTermInfo } from './contract-geometry';

/** Neighbour count bounds shared by every shell. */
export const K_DEFAULT = 10;
export const K_MAX = 1000;

export interface NeighborsRequest {
  /**
   * Query words or expressions, 1..100 entries. A query the model has as a word is looked up
   * exactly first, then lower-cased; anything else is read as an expression (`king - man + woman`,
   * `0.5*good`, `"new york"`, `mean(a, b)`: see docs/geometry.md).
   */
  words: string[];
  /** How an expression's terms combine. Default "add" (3CosAdd); "mul" is 3CosMul. Plain words ignore it. */
  method?: AnalogyMethod;
  /** Neighbours per word. Default 10, 1..1000. */
  k?: number;
  /** Model name. Default: the active model. */
  model?: string;
}

export interface Neighbor {
  word: string;
  /** Cosine similarity to the query, -1..1. */
  similarity: number;
  /** Frequency rank in the model (0 = most frequent). */
  rank: number;
}

export interface NeighborsResult {
  model: string;
  /** The query as typed. */
  query: string;
  /** The vocabulary entry that matched (may differ in case from `query`). */
  matched?: string;
  /** Nearest first; ties broken by frequency rank. Absent when `error` is set. */
  neighbors?: Neighbor[];
  /** For an expression: its canonical spelling (e.g. "king - man + woman"); its words are left out of `neighbors`. */
  expression?: string;
  /** For an expression: how its terms were combined. */
  method?: AnalogyMethod;
  /** For an expression: its words and phrases as the model resolved them, in the order typed. */
  terms?: ExpressionTermInfo[];
  /**
   * Set when the query could not be answered (unknown word, empty query, a malformed expression).
   * `column` (1-based) and `length` point at the problem in `query`.
   */
  error?: { code: string; message: string; suggestions?: string[]; column?: number; length?: number };
}

export interface CompleteRequest {
  /** Prefix typed so far; matched case-insensitively for lower-case input. */
  prefix: string;
  /** Maximum suggestions. Default 10, 1..50. */
  limit?: number;
  model?: string;
}

export interface CompleteResult {
  /** Words that start with the prefix, most frequent first. */
  words: string[];
}
