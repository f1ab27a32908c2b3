import { describe, expect, it } from 'vitest';
import { topPoints } from '../../../main/core/export/export-data';
import { sortIndicesBy } from '../../../main/core/export/sort-indices';
import { rng } from './fixtures';

describe('index ordering helpers', () => {
  it('sortIndicesBy orders like a comparator sort, ties by index, both directions', () => {
    const r = rng(9);
    const keys = Float32Array.from({ length: 5000 }, () => Math.floor(r() * 100) / 7 - 3);
    const subset = Array.from({ length: 5000 }, (_, i) => i).filter((i) => i % 3 !== 0);
    const asc = subset.slice().sort((a, b) => keys[a] - keys[b] || a - b);
    const desc = subset.slice().sort((a, b) => keys[b] - keys[a] || a - b);
    expect(Array.from(sortIndicesBy(keys, subset))).toEqual(asc);
    expect(Array.from(sortIndicesBy(keys, subset, true))).toEqual(desc);
    expect(Array.from(sortIndicesBy([5, 5, 5], [2, 0, 1]))).toEqual([0, 1, 2]);
  });

  it('sortIndicesBy keeps indices intact beyond 131,072 points (maps of 200,000 words)', () => {
    const r = rng(14);
    const n = 200_100;
    const keys = Float32Array.from({ length: n }, () => Math.floor(r() * 1000));
    const all = Array.from({ length: n }, (_, i) => i);
    const asc = all.slice().sort((a, b) => keys[a] - keys[b] || a - b);
    const got = sortIndicesBy(keys, all);
    expect(new Set(got).size).toBe(n);
    expect(Array.from(got)).toEqual(asc);
    expect(got[0]).toBe(asc[0]);
  });

  it('topPoints keeps the k most similar, skipping the query and unknowns', () => {
    const sim = Float32Array.from([0.1, 0.9, NaN, 0.5, 0.9, 0.95, 0.2]);
    expect(Array.from(topPoints(sim, 3, 5))).toEqual([1, 4, 3]);
    expect(Array.from(topPoints(sim, 10, -1))).toEqual([5, 1, 4, 3, 6, 0]);
  });
});
