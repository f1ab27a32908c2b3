import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaccard, sharedRows } from '../../../main/core/compare/compare-models';
import { Model } from '../../../main/core/model/model';
import type { StoredModel } from '../../../main/core/store/vector-blocks';

function model(name: string, words: string[]): Model {
  const stored = {
    row: { id: 1, name, dims: 2, word_count: words.length, source: '', format: '', imported_at: '', meta: '{}', vectors_file: null },
    words,
    norms: new Float32Array(words.length).fill(1),
    vectors: new Float32Array(words.length * 2),
  } satisfies StoredModel;
  return new Model(stored);
}

describe('comparing neighbourhoods', () => {
  it('jaccard is |A ∩ B| / |A ∪ B|, symmetric, 1 for equal sets and 0 for disjoint ones', () => {
    expect(jaccard([1, 2, 3], [3, 2, 1])).toBe(1);
    expect(jaccard([1, 2], [3, 4])).toBe(0);
    expect(jaccard([1, 2, 3, 4], [3, 4, 5, 6])).toBeCloseTo(2 / 6);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 10 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 10 }),
        (a, b) => {
          const j = jaccard(a, b);
          expect(j).toBe(jaccard(b, a));
          expect(j).toBeGreaterThanOrEqual(0);
          expect(j).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('shared words keep model A’s frequency order and map to each model’s rows', () => {
    const a = model('a', ['the', 'cat', 'sat', 'mat']);
    const b = model('b', ['mat', 'dog', 'cat', 'the', 'the']);
    const s = sharedRows(a, b);
    expect(s.words).toEqual(['the', 'cat', 'mat']);
    expect(Array.from(s.rowsA)).toEqual([0, 1, 3]);
    expect(Array.from(s.rowsB)).toEqual([3, 2, 0]);
  });
});
