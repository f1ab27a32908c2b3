import { describe, expect, it } from 'vitest';
import { editDistance, suggestSpellings } from '../../../main/core/search/spelling';

describe('spelling suggestions', () => {
  it('measures edits, counting a transposition as one', () => {
    expect(editDistance('virtue', 'virtue', 2)).toBe(0);
    expect(editDistance('virtu', 'virtue', 2)).toBe(1);
    expect(editDistance('vritue', 'virtue', 2)).toBe(1);
    expect(editDistance('virtu', 'virtual', 2)).toBe(2);
    expect(editDistance('abc', 'xyzuvw', 2)).toBe(3);
  });

  it('offers close words by distance, then prefix, then frequency', () => {
    const words = ['the', 'virtual', 'virtue', 'virtues', 'vertu', 'moral'];
    expect(suggestSpellings('virtu', words)).toEqual(['virtue', 'vertu', 'virtual', 'virtues']);
  });

  it('offers nothing for an empty or hopeless word', () => {
    expect(suggestSpellings('', ['a'])).toEqual([]);
    expect(suggestSpellings('qqqqqqq', ['virtue', 'moral'])).toEqual([]);
  });
});
