import fc from 'fast-check';
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import llama3 from 'llama3-tokenizer-js';
import mistral from 'mistral-tokenizer-js';
import { describe, expect, it } from 'vitest';
import { TOKENIZERS, type TokenizerId } from '../../../common/contract/contract';
import { validators } from '../../../common/contract/validate';
import { tokenCounts, tokens } from '../../../main/core/tokens/token-lens';

const plain = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
/** Each package's own encoder, called as its README documents, without start tokens or added space. */
const own: Record<TokenizerId, { encode(s: string): number[]; decode(ids: number[]): string }> = {
  o200k: { encode: (s) => o200k.encode(s, plain), decode: (ids) => o200k.decode(ids) },
  cl100k: { encode: (s) => cl100k.encode(s, plain), decode: (ids) => cl100k.decode(ids) },
  llama3: { encode: (s) => llama3.encode(s, { bos: false, eos: false }), decode: (ids) => llama3.decode(ids) },
  mistral: { encode: (s) => mistral.encode(s, false, false), decode: (ids) => mistral.decode(ids, false, false) },
};

const LIST = [
  'walked',
  'walking',
  'virtue',
  'morality',
  'king',
  'queen',
  'unbelievable',
  'tokenization',
  'naïve',
  'Zürich',
  '東京',
  '🙂',
  ' walked',
  'Hello world!',
  "don't",
  '  two  spaces',
  'line\nbreak',
  '<|endoftext|>',
  '',
];

describe('the packages, against their own documented examples', () => {
  it('llama3-tokenizer-js: "Hello world!" is [128000, 9906, 1917, 0, 128001], or [9906, 1917, 0] without bos/eos', () => {
    expect(llama3.encode('Hello world!')).toEqual([128000, 9906, 1917, 0, 128001]);
    expect(llama3.decode([128000, 9906, 1917, 0, 128001])).toBe('<|begin_of_text|>Hello world!<|end_of_text|>');
    expect(llama3.encode('Hello world!', { bos: false, eos: false })).toEqual([9906, 1917, 0]);
  });

  it('mistral-tokenizer-js: "Hello world!" is [1, 22557, 1526, 28808]; token 16230 alone is "Hello"', () => {
    expect(mistral.encode('Hello world!')).toEqual([1, 22557, 1526, 28808]);
    expect(mistral.decode([1, 22557, 1526, 28808])).toBe('Hello world!');
    expect(mistral.decode([16230], false, false)).toBe('Hello');
  });

  it('gpt-tokenizer: "Some Text" starts its README example as [8538, 2991] (cl100k); decode(encode(text)) is the text', () => {
    // The README's full example also allows <|endofprompt|> (expecting 220, 100276 after these);
    // version 4.0.0 encodes that marker as ordinary text even when allowed, so only the text part is checked.
    expect(cl100k.encode('Some Text')).toEqual([8538, 2991]);
    // tiktoken's reference ids for "Hello, world!" in both encodings.
    expect(cl100k.encode('Hello, world!')).toEqual([9906, 11, 1917, 0]);
    expect(o200k.encode('Hello, world!')).toEqual([13225, 11, 2375, 0]);
    expect(o200k.decode(o200k.encode('Hello, world!'))).toBe('Hello, world!');
  });
});

describe('token lens', () => {
  it("equals each package's own encode, piece by piece, and decodes back to the input", async () => {
    const result = await tokens({ words: LIST });
    expect(result).toHaveLength(LIST.length * TOKENIZERS.length);
    for (const r of result) {
      const ids = r.tokens.map((t) => t.id);
      expect(ids, `${r.tokenizer} ${JSON.stringify(r.word)}`).toEqual(own[r.tokenizer].encode(r.word));
      expect(own[r.tokenizer].decode(ids)).toBe(r.word);
      for (const t of r.tokens) expect(t.text).toBe(own[r.tokenizer].decode([t.id]));
    }
  });

  it('splits walked as walk + ed under o200k, and keeps walking whole', async () => {
    const [walked, walking] = await tokens({ words: ['walked', 'walking'], tokenizers: ['o200k'] });
    expect(walked.tokens.map((t) => t.text)).toEqual(['walk', 'ed']);
    expect(walking.tokens.map((t) => t.text)).toEqual(['walking']);
  });

  it('adds no leading space: a word alone and " word" in a sentence are different tokens', async () => {
    for (const id of TOKENIZERS) {
      const [alone, inSentence] = await tokens({ words: ['walked', ' walked'], tokenizers: [id] });
      expect(alone.tokens.map((t) => t.text).join('')).toBe('walked');
      expect(inSentence.tokens.map((t) => t.text).join('')).toBe(' walked');
    }
  });

  it('encodes a pasted text whole, after the words', async () => {
    const text = 'The king walked. The queen was walking.';
    const r = await tokens({ words: ['king'], text, tokenizers: ['cl100k', 'mistral'] });
    expect(r.map((x) => x.word)).toEqual(['king', 'king', text, text]);
    expect(r[2].tokens.map((t) => t.id)).toEqual(own.cl100k.encode(text));
  });

  it('counts tokens per word like the packages do', async () => {
    for (const id of TOKENIZERS) {
      const { counts } = await tokenCounts({ words: LIST, tokenizer: id });
      expect(Array.from(counts)).toEqual(LIST.map((w) => own[id].encode(w).length));
    }
  });

  it('round-trips any text; lone surrogates come back as U+FFFD; never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40, unit: 'binary' }), async (s) => {
        const r = await tokens({ text: s });
        const expected = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
        for (const x of r) {
          expect(x.word).toBe(expected);
          expect(own[x.tokenizer].decode(x.tokens.map((t) => t.id))).toBe(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('validates requests with clear errors', () => {
    expect(() => validators.tokens({})).toThrow(/give words or a text/);
    expect(() => validators.tokens({ words: ['a'], tokenizers: ['gpt9'] })).toThrow(/tokenizers\[0\] must be one of o200k/);
    expect(() => validators.tokens({ text: 'x'.repeat(100_001) })).toThrow(/at most 100000 characters/);
    expect(() => validators.tokenCounts({ words: ['a'] })).toThrow(/give a tokenizer/);
    expect(validators.tokens({ words: ['a'], tokenizers: ['o200k', 'o200k'] })).toEqual({
      words: ['a'],
      text: undefined,
      tokenizers: ['o200k'],
    });
    fc.assert(
      fc.property(fc.anything(), (req) => {
        try {
          validators.tokens(req);
        } catch (e) {
          expect((e as { code?: string }).code).toBe('invalid-request');
        }
      }),
    );
  });
});
