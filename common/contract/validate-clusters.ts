/**
 * Validators for the clusters and token lens members of the contract (spread into `validators`
 * in validate.ts).
 */
import * as check from './check';
import { ValidationError } from './check';
import { type ClustersRequest, TOKENIZERS, type TokenCountsRequest, type TokensRequest, TOKENS_LIMITS } from './contract';

function clusters(req: unknown): ClustersRequest {
  const r = check.object(req, 'clusters', ['id', 'model']);
  if (r.id === undefined || r.id === null) throw new ValidationError('clusters: give a projection id or "latest"');
  return { id: r.id === 'latest' ? 'latest' : check.id(r.id), model: check.model(r.model) };
}

function tokenizerList(value: unknown): TokensRequest['tokenizers'] {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0)
    throw new ValidationError(`tokenizers must be a non-empty list of ${TOKENIZERS.join(', ')}`);
  return [
    ...new Set(
      value.map((t, i) => {
        const id = check.oneOf(t, `tokenizers[${i}]`, TOKENIZERS);
        if (!id) throw new ValidationError(`tokenizers[${i}] must be one of ${TOKENIZERS.join(', ')}`);
        return id;
      }),
    ),
  ];
}

function tokens(req: unknown): TokensRequest {
  const r = check.object(req, 'tokens', ['words', 'text', 'tokenizers']);
  const words = r.words === undefined || r.words === null ? undefined : check.wordList(r.words, 'words', 0, TOKENS_LIMITS.words);
  const text = r.text === undefined || r.text === null ? undefined : check.text(r.text, 'text', TOKENS_LIMITS.text);
  if (!words?.length && text === undefined) throw new ValidationError('tokens: give words or a text');
  return { words, text, tokenizers: tokenizerList(r.tokenizers) };
}

function tokenCounts(req: unknown): TokenCountsRequest {
  const r = check.object(req, 'tokenCounts', ['words', 'tokenizer']);
  const tokenizer = check.oneOf(r.tokenizer, 'tokenizer', TOKENIZERS);
  if (!tokenizer) throw new ValidationError(`tokenCounts: give a tokenizer (${TOKENIZERS.join(', ')})`);
  return { words: check.wordList(r.words, 'words', 1, TOKENS_LIMITS.countWords), tokenizer };
}

export const clusterValidators = { clusters, tokens, tokenCounts };
