/**
 * The contract's token lens: how LLM tokenizers split words or a text (see docs/token-lens.md).
 * Part of the one contract; contract.ts re-exports it.
 */

import { MAX_PROJECTION_POINTS } from './projection';

/** Tokenizers of today's LLMs the token lens shows, each from an npm package that ships its vocabulary. */
export const TOKENIZERS = ['o200k', 'cl100k', 'llama3', 'mistral'] as const;
export type TokenizerId = (typeof TOKENIZERS)[number];
/** Who uses each tokenizer, for labels. */
export const TOKENIZER_LABELS: Record<TokenizerId, string> = {
  o200k: 'GPT-4o (o200k)',
  cl100k: 'GPT-4 (cl100k)',
  llama3: 'Llama 3',
  mistral: 'Mistral 7B',
};
/** Most entries in one tokens request, and longest pasted text (characters). */
export const TOKENS_LIMITS = { words: 100, text: 100_000, countWords: MAX_PROJECTION_POINTS } as const;

export interface TokensRequest {
  /** Words, each encoded on its own exactly as typed (no leading space added). 0..100 entries of ≤ 200 characters. */
  words?: string[];
  /** A pasted text, encoded whole, at most 100,000 characters; its result comes after the words'. */
  text?: string;
  /** Which tokenizers. Default: all of TOKENIZERS, in that order. */
  tokenizers?: TokenizerId[];
}

/** How one tokenizer splits one word or text. */
export interface TokenizedText {
  /** The word or text as given (lone surrogates become U+FFFD, as UTF-8 would carry them). */
  word: string;
  tokenizer: TokenizerId;
  /** In order; decoding all ids gives `word` back. `text` is the piece alone ("�" for part of a character). */
  tokens: { id: number; text: string }[];
}

export interface TokenCountsRequest {
  /** Words, each encoded on its own as given; 1..60,000 of ≤ 200 characters. */
  words: string[];
  tokenizer: TokenizerId;
}

export interface TokenCounts {
  tokenizer: TokenizerId;
  /** Tokens per word, in request order. */
  counts: Int32Array;
}
