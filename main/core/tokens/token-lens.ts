/**
 * The token lens: how today's LLM tokenizers split a word or a text, and how many tokens each
 * word of a map costs. Long lists are encoded in time slices so the core keeps answering.
 */
import {
  TOKENIZERS,
  type TokenCounts,
  type TokenCountsRequest,
  type TokenizedText,
  type TokenizerId,
  type TokensRequest,
} from '../../../common/contract/contract';
import { tokenizer } from './tokenizers';

/** Longest stretch of encoding before the event loop gets a turn, ms. */
const SLICE_MS = 8;

/** UTF-8 cannot carry a lone surrogate; it becomes U+FFFD, as any encoder would send it. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export async function tokens(req: TokensRequest): Promise<TokenizedText[]> {
  const ids = req.tokenizers?.length ? req.tokenizers : [...TOKENIZERS];
  const texts = [...(req.words ?? []), ...(req.text !== undefined ? [req.text] : [])].map(wellFormed);
  const out: TokenizedText[] = [];
  const loaded = await Promise.all(ids.map((id) => tokenizer(id)));
  for (const word of texts) {
    ids.forEach((id, t) => {
      const tk = loaded[t];
      const encoded = tk.encode(word);
      out.push({ word, tokenizer: id, tokens: encoded.map((token) => ({ id: token, text: tk.decode([token]) })) });
    });
  }
  return out;
}

export async function tokenCounts(req: TokenCountsRequest): Promise<TokenCounts> {
  const tk = await tokenizer(req.tokenizer);
  const counts = new Int32Array(req.words.length);
  let start = performance.now();
  for (let i = 0; i < req.words.length; i++) {
    counts[i] = tk.encode(wellFormed(req.words[i])).length;
    if ((i & 255) === 255 && performance.now() - start > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      start = performance.now();
    }
  }
  return { tokenizer: req.tokenizer as TokenizerId, counts };
}
