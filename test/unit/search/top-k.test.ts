import { describe, expect, it } from 'vitest';
import { TopK } from '../../../main/core/search/top-k';

describe('TopK', () => {
  it('keeps the k best, best first, ties to the lower index', () => {
    const top = new TopK(3);
    const scores = [0.1, 0.9, 0.5, 0.9, 0.7, 0.5];
    scores.forEach((s, i) => top.push(i, s));
    expect(top.sorted()).toEqual([
      { index: 1, score: 0.9 },
      { index: 3, score: 0.9 },
      { index: 4, score: 0.7 },
    ]);
  });

  it('prefers the lower index among equal scores even when it arrives last', () => {
    const top = new TopK(2);
    [5, 4, 3, 2, 1, 0].forEach((i) => top.push(i, 1));
    expect(top.sorted().map((e) => e.index)).toEqual([0, 1]);
  });

  it('agrees with a full sort on random input', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const scores = Array.from({ length: 5000 }, () => Math.round(rnd() * 200) / 200);
    const top = new TopK(25);
    scores.forEach((s, i) => top.push(i, s));
    const expected = scores
      .map((score, index) => ({ index, score }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 25);
    expect(top.sorted()).toEqual(expected);
  });

  it('reports -Infinity as threshold until full', () => {
    const top = new TopK(2);
    top.push(0, 0.3);
    expect(top.threshold).toBe(-Infinity);
    top.push(1, 0.2);
    expect(top.threshold).toBe(0.2);
  });
});
