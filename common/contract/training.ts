/**
 * The contract's training: word vectors trained from the user's own text, and the corpus counted
 * before it (see docs/training.md). Part of the one contract; contract.ts re-exports it.
 */

/** Parameters of a word2vec training run (negative sampling); every default is gensim's. */
export interface TrainParams {
  /** Vector length. Default 100, 1..1000. */
  dims: number;
  /** Largest distance between a word and its context words; the window used is drawn per word from 1..window. Default 5, 1..50. */
  window: number;
  /** Words seen fewer times in the corpus are dropped. Default 5, 1..1,000,000,000. */
  minCount: number;
  /** Negative samples per positive one. Default 5, 1..50. */
  negative: number;
  /** Sub-sampling threshold for frequent words (0 = off). Default 1e-3, 0..1. */
  sample: number;
  /** Passes over the corpus. Default 5, 1..1000. */
  epochs: number;
  /** Learning rate at the start; it decays linearly to `minAlpha` over the whole run. Default 0.025, 0.000001..1. */
  alpha: number;
  /** Learning rate at the end. Default 0.0001, 0..1 (at most alpha). */
  minAlpha: number;
  /** CBOW (mean of the context predicts the word) instead of skip-gram. Default false. */
  cbow: boolean;
  /** Training threads. Default: the machine's cores, at most 8; 1..64. One thread with a seed is bit-for-bit reproducible. */
  threads: number;
  /** Seed of every random choice (initial vectors, sub-sampling, windows, negatives). Default 1, 0..2^32-1. */
  seed: number;
  /** Lower-case every word. Default true. */
  lowercase: boolean;
  /** Join frequent word pairs into phrases (word2phrase: new_york) before training. Default false. */
  phrases: boolean;
}

/** Bounds and defaults of TrainParams (threads' default depends on the machine). */
export const TRAIN_LIMITS = {
  dims: { min: 1, max: 1000, default: 100 },
  window: { min: 1, max: 50, default: 5 },
  minCount: { min: 1, max: 1_000_000_000, default: 5 },
  negative: { min: 1, max: 50, default: 5 },
  sample: { min: 0, max: 1, default: 1e-3 },
  epochs: { min: 1, max: 1000, default: 5 },
  alpha: { min: 0.000001, max: 1, default: 0.025 },
  minAlpha: { min: 0, max: 1, default: 0.0001 },
  threads: { min: 1, max: 64 },
  seed: { min: 0, max: 0xffffffff, default: 1 },
} as const;

/** Corpus files: paths (in-process callers: the CLI) or uploads (the page; see beginUpload). */
export interface CorpusSource {
  /** Files or folders on this machine (folders: every .txt, .md, .txt.gz, .md.gz inside, recursively). CLI only. */
  paths?: string[];
  /** Uploaded files, 1..1000. */
  uploadIds?: string[];
}

export interface ScanCorpusRequest extends CorpusSource {
  /** As TrainParams.minCount. Default 5. */
  minCount?: number;
  /** As TrainParams.lowercase. Default true. */
  lowercase?: boolean;
  /** As TrainParams.phrases. Default false. */
  phrases?: boolean;
}

/** What a corpus holds, counted before training (and kept with the trained model). */
export interface CorpusSummary {
  /** Files read (documents). */
  files: number;
  /** Their names as the user knows them. */
  sources: string[];
  /** Bytes read (compressed size for .gz). */
  bytes: number;
  /** Non-empty lines: each line is a sentence (a context window never crosses one). */
  sentences: number;
  /** Words in the corpus (after phrase joining). */
  tokens: number;
  /** Distinct words. */
  distinct: number;
  /** Distinct words seen at least minCount times: the model's vocabulary. */
  kept: number;
  /** Words of the corpus that are in the vocabulary. */
  keptTokens: number;
  minCount: number;
  /** Phrases formed by joining word pairs (0 when phrases are off). */
  phrases: number;
  /** The most frequent words, up to 25, most frequent first. */
  top: { word: string; count: number }[];
  /** Things the user should know (an empty file, a tiny vocabulary); training still runs. */
  warnings: string[];
}

export interface TrainModelRequest extends CorpusSource, Partial<TrainParams> {
  /** Name of the new model, 1..100 characters. */
  name: string;
  /** Make the new model the active one. Default false. */
  activate?: boolean;
}

export interface TrainModelResult {
  /** Name of the stored model. */
  model: string;
  /** Vocabulary size (rows). */
  words: number;
  dims: number;
  /** Words in the corpus. */
  tokens: number;
  /** Wall-clock time of the whole run (reading, counting, training, storing), seconds. */
  seconds: number;
  /** Corpus words trained per second of training (tokens × epochs / training seconds). */
  wordsPerSecond: number;
  /** The parameters used, defaults filled in. */
  params: TrainParams;
  corpus: CorpusSummary;
  /** Mean loss per training example in each epoch (-log σ, summed over the positive and negative samples). */
  loss: number[];
}
