import { describe, expect, it } from 'vitest';
import { Model } from '../../../main/core/model/model';
import { cosmulSearch } from '../../../main/core/search/cosmul';
import { exactScan } from '../../../main/core/search/exact-scan';
import { QuantizedIndex } from '../../../main/core/search/quantized-index';
import type { ResolvedTerm } from '../../../main/core/search/resolve-terms';
import type { StoredModel } from '../../../main/core/store/vector-blocks';

function seeded(seed: number) {
  return () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
}

/** A model of n random unit rows (words w0, w1, …), searched through the int8 index. */
function randomModel(n: number, d: number, seed: number): Model {
  const rnd = seeded(seed);
  const vectors = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (vectors[i * d + j] = rnd() * 2 - 1) ** 2;
    for (let j = 0; j < d; j++) vectors[i * d + j] /= Math.sqrt(s);
  }
  const words = Array.from({ length: n }, (_, i) => `w${i}`);
  const stored = { row: { name: 'random', dims: d }, words, vectors, norms: new Float32Array(n).fill(1) } as unknown as StoredModel;
  const model = new Model(stored);
  model.searcher = new QuantizedIndex(vectors, d);
  return model;
}

const term = (m: Model, row: number, weight: number): ResolvedTerm => ({
  text: m.words[row],
  matched: m.words[row],
  weight,
  phrase: false,
  row,
  inputRows: [row],
  vector: m.row(row),
});

/** gensim's formula, written out independently: prod((1+cos)/2) over positives / (prod over negatives + 1e-6). */
function referenceCosmul(m: Model, pos: number[], neg: number[], k: number, limit: number) {
  const cos = (i: number, r: number) => {
    let s = 0;
    for (let j = 0; j < m.dims; j++) s += m.vectors[i * m.dims + j] * m.vectors[r * m.dims + j];
    return (1 + s) / 2;
  };
  const scores: { index: number; score: number }[] = [];
  for (let i = 0; i < limit; i++) {
    if (pos.includes(i) || neg.includes(i)) continue;
    const num = pos.reduce((p, r) => p * cos(i, r), 1);
    const den = neg.reduce((p, r) => p * cos(i, r), 1);
    scores.push({ index: i, score: num / (den + 1e-6) });
  }
  return scores.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
}

describe('3CosMul through the int8 pre-scan', () => {
  it.each([
    [5000, 32, 1],
    [20000, 100, 2],
  ])('equals a plain scan of gensim’s formula (%i × %i)', (n, d, seed) => {
    const m = randomModel(n, d, seed);
    const rnd = seeded(seed + 10);
    for (let q = 0; q < 20; q++) {
      const [a, b, c] = [0, 1, 2].map(() => Math.floor(rnd() * n));
      if (new Set([a, b, c]).size < 3) continue;
      const limit = q % 2 ? n : Math.floor(n * 0.7);
      const got = cosmulSearch(m, [term(m, b, 1), term(m, a, -1), term(m, c, 1)], 10, new Set([a, b, c]), limit);
      const ref = referenceCosmul(m, [b, c], [a], 10, limit);
      expect(got.map((h) => h.index)).toEqual(ref.map((h) => h.index));
      got.forEach((h, i) => expect(Math.abs(h.score - ref[i].score)).toBeLessThan(1e-9));
    }
    (m.searcher as QuantizedIndex).dispose();
  });

  it('agrees with the plain path when the model has no pre-scan', () => {
    const m = randomModel(3000, 16, 5);
    const terms = [term(m, 10, 1), term(m, 20, -1), term(m, 30, 1)];
    const fast = cosmulSearch(m, terms, 10, new Set([10, 20, 30]));
    (m.searcher as QuantizedIndex).dispose();
    m.searcher = { search: (q, k, ex, limit) => exactScan(m.vectors, m.dims, q, k, ex, limit) };
    const plain = cosmulSearch(m, terms, 10, new Set([10, 20, 30]));
    expect(fast.map((h) => h.index)).toEqual(plain.map((h) => h.index));
  });
});

describe('restricted exact search', () => {
  it('returns the top k among the first rows only, as a plain scan of them', () => {
    const m = randomModel(30000, 50, 9);
    const rnd = seeded(3);
    for (let q = 0; q < 30; q++) {
      const row = Math.floor(rnd() * m.size);
      const limit = 1 + Math.floor(rnd() * m.size);
      const got = m.searcher.search(m.row(row), 8, -1, limit);
      const ref = exactScan(m.vectors, m.dims, m.row(row), 8, -1, limit);
      expect(got.map((h) => h.index)).toEqual(ref.map((h) => h.index));
      for (const h of got) expect(h.index).toBeLessThan(limit);
    }
    (m.searcher as QuantizedIndex).dispose();
  });

  it('answers a batch of queries exactly as one plain scan each', () => {
    const m = randomModel(30000, 100, 4);
    const rnd = seeded(8);
    const queries = Array.from({ length: 70 }, () => m.row(Math.floor(rnd() * m.size)));
    const limit = 25000;
    const got = (m.searcher as QuantizedIndex).searchBatch(queries, 8, limit);
    expect(got).toHaveLength(70);
    queries.forEach((q, b) => {
      const ref = exactScan(m.vectors, m.dims, q, 8, -1, limit);
      expect(got[b].map((h) => h.index)).toEqual(ref.map((h) => h.index));
      got[b].forEach((h, i) => expect(h.score).toBe(ref[i].score));
    });
    (m.searcher as QuantizedIndex).dispose();
  });
});
