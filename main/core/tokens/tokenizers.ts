// The test and web configs include only their own folders; this pulls the package's types in wherever this file goes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../types/mistral-tokenizer-js.d.ts" />
/**
 * The LLM tokenizers of the token lens, each loaded on first use (dynamic import): their
 * vocabularies are megabytes, and a session that never opens the lens never loads them.
 * Every one encodes the text exactly as given: no start-of-text token and no leading space
 * (Mistral's SentencePiece would add one by default), so "walked" is the word as typed, not
 * " walked" inside a sentence.
 */
import type { TokenizerId } from '../../../common/contract/contract';

export interface Tokenizer {
  encode(text: string): number[];
  decode(ids: number[]): string;
}

/** Special-token text in the input ("<|endoftext|>") is encoded as ordinary text, never refused. */
const asPlainText = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };

const loaders: Record<TokenizerId, () => Promise<Tokenizer>> = {
  o200k: async () => {
    const t = await import('gpt-tokenizer/encoding/o200k_base');
    return { encode: (s) => t.encode(s, asPlainText), decode: (ids) => t.decode(ids) };
  },
  cl100k: async () => {
    const t = await import('gpt-tokenizer/encoding/cl100k_base');
    return { encode: (s) => t.encode(s, asPlainText), decode: (ids) => t.decode(ids) };
  },
  llama3: async () => {
    const t = (await import('llama3-tokenizer-js')).default;
    return { encode: (s) => t.encode(s, { bos: false, eos: false }), decode: (ids) => t.decode(ids) };
  },
  mistral: async () => {
    const t = (await import('mistral-tokenizer-js')).default;
    return { encode: (s) => t.encode(s, false, false), decode: (ids) => t.decode(ids, false, false) };
  },
};

const loaded = new Map<TokenizerId, Promise<Tokenizer>>();

export function tokenizer(id: TokenizerId): Promise<Tokenizer> {
  let p = loaded.get(id);
  if (!p) {
    p = loaders[id]();
    p.catch(() => loaded.delete(id));
    loaded.set(id, p);
  }
  return p;
}
