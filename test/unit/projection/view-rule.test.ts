import { describe, expect, it } from 'vitest';
import { isAlphabeticWord, topViewRows } from '../../../main/core/projection/view';

function fakeModel(words: string[]) {
  const index = new Map(words.map((w, i) => [w, i]));
  return { words, lookup: (w: string) => index.get(w) ?? index.get(w.toLowerCase()) ?? -1 };
}

describe('the default view rule', () => {
  it('keeps words of two or more letters only: no punctuation, numbers or single letters', () => {
    for (const w of ['the', 'of', 'virtue', 'café', 'naïve', 'москва', '東京']) expect(isAlphabeticWord(w), w).toBe(true);
    for (const w of [',', '.', 'a', 'i', '1990', 'u.s.', 'e-mail', "don't", '3d', 'x2', '', 'new york', '--'])
      expect(isAlphabeticWord(w), w).toBe(false);
  });

  it('takes the N most frequent alphabetic words in frequency order, then the missing examples', () => {
    const words = ['the', ',', '.', 'of', 'a', '1990', 'and', 'u.s.', 'to', 'walking', 'in', 'is', 'morality', 'virtue', 'walked', 'zebra'];
    const m = fakeModel(words);
    const rows = topViewRows(m, 4);
    expect(rows.map((r) => words[r])).toEqual(['the', 'of', 'and', 'to', 'virtue', 'morality', 'walked', 'walking']);
  });

  it('does not repeat examples already among the top words, and skips examples the model lacks', () => {
    const words = ['the', 'virtue', 'of', 'walking', 'and'];
    const rows = topViewRows(fakeModel(words), 4);
    expect(rows.map((r) => words[r])).toEqual(['the', 'virtue', 'of', 'walking']);
  });
});
