/**
 * The contract's geometry members: expressions, analogies, odd one out, semantic axes and model
 * evaluation (see docs/geometry.md). Part of the one contract; contract.ts re-exports it.
 */

/** How an expression's terms are combined: gensim's most_similar (3CosAdd) or most_similar_cosmul (3CosMul). */
export const ANALOGY_METHODS = ['add', 'mul'] as const;
export type AnalogyMethod = (typeof ANALOGY_METHODS)[number];

/** gensim's default candidate vocabulary for evaluations: the 300,000 most frequent words. */
export const EVALUATION_RESTRICT_DEFAULT = 300000;
/** Largest benchmark file the page may send, characters (questions-words.txt is 0.6 MB; the same bound as vocabularies, so a request stays within the browser-mode body limit). */
export const MAX_BENCHMARK_CHARS = 4 * 1024 * 1024;
/** Most semantic axes of a projection (x, y, z). */
export const MAX_AXES = 3;

/** One word or phrase of an expression, as the model resolved it. */
export interface ExpressionTermInfo {
  /** As typed. */
  text: string;
  /** The model word it matched (may differ in case), or the phrase when composed from its words. */
  matched: string;
  /** Coefficient in the weighted sum (−1 for a subtracted word); an exponent under 3CosMul. */
  weight: number;
  /** True for a quoted phrase. */
  phrase: boolean;
  /** Frequency rank of the matched word; absent for a phrase composed from several words. */
  rank?: number;
}

export interface AnalogyRequest {
  /** "a is to b as c is to ?": the answer is nearest to b − a + c. Each word exact, then lower-case. */
  a: string;
  b: string;
  c: string;
  /** Answers. Default 10, 1..1000. */
  k?: number;
  /** Default "add" (3CosAdd). */
  method?: AnalogyMethod;
  /** Only the N most frequent words are candidates. Default: every word. 1..1,000,000,000. */
  restrict?: number;
  model?: string;
}

export interface DoesntMatchRequest {
  /** 2..100 words, each looked up exactly, then lower-case. */
  words: string[];
  model?: string;
}

export interface DoesntMatchResult {
  model: string;
  /** The model words that were compared, in the order given. */
  words: string[];
  /** The word least similar to the mean of all of them (gensim's doesnt_match). */
  odd: string;
  /** Cosine of each word with the normalised mean of their unit vectors, most central first. */
  similarities: { word: string; similarity: number }[];
  /** Words the model lacks (left out, as gensim does), with close spellings. */
  missing: { word: string; suggestions: string[] }[];
}

export interface AxesRequest {
  /** 1..3 expressions, one per axis (x, y, z), e.g. "good - bad". */
  axes: string[];
  model?: string;
}

export interface AxisInfo {
  /** As typed. */
  expression: string;
  /** Written back canonically, e.g. "good - bad". */
  canonical: string;
  /** Label of the axis's positive end (its added terms) and negative end (its subtracted ones). */
  positiveLabel: string;
  negativeLabel: string;
  terms: ExpressionTermInfo[];
}

export interface AxesResult {
  model: string;
  dims: number;
  axes: AxisInfo[];
  /** Unit axis vectors, row-major axes.length × dims: a word's coordinate is its unit vector's dot product with each. */
  vectors: Float32Array;
}

/** One axis of a semantic-axes projection, kept with it as provenance. */
export interface ProjectionAxis {
  /** "x", "y" or "z". */
  name: 'x' | 'y' | 'z';
  /** The expression as typed, e.g. "good - bad". */
  expression: string;
  positiveLabel: string;
  negativeLabel: string;
}

export const EVALUATION_KINDS = ['pairs', 'analogies'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export interface EvaluateRequest {
  /** "pairs": word1<TAB>word2<TAB>score lines; "analogies": questions-words.txt format. */
  kind: EvaluationKind;
  /** Name of the file (shown in the result). */
  fileName: string;
  /** The file's text, at most 4 Mi characters. */
  content: string;
  /** Only the N most frequent words count as known (gensim's restrict_vocab). Default 300,000, 1..1,000,000,000. */
  restrict?: number;
  model?: string;
}

export interface PairsEvaluation {
  kind: 'pairs';
  model: string;
  file: string;
  /** Pairs compared (both words known). */
  pairs: number;
  /** Pairs skipped because a word is unknown (or outside `restrict`). */
  skipped: number;
  /** Lines that are neither comments nor word<TAB>word<TAB>number (skipped, as gensim does). */
  invalid: number;
  /** skipped / (pairs + skipped) × 100, as gensim reports it. */
  oovRatio: number;
  /** Correlation of cosine with the human scores; null when undefined (fewer than 2 pairs, constant scores). */
  pearson: number | null;
  spearman: number | null;
  restrict: number;
  seconds: number;
}

export interface AnalogySection {
  name: string;
  correct: number;
  /** Questions answered in this section (skipped ones excluded). */
  total: number;
  /** correct / total, 0 when nothing was answered (as gensim). */
  accuracy: number;
}

export interface AnalogiesEvaluation {
  kind: 'analogies';
  model: string;
  file: string;
  /** Question lines read (four words each). */
  questions: number;
  /** Questions skipped because a word is unknown or outside `restrict`. */
  skipped: number;
  /** Lines that are neither ": section" nor four words (skipped, as gensim does). */
  invalid: number;
  correct: number;
  /** correct / (questions − skipped). */
  accuracy: number;
  sections: AnalogySection[];
  restrict: number;
  seconds: number;
}

export type EvaluationResult = PairsEvaluation | AnalogiesEvaluation;
