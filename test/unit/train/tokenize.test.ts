import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenizer, tokenize, tokenizeSlow } from '../../../main/core/train/tokenize';

const fast = (s: string, lowercase = true) => {
  const out: string[] = [];
  createTokenizer({ lowercase })(s, out);
  return out;
};

/** ASCII text weighted towards the characters word boundaries depend on. */
const asciiText = fc
  .array(fc.oneof(fc.constantFrom(...'aZb09_.,;:\'- -!"#@/\t()xX'.split('')), fc.string({ unit: 'binary-ascii', maxLength: 2 })), {
    maxLength: 40,
  })
  .map((a) => a.join(''));

describe('tokenize', () => {
  it('keeps inner hyphens and apostrophes, splits at other punctuation, lower-cases by default', () => {
    expect(tokenize("State-of-the-art models don't fail; e.g. it's 3.14 -- or a--b, x- -y.")).toEqual([
      'state-of-the-art',
      'models',
      "don't",
      'fail',
      'e.g',
      "it's",
      '3.14',
      'or',
      'a',
      'b',
      'x',
      'y',
    ]);
    expect(tokenize('Émile’s café—naïve', { lowercase: false })).toEqual(['Émile’s', 'café', 'naïve']);
    expect(tokenize('東京は日本の首都です。 Москва — столица')).toContain('москва');
  });

  it('the ASCII shortcut gives exactly what the segmenter gives', () => {
    fc.assert(
      fc.property(asciiText, fc.boolean(), (s, lower) => {
        expect(fast(s, lower)).toEqual(tokenizeSlow(s, { lowercase: lower }));
      }),
      { numRuns: 5000 },
    );
  });

  it('never fails on arbitrary Unicode and yields non-empty words without spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        for (const w of fast(s)) {
          expect(w.length).toBeGreaterThan(0);
          expect(/\s/u.test(w)).toBe(false);
        }
      }),
      { numRuns: 10000, examples: [[' \u0300A'], ['a \u0301b c']] },
    );
  });

  // Dictionary-based scripts (CJK, Thai) segment by context, so this holds for alphabetic text.
  it('is idempotent on alphabetic text: the words joined by spaces tokenise to themselves (the bench relies on it)', () => {
    const latin = fc.array(fc.constantFrom(...'aé ñ-Ω’.ßЖ,x'.split('')), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(asciiText, latin), (s) => {
        const once = fast(s);
        expect(fast(once.join(' '))).toEqual(once);
      }),
      { numRuns: 3000 },
    );
  });
});
